from enum import StrEnum

class CourtDecisionWithoutFindingSubmissionOutcome(StrEnum):
    NOT_REFERRED = "not_referred"
    NO_FINDING = "no_finding"

    def __str__(self) -> str:
        return str(self.value)
