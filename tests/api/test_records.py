"""Each JSON door of /api/v1/ answers with the right record, for letters of two cities at once."""

import pytest

from archive.models import Person

pytestmark = pytest.mark.django_db


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_a_reply_gives_every_field_of_its_page(client, cities):
    reply = cities["资阳市"]

    record = get(client, f"/api/v1/replies/{reply.pk}/")

    assert record["id"] == reply.pk
    assert record["url"] == f"http://testserver/replies/{reply.pk}/"
    assert record["api_url"] == f"http://testserver/api/v1/replies/{reply.pk}/"
    assert record["title"] == "关于加强学生心理健康教育的建议"
    assert [(p["name"], p["role"], p["place"]["name"]) for p in record["proposers"]] == [
        ("王强", "委员", "资阳市"), ("罗大成", "委员", "资阳市")]
    assert record["agency"]["name"] == "资阳市教育和体育局"
    assert record["agency"]["place"]["code"] == "512000"
    proposal = record["proposal"]
    assert (proposal["number"], proposal["session"]["name"], proposal["session"]["label"], proposal["body"]) == (
        "0070", "市政协五届四次会议", "资阳市·市政协五届四次会议", "政协")
    assert proposal["place"]["path"] == "四川省 › 资阳市"
    assert (record["date"], record["doc_number"], record["handling_role"]) == (
        "2024-06-28", "资教体函〔2024〕70号", "主办")
    assert (record["result_class"], record["result_class_label"], record["result_label"]) == (
        "已解决", "已解决/基本解决", "【A】")
    assert (record["disclosure"], record["signer"], record["cc"]) == ("主动公开", "张明", ["市政协提案委"])
    assert record["keywords"] == reply.keywords and record["keywords"]
    assert [(s["anchor"], s["level"], s["title"]) for s in record["sections"]] == [
        ("s1", 1, "配齐心理健康教师"), ("s1-1", 2, "每校一名专职教师")]
    assert record["sections"][1]["url"] == f"http://testserver/replies/{reply.pk}/#s1-1"
    assert record["next_steps"] == "2025年完成全市中小学心理辅导室建设。"
    assert record["body_text"] == reply.body_text
    assert "资教体函〔2024〕70号" in record["citation"] and record["citation"].endswith(record["url"])
    assert record["original_url"] is None


def test_the_other_citys_reply_is_its_own(client, cities):
    record = get(client, f"/api/v1/replies/{cities['长春市'].pk}/")

    assert record["title"] == "关于完善老旧小区停车设施的建议"
    assert [(p["name"], p["role"], p["place"]["name"]) for p in record["proposers"]] == [("王强", "代表", "长春市")]
    assert record["proposal"]["body"] == "人大" and record["proposal"]["place"]["code"] == "220100"
    assert (record["result_class"], record["result_label"], record["doc_number"]) == ("正在解决", "办理结果：B", None)
    assert record["sections"] == [] and record["next_steps"] is None


def test_a_reply_with_an_original_links_its_download(client, cities):
    from django.core.files.uploadedfile import SimpleUploadedFile

    reply = cities["长春市"]
    reply.original.save("letter.txt", SimpleUploadedFile("letter.txt", "答复".encode()))

    record = get(client, f"/api/v1/replies/{reply.pk}/")

    assert record["original_url"] == f"http://testserver/replies/{reply.pk}/original/"
    assert client.get(record["original_url"]).status_code == 200


def test_a_proposal_lists_its_public_replies_and_proposers(client, cities, make_reply):
    reply = cities["资阳市"]
    opinion = make_reply(title=reply.proposal.title, agency="资阳市卫生健康委员会", proposers=("王强", "罗大成"),
                         role="委员", session="市政协五届四次会议", number="0070", date="2024-07-02",
                         reply_kind="会办意见")

    record = get(client, f"/api/v1/proposals/{reply.proposal_id}/")

    assert (record["id"], record["title"], record["number"]) == (reply.proposal_id, reply.proposal.title, "0070")
    assert record["session"]["label"] == "资阳市·市政协五届四次会议"
    assert [p["name"] for p in record["proposers"]] == ["王强", "罗大成"]
    assert [(r["id"], r["kind"]) for r in record["replies"]] == [(reply.pk, "答复"), (opinion.pk, "会办意见")]
    assert record["replies"][0]["api_url"] == f"http://testserver/api/v1/replies/{reply.pk}/"
    assert record["url"] == "http://testserver" + reply.proposal.get_absolute_url()


