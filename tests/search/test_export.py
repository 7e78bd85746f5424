"""Every match of a search as a file: what a journalist's script or spreadsheet gets from /search/export/.

45 letters on 心理健康 from three cities (more than two pages of results) are pulled as CSV and read
with pandas, as XLSX and read with openpyxl; from the search page and from an agency's, a proposer's
and a place's page.
"""

import io
import re
from urllib.parse import parse_qs

import openpyxl
import pandas
import pytest
from pytest_django.asserts import assertContains

from archive.models import Agency, Person, Place
from search.executor import SearchUnavailable

CITIES = {"资阳市": "512000", "眉山市": "511400", "慈溪市": "330282"}
PER_CITY = 15
WORD = "心理"


@pytest.fixture
def letters(make_reply, indexed):
    with indexed():
        return [
            make_reply(title=f"关于{city}中小学{WORD}健康教育第{n}项的建议", agency=f"{city}教育局",
                       proposers=(f"{city[0]}代表{n}", "周敏"), date=f"2024-{n % 12 + 1:02d}-{n + 1:02d}",
                       result_class="B", result_label="【B】", next_steps=f"下一步，{city}将持续推进{WORD}健康工作。")
            for city in CITIES for n in range(PER_CITY)
        ]


def download(client, **query):
    response = client.get("/search/export/", query)
    assert response.status_code == 200, response.content[:300]
    return response, b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(body: bytes) -> pandas.DataFrame:
    return pandas.read_csv(io.BytesIO(body), dtype=str, keep_default_na=False)


def read_xlsx(body: bytes, sheet="答复") -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(body))[sheet].iter_rows(values_only=True))


def test_a_script_pulls_every_match_as_csv_and_pandas_reads_the_chinese(client, letters):
    response, body = download(client, q=WORD, format="csv")

    table = read_csv(body)

    assert body.startswith("\ufeff".encode())  # Excel and WPS then read UTF-8
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert len(table) == 3 * PER_CITY  # every match, not the 20 of one page
    assert set(table["答复单位"]) == {f"{city}教育局" for city in CITIES}
    assert set(table["区划代码"]) == set(CITIES.values())
    assert sorted(map(int, table["答复编号"])) == sorted(reply.pk for reply in letters)
    first = table[table["答复编号"] == str(letters[0].pk)].iloc[0]
    assert first["建议提案标题"] == f"关于资阳市中小学{WORD}健康教育第0项的建议"
    assert first["地区"] == "四川省 › 资阳市"
    assert first["提出人"] == "资代表0（代表）、周敏（代表）"
    assert first["链接"] == f"http://testserver/replies/{letters[0].pk}/"
    assert first["人大/政协"] == "人大"
    assert first["答复日期"] == "2024-01-01"
    assert (first["办理结果分类"], first["办理结果（原文）"]) == ("正在解决", "【B】")
    assert first["下一步工作"] == f"下一步，资阳市将持续推进{WORD}健康工作。"
    assert first["主题词"] == "、".join(letters[0].keywords) != ""


def test_the_csv_is_in_the_searchs_order(client, letters):
    _, body = download(client, q=WORD, sort="date", format="csv")

    dates = list(read_csv(body)["答复日期"])

    assert dates == sorted(dates, reverse=True)


def test_the_file_is_named_after_the_search_and_the_day_in_rfc_5987(client, letters):
    response, _ = download(client, q=WORD, format="xlsx")

    assert re.fullmatch(r"attachment; filename\*=utf-8''%E7%AD%94%E5%A4%8D%E6%A3%80%E7%B4%A2_\d{4}-\d\d-\d\d\.xlsx",
                        response["Content-Disposition"])


def test_the_xlsx_holds_the_same_rows(client, letters):
    _, body = download(client, q=WORD, format="xlsx")

    header, *rows = read_xlsx(body)

    assert header[:3] == ("答复编号", "链接", "人大/政协")
    assert len(rows) == 3 * PER_CITY
    assert {row[header.index("答复单位")] for row in rows} == {f"{city}教育局" for city in CITIES}
    assert all(row[header.index("答复日期")].startswith("2024-") for row in rows)  # ISO: sorts as dates do
    assert all(isinstance(row[0], int) for row in rows)  # ids are numbers


@pytest.mark.parametrize("page", ["agency", "proposer", "place"])
def test_an_agency_proposer_or_place_page_exports_its_own_replies(client, letters, page):
    of_page = {
        "agency": lambda: Agency.objects.get(name="眉山市教育局").get_absolute_url(),
        "proposer": lambda: Person.objects.get(name="眉代表3").get_absolute_url(),
        "place": lambda: Place.objects.get(code=CITIES["眉山市"]).get_absolute_url(),
    }[page]()
    html = client.get(of_page).content.decode()
    link = re.search(r'href="(/search/export/\?[^"]*format=csv[^"]*)"', html)[1].replace("&amp;", "&")

    response = client.get(link)
    table = read_csv(b"".join(response.streaming_content))

    assert set(table["答复单位"]) == {"眉山市教育局"}
    assert len(table) == (1 if page == "proposer" else PER_CITY)


