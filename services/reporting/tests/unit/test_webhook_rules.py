"""Webhooks, pure: the Standard Webhooks signature against the specification's own example,
the backoff's bounds, which URLs a subscription may use and which address a delivery connects
to, secrets sealed per subscription."""

from __future__ import annotations

import base64
import ipaddress
import re
import uuid

import httpx
import pytest
from cryptography.exceptions import InvalidTag

from reporting.settings import ReportingSettings
from reporting.webhooks import signature
from reporting.webhooks.delivery import full_jitter
from reporting.webhooks.secrets import SecretBox
from reporting.webhooks.urls import (
    PinnedTransport,
    Reach,
    Resolver,
    UnsafeUrlError,
    check_url,
    checked_address,
)

TRUSTED = Reach(frozenset({"127.0.0.1"}))
COURT_NETWORK = Reach.parse("", "10.1.0.0/16, fd12:3456::/32, 127.0.0.0/8, 169.254.0.0/16")


def test_the_signature_is_the_specifications_on_its_example() -> None:
    # The example of the Standard Webhooks libraries' tests.
    key = base64.b64decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    body = b'{"test": 2432232314}'
    assert (
        signature.sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)
        == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    )
    secret = signature.secret_text(key)
    assert secret == "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def test_full_jitter_waits_between_nothing_and_the_capped_exponential() -> None:
    assert full_jitter(1, 2.0, 600.0, lambda: 1.0) == 2.0
    assert full_jitter(4, 2.0, 600.0, lambda: 1.0) == 16.0
    assert full_jitter(20, 2.0, 600.0, lambda: 1.0) == 600.0
    assert full_jitter(5, 2.0, 600.0, lambda: 0.0) == 0.0
    assert full_jitter(3, 2.0, 600.0, lambda: 0.5) == 4.0


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.example.org/noncoop",
        "https://8.8.8.8:8443/hook",
        "https://[2001:4860::1]/hook",
        "http://127.0.0.1:9999/hook",
    ],
)
def test_https_anywhere_routable_and_http_to_trusted_hosts_are_allowed(url: str) -> None:
    assert check_url(url, TRUSTED) == url


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.example.org/",
        "ftp://hooks.example.org/",
        "https://169.254.169.254/latest/meta-data/",
        "https://[fe80::1]/",
        "https://[::1]/",
        "https://127.0.0.2/",
        "https://0.0.0.0/",
        "https://224.0.0.1/",
        "https://[ff02::1]/",
        "https://240.0.0.1/",
        # private networks, unless the deployment allows them
        "https://10.1.2.3:8443/hook",
        "https://172.16.0.1/",
        "https://192.168.1.1/",
        "https://100.64.0.1/",
        "https://[fd00::1]/",
        # IPv6 addresses that end at an IPv4 one: judged by it
        "https://[::ffff:127.0.0.1]/",
        "https://[::ffff:169.254.169.254]/",
        "https://[64:ff9b::a9fe:a9fe]/",
        "https://[2002:a9fe:a9fe::1]/",
        "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",  # Teredo
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://user:secret@hooks.example.org/",
        "https:///nohost",
        "https://[zz/",
        "https://hooks.example.org:99999/",
        "https://h/" + "a" * 3000,
    ],
)
def test_urls_no_webhook_may_reach_are_refused(url: str) -> None:
    with pytest.raises(UnsafeUrlError):
        check_url(url, TRUSTED)


def test_a_secret_opens_only_for_its_own_subscription() -> None:
    box = SecretBox(bytes(32))
    one, other = uuid.uuid4(), uuid.uuid4()
    sealed = box.seal(one, b"k" * 32)
    assert box.open(one, sealed) == b"k" * 32
    with pytest.raises(InvalidTag):
        box.open(other, sealed)


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://10.1.2.3/hook", True),
        ("https://[::ffff:10.1.2.3]/hook", True),
        ("https://[fd12:3456::7]/hook", True),
        ("https://10.2.0.1/hook", False),
        # never reachable, whatever the deployment allows
        ("https://127.0.0.1/hook", False),
        ("https://169.254.169.254/latest/meta-data/", False),
    ],
)
def test_the_private_networks_a_deployment_allows_are_reached_and_no_more(
    url: str, allowed: bool
) -> None:
    if allowed:
        assert check_url(url, COURT_NETWORK) == url
    else:
        with pytest.raises(UnsafeUrlError):
            check_url(url, COURT_NETWORK)


