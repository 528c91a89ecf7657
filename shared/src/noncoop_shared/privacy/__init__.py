"""Personal data sealed per case before hashing, and erased by deleting the case's key (ADR 0011,
ADR 0022).

``sealing``: the pure cipher and the walk over payloads; ``keyring``: the data keys in PostgreSQL;
``reading``: opening the fields a view declares personal, with the key of the record's own case;
``recording``: what the store records of a payload.
"""

from noncoop_shared.privacy.keyring import Keyring, MasterKeys
from noncoop_shared.privacy.reading import open_personal_data, opened_view
from noncoop_shared.privacy.sealing import (
    ERASED,
    LEGACY_SEALED_PREFIX,
    SEALED_PREFIX,
    is_sealed,
    looks_sealed,
    open_declared,
    seal_payload,
)

__all__ = [
    "ERASED",
    "LEGACY_SEALED_PREFIX",
    "SEALED_PREFIX",
    "Keyring",
    "MasterKeys",
    "is_sealed",
    "looks_sealed",
    "open_declared",
    "open_personal_data",
    "opened_view",
    "seal_payload",
]
