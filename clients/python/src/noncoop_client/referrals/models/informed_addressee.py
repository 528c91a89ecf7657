from enum import StrEnum

class InformedAddressee(StrEnum):
    ASSEMBLY = "assembly"
    SECURITY_COUNCIL = "security_council"

    def __str__(self) -> str:
        return str(self.value)
