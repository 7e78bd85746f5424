"""The documentation at /api/: it renders, names every door and limit, and its examples work against the site."""

import html
import io
import re
import shlex
import urllib.request
from contextlib import redirect_stdout
from urllib.parse import parse_qsl, urlsplit

import pytest
from pytest_django.asserts import assertContains

pytestmark = pytest.mark.django_db

CODE = re.compile(r"<pre[^>]*><code(?: class=\"(?P<language>\w+)\")?>(?P<code>.*?)</code></pre>", re.DOTALL)


def examples(page: str, language: str | None = None) -> list[str]:
    return [html.unescape(m["code"]) for m in CODE.finditer(page) if m["language"] == language]


def curl_request(line: str) -> tuple[str, list[tuple[str, str]]]:
    """The path and the query parameters a curl command line of the documentation sends."""
    words = shlex.split(line)
    url = next(word for word in words if word.startswith("http"))
    data = [tuple(words[i + 1].split("=", 1)) for i, word in enumerate(words) if word in ("-d", "--data-urlencode")]
    return urlsplit(url).path, parse_qsl(urlsplit(url).query) + data


def test_the_documentation_names_every_door_parameter_and_limit(client, cities, settings):
    settings.SEARCH_API_RATE_LIMIT = 90

    response = client.get("/api/")

    assertContains(response, "<h1>开放接口（API）</h1>", html=True)
    for text in ["/api/v1/search/", "/api/v1/replies/&lt;id&gt;/", "/api/v1/proposals/&lt;id&gt;/",
                 "/api/v1/agencies/&lt;id&gt;/", "/api/v1/people/&lt;id&gt;/", "/api/v1/places/&lt;code&gt;/",
                 "<code>date_from</code>", "<code>proposer</code>", "<code>out_of_time</code>",
                 "<code>contradictory</code>", "<code>Retry-After</code>", "每分钟最多 90 次", "最长 200 字",
                 "版本承诺", "import urllib.request"]:
        assertContains(response, text)


def test_every_curl_example_answers_200_with_this_sites_records(client, cities):
    page = client.get("/api/").content.decode()
    lines = [line for code in examples(page) for line in code.splitlines() if line.startswith("curl ")]

    assert len(lines) == 6  # the search, and the newest reply, its proposal, agency, lead proposer and place
    for line in lines:
        path, params = curl_request(line)
        assert client.get(path, params).status_code == 200, line


def test_the_footer_leads_to_the_documentation(client, db):
    assertContains(client.get("/"), '<a href="/api/">开放接口（API）</a>', html=True)


def test_the_python_example_runs_against_the_live_site(live_server, cities):
    with urllib.request.urlopen(f"{live_server.url}/api/", timeout=30) as response:
        (program,) = examples(response.read().decode(), "python")
    printed = io.StringIO()

    with redirect_stdout(printed):
        exec(compile(program, "api-example.py", "exec"), {})

    lines = printed.getvalue().splitlines()
    assert lines[0] == "1 件"  # 教育 is in one of the two cities' replies
    assert lines[1] == "2024-06-28 资教体函〔2024〕70号 关于加强学生心理健康教育的建议"
    assert lines[2:] == ["   一 配齐心理健康教师", "   （一） 每校一名专职教师"]
