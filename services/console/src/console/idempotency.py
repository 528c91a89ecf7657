"""The Idempotency-Key of the console's forms (ADR 0038, ADR 0039): each render of a form that
writes carries a fresh random key in a hidden field, and its POST sends that key to the
service, so the same form sent twice (a double click, a resend after a timeout, the browser's
"resubmit") is recorded once: the service answers the second with the first's answer.

The key sent on is one the console made: a UUID as :func:`new_key` writes it. Anything else in
the field (a form edited by hand) is not passed on; the request gets a fresh key instead, so it
is sent once, as a form without a key would be.
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


def key_of(form: FormData) -> str:
    """The form's key when it has the shape :func:`new_key` gives; a fresh one otherwise."""
    sent = form.get(FIELD)
    if isinstance(sent, str) and _KEY.match(sent):
        return sent
    return new_key()
