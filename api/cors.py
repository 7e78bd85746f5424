"""CORS for the API's reads only: django-cors-headers (settings: /api/ on any origin, no credentials).

The package adds ``Access-Control-Allow-Origin`` to any answer on a matching path, whatever the method. The
API only reads, so only a read (or its preflight) gets the header: a script on another site never reads what
a POST was answered.
"""

from corsheaders.middleware import CorsMiddleware

READ_METHODS = ("GET", "HEAD", "OPTIONS")


class ReadOnlyCorsMiddleware(CorsMiddleware):
    def is_enabled(self, request) -> bool:
        return request.method in READ_METHODS and super().is_enabled(request)
