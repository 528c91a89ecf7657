"""Personal data sealed per case before hashing, and erased by deleting the case's key (ADR 0011).

``sealing``: the pure cipher and the walk over payloads and responses; ``keyring``: the data
keys in PostgreSQL; ``noncoop_shared.web.privacy``: the middleware that opens sealed values in
every JSON response.
"""

from noncoop_shared.privacy.keyring import Keyring, MasterKeys
from noncoop_shared.privacy.sealing import ERASED, SEALED_PREFIX, is_sealed, reveal, seal_payload

__all__ = [
    "ERASED",
    "SEALED_PREFIX",
    "Keyring",
    "MasterKeys",
    "is_sealed",
    "reveal",
    "seal_payload",
]
