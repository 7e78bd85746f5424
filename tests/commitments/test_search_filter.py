"""Search narrows to replies with dated commitments (下一步承诺：有期限承诺 / 无期限承诺)."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from archive.models import Reply

pytestmark = pytest.mark.usefixtures("search_index")


@pytest.fixture
def replies(make_reply, indexed):
    with indexed():
        dated = make_reply(agency="资阳市教育和体育局", title="关于心理辅导中心建设的建议",
                           next_steps="下一步，我局将于2025年底前建成市心理辅导中心。")
        undated = make_reply(agency="长春市教育局", title="关于心理健康教师培训的建议",
                             next_steps="下一步，我局将继续加强心理健康教师培训。")
        silent = make_reply(agency="慈溪市教育局", title="关于心理测评的建议")
        hidden = make_reply(agency="眉山市教育局", title="关于心理热线的建议", disclosure=Reply.Disclosure.ON_REQUEST,
                            next_steps="下一步，我局将于年底前开通心理热线。")
    return dated, undated, silent, hidden


def test_the_filter_keeps_only_replies_with_a_dated_commitment(client, replies):
    response = client.get("/search/", {"q": "心理", "commitment": "有期限承诺"})
    assertContains(response, "关于心理辅导中心建设的建议")
    for title in ["关于心理健康教师培训的建议", "关于心理测评的建议", "关于心理热线的建议"]:
        assertNotContains(response, title)


def test_the_other_value_keeps_the_replies_without_one(client, replies):
    response = client.get("/search/", {"q": "心理", "commitment": "无"})
    assertContains(response, "关于心理健康教师培训的建议")
    assertContains(response, "关于心理测评的建议")
    assertNotContains(response, "关于心理辅导中心建设的建议")


def test_the_facet_counts_each_value_among_public_replies(client, replies):
    response = client.get("/search/", {"q": "心理"})
    facet = next(facet for facet in response.context["results"].facets if facet.name == "commitment")
    assert {(value.label, value.count) for value in facet.values} == {("有期限承诺", 1), ("无期限承诺", 2)}


def test_editing_the_next_steps_moves_a_reply_between_the_values(client, replies, indexed):
    _, undated, _, _ = replies
    with indexed():
        undated.next_steps = "下一步，我局将于明年6月底前完成全员培训。"
        undated.save()
    response = client.get("/search/", {"commitment": "有期限承诺"})
    assertContains(response, "关于心理健康教师培训的建议")
