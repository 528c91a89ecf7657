from enum import StrEnum

class ProceduralStateViewStatusType0(StrEnum):
    CLOSED = "closed"
    INFORMATION_ONLY = "information_only"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
