"""A personal mobile or ID number is masked in every field a public page shows, not only in the letter's body.

Letters put numbers where the parser does not expect them: in a section heading (三、联系人：王芳 13912345678),
in the signer's or contact's line, in the 抄送 list, once even in a proposal's title. Each test plants numbers in
one such field of replies from several cities and reads every public page that shows the field.
"""

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

MOBILE, MOBILE_SHOWN = "13912345678", "139****5678"
ID_NUMBER, ID_SHOWN = "51200219900101123X", "512002********123X"


def pages(client, reply):
    """Every public page that shows this reply or a field of it, as text."""
    lead = reply.proposal.proposer_links.get(position=0).person
    urls = ["/", "/replies/", reply.get_absolute_url(), reply.proposal.get_absolute_url(),
            reply.agency.get_absolute_url(), lead.get_absolute_url(), reply.proposal.place.get_absolute_url(),
            "/search/?q=建议", "/search/?q=建议&partial=1", "/search/?q=联系", "/api/search/?q=联系"]
    shown = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        shown[url] = response.content.decode()
    return shown


def assert_masked_everywhere(client, reply):
    for url, page in pages(client, reply).items():
        assert MOBILE not in page and ID_NUMBER not in page, url


def test_a_mobile_number_in_a_section_heading_is_masked_in_the_heading_and_the_table_of_contents(client, make_reply):
    heading = f"联系人：王芳{MOBILE}"
    body = f"罗大成委员：\n您提出的建议收悉。现答复如下：\n一、{heading}\n请与她联系。\n二、下一步工作\n继续推进。"
    reply = make_reply(agency="资阳市教育和体育局", proposers=("罗大成",), role="委员", session="市政协五届四次会议",
                       sections=[(1, "一", heading), (1, "二", "下一步工作")], body_text=body)

    page = client.get(reply.get_absolute_url()).content.decode()

    start = page.index('id="toc-heading"')
    toc = page[start:page.index("</nav>", start)]
    assert f"联系人：王芳{MOBILE_SHOWN}" in toc
    assert f'<h2 id="s1">一、联系人：王芳{MOBILE_SHOWN}</h2>' in page
    assert MOBILE not in page


@pytest.mark.parametrize("field", ["title", "signer", "contact_name", "cc", "doc_number", "section"])
def test_a_personal_number_planted_in_any_field_is_masked_on_every_public_page(client, make_reply, indexed, field):
    planted = f"王芳{MOBILE}、{ID_NUMBER}"
    letters = [("资阳市教育和体育局", "罗大成", "委员", "市政协五届四次会议"),
               ("慈溪市教育局", "朱蓉", "代表", "市十七届人大一次会议"),
               ("潍坊市民政局", "李强", "代表", "市十八届人大三次会议")]
    made = []
    with indexed():
        for agency, proposer, role, session in letters:
            fields = {"title": f"关于联系{planted}的建议"} if field == "title" else {}
            if field == "cc":
                fields["cc"] = ["市政协提案委", planted]
            elif field == "section":
                fields["sections"] = [(1, "一", f"联系{planted}")]
                fields["body_text"] = f"{proposer}{role}：\n您提出的建议收悉。\n一、联系{planted}\n具体内容。"
            elif field != "title":
                fields[field] = planted
            made.append(make_reply(agency=agency, proposers=(proposer,), role=role, session=session, **fields))

    for reply in made:
        assert_masked_everywhere(client, reply)
    assert MOBILE_SHOWN in client.get(made[0].get_absolute_url()).content.decode()
