from enum import StrEnum

class EndOfTermReason(StrEnum):
    OTHER = "other"
    RESIGNED = "resigned"
    TERM_EXPIRED = "term_expired"

    def __str__(self) -> str:
        return str(self.value)
