"""The address of the client behind our reverse proxies, which login throttling and rate limits key on.

Behind a proxy every request comes from the proxy's address (``REMOTE_ADDR``); the proxy appends the
address it saw to ``X-Forwarded-For``. Anything to the left of that was sent by the client and can be
forged, so the client is the right-most address in the header that is not one of ``TRUSTED_PROXIES``,
and the header is read only when ``REMOTE_ADDR`` itself is a trusted proxy. With no trusted proxies
(the default without ``BEHIND_PROXY``) the header means nothing and the client is ``REMOTE_ADDR``.

``settings.TRUSTED_PROXIES`` is a list of addresses or networks (``10.0.0.1``, ``10.0.0.0/8``, ``::1``).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """The networks named by TRUSTED_PROXIES; a typo is a configuration error, never an open door."""
    networks = []
    for entry in entries:
        entry = entry.strip()
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(f"TRUSTED_PROXIES: {entry!r} is not an address or network ({error})") from None
    return tuple(networks)


def parse_address(text: str) -> Address | None:
    """An address as proxies write it (``1.2.3.4``, ``1.2.3.4:5678``, ``[::1]:80``, ``::1``), or None."""
    text = text.strip().strip('"')
    if text.startswith("["):  # [v6] or [v6]:port
        text = text[1 : text.find("]")] if "]" in text else text
    elif text.count(":") == 1:  # v4:port
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])  # no zone index
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address: Address, networks: tuple[Network, ...]) -> bool:
    return any(address in network for network in networks)


def client_address(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or behind trusted proxies the address the first of them saw."""
    remote_text = request.META.get("REMOTE_ADDR", "") or ""
    networks = trusted_networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    remote = parse_address(remote_text)
    if remote is None or not networks or not _trusted(remote, networks):
        return str(remote) if remote is not None else remote_text
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    nearest = remote  # the closest hop known to be genuine
    for hop in reversed(hops):
        address = parse_address(hop)
        if address is None:
            # Our proxies write addresses; anything else was written by someone else: stop at the last hop we trust.
            return str(nearest)
        if not _trusted(address, networks):
            return str(address)
        nearest = address
    return str(nearest)  # only trusted hops: the request began at one of them
