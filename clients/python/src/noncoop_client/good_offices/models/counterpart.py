from enum import StrEnum

class Counterpart(StrEnum):
    OTHER_STAKEHOLDER = "other_stakeholder"
    REQUESTED_STATE_OFFICIAL = "requested_state_official"

    def __str__(self) -> str:
        return str(self.value)
