"""/stats/ and its CSV files: the numbers are the database's counts of public replies, and only of those."""

import csv
import io

import pytest
from bs4 import BeautifulSoup

from archive.models import Reply

ZIYANG, CHANGCHUN, XINYANG = "资阳市教育和体育局", "长春市教育局", "信阳市教育体育局"


@pytest.fixture
def archive(make_reply):
    """Replies of three cities over two years, 人大 and 政协, of several result classes; and two hidden ones."""
    def make(agency, date, result, role="委员", **fields):
        return make_reply(agency=agency, date=date, result_class=result, role=role,
                          title=f"关于{agency[:3]}{date[:4]}心理健康教育的建议", **fields)

    make(ZIYANG, "2023-05-10", "A")
    make(ZIYANG, "2024-06-12", "B")
    make(ZIYANG, "2024-07-01", "A", role="代表")
    make(CHANGCHUN, "2023-05-23", None, role="代表", result_label="办理结果：列入计划")
    make(CHANGCHUN, "2024-04-02", "A")
    make(XINYANG, "2024-07-02", "D")
    make(XINYANG, "2023-03-03", None, role="代表")
    # Hidden: a draft and a letter to be disclosed only on request, each of a year and agency the page shows.
    make(XINYANG, "2023-08-08", "A", publish=False)
    make(CHANGCHUN, "2024-09-09", "C", disclosure=Reply.Disclosure.ON_REQUEST)


def table(page: str, slug: str) -> dict[str, list[str]]:
    """A section's table as {row name: its cells' text}."""
    section = BeautifulSoup(page, "lxml").find("section", id=slug)
    return {row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.find_all("td")]
            for row in section.table.tbody.find_all("tr")}


def csv_rows(client, slug: str) -> list[list[str]]:
    response = client.get(f"/stats/{slug}.csv")
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())  # Excel and WPS read the Chinese right
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_replies_by_year_and_body_are_the_databases_counts_of_public_replies(client, archive):
    rows = table(client.get("/stats/").content.decode(), "years")

    public = Reply.objects.public()
    for year in (2023, 2024):
        of_year = public.filter(date__year=year)
        by_body = [str(of_year.filter(proposal__body=body).count()) for body in ("人大", "政协")]
        assert rows[str(year)] == by_body + [str(of_year.count())]
    assert rows == {"2023": ["2", "1", "3"], "2024": ["1", "3", "4"]}


def test_agencies_with_the_most_replies_count_only_public_ones(client, archive):
    rows = table(client.get("/stats/").content.decode(), "agencies")

    assert rows == {ZIYANG: ["3"], CHANGCHUN: ["2"], XINYANG: ["2"]}
    assert list(rows)[0] == ZIYANG  # the most replies first


def test_result_shares_per_agency_are_counts_and_percent_of_its_public_replies(client, archive):
    rows = table(client.get("/stats/").content.decode(), "results-by-agency")

    # 已解决/基本解决, 正在解决, 列入计划, 留作参考/暂不能解决, 未注明, 合计
    assert rows[ZIYANG] == ["2（66.7%）", "1（33.3%）", "0（0.0%）", "0（0.0%）", "0（0.0%）", "3"]
    assert rows[CHANGCHUN] == ["1（50.0%）", "0（0.0%）", "1（50.0%）", "0（0.0%）", "0（0.0%）", "2"]
    assert rows[XINYANG] == ["0（0.0%）", "0（0.0%）", "0（0.0%）", "1（50.0%）", "1（50.0%）", "2"]


def test_result_shares_per_year(client, archive):
    rows = table(client.get("/stats/").content.decode(), "results-by-year")

    assert rows["2024"] == ["2（50.0%）", "1（25.0%）", "0（0.0%）", "1（25.0%）", "0（0.0%）", "4"]
    assert rows["2024"][-1] == str(Reply.objects.public().filter(date__year=2024).count())


def test_agencies_past_the_first_ten_share_one_row_of_result_shares(client, make_reply):
    for n in range(12):
        for _ in range(12 - n):  # agency n has 12 - n replies: the two smallest are "the others"
            make_reply(agency=f"{'资阳市' if n % 2 else '长春市'}第{n + 1}局", result_class="A")

    rows = table(client.get("/stats/").content.decode(), "results-by-agency")

    assert len(rows) == 11
    assert rows["其他 2 个单位"][-1] == "3"  # 2 + 1 replies


def test_every_label_says_it_counts_the_public_replies_this_archive_holds(client, archive):
    page = BeautifulSoup(client.get("/stats/").content.decode(), "lxml")

    assert "不是历年提出的全部建议和提案" in page.find(class_="stats-scope").get_text()
    for figure in page.select("figure.row-chart"):
        assert "本档案收录的公开答复" in figure.figcaption.get_text()
    for caption in page.select("table caption"):
        assert "本档案收录的公开答复" in caption.get_text()


def test_hidden_replies_are_counted_nowhere(client, archive):
    page = client.get("/stats/").content.decode()

    text = BeautifulSoup(page, "lxml").get_text()
    assert "共 7 件" in " ".join(text.split())
    assert sum(int(cells[-1]) for cells in table(page, "years").values()) == 7
    for slug in ("years", "agencies", "results-by-year", "results-by-agency"):
        rows = csv_rows(client, slug)
        total_column = rows[0].index("合计") if "合计" in rows[0] else 1
        assert sum(int(row[total_column]) for row in rows[1:]) == 7, slug


