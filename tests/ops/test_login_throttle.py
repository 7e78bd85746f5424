"""Guessing an admin password stops after a few tries."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F


def test_repeated_wrong_passwords_lock_the_login_with_a_chinese_message(client, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": admin_user.username, "password": "wrong"})
        assert response.status_code == 200

    locked = client.post("/admin/login/", {"username": admin_user.username, "password": "wrong"})
    still_locked = client.post("/admin/login/", {"username": admin_user.username, "password": "password"})

    assert locked.status_code == 429
    assert "登录已暂停" in locked.content.decode()
    assert still_locked.status_code == 429


def test_the_right_password_still_logs_in_after_a_typo(client, admin_user):
    client.post("/admin/login/", {"username": admin_user.username, "password": "wrong"})

    response = client.post("/admin/login/?next=/admin/", {"username": admin_user.username, "password": "password"})

    assert response.status_code == 302


# ---- behind a reverse proxy (issue 13.8) -------------------------------------------------------------------------

PROXY = "10.0.0.1"  # the reverse proxy, as gunicorn sees it


def login(client, username, password, *, remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password}, **headers)


def lock_out(client, username, **where):
    answers = [login(client, username, "wrong", **where).status_code for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert answers[-1] == 429, answers


def test_behind_a_trusted_proxy_a_clerk_locked_out_from_one_address_still_logs_in_from_another(
        client, admin_user, settings):
    # Everyone's requests arrive from the proxy: keyed on REMOTE_ADDR, five wrong passwords from anyone
    # locked the real clerk out wherever they were.
    settings.TRUSTED_PROXIES = [PROXY]
    lock_out(client, admin_user.username, forwarded="203.0.113.5")

    assert login(client, admin_user.username, "password", forwarded="203.0.113.5").status_code == 429
    assert login(client, admin_user.username, "password", forwarded="198.51.100.7").status_code == 302


def test_the_address_is_the_right_most_one_the_trusted_proxies_did_not_add(client, admin_user, settings):
    # A client may send its own X-Forwarded-For; the proxy appends the address it saw, so only that counts.
    settings.TRUSTED_PROXIES = [PROXY, "172.16.0.0/12"]
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        login(client, admin_user.username, "wrong", forwarded=f"{forged}, 203.0.113.5, 172.16.4.2")

    assert login(client, admin_user.username, "password", forwarded="6.6.6.6, 203.0.113.5").status_code == 429
    assert login(client, admin_user.username, "password", forwarded="203.0.113.9").status_code == 302


def test_a_forged_forwarded_for_from_an_untrusted_address_is_ignored(client, admin_user, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    attacker = "198.51.100.66"
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):  # a new "address" for each guess
        login(client, admin_user.username, "wrong", remote=attacker, forwarded=forged)

    assert login(client, admin_user.username, "password", remote=attacker, forwarded="7.7.7.7").status_code == 429
    assert login(client, admin_user.username, "password", remote="198.51.100.67").status_code == 302


def test_without_trusted_proxies_the_forwarded_header_means_nothing(client, admin_user, settings):
    settings.TRUSTED_PROXIES = []
    lock_out(client, admin_user.username, remote=PROXY, forwarded="203.0.113.5")

    assert login(client, admin_user.username, "password", remote=PROXY, forwarded="198.51.100.7").status_code == 429


def test_a_lockout_ends_after_the_cool_off_even_while_wrong_passwords_go_on(client, admin_user, settings):
    # Every failure during a lockout restarted the cool-off: a script retrying once a minute kept the clerk
    # out for as long as it ran.
    from axes.models import AccessAttempt

    def minutes_pass(minutes):
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))

    cooloff = settings.AXES_COOLOFF_TIME
    lock_out(client, admin_user.username, forwarded="203.0.113.5")
    for _ in range(3):
        minutes_pass(cooloff.total_seconds() / 60 / 3 - 0.5)
        assert login(client, admin_user.username, "wrong", forwarded="203.0.113.5").status_code == 429
    minutes_pass(2)  # the cool-off since the lockout is over

    assert login(client, admin_user.username, "password", forwarded="203.0.113.5").status_code == 302


def test_a_clerk_locked_out_is_let_in_at_once_by_axes_reset_username(client, admin_user):
    from django.core.management import call_command

    lock_out(client, admin_user.username)

    call_command("axes_reset_username", admin_user.username)

    assert login(client, admin_user.username, "password").status_code == 302
