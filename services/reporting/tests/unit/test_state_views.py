"""The API's views of the procedural state (``reporting.api.state_routes``) against the
domain's structs (``reporting.domain.procedural.state``): the same fields in the same order, and
a served state is the stored JSON plus the reader's audience (ADR 0027)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import msgspec
import pytest

from noncoop_shared.rules import Rule
from reporting.api import state_routes as views
from reporting.domain.procedural import state as domain
from reporting.domain.procedural import state_to_json

PAIRS = [
    (domain.SessionRef, views.SessionRef),
    (domain.RuleState, views.RuleState),
    (domain.NextDue, views.NextDue),
    (domain.ProceduralState, views.ProceduralStateView),
]


@pytest.mark.parametrize(("struct", "view"), PAIRS, ids=lambda kind: kind.__name__)
def test_a_view_has_its_structs_fields_in_order_with_the_same_defaults(
    struct: type[msgspec.Struct], view: type[views._View]
) -> None:
    struct_fields = msgspec.structs.fields(struct)
    view_fields = list(view.model_fields.items())[: len(struct_fields)]
    assert [f.name for f in struct_fields] == [name for name, _ in view_fields]
    for field, (_, info) in zip(struct_fields, view_fields, strict=True):
        assert field.required == info.is_required(), field.name
        if not field.required:
            default = field.default if field.default is not msgspec.NODEFAULT else []
            assert info.get_default(call_default_factory=True) == default, field.name


def _state() -> domain.ProceduralState:
    due = datetime(2026, 4, 30, tzinfo=UTC)
    session = domain.SessionRef(
        session_id="ASP25", opens_on=date(2026, 12, 1), closes_on=date(2026, 12, 6), ongoing=False
    )
    return domain.ProceduralState(
        case_id="c-1",
        scenario="7a",
        status="open",
        rules=[
            domain.RuleState(
                rule=Rule.P13_FORWARD,
                state="done",
                why="forwarded",
                since=datetime(2026, 4, 1, 9, 30, 0, 123456, tzinfo=UTC),
                done_at=datetime(2026, 4, 1, 9, 30, 0, 123456, tzinfo=UTC),
                actor="secretariat:s-1",
                due_at=due,
            ),
            domain.RuleState(
                rule=Rule.P15, state="pending", why="in the report", due_session=session
            ),
        ],
        next_due=domain.NextDue(rule=Rule.P15, due_at=due),
        events=2,
        recorded_at=datetime(2026, 4, 1, 9, 30, 1, tzinfo=UTC),
    )


def test_a_served_state_is_the_stored_json_with_the_readers_audience() -> None:
    state = _state()
    served = views.ProceduralStateView.model_validate(
        msgspec.to_builtins(state) | {"audience": "restricted", "as_of": None}
    )
    stored = json.loads(state_to_json(state))
    assert json.loads(served.model_dump_json()) == stored | {
        "audience": "restricted",
        "as_of": None,
    }


def test_the_stored_json_keeps_the_field_order_and_writes_instants_in_utc() -> None:
    text = state_to_json(_state())
    assert text.startswith('{"case_id":"c-1","on":null,"scenario":"7a","status":"open","rules":')
    assert '"since":"2026-04-01T09:30:00.123456Z"' in text
    assert '"due_session":{"session_id":"ASP25","opens_on":"2026-12-01"' in text
