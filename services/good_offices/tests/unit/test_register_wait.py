"""How long a command on a case this service does not know waits for referrals' register: only
a case made a moment ago may still be on its way through the log; any other is a 404 at once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from good_offices.application.handlers import REGISTER_WAIT_SECONDS, register_wait_seconds
from noncoop_shared.ids import uuid7, uuid7_time

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)


def made_at(moment: datetime) -> str:
    return str(uuid7(int(moment.timestamp() * 1000)))


def test_a_case_referrals_made_a_moment_ago_is_waited_for() -> None:
    assert register_wait_seconds(made_at(NOW - timedelta(seconds=1)), NOW) == REGISTER_WAIT_SECONDS
    assert register_wait_seconds(made_at(NOW - timedelta(seconds=59)), NOW) == REGISTER_WAIT_SECONDS
    # The maker's clock a little ahead of ours.
    assert register_wait_seconds(made_at(NOW + timedelta(seconds=3)), NOW) == REGISTER_WAIT_SECONDS


def test_an_old_case_an_id_from_far_ahead_or_not_a_uuid7_is_not_waited_for() -> None:
    assert register_wait_seconds(made_at(NOW - timedelta(minutes=2)), NOW) == 0.0
    assert register_wait_seconds(made_at(NOW + timedelta(minutes=2)), NOW) == 0.0
    assert register_wait_seconds(str(uuid.uuid4()), NOW) == 0.0
    assert register_wait_seconds("ffffffff-ffff-ffff-ffff-ffffffffffff", NOW) == 0.0
    assert register_wait_seconds("not-a-uuid", NOW) == 0.0


def test_the_making_time_of_a_uuid7_is_read_to_the_millisecond() -> None:
    moment = datetime(2026, 3, 30, 9, 15, 42, 123000, tzinfo=UTC)
    assert uuid7_time(made_at(moment)) == moment
    assert uuid7_time(str(uuid.uuid4())) is None
