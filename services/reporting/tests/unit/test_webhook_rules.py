"""Webhooks, pure: the Standard Webhooks signature against the specification's own example,
the backoff's bounds, which URLs a subscription may use, secrets sealed per subscription."""

from __future__ import annotations

import base64
import uuid

import pytest
from cryptography.exceptions import InvalidTag

from reporting.webhooks import signature
from reporting.webhooks.delivery import full_jitter
from reporting.webhooks.secrets import SecretBox
from reporting.webhooks.urls import UnsafeUrlError, check_resolved, check_url

TRUSTED = frozenset({"127.0.0.1"})


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
        "https://10.1.2.3:8443/hook",
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


async def test_a_name_resolving_to_the_machine_itself_is_refused_at_delivery() -> None:
    # "localhost" passes the check at creation (a name), not the one before each delivery.
    assert check_url("https://localhost/hook", TRUSTED) == "https://localhost/hook"
    with pytest.raises(UnsafeUrlError):
        await check_resolved("https://localhost/hook", TRUSTED)
    await check_resolved("http://127.0.0.1:9/hook", TRUSTED)  # trusted: not even resolved
