from enum import StrEnum

class RegionalGroup(StrEnum):
    AFRICAN = "african"
    ASIA_PACIFIC = "asia_pacific"
    EASTERN_EUROPEAN = "eastern_european"
    LATIN_AMERICAN_CARIBBEAN = "latin_american_caribbean"
    WESTERN_EUROPEAN_OTHER = "western_european_other"

    def __str__(self) -> str:
        return str(self.value)
