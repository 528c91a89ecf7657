from enum import StrEnum

class LegalBasis(StrEnum):
    VALUE_0 = "87(7)"
    VALUE_1 = "87(5)(b)"

    def __str__(self) -> str:
        return str(self.value)
