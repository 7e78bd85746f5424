"""``/data/``: the latest bulk dataset (``manage.py export_dataset``), and its download."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render

from archive.dataset import LICENCE, dump_path, latest_dump


def data_page(request):
    return render(request, "archive/data.html", {"dump": latest_dump(settings.DATASET_DIR), "licence": LICENCE})


def dataset_download(request, day):
    # The file's name is made from the date in the URL, never from the request's text.
    path = dump_path(settings.DATASET_DIR, day)
    if path is None:
        raise Http404("没有这一天的数据集。")
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name, content_type="application/zip")
