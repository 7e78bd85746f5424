"""Limits on what a client may send: slow headers (a gunicorn worker) and anonymous request bodies (a middleware).

Slow headers. gunicorn's sync worker reads a request's headers in the worker process itself, and gthread in one
of its threads: a client that sends one header line every two seconds holds that worker (or thread) for as long
as it keeps sending, so a handful of such sockets held every worker and ``/healthz`` waited a minute (issue 13).
``HeaderBufferingWorker`` is gthread with the headers read by its event loop instead: a connection goes to a
thread only once its whole header block has arrived (or it is too large, and the parser answers 414). A client
that has not finished its headers within ``HEADER_TIMEOUT`` seconds is disconnected. A slow client costs a buffer,
never a thread. Production still puts a buffering proxy in front (docs/deployment.md); this keeps the app
answering when something reaches gunicorn directly (a health check, a misconfigured proxy, the local network).

Anonymous bodies. ``AnonymousBodyLimitMiddleware`` comes first in ``MIDDLEWARE``: a request whose Content-Length
is over ``ANONYMOUS_MAX_BODY_BYTES`` and that carries no logged-in session is answered 413 before anything reads
its body, so nothing is parsed, kept in memory or spooled to the temporary folder. Logged-in clerks are not capped
here: their uploads keep ``ARCHIVE_MAX_UPLOAD_BYTES`` a file (archive/upload.py) and Django's upload settings.
"""

import os
import selectors
import time
from functools import partial

from django.conf import settings
from django.http import HttpResponse
from gunicorn import http
from gunicorn.workers.gthread import TConn, ThreadWorker

# Seconds a client has to send its request's headers (nginx's client_header_timeout is 60 s; a browser needs
# milliseconds). Counted from the connection's first readable moment, or from the end of its previous request.
HEADER_TIMEOUT = float(os.environ.get("GUNICORN_HEADER_TIMEOUT", "10"))
# Largest header block held while waiting for its end. Over it, the bytes go to gunicorn's parser, which refuses a
# request line over limit_request_line (414 URI Too Long) at once; a header block this large without an end gets 431.
MAX_HEADER_BYTES = 64 * 1024
END_OF_HEADERS = b"\r\n\r\n"
# After accepting a connection a worker accepts no other until that one's headers are in (a browser or nginx sends
# them with the connection) or this long has passed: a burst of connections spreads over the workers instead of
# queueing behind one busy thread, where a killed worker would lose them all.
FRESH_SECONDS = 0.1
TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Type: text/plain\r\n"
    b"Content-Length: 29\r\n\r\nRequest headers are too large"
)


