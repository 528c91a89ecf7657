"""Which URLs a subscription may send to.

HTTPS only, except plain HTTP to the hosts the deployment trusts (development, tests); never
an address of the machine itself or of its link (loopback, link-local: the cloud's metadata
service at 169.254.169.254 is one), unspecified, multicast or reserved, unless the host is
trusted. Checked when the subscription is made (the literal address) and before every
delivery (what the name resolves to then).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

MAX_URL_CHARS = 2048
_METADATA_NAMES = frozenset({"metadata", "metadata.google.internal", "instance-data"})


class UnsafeUrlError(ValueError):
    """The URL is not one a subscription may send to; the message says why."""


def check_url(url: str, trusted_hosts: frozenset[str]) -> str:
    """``url`` if a subscription may use it; :class:`UnsafeUrlError` otherwise."""
    if len(url) > MAX_URL_CHARS:
        raise UnsafeUrlError(f"longer than {MAX_URL_CHARS} characters")
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - a port out of range raises here, not at delivery
    except ValueError as error:
        raise UnsafeUrlError(f"is not a URL: {error}") from error
    if not host:
        raise UnsafeUrlError("names no host")
    if parts.username or parts.password:
        raise UnsafeUrlError("carries credentials; put them in no URL")
    if parts.scheme != "https" and not (parts.scheme == "http" and host in trusted_hosts):
        raise UnsafeUrlError("must be https (plain http only to a host the deployment trusts)")
    if host in trusted_hosts:
        return url
    if host in _METADATA_NAMES:
        raise UnsafeUrlError("names a metadata service")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return url
    refuse_address(address)
    return url


def refuse_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> None:
    if (
        address.is_loopback
        or address.is_link_local
        or address.is_unspecified
        or address.is_multicast
        or address.is_reserved
    ):
        raise UnsafeUrlError(f"reaches {address}, an address no webhook may reach")


async def check_resolved(url: str, trusted_hosts: frozenset[str]) -> None:
    """Before a delivery: every address the host resolves to now must be one a webhook may
    reach (a name may have been pointed at the metadata service since the subscription)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host in trusted_hosts:
        return
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise UnsafeUrlError(f"does not resolve: {error.strerror or error}") from error
    for info in infos:
        refuse_address(ipaddress.ip_address(str(info[4][0]).split("%")[0]))
