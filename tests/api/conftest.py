"""Replies of two cities for the API tests: 资阳市's CPPCC and 长春市's congress, each with its own 王强."""

import pytest

MOBILE, MOBILE_SHOWN = "13912345678", "139****5678"


@pytest.fixture
def cities(make_reply, indexed, search_index, settings):
    settings.SEARCH_TIME_BUDGET_SECONDS = 10  # a busy test machine must not cut a search short
    with indexed():
        ziyang = make_reply(
            title="关于加强学生心理健康教育的建议", agency="资阳市教育和体育局", proposers=("王强", "罗大成"),
            role="委员", session="市政协五届四次会议", number="0070", date="2024-06-28",
            doc_number="资教体函〔2024〕70号", result_label="【A】", result_class="A", disclosure="主动公开",
            handling_role="主办", signer="张明", cc=["市政协提案委"],
            sections=[(1, "一", "配齐心理健康教师"), (2, "（一）", "每校一名专职教师")],
            next_steps="2025年完成全市中小学心理辅导室建设。",
        )
        changchun = make_reply(
            title="关于完善老旧小区停车设施的建议", agency="长春市住房和城乡建设局", proposers=("王强",), role="代表",
            session="市十六届人大三次会议", number="112", date="2025-01-15", result_label="办理结果：B",
            result_class="B",
        )
    return {"资阳市": ziyang, "长春市": changchun}


def lead(reply):
    return reply.proposal.proposer_links.get(position=0).person
