"""The Idempotency-Key of the console's forms (ADR 0038, ADR 0039): each render of a form that
writes carries a fresh random key in a hidden field, and its POST sends that key to the
service, so the same form sent twice (a double click, a resend after a timeout, the browser's
"resubmit") is recorded once: the service answers the second with the first's answer.

The key sent on is one the console made: a UUID as :func:`new_key` writes it. Anything else in
the field (a form edited by hand or by another page) is refused, as a wrong CSRF token is, with
nothing sent: replacing it would quietly drop the protection the sender asked for. A form
without a key (no field, or an empty one) is sent once, with a fresh key.
"""

from __future__ import annotations

import re
import uuid

from starlette.datastructures import FormData

FIELD = "idempotency_key"
_KEY = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def new_key() -> str:
    """A random key (UUID 4) for one render of a form."""
    return str(uuid.uuid4())


class IdempotencyKeyError(Exception):
    """A form whose key is not one the console made: answered with the 400 page."""


def key_of(form: FormData) -> str:
    """The form's key when it has the shape :func:`new_key` gives; a fresh one when it has
    none. Raises :class:`IdempotencyKeyError` for any other key."""
    sent = form.get(FIELD)
    if sent is None or sent == "":
        return new_key()
    if isinstance(sent, str) and _KEY.fullmatch(sent):
        return sent
    raise IdempotencyKeyError
