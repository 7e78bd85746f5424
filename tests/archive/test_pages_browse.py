"""Home, agency, proposer and proposal pages: counts, links and what stays hidden."""

import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


def test_home_puts_the_search_box_first_and_counts_the_archive(client, seed_replies, make_reply):
    make_reply(title="草稿答复", publish=False, agency="保密局")

    page = client.get("/").content.decode()

    assert page.index('id="home-q"') < page.index('id="newest-heading"')
    assert "档案收录 <strong>5</strong> 件公开答复，来自 <strong>5</strong> 个答复单位" in page
    assert "跨 <strong>3</strong> 个年份" in page
    assert "草稿答复" not in page and "保密局" not in page


def test_home_counts_change_as_soon_as_a_reply_is_published_or_withdrawn(client, seed_replies, make_reply):
    assert "档案收录 <strong>5</strong> 件公开答复" in client.get("/").content.decode()  # and cached

    reply = make_reply(title="新发布的答复", agency="新设局")
    home = client.get("/").content.decode()
    assert "档案收录 <strong>6</strong> 件公开答复，来自 <strong>6</strong> 个答复单位" in home

    reply.status = reply.Status.DRAFT
    reply.save()
    assert "档案收录 <strong>5</strong> 件公开答复" in client.get("/").content.decode()


def test_home_offers_browsing_by_body_year_result_agency_person_and_topic(client, seed_replies):
    from archive.models import Agency, Person

    response = client.get("/")

    assertContains(response, 'href="/search/?body=%E6%94%BF%E5%8D%8F"')  # 政协
    assertContains(response, 'href="/search/?year=2024"')
    assertContains(response, 'href="/search/?result=%E5%B7%B2%E8%A7%A3%E5%86%B3"')  # 已解决
    assertContains(response, f'href="{Agency.objects.get(name="信阳市教育体育局").get_absolute_url()}"')
    assertContains(response, f'href="{Person.objects.get(name="高海朋").get_absolute_url()}"')
    assertContains(response, 'href="/search/?q=%E5%BF%83%E7%90%86%E5%81%A5%E5%BA%B7%E6%95%99%E8%82%B2"')  # 心理健康教育


def test_home_lists_the_newest_replies_first(client, make_reply):
    make_reply(title="较早的答复", date="2022-06-14")
    make_reply(title="较新的答复", date="2024-07-02")

    page = client.get("/").content.decode()

    assert page.index("较新的答复") < page.index("较早的答复")


def test_agency_page_lists_its_public_replies_newest_first_with_counts(client, make_reply):
    older = make_reply(title="二〇二二年的答复", agency="慈溪市教育局", date="2022-06-14",
                       result_label="【A】", result_class="A")
    make_reply(title="二〇二四年的答复", agency="慈溪市教育局", date="2024-07-02",
               result_label="【B】", result_class="B")
    make_reply(title="二〇二四年的第二件答复", agency="慈溪市教育局", date="2024-03-01",
               result_label="【B】", result_class="B")
    make_reply(title="不予公开的答复", agency="慈溪市教育局", disclosure="不予公开")
    make_reply(title="别的单位的答复", agency="长春市教育局")

    response = client.get(older.agency.get_absolute_url())
    page = response.content.decode()

    assertContains(response, "<h1>慈溪市教育局</h1>", html=True)
    assertContains(response, "共 3 件公开答复")
    assert page.index("二〇二四年的答复") < page.index("二〇二四年的第二件答复") < page.index("二〇二二年的答复")
    assert "不予公开的答复" not in page and "别的单位的答复" not in page
    assertContains(response, 'aria-label="按年份：2024 2 件；2022 1 件"')
    assertContains(response, 'aria-label="按办理结果：已解决/基本解决 1 件；正在解决 2 件"')
    assertContains(response, "<svg", count=2)
    # ?agency=慈溪市教育局&result=正在解决
    assertContains(
        response,
        "?agency=%E6%85%88%E6%BA%AA%E5%B8%82%E6%95%99%E8%82%B2%E5%B1%80"
        "&amp;result=%E6%AD%A3%E5%9C%A8%E8%A7%A3%E5%86%B3",
    )


def test_an_agency_with_only_hidden_replies_has_no_page(client, make_reply):
    hidden = make_reply(agency="保密局", disclosure="不同意公开")

    assert client.get(hidden.agency.get_absolute_url()).status_code == 404


