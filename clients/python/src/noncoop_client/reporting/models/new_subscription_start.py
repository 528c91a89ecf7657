from enum import StrEnum

class NewSubscriptionStart(StrEnum):
    BEGINNING = "beginning"
    NOW = "now"

    def __str__(self) -> str:
        return str(self.value)
