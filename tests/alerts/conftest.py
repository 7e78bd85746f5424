"""A real SMTP server (aiosmtpd, in a thread) on a free local port, with the archive's mail settings pointed
at it through an ``EMAIL_URL``: tests read what arrived (``tests/alerts/smtp.py``)."""

import logging
import socket

import environ
import pytest
from aiosmtpd.controller import Controller

from tests.alerts.smtp import SITE, Inbox


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(settings, tmp_path):
    """Mail goes through SMTP to a local server; the archive's links point at the test client's host."""
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP command
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    for name, value in environ.Env.email_url_config(f"smtp://127.0.0.1:{controller.port}").items():
        setattr(settings, name, value)
    settings.EMAIL_TIMEOUT = 10
    settings.SITE_URL = SITE
    settings.DATA_DIR = tmp_path  # send_alerts's lock file
    yield handler
    controller.stop()
