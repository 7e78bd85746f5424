"""Nobody can mail-bomb a third party through the subscribe form, inject mail headers, or learn who subscribes."""

import re
from datetime import timedelta

import pytest
from django.core import signing
from django.db.models import F

from alerts import limits
from alerts.forms import (
    ADDRESS_CONTROL,
    ADDRESS_INVALID,
    ADDRESS_NOT_BARE,
    ADDRESS_TOO_LONG,
    QUERY_CONTRADICTORY,
    QUERY_TOO_LONG,
)
from alerts.models import Attempt, Subscription
from alerts.views import BAD_LINK, EXPIRED, TOO_MANY
from tests.alerts.smtp import link

VICTIM = "victim@example.cn"

pytestmark = pytest.mark.django_db


def subscribe(client, email=VICTIM, query="q=湿地", client_address="203.0.113.7", frequency="daily"):
    return client.post("/alerts/subscribe/", {"email": email, "frequency": frequency, "query": query},
                       REMOTE_ADDR=client_address)


def main(response) -> str:
    page = response.content.decode()
    return re.search(r"<main.*</main>", page, re.S)[0]


@pytest.mark.parametrize("address, message", [
    (f"{VICTIM}\r\nBcc: everyone@example.cn", ADDRESS_CONTROL),
    (f"{VICTIM}\r\n", ADDRESS_CONTROL),  # not trimmed into a valid address
    (f"{VICTIM}\n", ADDRESS_CONTROL),
    (f"{VICTIM}\u2028", ADDRESS_CONTROL),
    (f'"老板" <{VICTIM}>', ADDRESS_NOT_BARE),
    (f"老板 <{VICTIM}>", ADDRESS_NOT_BARE),
    (f"me@example.cn, {VICTIM}", ADDRESS_NOT_BARE),
    (f"me@example.cn;{VICTIM}", ADDRESS_NOT_BARE),
    (f'"{VICTIM}"@evil.example', ADDRESS_NOT_BARE),
    ("me@[192.0.2.1]", ADDRESS_NOT_BARE),
    ("me@@example.cn", ADDRESS_NOT_BARE),
    ("a" * 10_240 + "@example.cn", ADDRESS_TOO_LONG),
    ("not-an-address", ADDRESS_NOT_BARE),
    ("me@example", ADDRESS_INVALID),
    ("me@" + "湿" * 60 + ".cn", ADDRESS_INVALID),  # a label IDNA cannot encode: no domain to send to
])
def test_a_hostile_address_is_refused_with_a_chinese_message_and_nothing_is_sent(client, inbox, address, message):
    response = subscribe(client, email=address)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert inbox.mails == [] and not Subscription.objects.exists()


def test_an_address_is_saved_in_lower_case_so_its_limits_count_it_once(client, inbox):
    subscribe(client, email="Victim@Example.CN")

    assert Subscription.objects.get().email == VICTIM


@pytest.mark.parametrize("query, message", [
    ("q=" + "湿" * 2_000, QUERY_TOO_LONG),
    ("date_from=2024-12-31&date_to=2020-01-01", QUERY_CONTRADICTORY),
])
def test_a_search_too_long_or_contradictory_is_refused(client, inbox, query, message):
    response = subscribe(client, query=query)

    assert response.status_code == 400 and message in response.content.decode()
    assert inbox.mails == []


def test_the_longest_address_with_the_longest_search_is_saved(client, inbox):
    # 254 characters, most of them three bytes: with the longest query string it still fits PostgreSQL's index row.
    domain = ".".join(["湿" * 50] * 4) + ".cn"
    address = "a" * (limits.MAX_ADDRESS_LENGTH - len(domain) - 1) + "@" + domain
    query = "q=" + "a" * (limits.MAX_QUERY_LENGTH - len("q=&sort=date"))

    assert subscribe(client, email=address, query=query).status_code == 200
    assert len(Subscription.objects.get(email=address).query) == limits.MAX_QUERY_LENGTH


def test_unknown_parameters_in_the_saved_search_are_dropped(client, inbox):
    subscribe(client, query="q=湿地&page=7&evil=1&agency=资阳市生态环境局")

    assert Subscription.objects.get().query == "q=%E6%B9%BF%E5%9C%B0&sort=date&agency=%E8%B5%84%E9%98%B3%E5%B8%82" \
                                               "%E7%94%9F%E6%80%81%E7%8E%AF%E5%A2%83%E5%B1%80"


def test_500_subscribe_requests_from_one_client_send_at_most_an_hours_worth_of_mails(client, inbox):
    answers = [subscribe(client, email=f"target{n}@example.cn").status_code for n in range(500)]

    assert answers.count(200) == limits.REQUESTS_PER_HOUR
    assert answers.count(429) == 500 - limits.REQUESTS_PER_HOUR
    assert len(inbox.mails) == limits.REQUESTS_PER_HOUR
    assert TOO_MANY in subscribe(client).content.decode()


def test_another_client_is_not_held_back_by_one_over_its_limit(client, inbox):
    for n in range(limits.REQUESTS_PER_HOUR + 1):
        subscribe(client, email=f"target{n}@example.cn")

    assert subscribe(client, email="other@example.cn", client_address="198.51.100.9").status_code == 200


def test_an_address_gets_at_most_three_pending_subscriptions_from_anyone(client, inbox):
    for n in range(6):
        subscribe(client, query=f"q=湿地{n}", client_address=f"198.51.100.{n}")

    assert len(inbox.to(VICTIM)) == limits.MAX_PENDING_PER_ADDRESS
    assert Subscription.objects.filter(email=VICTIM).count() == limits.MAX_PENDING_PER_ADDRESS


