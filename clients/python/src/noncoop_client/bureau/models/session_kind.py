from enum import StrEnum

class SessionKind(StrEnum):
    REGULAR = "regular"
    RESUMED = "resumed"
    SPECIAL = "special"

    def __str__(self) -> str:
        return str(self.value)
