"""A draft's or a 依申请公开 reply's commitments are on no public page and in no count."""

import csv
import io

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from archive.models import Reply

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(make_reply):
    """One agency's public, draft and 依申请公开 replies, each promising something by 2025-06-30."""
    def make(tag, **fields):
        return make_reply(agency="潍坊市农业农村局", title=f"关于家庭农场{tag}的建议", proposers=(f"{tag}人",),
                          next_steps=f"下一步，我局将于2025年6月底前完成{tag}承诺事项。", **fields)

    return {"public": make("公开"), "draft": make("草稿", publish=False),
            "on_request": make("依申请", disclosure=Reply.Disclosure.ON_REQUEST)}


@pytest.mark.parametrize("page", ["agency", "place"])
def test_the_agency_and_place_pages_list_only_the_public_replys_commitment(client, three, page):
    public = three["public"]
    url = public.agency.get_absolute_url() if page == "agency" else public.proposal.place.get_absolute_url()
    response = client.get(url)
    assertContains(response, "完成公开承诺事项")
    assertContains(response, "未到期（1 项")
    assertNotContains(response, "草稿承诺")
    assertNotContains(response, "依申请承诺")


@pytest.mark.parametrize("hidden", ["draft", "on_request"])
def test_a_hidden_replys_own_page_and_its_proposers_page_answer_404(client, three, hidden):
    reply = three[hidden]
    assert client.get(reply.get_absolute_url()).status_code == 404
    assert client.get(reply.proposal.proposer_links.get().person.get_absolute_url()).status_code == 404


def test_the_statistics_count_only_the_public_replys_commitment(client, three):
    response = client.get("/stats/commitments.csv")  # the page's own count, as a reader downloads it
    assert response.status_code == 200
    header, *_, total = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    assert dict(zip(header, total, strict=True)) == {
        "答复年份": "合计", "作出的承诺": "1", "写明完成期限的": "1", "期限已到的": "0", "有后续答复的": "0",
    }
