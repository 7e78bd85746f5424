"""The client behind our reverse proxies (config/client_address.py): only what a trusted proxy wrote is believed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from config.client_address import client_address, trusted_networks

ROOT = Path(__file__).resolve().parents[2]


def address(settings, trusted, remote, forwarded=None):
    settings.TRUSTED_PROXIES = trusted
    headers = {"REMOTE_ADDR": remote, **({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})}
    return client_address(RequestFactory().get("/", **headers))


@pytest.mark.parametrize("trusted, remote, forwarded, expected", [
    ([], "10.0.0.1", "203.0.113.5", "10.0.0.1"),  # no trusted proxies: the header means nothing
    (["10.0.0.1"], "198.51.100.66", "203.0.113.5", "198.51.100.66"),  # not from our proxy: forged
    (["10.0.0.1"], "10.0.0.1", "203.0.113.5", "203.0.113.5"),
    (["10.0.0.1"], "10.0.0.1", "1.1.1.1, 203.0.113.5", "203.0.113.5"),  # the client's own header is on the left
    (["10.0.0.0/8"], "10.0.0.1", "1.1.1.1, 203.0.113.5, 10.2.3.4", "203.0.113.5"),  # two proxies of ours
    (["10.0.0.1"], "10.0.0.1", "", "10.0.0.1"),  # no header: a request the proxy itself made
    (["10.0.0.0/8"], "10.0.0.1", "10.9.9.9", "10.9.9.9"),  # only trusted hops: the first of them
    (["10.0.0.1"], "10.0.0.1", "1.1.1.1, not-an-address", "10.0.0.1"),  # garbage: stop at the proxy
    (["10.0.0.1"], "10.0.0.1", "203.0.113.5:4711", "203.0.113.5"),  # with a port
    (["::1"], "::1", "2001:db8::7", "2001:db8::7"),
    (["::1"], "::1", "[2001:db8::7]:443", "2001:db8::7"),
    (["127.0.0.1"], "::ffff:127.0.0.1", "203.0.113.5", "203.0.113.5"),  # an IPv4-mapped proxy address
])
def test_the_client_is_the_right_most_address_our_proxies_did_not_add(settings, trusted, remote, forwarded, expected):
    assert address(settings, trusted, remote, forwarded) == expected


def test_a_mistyped_trusted_proxy_is_a_configuration_error():
    with pytest.raises(ImproperlyConfigured, match="10.0.0.300"):
        trusted_networks(("10.0.0.1", "10.0.0.300"))


def test_behind_proxy_alone_trusts_a_proxy_on_this_machine(tmp_path):
    probe = "import django; django.setup(); from django.conf import settings; print(settings.TRUSTED_PROXIES)"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "ARCHIVE_DATA_DIR": str(tmp_path),
           "BEHIND_PROXY": "1"}
    env.pop("TRUSTED_PROXIES", None)
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "['127.0.0.1', '::1']", done.stderr[-2000:]
