"""The one rule for the central service's address, used by config validation (so `kiosk config
check` catches it) and by the sync transport (so nothing slips past at run time)."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def central_url_problem(url: str) -> str | None:
    """Why `url` cannot be the central service (https, or plain http to loopback only)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return f"{url!r} is not an http(s) URL"
    if parts.scheme not in ("https", "http") or not host:
        return f"{url!r} is not an http(s) URL"
    if parts.scheme == "http" and not is_loopback(host):
        return (
            f"{url!r} uses plain http to another machine; use https "
            "(plain http is only for the embedded service on 127.0.0.1)"
        )
    return None
