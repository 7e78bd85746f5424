from django import template

from alerts.forms import SubscribeForm
from alerts.saved_search import canonical, params_of
from search.params import SearchParams

register = template.Library()


@register.simple_tag(takes_context=True)
def subscribe_form(context) -> SubscribeForm:
    """The subscribe form for the search this page shows: an agency's, a proposer's or a place's own filter
    (the view's ``search_filter`` and ``search_value``), or the search page's own parameters."""
    if context.get("search_filter"):
        params = SearchParams.of_filter(context["search_filter"], str(context["search_value"]))
    else:
        params = params_of(context["request"].GET.urlencode())
    return SubscribeForm(initial={"query": canonical(params)}, label_suffix="")
