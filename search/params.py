"""A search's parameters as a request carries them: read leniently, capped, and written back as URLs.

Only whitelisted parameters are read (``search.facets.FILTERS``, openparliament's ALLOWABLE_FILTERS);
anything malformed is ignored, never an error. ``SearchParams.url`` is the one place a search's query
string is made: facet links, paging, sorting, feeds and exports all change some parameters of one search.
"""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.http import QueryDict

from search.facets import FILTERS
from search.querylang import CONTROL_CHARACTERS

MAX_FILTER_VALUES = 10  # per filter: its values are ORed; a long list of them is a different search
MAX_PAGE = 10_000


@dataclass
class SearchParams:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "relevance"  # or "date"
    page: int = 1
    bad_dates: tuple[str, ...] = ()  # what was given as a date and is none (2024-13-01): ignored, and said

    @classmethod
    def of_filter(cls, name: str, value: str) -> "SearchParams":
        """The search listing what one page lists: an agency's, a proposer's or a place's replies."""
        return cls(filters={name: [value]})

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
        given_dates = {key: CONTROL_CHARACTERS.sub("", data.get(key) or "").strip()[:20]
                       for key in ("date_from", "date_to")}
        dates = {key: _date_or_none(value) for key, value in given_dates.items()}
        return cls(
            q=CONTROL_CHARACTERS.sub("", data.get("q", "")[:2_000]),
            filters=filters,
            date_from=dates["date_from"],
            date_to=dates["date_to"],
            sort="date" if data.get("sort") == "date" else "relevance",
            page=page,
            bad_dates=tuple(value for key, value in given_dates.items() if value and dates[key] is None),
        )

    @property
    def contradictions(self) -> list[str]:
        """Why no reply can meet these filters together, in words: a date range that ends before it starts, or
        years all outside it. Answered without asking the index. (Two values of one filter are either, not both.)"""
        found = []
        if self.date_from and self.date_to and self.date_from > self.date_to:
            found.append(f"起始日期 {self.date_from} 晚于截止日期 {self.date_to}")
        years = self.filters.get("year", ())
        if years and (self.date_from or self.date_to) and not any(map(self._year_within_dates, years)):
            span = f"{self.date_from or '…'} 至 {self.date_to or '…'}"
            found.append(f"所选年份（{'、'.join(years)}）都不在日期范围 {span} 之内")
        return found

    @property
    def contradictory(self) -> bool:
        return bool(self.contradictions)

    def _year_within_dates(self, year: str) -> bool:
        if not (year.isascii() and year.isdigit()):  # 未注明, or "²" (whose isdigit() is true and int() fails)
            return False
        return not ((self.date_from and int(year) < self.date_from.year) or
                    (self.date_to and int(year) > self.date_to.year))

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

    def adding(self, name: str):
        """A function giving the URL of these parameters with one more value of filter ``name`` (page 1): one base
        URL for all of a facet's values, where hundreds of calls to ``url`` cost a long facet's page 0.1 s."""
        base = self.url(page=None)
        joiner = "&" if len(base) > 1 else ""
        return lambda value: f"{base}{joiner}{urlencode({name: value})}"

    def without(self, name: str, value: str) -> dict[str, list[str]]:
        """The filters less one value."""
        filters = {k: [v for v in vs if not (k == name and v == value)] for k, vs in self.filters.items()}
        return {k: vs for k, vs in filters.items() if vs}


def _date_or_none(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value.strip()) if value else None
    except ValueError:
        return None