def test_proposer_page_lists_replies_to_every_proposal_they_signed(client, make_reply):
    led = make_reply(title="领衔的建议", proposers=("罗大成", "王芳"), date="2023-05-01")
    make_reply(title="联名的建议", proposers=("王芳", "罗大成"), date="2024-05-01")
    make_reply(title="别人的建议", proposers=("王芳",))
    make_reply(title="未公开的建议", proposers=("罗大成",), publish=False)
    person = led.proposal.proposer_links.first().person

    response = client.get(person.get_absolute_url())

    assertContains(response, "<h1>罗大成</h1>", html=True)
    assertContains(response, "共 2 件公开答复")
    page = response.content.decode()
    assert page.index("联名的建议") < page.index("领衔的建议")
    assert "别人的建议" not in page and "未公开的建议" not in page
    assertContains(response, "<title>罗大成 · 慈溪市人大代表收到的答复 · 建议提案答复档案</title>", html=True)


def test_agency_list_links_every_agency_with_public_replies(client, make_reply):
    shown = make_reply(agency="慈溪市教育局")
    make_reply(agency="保密局", publish=False)

    response = client.get("/agencies/")

    assertContains(response, f'<a href="{shown.agency.get_absolute_url()}">慈溪市教育局</a>', html=True)
    assertNotContains(response, "保密局")


def test_proposal_page_shows_all_its_replies_as_a_timeline(client, make_reply):
    common = {"title": "关于加强中小学心理健康教育的建议", "session": "市政协五届四次会议", "number": "0070",
              "proposers": ("朱蓉", "陈海光"), "role": "委员"}
    lead = make_reply(**common, agency="资阳市教育和体育局", handling_role="主办", date="2024-06-28")
    make_reply(**common, agency="资阳市卫生健康委员会", handling_role="会办", reply_kind="会办意见", date="2024-05-20")
    make_reply(**common, agency="资阳市财政局", handling_role="会办", reply_kind="会办意见", disclosure="不予公开")
    url = lead.proposal.get_absolute_url()

    response = client.get(url)
    page = response.content.decode()

    assert url == f"/proposals/{lead.proposal.session_id}/70/"
    assertContains(response, "<h1>关于加强中小学心理健康教育的建议</h1>", html=True)
    assert page.index("资阳市卫生健康委员会（会办） · 会办意见") < page.index("资阳市教育和体育局（主办） · 答复")
    assert "资阳市财政局" not in page
    assert page.index("朱蓉委员") < page.index("陈海光委员")
    assertContains(response, f'href="{lead.get_absolute_url()}"')


def test_proposal_permalink_accepts_the_number_as_written(client, make_reply):
    reply = make_reply(session="市政协五届四次会议", number="0070")
    session_id = reply.proposal.session_id

    assert client.get(f"/proposals/{session_id}/70/").status_code == 200
    for written in ("0070", "00070", "第0070号"):
        response = client.get(f"/proposals/{session_id}/{written}/")
        assert (response.status_code, response["Location"]) == (301, f"/proposals/{session_id}/70/")


def test_a_proposal_address_without_a_number_is_not_found(client, make_reply):
    reply = make_reply(session="市政协五届四次会议", number="无")

    assert client.get(f"/proposals/{reply.proposal.session_id}/abc/").status_code == 404


def test_a_proposal_without_session_or_number_has_a_page_by_id(client, make_reply):
    reply = make_reply(session=None)
    url = reply.proposal.get_absolute_url()

    assert url == f"/proposals/{reply.proposal.pk}/"
    assertContains(client.get(url), reply.proposal.title)


def test_a_proposal_with_only_hidden_replies_has_no_page(client, make_reply):
    hidden = make_reply(publish=False, session="市政协五届四次会议", number="0071")

    assert client.get(hidden.proposal.get_absolute_url()).status_code == 404


def test_page_queries_do_not_grow_with_the_number_of_replies(client, make_reply, django_assert_max_num_queries):
    first = make_reply(agency="慈溪市教育局", proposers=("罗大成",))
    for n in range(15):
        make_reply(title=f"第{n}件", agency="慈溪市教育局", proposers=("罗大成", f"联名{n}"))

    with django_assert_max_num_queries(12):
        client.get(first.agency.get_absolute_url())
    with django_assert_max_num_queries(12):
        client.get(first.proposal.proposer_links.first().person.get_absolute_url())
    with django_assert_max_num_queries(16):
        client.get("/")



@pytest.mark.parametrize("url", ["/", "/search/", "/replies/"])
def test_every_search_box_stops_at_the_length_the_search_uses(client, db, url):
    # Longer input would only be cut by the search, and 2,000 Chinese characters percent-encoded pass
    # gunicorn's request-line limit (8,190 bytes): the server would answer a bare 414.
    from search.querylang import MAX_QUERY_CHARS

    page = client.get(url).content.decode()
    boxes = re.findall(r'<input[^>]*name="q"[^>]*>', page)
    assert boxes and all(f'maxlength="{MAX_QUERY_CHARS}"' in box for box in boxes)
