"""Turn ``SEARCH_URL`` into haystack's connection settings (imported by config/settings.py; no Django here)."""

from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def search_connection(url: str, data_dir: Path) -> dict:
    """Whoosh under ``data_dir/search/index`` when ``url`` is empty; else Elasticsearch at ``url``.

    An Elasticsearch URL names the alias every process reads and writes through as its path:
    ``http://es:9200/replies`` (``search.elasticsearch``).
    """
    if not url:
        return {"ENGINE": "search.backend.ChineseWhooshEngine", "PATH": str(Path(data_dir) / "search" / "index")}
    parts = urlsplit(url)
    index_name = parts.path.strip("/") or "replies"
    return {
        "ENGINE": "search.elasticsearch.backend.ElasticsearchEngine",
        "URL": urlunsplit((parts.scheme, parts.netloc, "", "", "")),
        "INDEX_NAME": index_name,
    }