class HeaderBufferingWorker(ThreadWorker):
    """gthread whose event loop, not a thread, waits for each request's headers (see the module's docstring)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reading: dict = {}  # connection → (bytes so far, deadline)
        self.in_flight = 0  # requests handed to the thread pool and not yet finished
        self.newest = None  # the connection accepted last, while its headers are still on their way
        self.newest_until = 0.0

    def enqueue_req(self, conn):
        self.in_flight += 1
        if self.in_flight >= self.cfg.threads:
            super().set_accept_enabled(False)
        super().enqueue_req(conn)

    def set_accept_enabled(self, enabled):
        """Accept only while a thread is free, and the next connection only once the last one has sent its headers
        or has been slow for ``FRESH_SECONDS``. Connections that come meanwhile wait in the kernel's queue, where
        the other workers take them, as with sync workers, not queued in this worker: lost if it were killed."""
        if self.newest is not None and time.monotonic() >= self.newest_until:
            self.newest = None
        super().set_accept_enabled(enabled and self.in_flight < self.cfg.threads and self.newest is None)

    def wait_for_and_dispatch_events(self, timeout):
        if self.newest is not None:  # wake when the newest connection stops holding back the next accept
            timeout = min(timeout, max(0.0, self.newest_until - time.monotonic()))
        super().wait_for_and_dispatch_events(timeout)

    def _plain_http(self) -> bool:
        # TLS and cleartext HTTP/2 negotiate before any request bytes: those are left to gthread as it is.
        return not self.cfg.is_ssl and getattr(self.cfg, "http2_cleartext", "off") == "off"

    def accept(self, listener):
        if not self._plain_http():
            return super().accept(listener)
        try:
            client, address = listener.accept()
        except OSError:
            return  # another worker took it, or the client went away (EAGAIN, ECONNABORTED)
        self.nr_conns += 1
        conn = TConn(self.cfg, client, address, listener.getsockname())  # non-blocking
        self.newest, self.newest_until = conn, time.monotonic() + FRESH_SECONDS
        super().set_accept_enabled(False)
        self._read_headers(conn)

    def on_client_socket_readable(self, conn, client):
        """A kept-alive connection's next request: its headers too are read here first."""
        if not self._plain_http():
            return super().on_client_socket_readable(conn, client)
        self.poller.unregister(client)
        self.keepalived_conns.remove(conn)
        self._read_headers(conn)

    def finish_request(self, conn, fs):
        """A kept-alive connection whose client has already sent part of its next request (pipelined): the rest of
        those headers is awaited here too, not in a thread."""
        self.in_flight -= 1
        if self.alive:
            self.set_accept_enabled(self.nr_conns < self.worker_connections)
        if self._plain_http() and self.alive and not fs.cancelled() and fs.exception() is None and fs.result() is True:
            buffered = conn.parser.unreader.buf.getvalue()
            if buffered and END_OF_HEADERS not in buffered:
                conn.parser.unreader.take_buffered()
                conn.sock.setblocking(False)
                self._read_headers(conn, buffered)
                return
        super().finish_request(conn, fs)

    def _read_headers(self, conn, received: bytes = b""):
        self.reading[conn] = (bytearray(received), time.monotonic() + HEADER_TIMEOUT)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self._on_header_bytes, conn))

    def _on_header_bytes(self, conn, client):
        received, deadline = self.reading[conn]
        try:
            data = conn.sock.recv(MAX_HEADER_BYTES)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:  # closed by the client
            self._drop(conn)
            return
        start = max(0, len(received) - len(END_OF_HEADERS) + 1)
        received += data
        if END_OF_HEADERS in received[start:] or (len(received) > MAX_HEADER_BYTES and b"\r\n" not in received):
            self._hand_over(conn, bytes(received))  # complete, or a request line too long: gunicorn answers 414
        elif len(received) > MAX_HEADER_BYTES:
            self._drop(conn, answer=TOO_LARGE)

    def _hand_over(self, conn, received: bytes):
        if conn is self.newest:
            self.newest = None
        self.poller.unregister(conn.sock)
        del self.reading[conn]
        if conn.parser is None:
            conn.parser = http.get_parser(self.cfg, conn.sock, conn.client)
        conn.parser.unreader.unread(received)
        conn.data_ready = True  # no waiting in the thread: the request is here
        self.enqueue_req(conn)

    def _drop(self, conn, answer: bytes = b""):
        try:
            self.poller.unregister(conn.sock)
        except (KeyError, ValueError, OSError):
            pass
        self.reading.pop(conn, None)
        if conn is self.newest:
            self.newest = None
        if answer:
            try:
                conn.sock.send(answer)
            except OSError:
                pass
        self.nr_conns -= 1
        conn.close()

    def murder_pending(self):
        super().murder_pending()
        now = time.monotonic()
        for conn in [conn for conn, (_, deadline) in self.reading.items() if deadline <= now]:
            self._drop(conn)  # too slow: disconnected without an answer, as nginx does after client_header_timeout

    def _cap_keepalive(self, deadline):
        """Stopping: connections still sending headers get until ``deadline`` too, not their whole timeout."""
        super()._cap_keepalive(deadline)
        for conn, (received, own) in list(self.reading.items()):
            self.reading[conn] = (received, min(own, deadline))


class AnonymousBodyLimitMiddleware:
    """413 for a body over ``ANONYMOUS_MAX_BODY_BYTES`` from a request without a logged-in session, unread.

    First in ``MIDDLEWARE``, so it runs before the session, CSRF (which reads a POST's form) and every view. Only
    a request that declares a large body costs a session look-up; a small one passes untouched.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.limit = settings.ANONYMOUS_MAX_BODY_BYTES

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads such a body as empty
        if length > self.limit and not logged_in(request):
            return HttpResponse("请求内容过大。\n", status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def logged_in(request) -> bool:
    """Whether the request's session cookie names a live session with a signed-in user (any user: Django's
    views decide what that user may do)."""
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.backends.base import SessionBase
    from django.utils.module_loading import import_string

    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not key:
        return False
    store: SessionBase = import_string(settings.SESSION_ENGINE + ".SessionStore")(key)
    return store.get(SESSION_KEY) is not None
