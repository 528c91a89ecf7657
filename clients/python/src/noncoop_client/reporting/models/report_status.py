from enum import StrEnum

class ReportStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"

    def __str__(self) -> str:
        return str(self.value)