def test_the_search_page_links_the_export_of_the_same_search(client, letters):
    html = client.get("/search/", {"q": WORD, "agency": "资阳市教育局", "page": "2"}).content.decode()

    link = re.search(r'href="/search/export/\?([^"]*format=xlsx[^"]*)"', html)[1].replace("&amp;", "&")

    assert parse_qs(link) == {"q": [WORD], "agency": ["资阳市教育局"], "format": ["xlsx"]}


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(client, make_reply, indexed):
    with indexed():
        reply = make_reply(title='=HYPERLINK("http://evil.example","心理健康")', proposers=("@周敏",),
                           next_steps="-1+1 心理健康")

    _, csv_body = download(client, q=WORD, format="csv")
    _, xlsx_body = download(client, q=WORD, format="xlsx")

    row = read_csv(csv_body).iloc[0]
    header, cells = read_xlsx(xlsx_body)
    assert row["答复编号"] == str(reply.pk)
    assert row["建议提案标题"] == '\'=HYPERLINK("http://evil.example","心理健康")'
    assert row["下一步工作"] == "'-1+1 心理健康"
    assert cells[header.index("建议提案标题")].startswith("'=")
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_body))
    assert all(cell.data_type != "f" for row in workbook["答复"].iter_rows() for cell in row)


def test_personal_numbers_are_masked_in_every_cell(client, make_reply, indexed):
    with indexed():
        make_reply(title=f"关于{WORD}热线13912345678的建议",
                   next_steps="联系人手机13812345678，身份证510102199001011234。")

    _, csv_body = download(client, q=WORD, format="csv")
    _, xlsx_body = download(client, q=WORD, format="xlsx")

    text = csv_body.decode("utf-8-sig")
    assert "139****5678" in text and "138****5678" in text and "510102********1234" in text
    for body in (text, str(read_xlsx(xlsx_body))):
        assert "13912345678" not in body and "13812345678" not in body and "199001011234" not in body


def test_past_the_cap_the_file_says_how_many_were_left_out(client, letters, settings):
    settings.SEARCH_EXPORT_MAX_ROWS = 10

    response, csv_body = download(client, q=WORD, format="csv")
    _, xlsx_body = download(client, q=WORD, format="xlsx")

    table = read_csv(csv_body)
    message = "（仅导出前 10 条，共 45 条；请缩小检索范围）"
    assert len(table) == 11 and table.iloc[-1]["答复编号"] == message
    assert response["X-Export-Truncated"] == "true" and response["X-Export-Total"] == "45"
    assert read_xlsx(xlsx_body)[-1][0] == message
    assert read_xlsx(xlsx_body, sheet="说明") == [(message,)]


def test_a_complete_file_has_no_note(client, letters):
    response, body = download(client, q=WORD, format="csv")

    assert "（" not in read_csv(body).iloc[-1]["答复编号"]
    assert response["X-Export-Truncated"] == "false"


def test_a_search_that_finds_nothing_gives_a_file_that_says_so(client, letters):
    _, body = download(client, q="潮汐发电站", format="csv")

    assert list(read_csv(body)["答复编号"]) == ["（没有符合检索条件的公开答复）"]


def test_a_search_out_of_time_says_the_file_may_be_incomplete(client, letters, settings):
    settings.SEARCH_EXPORT_TIME_BUDGET_SECONDS = 0  # past the deadline before the first document

    _, body = download(client, q=WORD, format="csv")

    assert "检索超时" in read_csv(body).iloc[-1]["答复编号"]


HOSTILE = {
    "bad filters": {"year": ["abc", "²"], "result": "<script>", "place": "999999", "selected_facets": "x:y"},
    "absurd page and limit": {"page": "-99999999999999999999", "limit": "10000000", "per_page": "0"},
    "a 2 KB query": {"q": "心理" * 1024},
    "control characters": {"q": "\x00\x1f心理", "agency": "\x00"},
    "bad dates": {"date_from": "2024-99-99", "date_to": "明天"},
    "fifty agencies": {"agency": [f"第{n}局" for n in range(50)]},
}


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_hostile_parameters_give_a_file_never_an_error(client, letters, case, kind):
    response = client.get("/search/export/", {**HOSTILE[case], "format": kind})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_an_unknown_format_is_told_in_chinese(client, db):
    response = client.get("/search/export/", {"q": WORD, "format": "exe"})

    assert response.status_code == 400
    assert "只能导出 CSV" in response.content.decode()


def test_exports_are_rate_limited_apart_from_the_api(client, db, settings):
    settings.SEARCH_EXPORT_RATE_LIMIT = 2

    statuses = [client.get("/search/export/", {"q": WORD}).status_code for _ in range(3)]
    refused = client.get("/search/export/", {"q": WORD})

    assert statuses == [200, 200, 429]
    assert "导出过于频繁" in refused.content.decode() and refused["Retry-After"] == "60"
    assert client.get("/api/search/", {"q": WORD}).status_code == 200


def test_with_the_search_engine_down_the_export_says_so(client, db, monkeypatch):
    def down(params, limit):
        raise SearchUnavailable("connection refused")

    monkeypatch.setattr("search.export_views.every_match", down)

    response = client.get("/search/export/", {"q": WORD})

    assert response.status_code == 503
    assertContains(response, "检索服务暂时无法连接", status_code=503)
