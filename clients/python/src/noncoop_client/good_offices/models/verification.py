from enum import StrEnum

class Verification(StrEnum):
    NOT_CONFIRMED = "not_confirmed"
    VERIFIED = "verified"

    def __str__(self) -> str:
        return str(self.value)
