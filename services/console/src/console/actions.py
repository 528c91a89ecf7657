"""Which command forms the console offers to whom.

Only to hide links a person could not use: the service is the authority, and refuses (403) a
command the person may not give whatever the console shows. Kept in step with the services'
routes by tests/system/access_table.py's rows for the same commands (see the console's tests).
"""

from __future__ import annotations

from dataclasses import dataclass

from noncoop_shared.auth.principal import Principal


@dataclass(frozen=True)
class Action:
    slug: str
    """The form's path under the case: ``/cases/{id}/<slug>``."""
    label: str
    """The msgid of its link and title."""
    roles: frozenset[str]


ACTIONS = (
    Action("forwarding", "Record the forwarding to the States Parties", frozenset({"secretariat"})),
    Action("press-release", "Record the press release", frozenset({"president", "secretariat"})),
)


def actions_for(principal: Principal) -> tuple[Action, ...]:
    return tuple(a for a in ACTIONS if principal.role.value in a.roles)
