from enum import StrEnum

class Urgency(StrEnum):
    IMMINENT = "imminent"
    ONGOING = "ongoing"

    def __str__(self) -> str:
        return str(self.value)
