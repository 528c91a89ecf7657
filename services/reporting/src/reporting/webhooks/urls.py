"""Which URLs a subscription may send to, and the one address each delivery connects to.

HTTPS only, except plain HTTP to the hosts the deployment trusts (development, tests). The
address reached must be a public one: never the machine itself or its link (loopback,
link-local: the cloud's metadata service at 169.254.169.254 is one), unspecified, multicast,
reserved, nor a private network (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10 ...) unless
the deployment allows that network (``WEBHOOK_ALLOWED_NETWORKS``: the Court's receivers may sit
on one). An IPv6 address that carries an IPv4 one (mapped, 6to4, NAT64) is judged by the IPv4
address it reaches.

Checked when the subscription is made (the literal address), and at every delivery on what the
name resolves to then; the delivery then connects to that very address
(:class:`PinnedTransport`), so a name re-pointed between the check and the connection (DNS
rebinding) reaches nothing it was not checked for.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

MAX_URL_CHARS = 2048
_METADATA_NAMES = frozenset({"metadata", "metadata.google.internal", "instance-data"})
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], Awaitable[list[str]]]


class UnsafeUrlError(ValueError):
    """The URL is not one a subscription may send to; the message says why."""


@dataclass(frozen=True)
class Reach:
    """What the deployment lets webhooks reach beyond public addresses."""

    trusted_hosts: frozenset[str] = frozenset()
    """hosts reached as named, over plain http too, with no address check (development, tests)"""
    allowed_networks: tuple[IPNetwork, ...] = field(default=())
    """private networks a receiver may sit on (never loopback, link-local or multicast)"""

    @classmethod
    def parse(cls, trusted_hosts: str, allowed_networks: str) -> Reach:
        """From the settings' comma-separated lists; ``ValueError`` naming a bad network."""
        networks = []
        for text in (n.strip() for n in allowed_networks.split(",")):
            if text:
                try:
                    networks.append(ipaddress.ip_network(text))
                except ValueError as error:
                    raise ValueError(f"{text!r} is not a network: {error}") from error
        hosts = frozenset(h.strip().lower() for h in trusted_hosts.split(",") if h.strip())
        return cls(hosts, tuple(networks))


def check_url(url: str, reach: Reach) -> str:
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
    trusted = host in reach.trusted_hosts
    if parts.scheme != "https" and not (parts.scheme == "http" and trusted):
        raise UnsafeUrlError("must be https (plain http only to a host the deployment trusts)")
    if trusted:
        return url
    if host in _METADATA_NAMES:
        raise UnsafeUrlError("names a metadata service")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return url  # a name: judged on what it resolves to, at each delivery
    refuse_address(address, reach)
    return url


def refuse_address(address: IPAddress, reach: Reach) -> None:
    """:class:`UnsafeUrlError` unless a webhook may connect to ``address``."""
    reached = _reached(address)
    if reached is None:
        raise UnsafeUrlError(f"reaches {address}, a tunnel no webhook may use")
    if (
        reached.is_loopback
        or reached.is_link_local
        or reached.is_unspecified
        or reached.is_multicast
    ):
        raise UnsafeUrlError(f"reaches {address}, an address no webhook may reach")
    if any(reached in network for network in reach.allowed_networks):
        return
    if not reached.is_global or reached.is_reserved:
        raise UnsafeUrlError(
            f"reaches {address}, a private or reserved address the deployment does not allow"
        )


def _reached(address: IPAddress) -> IPAddress | None:
    """The address a connection to ``address`` ends at: the IPv4 one an IPv6 address carries
    (mapped, 6to4, NAT64), else itself; ``None`` for a Teredo tunnel (two ends)."""
    if isinstance(address, ipaddress.IPv4Address):
        return address
    if address.teredo is not None:
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address


async def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to now (the system's resolver)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def checked_address(host: str, port: int, reach: Reach, resolver: Resolver) -> IPAddress:
    """The address a delivery to ``host`` connects to: every address the name resolves to now
    must be one a webhook may reach (a name may have been pointed at the metadata service since
    the subscription), and the first is taken. The refusal names no address (its cause does, for
    the operators' log): a name of the Court's own network would otherwise tell the
    subscription's owner where it points."""
    try:
        addresses = [ipaddress.ip_address(a.split("%")[0]) for a in await resolver(host, port)]
    except OSError as error:
        raise UnsafeUrlError(f"does not resolve: {error.strerror or error}") from error
    if not addresses:
        raise UnsafeUrlError("does not resolve")
    for address in addresses:
        try:
            refuse_address(address, reach)
        except UnsafeUrlError as error:
            raise UnsafeUrlError("resolves to an address no webhook may reach") from error
    return addresses[0]


class PinnedTransport(httpx.AsyncBaseTransport):
    """Sends each request to the address :func:`checked_address` checked, not to whatever the
    name resolves to when the connection is made: the URL's host becomes that address, while
    the ``Host`` header and TLS (server name and certificate check) keep the name.

    Connections are not kept alive: two names served from one address would otherwise share a
    TLS connection made, and its certificate checked, for the first of them."""

    def __init__(
        self,
        reach: Reach,
        verify: ssl.SSLContext | bool = True,
        resolver: Resolver = resolve,
        inner: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._reach = reach
        self._resolver = resolver
        self._inner = inner or httpx.AsyncHTTPTransport(
            verify=verify,
            trust_env=False,
            limits=httpx.Limits(max_keepalive_connections=0),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        # An international name as IDNA (what DNS and the certificate hold).
        host = request.url.raw_host.decode("ascii")
        if host not in self._reach.trusted_hosts:
            port = request.url.port or _default_port(request.url.scheme)
            address = await checked_address(host, port, self._reach, self._resolver)
            request.url = request.url.copy_with(host=str(address))
            request.extensions = {**request.extensions, "sni_hostname": host}
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def _default_port(scheme: str) -> int:
    return 443 if scheme == "https" else 80
