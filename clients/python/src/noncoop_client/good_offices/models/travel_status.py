from enum import StrEnum

class TravelStatus(StrEnum):
    CONFIRMED = "confirmed"
    POTENTIAL = "potential"

    def __str__(self) -> str:
        return str(self.value)
