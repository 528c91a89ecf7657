from enum import StrEnum

class ClosureReason(StrEnum):
    COOPERATION_OBTAINED = "cooperation_obtained"
    COURT_MADE_NO_FINDING = "court_made_no_finding"
    DECISION_REVERSED = "decision_reversed"
    DECISION_WITHDRAWN = "decision_withdrawn"
    OTHER = "other"

    def __str__(self) -> str:
        return str(self.value)