def test_an_allowed_network_that_is_not_one_is_refused_at_start_naming_it() -> None:
    with pytest.raises(ValueError, match=re.escape("'10.1.0.0/33' is not a network")):
        Reach.parse("", "10.0.0.0/8, 10.1.0.0/33")
    with pytest.raises(ValueError, match=re.escape("10.1.0.0/33")):
        ReportingSettings(webhook_allowed_networks="10.1.0.0/33")


def _resolver(*answers: list[str]) -> tuple[list[str], Resolver]:
    """A resolver giving ``answers`` in turn (a name re-pointed between two lookups), and the
    names it was asked."""
    asked: list[str] = []
    pending = list(answers)

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return pending.pop(0)

    return asked, resolve


async def test_a_name_resolving_to_a_refused_address_is_refused_without_naming_it() -> None:
    # "hooks.court.internal" passes the check at creation (a name), not the one at delivery;
    # the refusal does not tell the subscription's owner where the name points.
    assert check_url("https://hooks.court.internal/", TRUSTED) == "https://hooks.court.internal/"
    _, resolve = _resolver(["8.8.8.8", "10.9.8.7"])
    with pytest.raises(UnsafeUrlError) as refused:
        await checked_address("hooks.court.internal", 443, TRUSTED, resolve)
    assert "10.9.8.7" not in str(refused.value)
    assert "no webhook may reach" in str(refused.value)
    assert "10.9.8.7" in str(refused.value.__cause__)  # for the operators' log


async def test_a_name_that_does_not_resolve_is_refused() -> None:
    async def fails(host: str, port: int) -> list[str]:
        raise OSError(-2, "Name or service not known")

    with pytest.raises(UnsafeUrlError, match="does not resolve: Name or service not known"):
        await checked_address("nowhere.example", 443, TRUSTED, fails)


def _pinned(resolve: Resolver) -> tuple[PinnedTransport, list[httpx.Request]]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(204)

    transport = PinnedTransport(TRUSTED, resolver=resolve, inner=httpx.MockTransport(answer))
    return transport, sent


async def test_a_delivery_connects_to_the_address_it_checked_keeping_the_name_for_tls() -> None:
    _, resolve = _resolver(["2001:4860::1", "8.8.8.8"])
    transport, sent = _pinned(resolve)
    async with httpx.AsyncClient(transport=transport) as client:
        response = await client.post("https://hooks.example.org:8443/in?x=1", content=b"{}")

    assert response.status_code == 204
    (request,) = sent
    assert str(request.url) == "https://[2001:4860::1]:8443/in?x=1"
    assert request.headers["host"] == "hooks.example.org:8443"
    assert request.extensions["sni_hostname"] == "hooks.example.org"  # certificate checked


async def test_a_name_re_pointed_after_the_check_reaches_nothing_it_was_not_checked_for() -> None:
    # DNS rebinding: the name answers a public address, then the machine's own. Each request
    # looks the name up once and connects to that answer; the second is refused, unsent.
    asked, resolve = _resolver(["8.8.8.8"], ["127.0.0.1"])
    transport, sent = _pinned(resolve)
    async with httpx.AsyncClient(transport=transport) as client:
        await client.post("https://hooks.example.org/in", content=b"{}")
        with pytest.raises(UnsafeUrlError):
            await client.post("https://hooks.example.org/in", content=b"{}")

    assert asked == ["hooks.example.org", "hooks.example.org"]
    assert [ipaddress.ip_address(r.url.host) for r in sent] == [ipaddress.ip_address("8.8.8.8")]


async def test_a_trusted_host_is_reached_as_named_without_a_lookup() -> None:
    asked, resolve = _resolver()
    transport, sent = _pinned(resolve)
    async with httpx.AsyncClient(transport=transport) as client:
        await client.post("http://127.0.0.1:9/hook", content=b"{}")

    assert asked == []
    assert str(sent[0].url) == "http://127.0.0.1:9/hook"


async def test_an_international_name_is_looked_up_and_checked_by_tls_as_idna() -> None:
    asked, resolve = _resolver(["8.8.8.8"])
    transport, sent = _pinned(resolve)
    async with httpx.AsyncClient(transport=transport) as client:
        await client.post("https://bücher.example/in", content=b"{}")

    assert asked == ["xn--bcher-kva.example"]
    assert sent[0].extensions["sni_hostname"] == "xn--bcher-kva.example"
    assert sent[0].headers["host"] == "xn--bcher-kva.example"
