from enum import StrEnum

class Announcement(StrEnum):
    CONVENING = "convening"
    DECISIONS = "decisions"

    def __str__(self) -> str:
        return str(self.value)
