"""Guessing an admin password stops after a few tries."""

from django.conf import settings


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
