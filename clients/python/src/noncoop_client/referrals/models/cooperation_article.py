from enum import StrEnum

class CooperationArticle(StrEnum):
    VALUE_0 = "89"
    VALUE_1 = "93"

    def __str__(self) -> str:
        return str(self.value)
