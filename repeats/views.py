from django.http import Http404
from django.shortcuts import get_object_or_404, render

from repeats.issues import repeats_of
from repeats.models import RepeatGroup


def group_detail(request, pk):
    # A group whose public proposals are fewer than two (the rest withdrawn or hidden) answers as a missing one.
    repeats = repeats_of(get_object_or_404(RepeatGroup, pk=pk))
    if repeats is None:
        raise Http404("没有这一组同类建议提案。")
    return render(request, "repeats/group_detail.html", {"repeats": repeats})
