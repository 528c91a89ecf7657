from enum import StrEnum

class DecisionChangeKind(StrEnum):
    AMENDED = "amended"
    REVERSED = "reversed"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
