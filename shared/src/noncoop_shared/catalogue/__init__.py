"""The shared event catalogue (docs/architecture.md §3, §10). Importing it registers every event
type."""

from noncoop_shared.catalogue import bureau as bureau
from noncoop_shared.catalogue import good_offices as good_offices
from noncoop_shared.catalogue import referrals as referrals
from noncoop_shared.catalogue import reporting as reporting
from noncoop_shared.catalogue.base import (
    CATALOGUE,
    PERSONAL,
    Catalogue,
    EventMeta,
    EventPayload,
    PersonalData,
    UnknownEventTypeError,
    event,
    meta_of,
    personal_data_paths,
    upcaster,
)

__all__ = [
    "CATALOGUE",
    "PERSONAL",
    "Catalogue",
    "EventMeta",
    "EventPayload",
    "PersonalData",
    "UnknownEventTypeError",
    "event",
    "meta_of",
    "personal_data_paths",
    "upcaster",
]
