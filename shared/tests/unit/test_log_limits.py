"""The sizes the store, the producer and the log topic agree on (ADR 0022): an event the store
appends is always one the producer sends and the broker takes."""

from noncoop_shared.kafka import (
    MAX_EVENT_BYTES,
    PRODUCER_MAX_REQUEST_BYTES,
    TOPIC_MAX_MESSAGE_BYTES,
)
from noncoop_shared.relay import RECORD_ERRORS


def test_an_appended_event_always_fits_the_producer_and_the_topic() -> None:
    assert MAX_EVENT_BYTES < PRODUCER_MAX_REQUEST_BYTES < TOPIC_MAX_MESSAGE_BYTES


def test_only_refusals_of_the_record_itself_set_it_aside() -> None:
    names = {error.__name__ for error in RECORD_ERRORS}
    assert "MessageSizeTooLargeError" in names and "RecordTooLargeError" in names
    assert not [n for n in names if "Authorization" in n or "Connection" in n or "Timeout" in n]
