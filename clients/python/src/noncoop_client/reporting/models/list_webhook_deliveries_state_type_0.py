from enum import StrEnum

class ListWebhookDeliveriesStateType0(StrEnum):
    DEAD = "dead"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
