"""What a visitor reads: a reply's commitments, an agency's and a place's due ones, a delegate's proposals."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = pytest.mark.django_db


def test_the_reply_page_lists_each_commitment_with_its_due_date_and_whether_it_is_past(client, ziyang):
    response = client.get(ziyang.get_absolute_url())
    assertContains(response, "承诺事项（3 项）")
    assertContains(response, "2024年底前实现心理健康教师全覆盖")
    past, open_ = "past-due\">已到期</span>", "open\">未到期</span>"
    assertContains(response, f'期限：2024年底前（2024年12月31日） · <span class="commitment-state {past}')
    assertContains(response, f'期限：明年6月底前（2025年6月30日） · <span class="commitment-state {open_}')
    assertContains(response, "加强家校协同育人。</p>")
    assertContains(response, "未写明期限")
    assertNotContains(response, "重点做好以下工作：</p>")  # the list's introduction is no commitment


def test_another_citys_reply_page_lists_its_numbered_items_under_their_headings(client, cixi):
    response = client.get(cixi.get_absolute_url())
    assertContains(response, "承诺事项（2 项）")
    assertContains(response, "制定配置指引<br>下学期出台全市中小学午休设施配置指引。")
    assertContains(response, "期限：下学期（2025年1月31日）")
    assertContains(response, "期限：用三年时间（2027年5月20日）")


def test_a_reply_without_next_steps_shows_no_commitments_section(client, make_reply):
    reply = make_reply(agency="眉山市教育局", title="关于校园安全的建议")
    assertNotContains(client.get(reply.get_absolute_url()), "承诺事项")


def test_an_agency_page_lists_its_open_commitments_and_those_past_due_but_no_other_agencys(client, ziyang, cixi):
    response = client.get(ziyang.agency.get_absolute_url())
    assertContains(response, "未到期（1 项，按期限先后）")
    assertContains(response, "已到期（1 项，最近到期的在前）")
    assertContains(response, "明年6月底前建成市心理辅导中心")
    assertContains(response, f'<a href="{ziyang.get_absolute_url()}#commitments">')
    assertNotContains(response, "午休设施配置指引")
    assertNotContains(response, "加强家校协同育人")  # undated: in no list of due dates


def test_a_place_page_lists_its_agencies_open_commitments_soonest_first(client, ziyang, cixi, make_reply):
    make_reply(agency="资阳市卫生健康委员会", title="关于基层心理门诊的建议", date="2024-07-01",
               next_steps="下一步，我委将于2025年4月底前在各县区医院开设心理门诊。")
    text = client.get("/places/512000/").content.decode()
    assert text.index("2025年4月30日") < text.index("2025年6月30日")
    assert "未到期（2 项" in text and "午休" not in text


def test_a_delegates_page_lists_proposals_by_session_with_result_class_and_commitments(client, ziyang):
    person = ziyang.proposal.proposer_links.get().person
    response = client.get(person.get_absolute_url())
    assertContains(response, "建议提案（按会议）")
    assertContains(response, "<h3>资阳市·市政协五届四次会议</h3>", html=True)
    assertContains(response, "第0070号 《关于加强学生心理健康教育的建议》")
    assertContains(response, "办理结果：已解决/基本解决 · 承诺 3 项（未到期 1 项，已到期 1 项）")
    assertContains(response, "明年6月底前建成市心理辅导中心")  # the commitments made to them, due ones listed


def test_a_personal_number_in_a_commitment_is_masked(client, make_reply):
    reply = make_reply(agency="资阳市民政局", title="关于养老服务的建议",
                       next_steps="下一步，我局将于年底前开通养老服务热线13912345678。")
    response = client.get(reply.get_absolute_url())
    assertContains(response, "139****5678")
    assertNotContains(response, "13912345678")


def test_the_pages_read_commitments_in_a_fixed_number_of_queries(client, make_reply):
    def promise(n):
        return make_reply(agency="遂宁市发展和改革委员会", title=f"关于示范区项目{n}的建议", proposers=("王强",),
                          session="市八届人大四次会议", date="2024-06-18", result_class="B",
                          next_steps=f"一是2024年底前完成项目{n}；二是明年6月底前建成配套{n}。")

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    first = promise(1)
    person = first.proposal.proposer_links.get().person
    urls = [first.agency.get_absolute_url(), person.get_absolute_url(), "/places/510900/"]
    few = [queries(url) for url in urls]
    for n in range(2, 6):
        promise(n)
    assert [queries(url) for url in urls] == few


def test_the_reply_page_reads_its_commitments_once(client, ziyang):
    # The 下一步 part and the list under it show the same commitments: one query of them, not one each.
    with CaptureQueriesContext(connection) as captured:
        assertContains(client.get(ziyang.get_absolute_url()), "承诺事项（3 项）")
    reads = [query["sql"] for query in captured if 'FROM "commitments_commitment"' in query["sql"]]
    assert len(reads) == 1, reads


def test_the_lists_of_commitments_read_no_letter_texts(client, ziyang, make_reply):
    make_reply(agency=ziyang.agency.name, title="关于心理辅导中心运行的建议", proposers=("罗大成",), role="委员",
               session="市政协五届四次会议", number="0070", date="2025-01-10", next_steps="下一步，我局将继续推进。")
    for url in (ziyang.agency.get_absolute_url(), ziyang.get_absolute_url()):
        with CaptureQueriesContext(connection) as captured:
            assertContains(client.get(url), "后续答复")
        lists = [query["sql"] for query in captured if 'FROM "commitments_commitment"' in query["sql"]]
        assert lists and not [sql for sql in lists if "_text" in sql or "next_steps" in sql], lists
