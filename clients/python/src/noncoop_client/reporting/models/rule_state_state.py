from enum import StrEnum

class RuleStateState(StrEnum):
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"
    OPTIONAL = "optional"
    OVERDUE = "overdue"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