def test_a_csv_opens_with_the_bom_and_holds_the_tables_rows(client, archive):
    rows = csv_rows(client, "results-by-agency")

    assert rows[0][:3] == ["答复单位", "已解决/基本解决（件）", "已解决/基本解决（%）"]
    assert rows[0][-1] == "合计"
    assert rows[1] == [ZIYANG, "2", "66.7", "1", "33.3", "0", "0.0", "0", "0.0", "0", "0.0", "3"]
    assert {row[0] for row in rows[1:]} == {ZIYANG, CHANGCHUN, XINYANG}


def test_a_csv_cell_never_starts_a_formula(client, make_reply):
    make_reply(agency="=HYPERLINK(\"http://x\")资阳市局")

    rows = csv_rows(client, "agencies")

    assert rows[1][0].startswith("'=")


def test_an_unknown_csv_is_not_found(client, archive):
    assert client.get("/stats/secrets.csv").status_code == 404


def test_an_empty_archive_says_there_is_no_data_yet(client, db, make_reply):
    make_reply(agency=XINYANG, publish=False)  # a draft is no data

    response = client.get("/stats/")

    assert response.status_code == 200
    assert "暂无数据" in response.content.decode()
    assert b"<svg viewBox" not in response.content
    assert client.get("/stats/years.csv").status_code == 404


def test_the_page_shows_a_change_to_the_archive_at_once(client, archive, make_reply):
    client.get("/stats/")  # cached

    make_reply(agency=CHANGCHUN, date="2024-10-10", result_class="A")

    assert table(client.get("/stats/").content.decode(), "agencies")[CHANGCHUN] == ["3"]


def test_the_counts_take_a_few_queries_once_and_none_again_until_a_change(
    client, archive, django_assert_max_num_queries
):
    # The change counter, two GROUP BYs, the compared years' keywords, the commitments' counts, the largest
    # repeat groups and their labels: none of them grows with the archive.
    with django_assert_max_num_queries(7):
        client.get("/stats/")
    with django_assert_max_num_queries(1):  # the change counter
        client.get("/stats/")


def test_topics_rising_and_falling_compare_the_last_two_complete_years(client, make_reply):
    from django.utils import timezone

    before, after = timezone.localdate().year - 2, timezone.localdate().year - 1
    words = {before: ["农村公路"] * 10 + ["心理健康"] * 2, after: ["农村公路"] * 2 + ["心理健康"] * 10}
    for year, keywords in words.items():
        for n, word in enumerate(keywords):
            reply = make_reply(agency=[ZIYANG, CHANGCHUN, XINYANG][n % 3], date=f"{year}-06-{n + 1:02d}")
            Reply.objects.filter(pk=reply.pk).update(keywords=[word])
    for n in range(12):  # hidden: their word would lead the rise
        reply = make_reply(agency=XINYANG, date=f"{after}-07-{n + 1:02d}", publish=False)
        Reply.objects.filter(pk=reply.pk).update(keywords=["隐藏主题"])
    for n in range(12):  # published but 依申请公开, as many: hidden as well
        reply = make_reply(agency=CHANGCHUN, date=f"{after}-08-{n + 1:02d}", disclosure=Reply.Disclosure.ON_REQUEST)
        Reply.objects.filter(pk=reply.pk).update(keywords=["依申请主题"])

    page = client.get("/stats/").content.decode()

    assert table(page, "topics") == {
        "心理健康": ["2（16.7%）", "10（83.3%）", "+66.7"],
        "农村公路": ["10（83.3%）", "2（16.7%）", "-66.7"],
    }
    rule = BeautifulSoup(page, "lxml").find("section", id="topics").find(class_="stat-rule").get_text()
    assert f"{before} 年和 {after} 年" in rule and "至少有 10 件答复" in rule
    assert csv_rows(client, "topics")[2] == ["农村公路", "10", "83.3", "2", "16.7", "-66.7"]


def test_topics_are_not_compared_on_too_few_replies(client, archive):
    page = client.get("/stats/").content.decode()

    assert BeautifulSoup(page, "lxml").find("section", id="topics") is None
    assert "暂不比较" in page


def test_commitments_made_dated_past_due_and_followed_up_count_public_replies_only(client, make_reply):
    from commitments.models import Commitment

    steps = "下一步，我局将重点做好以下工作：一是2024年底前实现心理健康教师全覆盖；二是加强家校协同育人。"
    make_reply(agency=ZIYANG, date="2024-06-28", next_steps=steps)
    make_reply(agency=CHANGCHUN, date="2023-05-23", next_steps="下一步，我局将于2023年底前完成全市心理辅导室建设。")
    make_reply(agency=XINYANG, date="2024-07-02", next_steps=steps, publish=False)
    make_reply(agency=CHANGCHUN, date="2024-08-08", next_steps=steps, disclosure=Reply.Disclosure.ON_REQUEST)

    rows = table(client.get("/stats/").content.decode(), "commitments")

    public = Commitment.objects.filter(reply__in=Reply.objects.public())
    assert rows["合计"][0] == str(public.count()) == "3"
    assert rows["合计"][1] == str(public.exclude(due=None).count()) == "2"
    assert rows["2024"][0] == "2" and rows["2023"][0] == "1"
    assert csv_rows(client, "commitments")[-1][:2] == ["合计", "3"]


def test_the_issues_raised_most_often_name_their_group_and_its_places(client, seed_replies):
    from django.core.management import call_command

    call_command("group_repeats", verbosity=0)

    rows = table(client.get("/stats/").content.decode(), "issues")

    assert list(rows.values())[0] == ["5", "5"]  # the five seeds: one issue, five places