def test_the_same_request_repeated_mails_at_most_three_confirmations_a_day(client, inbox):
    for n in range(6):
        subscribe(client, client_address=f"198.51.100.{n}")

    assert len(inbox.to(VICTIM)) == limits.CONFIRMATIONS_PER_DAY


def test_a_sub_address_reaches_the_same_inbox_and_counts_as_the_address(client, inbox):
    for n in range(6):
        subscribe(client, email=f"victim+{n}@example.cn", client_address=f"198.51.100.{n}")

    assert len(inbox.mails) == limits.CONFIRMATIONS_PER_DAY


def days_pass(days: int) -> None:
    """Everything logged and every unconfirmed subscription is ``days`` older (their links expire after 3)."""
    Attempt.objects.update(at=F("at") - timedelta(days=days))
    Subscription.objects.filter(confirmed_at=None).update(created_at=F("created_at") - timedelta(days=days))


def test_an_address_that_never_confirmed_gets_no_more_confirmations_that_week(client, inbox):
    for n in range(3):
        subscribe(client, query=f"q=湿地{n}", client_address=f"198.51.100.{n}")
    days_pass(4)  # the links have expired unconfirmed

    subscribe(client, query="q=湿地新", client_address="198.51.100.99")

    assert len(inbox.to(VICTIM)) == 3


def test_an_address_that_confirmed_gets_confirmations_again_the_next_day(client, inbox):
    for n in range(3):
        subscribe(client, query=f"q=湿地{n}", client_address=f"198.51.100.{n}")
    client.post(link(inbox.to(VICTIM)[0], "confirm"))
    days_pass(1)

    subscribe(client, query="q=湿地新", client_address="198.51.100.99")

    assert len(inbox.to(VICTIM)) == 4


def test_the_answer_is_the_same_for_a_new_a_pending_and_a_confirmed_subscriber(client, inbox):
    new = main(subscribe(client, email="new@example.cn"))
    subscribe(client)
    pending = main(subscribe(client, client_address="198.51.100.1"))
    client.post(link(inbox.to(VICTIM)[0], "confirm"))
    confirmed = main(subscribe(client, client_address="198.51.100.2"))

    assert new == pending == confirmed
    assert len(inbox.to(VICTIM)) == 2  # none after confirming: the subscription stands as it is


def test_a_confirmed_subscription_cannot_be_changed_by_someone_else(client, inbox):
    subscribe(client)
    client.post(link(inbox.to(VICTIM)[0], "confirm"))

    subscribe(client, frequency="weekly", client_address="198.51.100.1")

    assert Subscription.objects.get().frequency == Subscription.Frequency.DAILY


def test_a_mail_server_that_cannot_be_reached_changes_nothing_the_subscriber_sees(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # discard: nothing listens

    response = subscribe(client)

    assert response.status_code == 200 and "请查收确认邮件" in response.content.decode()


@pytest.mark.parametrize("kind", ["confirm", "unsubscribe"])
def test_a_forged_link_is_refused_in_chinese(client, inbox, kind):
    subscribe(client)
    genuine = link(inbox.to(VICTIM)[0], kind)
    forged = genuine[:-5] + ("AAAA/" if not genuine.endswith("AAAA/") else "BBBB/")

    for url in [forged, f"/alerts/{kind}/{'x' * 5_000}/", f"/alerts/{kind}/1/"]:
        response = client.get(url)
        assert response.status_code == 400 and BAD_LINK in response.content.decode()
        assert client.post(url).status_code == 400
    assert Subscription.objects.exists()


def test_a_confirmation_link_is_no_unsubscribe_link_and_the_reverse(client, inbox):
    subscribe(client)
    confirmation = inbox.to(VICTIM)[0]
    token_of = {kind: link(confirmation, kind).split("/")[3] for kind in ("confirm", "unsubscribe")}

    assert client.post(f"/alerts/unsubscribe/{token_of['confirm']}/").status_code == 400
    assert client.post(f"/alerts/confirm/{token_of['unsubscribe']}/").status_code == 400


def test_an_expired_confirmation_link_says_so_and_confirms_nothing(client, inbox, monkeypatch):
    subscribe(client)
    subscription = Subscription.objects.get()
    from alerts.tokens import confirm_token

    real_time = signing.time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - limits.CONFIRM_MAX_AGE.total_seconds() - 60)
    old_link = f"/alerts/confirm/{confirm_token(subscription)}/"
    monkeypatch.undo()

    response = client.post(old_link)

    assert response.status_code == 400 and EXPIRED in response.content.decode()
    assert not Subscription.objects.get().confirmed


def test_a_confirmation_link_of_a_deleted_subscription_says_it_is_gone(client, inbox):
    subscribe(client)
    confirm = link(inbox.to(VICTIM)[0], "confirm")
    client.post(link(inbox.to(VICTIM)[0], "unsubscribe"))

    response = client.post(confirm)

    assert response.status_code == 404 and "这个订阅已不存在" in response.content.decode()


def test_confirming_needs_the_pages_csrf_token(inbox):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    subscribe(Client())
    confirm = link(inbox.to(VICTIM)[0], "confirm")

    assert browser.post(confirm).status_code == 403
    assert not Subscription.objects.get().confirmed


def test_subscribing_needs_the_pages_csrf_token(inbox):
    from django.test import Client

    assert subscribe(Client(enforce_csrf_checks=True)).status_code == 403
    assert inbox.mails == []


def test_a_get_does_not_subscribe(client, inbox):
    assert client.get("/alerts/subscribe/", {"email": VICTIM, "query": "q=湿地"}).status_code == 405
    assert inbox.mails == []
