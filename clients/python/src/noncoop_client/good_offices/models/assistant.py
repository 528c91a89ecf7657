from enum import StrEnum

class Assistant(StrEnum):
    BUREAU_MEMBER = "bureau_member"
    FOCAL_POINT = "focal_point"

    def __str__(self) -> str:
        return str(self.value)
