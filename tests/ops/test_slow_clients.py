"""The production gunicorn against clients that send slowly or too much (issue 13), loopback only and bounded.

Before: sync workers read a request's headers themselves, so two sockets sending one header line every 2 s made
/healthz wait 29 s and then 60 s; ``limit_request_line = 0`` let an 8 MB URL in; a 200 MB anonymous POST was
read before its 403; and every gunicorn of one user shared one control socket in the home folder.
"""

import socket
import threading
import time
import urllib.parse

import pytest

from benchmarks.http_load import trickle_headers
from config.limits import MAX_HEADER_BYTES
from tests.gunicorn_server import collect_static, gunicorn, manage, server_env

pytestmark = pytest.mark.slow  # a gunicorn start and two waits of a few seconds: ~15 s in all

HEADER_TIMEOUT = 3  # seconds, GUNICORN_HEADER_TIMEOUT for this server (10 in production)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("slow-clients")
    (folder / "home").mkdir()
    (folder / "tmp").mkdir()
    env = server_env(folder / "data", HOME=str(folder / "home"), TMPDIR=str(folder / "tmp"),
                     GUNICORN_HEADER_TIMEOUT=str(HEADER_TIMEOUT))
    env.pop("XDG_RUNTIME_DIR", None)  # gunicorn's control socket would go there, else into $HOME/.gunicorn
    env.pop("GUNICORN_CONTROL_SOCKET", None)
    manage(env, 'from django.core.management import call_command\ncall_command("migrate", verbosity=0)')
    collect_static(env)
    with gunicorn(env, folder / "gunicorn.log", workers=2) as running:
        running.folder = folder
        yield running


def connect(server, timeout: float = 5) -> socket.socket:
    host, port = server.base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=timeout)


def read_response(sock: socket.socket) -> bytes:
    """One response: its head, and a body of its Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lengths = [int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")]
    length = lengths[0] if lengths else 0
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body


def timed_health(server) -> tuple[int, float]:
    started = time.monotonic()
    answer = server.get("/healthz", timeout=5)
    return answer.status, time.monotonic() - started


def test_slow_headers_do_not_hold_the_workers(server):
    fresh = [connect(server) for _ in range(6)]  # three times the workers
    for sock in fresh:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    kept_alive = [connect(server) for _ in range(4)]  # a first request answered, then a slow second one
    for sock in kept_alive:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert read_response(sock).startswith(b"HTTP/1.1 ")
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    pipelined = [connect(server) for _ in range(2)]  # a whole request and the start of the next in one send
    for sock in pipelined:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        assert read_response(sock).startswith(b"HTTP/1.1 ")
    slow = fresh + kept_alive + pipelined
    stop = threading.Event()
    sender = threading.Thread(target=trickle_headers, args=(slow, stop, HEADER_TIMEOUT - 0.5))
    sender.start()
    try:
        time.sleep(0.6)  # every slow socket has sent more than one line
        answers = []
        for _ in range(3):
            answers.append(timed_health(server))
            time.sleep(0.5)
    finally:
        stop.set()
        sender.join()
        for sock in slow:
            sock.close()

    assert [status for status, _ in answers] == [200, 200, 200], server.log_tail()
    assert max(seconds for _, seconds in answers) < 1.0, answers


def test_a_client_that_never_ends_its_headers_is_disconnected(server):
    sock = connect(server, timeout=HEADER_TIMEOUT + 5)
    sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    started = time.monotonic()

    assert sock.recv(100) == b""  # closed by the server, without an answer
    assert HEADER_TIMEOUT - 1 < time.monotonic() - started < HEADER_TIMEOUT + 2.5
    sock.close()


def test_a_long_chinese_query_still_searches(server):
    query = "关于加强中小学心理健康教育的建议" * 13  # 208 characters, ~1.9 KB percent-encoded
    path = "/search/?" + urllib.parse.urlencode({"q": query[:200], "agency": "慈溪市教育局", "year": "2024"})

    assert len(path) > 1800
    assert server.get(path).status == 200


def request_line_answer(server, path_bytes: int, send: int | None = None) -> tuple[bytes, float]:
    """gunicorn's status line for a GET whose URL is ``path_bytes`` long, of which ``send`` bytes are sent."""
    line = b"GET /search/?q=" + b"%E5%BF%83" * (path_bytes // 9) + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    sock = connect(server)
    started = time.monotonic()
    try:
        sock.sendall(line[:send] if send else line)
        answer = read_response(sock)
    finally:
        sock.close()
    return answer.split(b"\r\n", 1)[0], time.monotonic() - started


def test_a_request_line_over_the_limit_is_refused_with_414(server):
    status, _ = request_line_answer(server, 7_900)
    assert status == b"HTTP/1.1 200 OK"  # ~880 Chinese characters: the page cuts them to 200

    status, _ = request_line_answer(server, 18_000)  # 2,000 typed characters
    assert status == b"HTTP/1.1 414 URI Too Long"


def test_an_8_mb_url_is_refused_after_the_first_bytes(server):
    # Only a little over the header buffer is sent: the answer must not wait for the other 8 MB.
    status, seconds = request_line_answer(server, 8 * 1024 * 1024, send=MAX_HEADER_BYTES + 10_000)

    assert status == b"HTTP/1.1 414 URI Too Long"
    assert seconds < 2


def test_a_200_mb_anonymous_post_is_refused_before_its_body_is_read(server):
    sock = connect(server)
    head = ("POST /admin/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: csrftoken=" + "A" * 32 + "\r\n"
            "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: 209715200\r\n\r\n")
    started = time.monotonic()
    try:
        sock.sendall(head.encode() + b"--xyz\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n\r\n")
        sock.sendall(b"x" * 1024 * 1024)  # 1 MB of the 200 MB: the rest never comes
        answer = read_response(sock)
    finally:
        sock.close()

    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert time.monotonic() - started < 3
    assert list((server.folder / "tmp").iterdir()) == []  # nothing spooled


def test_this_instance_has_no_control_socket_in_the_home_folder(server):
    assert not (server.folder / "home" / ".gunicorn").exists()
