"""The pure pieces of docs/adr/0023-refusals-never-disclose.md: the gate, the visible sequence
of versions, and the bounds of business time."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime

import pytest
from fastapi import HTTPException
from pydantic import BaseModel, ValidationError

from noncoop_shared.business_time import BusinessDate, instant_in_bounds
from noncoop_shared.commands import Admit
from noncoop_shared.errors import InvalidTransitionError, NotFoundError
from noncoop_shared.views import stream_version_for, visible_sequence
from noncoop_shared.web.disclosure import unless_hidden_in

from .test_envelope_and_chain import chain

HIDDEN = NotFoundError("no case c is known to this reader")


def command(outcome: str | None) -> Callable[[Admit], Awaitable[str]]:
    """A command that checks ``admit`` on its history first, as ``commands.execute`` does,
    then records ``ran``, then succeeds (``outcome``) or is refused (``None``)."""

    async def run(admit: Admit) -> str:
        admit(chain(2))
        ran.append(True)
        if outcome is None:
            raise InvalidTransitionError("Case c was closed on 1 May 2026 (reason: other)")
        return outcome

    return run


ran: list[bool] = []


async def test_in_the_transaction_a_reader_runs_the_command_and_hears_its_refusal() -> None:
    assert await unless_hidden_in(lambda _: True, HIDDEN, command("done")) == "done"
    with pytest.raises(InvalidTransitionError):
        await unless_hidden_in(lambda _: True, HIDDEN, command(None))


async def test_in_the_transaction_a_non_reader_gets_the_404_before_the_command_runs() -> None:
    ran.clear()
    with pytest.raises(NotFoundError) as refused:
        await unless_hidden_in(lambda _: False, HIDDEN, command("done"))
    assert refused.value is HIDDEN and not ran


async def test_in_the_transaction_acting_unseen_succeeds_but_every_refusal_is_the_404() -> None:
    assert await unless_hidden_in(lambda _: False, HIDDEN, command("done"), acts_unseen=True) == (
        "done"
    )
    with pytest.raises(NotFoundError) as refused:
        await unless_hidden_in(lambda _: False, HIDDEN, command(None), acts_unseen=True)
    assert refused.value is HIDDEN
    # A reader acting on the same route hears the refusal itself.
    with pytest.raises(InvalidTransitionError):
        await unless_hidden_in(lambda _: True, HIDDEN, command(None), acts_unseen=True)


def failing(status_code: int) -> Callable[[Admit], Awaitable[str]]:
    """A command admitted on its history that then fails with an HTTP ``status_code``."""

    async def run(admit: Admit) -> str:
        admit(chain(2))
        raise HTTPException(status_code)

    return run


async def test_acting_unseen_an_http_refusal_is_the_404_but_a_failing_service_is_not() -> None:
    with pytest.raises(NotFoundError) as refused:
        await unless_hidden_in(lambda _: False, HIDDEN, failing(409), acts_unseen=True)
    assert refused.value is HIDDEN
    with pytest.raises(HTTPException) as failed:
        await unless_hidden_in(lambda _: False, HIDDEN, failing(503), acts_unseen=True)
    assert failed.value.status_code == 503
    # A reader hears the HTTP refusal itself.
    with pytest.raises(HTTPException) as heard:
        await unless_hidden_in(lambda _: True, HIDDEN, failing(409), acts_unseen=True)
    assert heard.value.status_code == 409


def test_a_reader_of_every_event_keeps_the_streams_versions() -> None:
    events = chain(3)
    assert [e.streamversion for e in visible_sequence(events, events)] == [1, 2, 3]
    assert stream_version_for(events, events, 3) == 3


def test_a_filtered_reader_sees_no_gap_and_its_versions_map_back() -> None:
    events = chain(4)
    shown = [events[1], events[3]]  # versions 2 and 4: 1 and 3 are hidden
    assert [e.streamversion for e in visible_sequence(shown, events)] == [1, 2]
    assert stream_version_for(shown, events, 2) == 4
    assert stream_version_for(shown, events, 3) is None


class Dated(BaseModel):
    on: BusinessDate


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2002, 6, 30), date(9999, 12, 31)])
def test_a_date_outside_rule_time_is_refused_by_the_type(day: date) -> None:
    with pytest.raises(ValidationError):
        Dated(on=day)


def test_the_bounds_themselves_are_dates_of_the_procedures() -> None:
    assert Dated(on=date(2002, 7, 1)).on == date(2002, 7, 1)
    assert instant_in_bounds(datetime(2199, 12, 31, tzinfo=UTC))
    with pytest.raises(ValueError):
        instant_in_bounds(datetime(1900, 1, 1, tzinfo=UTC))
