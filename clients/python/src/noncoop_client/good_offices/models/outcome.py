from enum import StrEnum

class Outcome(StrEnum):
    CASE_CLOSED = "case_closed"
    COOPERATION_OBTAINED = "cooperation_obtained"
    INFORMATION_NOT_CONFIRMED = "information_not_confirmed"
    NO_RESULT = "no_result"
    OTHER = "other"

    def __str__(self) -> str:
        return str(self.value)
