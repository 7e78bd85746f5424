"""A search's parameters as a request carries them: read leniently, capped, and written back as URLs.

Only whitelisted parameters are read (``search.facets.FILTERS``, openparliament's ALLOWABLE_FILTERS);
anything malformed is ignored, never an error. ``SearchParams.url`` is the one place a search's query
string is made: facet links, paging, sorting, feeds and exports all change some parameters of one search.
"""

from dataclasses import dataclass, field
from datetime import date

from django.http import QueryDict

from search.facets import FILTERS, MULTI_VALUED
from search.querylang import CONTROL_CHARACTERS

MAX_FILTER_VALUES = 5  # per filter: values of one filter are ANDed, so more could only narrow to nothing
MAX_PAGE = 10_000


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"  # or "date"
    page: int = 1

    @classmethod
    def from_querydict(cls, data: QueryDict) -> "SearchParams":
        """Read only whitelisted parameters; anything malformed is ignored, never an error."""
        given = [(name, value) for name in FILTERS for value in data.getlist(name)]
        # haystack-style selected_facets=agency_exact:慈溪市教育局:
        # the same filters, cleaned and capped alike
        given += [
            item.partition(":")[::2] for item in data.getlist("selected_facets")[:MAX_FILTER_VALUES * len(FILTERS)]
        ]
        filters: dict[str, list[str]] = {}
        for name, value in given:
            name, value = name.removesuffix("_exact"), CONTROL_CHARACTERS.sub("", value).strip()[:100]
            if (
                name in FILTERS and value and value not in filters.get(name, ())
                and len(filters.get(name, ())) < MAX_FILTER_VALUES
            ):
                filters.setdefault(name, []).append(value)
        try:
            page = max(1, min(int(data.get("page", 1)), MAX_PAGE))
        except (TypeError, ValueError):
            page = 1
        return cls(
            q=CONTROL_CHARACTERS.sub("", data.get("q", "")[:2_000]),
            filters=filters,
            date_from=_date_or_none(data.get("date_from")),
            date_to=_date_or_none(data.get("date_to")),
            sort="date" if data.get("sort") == "date" else "relevance",
            page=page,
        )

    @property
    def contradictory(self) -> bool:
        """Filters no reply can meet together: two values of a single-valued filter (two years, two agencies),
        a date range that ends before it starts, or a year outside it. Answered without asking the index."""
        if any(len(values) > 1 for name, values in self.filters.items() if name not in MULTI_VALUED):
            return True
        if self.date_from and self.date_to and self.date_from > self.date_to:
            return True
        for year in self.filters.get("year", ()):
            if not (year.isascii() and year.isdigit()):  # "²".isdigit() is true, and int("²") fails
                return True
            if (self.date_from and int(year) < self.date_from.year) or (self.date_to and int(year) > self.date_to.year):
                return True
        return False

    def url(self, *, path: str = "", filters: dict[str, list[str]] | None = None, **changes) -> str:
        """The URL of these parameters with some changed: the one place a search's query string is made.

        ``changes`` name q, sort, date_from, date_to, page or a filter (a value, a list of values, or None to
        remove it); ``filters`` replaces all filters. ``path`` is the page's path ("" keeps the current one)."""
        chosen = dict(self.filters if filters is None else filters)
        values = {"q": self.q, "sort": self.sort if self.sort != "relevance" else None,
                  "date_from": self.date_from.isoformat() if self.date_from else None,
                  "date_to": self.date_to.isoformat() if self.date_to else None,
                  "page": self.page if self.page > 1 else None}
        for key, value in changes.items():
            if key in FILTERS:
                values_given = value if isinstance(value, list | tuple) else [] if value is None else [value]
                chosen[key] = [str(v) for v in values_given]
            else:
                values[key] = value
        query = QueryDict(mutable=True)
        for key, value in values.items():
            if value not in (None, ""):
                query[key] = str(value)
        for name, filter_values in chosen.items():
            if filter_values:
                query.setlist(name, filter_values)
        return f"{path}?{query.urlencode()}"

    def without(self, name: str, value: str) -> dict[str, list[str]]:
        """The filters less one value."""
        filters = {k: [v for v in vs if not (k == name and v == value)] for k, vs in self.filters.items()}
        return {k: vs for k, vs in filters.items() if vs}


def _date_or_none(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value else None
    except ValueError:
        return None