def test_an_agency_gives_its_counts_newest_replies_and_a_search_for_all(client, cities):
    agency = cities["资阳市"].agency

    record = get(client, f"/api/v1/agencies/{agency.pk}/")

    assert (record["id"], record["name"], record["place"]["name"]) == (agency.pk, "资阳市教育和体育局", "资阳市")
    assert record["counts"] == {"replies": 1, "by_year": [{"year": 2024, "count": 1}],
                                "by_result": [{"result_class": "已解决", "label": "已解决/基本解决", "count": 1}]}
    assert [r["id"] for r in record["newest_replies"]] == [cities["资阳市"].pk]
    assert record["search_url"].startswith("http://testserver/api/v1/search/?agency=")
    searched = get(client, record["search_url"])
    assert [hit["id"] for hit in searched["results"]] == [cities["资阳市"].pk]


def test_two_cities_people_of_one_name_are_two_records_with_their_own_replies(client, cities):
    people = {person.place.name: person for person in Person.objects.filter(name="王强")}

    ziyang, changchun = (get(client, f"/api/v1/people/{people[city].pk}/") for city in ("资阳市", "长春市"))

    assert (ziyang["description"], changchun["description"]) == ("资阳市政协委员", "长春市人大代表")
    assert [r["title"] for r in ziyang["newest_replies"]] == ["关于加强学生心理健康教育的建议"]
    assert [r["title"] for r in changchun["newest_replies"]] == ["关于完善老旧小区停车设施的建议"]
    searched = get(client, changchun["search_url"])
    assert [hit["id"] for hit in searched["results"]] == [cities["长春市"].pk]


def test_a_place_counts_its_own_replies_only(client, cities):
    record = get(client, "/api/v1/places/220100/")

    assert (record["code"], record["name"], record["level"], record["parent"]["name"]) == (
        "220100", "长春市", "地级", "吉林省")
    assert record["counts"]["replies"] == 1
    assert [r["id"] for r in record["newest_replies"]] == [cities["长春市"].pk]
    assert get(client, "/api/v1/places/510000/")["newest_replies"][0]["id"] == cities["资阳市"].pk


def test_a_places_newest_replies_are_bounded_and_newest_first(client, make_reply):
    for day in range(1, 24):
        make_reply(agency="资阳市教育和体育局", title=f"关于第{day}件事的建议", date=f"2024-03-{day:02d}")

    record = get(client, "/api/v1/places/512000/")

    assert record["counts"]["replies"] == 23
    dates = [r["date"] for r in record["newest_replies"]]
    assert len(dates) == 20 and dates[0] == "2024-03-23" and dates == sorted(dates, reverse=True)


def test_the_versioned_search_is_the_search_api_and_pages_stay_on_it(client, cities, make_reply, indexed):
    with indexed():
        for n in range(21):
            make_reply(agency="长春市住房和城乡建设局", title=f"关于停车场第{n}期建设的建议")

    old = get(client, "/api/search/?q=停车")
    new = get(client, "/api/v1/search/?q=停车")

    assert old["count"] == new["count"] == 22
    assert [hit["id"] for hit in new["results"]] == [hit["id"] for hit in old["results"]]
    assert new["next"].startswith("http://testserver/api/v1/search/?") and old["next"].startswith(
        "http://testserver/api/search/?")


def test_every_url_in_a_record_answers(client, cities):
    record = get(client, f"/api/v1/replies/{cities['资阳市'].pk}/")
    urls = [record["url"], record["proposal"]["api_url"], record["agency"]["api_url"],
            record["proposal"]["place"]["api_url"],
            *(p["api_url"] for p in record["proposers"]), *(p["url"] for p in record["proposers"])]

    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)


def test_an_original_the_page_does_not_offer_has_no_url(client, make_reply):
    from django.core.files.uploadedfile import SimpleUploadedFile

    # A PDF cannot be masked, and this letter holds a personal mobile number: the page offers no download.
    reply = make_reply(agency="长春市教育局", body_text="王强代表：\n您的建议收悉。联系电话13912345678。")
    reply.original.save("scan.pdf", SimpleUploadedFile("scan.pdf", b"%PDF-1.4 scan"))

    record = get(client, f"/api/v1/replies/{reply.pk}/")

    assert record["original_url"] is None
    assert "下载原始文件" not in client.get(reply.get_absolute_url()).content.decode()


def test_a_records_queries_do_not_grow_with_its_replies_proposers_or_sections(client, make_reply):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    first = make_reply(agency="资阳市教育和体育局", proposers=("王强",), sections=[(1, "一", "甲")])
    urls = [f"/api/v1/replies/{first.pk}/", f"/api/v1/proposals/{first.proposal_id}/",
            f"/api/v1/agencies/{first.agency_id}/", "/api/v1/places/512000/"]
    alone = [queries(url) for url in urls]
    for _ in range(5):
        make_reply(agency="资阳市教育和体育局", proposers=("王强", "罗大成", "李四"), number=first.proposal.number,
                   sections=[(1, "一", "甲"), (1, "二", "乙"), (2, "（一）", "丙")])
    first.sections.create(position=9, number="二", title="乙", anchor="s2")

    assert [queries(url) for url in urls] == alone
