from enum import StrEnum

class ProceduralStateViewScenarioType0(StrEnum):
    COURT_INFORMATION = "court_information"
    INFORMATION_ONLY = "information_only"
    VALUE_0 = "7a"
    VALUE_1 = "7b"
    VALUE_2 = "7b_continued_as_7a"

    def __str__(self) -> str:
        return str(self.value)
