"""The index's settings and fields: what the cluster is told when a rebuild (or the first write) creates an index.

Chinese is cut by the IK plugin: ``ik_max_word`` when indexing (every dictionary word and its sub-words, so
心理 finds 心理健康教育, as the Whoosh index adds sub-words) and ``ik_smart`` when querying (whole words).
IK gives each of a word's overlapping sub-words a position of its own, so a phrase cannot be matched on
those: ``text.phrase`` holds the same text cut by ``ik_smart`` alone, and quoted phrases are matched there.
``SEARCH_ANALYZER=smartcn`` chooses the smartcn plugin instead (no extension dictionary, no sub-words).

``sections`` (each numbered section's masked text) is there for highlighting only: the executor learns
from it which words matched; the excerpts a visitor reads are cut from the database's sections
(``search.excerpts``), which keeps each excerpt's section anchor and the masking of personal numbers.

Facet and filter fields are ``keyword`` fields named as in the Whoosh index (``agency_exact`` …), so one
request builder serves both. ``dynamic: strict``: a document with a field this mapping lacks is refused
(and stays queued) rather than indexed under a guessed type.
"""

from django.conf import settings

# Analyzer when indexing, analyzer when querying.
ANALYZERS: dict[str, tuple[str, str]] = {"ik": ("ik_max_word", "ik_smart"), "smartcn": ("smartcn", "smartcn")}
# Deep pages: params.MAX_PAGE pages of 20. From + size past this is refused by the cluster.
MAX_RESULT_WINDOW = 200_000

KEYWORD_FIELDS = (
    "django_ct", "body_exact", "agency_exact", "place_exact", "year_exact", "proposer_exact", "proposer_name_exact",
    "role_exact", "session_exact", "result_exact", "commitment_exact", "number_exact", "session_key_exact", "keywords",
)
TEXT = "text"
PHRASE_TEXT = "text.phrase"
SECTIONS = "sections"


def analyzer_name() -> str:
    """The configured analysis (``settings.SEARCH_ANALYZER``): ik unless smartcn is chosen."""
    name = getattr(settings, "SEARCH_ANALYZER", "ik")
    if name not in ANALYZERS:
        raise ValueError(f"SEARCH_ANALYZER must be one of {', '.join(ANALYZERS)}, not {name!r}")
    return name


def index_body(analyzer: str = "ik") -> dict:
    """The create-index body: settings and mappings for ``analyzer`` (a key of ``ANALYZERS``)."""
    indexing, querying = ANALYZERS[analyzer]
    # Offsets in the postings: the highlighter reads them instead of re-analysing whole letters.
    text = {"type": "text", "analyzer": indexing, "search_analyzer": querying, "index_options": "offsets"}
    properties = {name: {"type": "keyword"} for name in KEYWORD_FIELDS}
    properties.update({
        "django_id": {"type": "long"},  # numeric: the tie-break of every order, and search_after's key
        TEXT: {**text, "fields": {"phrase": {"type": "text", "analyzer": querying}}},
        SECTIONS: text,
        "date": {"type": "date", "format": "strict_date_optional_time"},
        "updated": {"type": "keyword", "index": False, "doc_values": False},  # kept, never searched
    })
    return {
        "settings": {"index": {"max_result_window": MAX_RESULT_WINDOW}},
        "mappings": {"dynamic": "strict", "properties": properties},
    }


def field_names() -> frozenset[str]:
    """The fields a document may carry (others that haystack prepares, such as the facets' twins, are left out)."""
    return frozenset(index_body()["mappings"]["properties"])
