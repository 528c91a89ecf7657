from enum import StrEnum

class Role(StrEnum):
    BUREAU_MEMBER = "bureau_member"
    COURT = "court"
    FOCAL_POINT = "focal_point"
    PRESIDENT = "president"
    PUBLIC = "public"
    SECRETARIAT = "secretariat"
    STATE_PARTY = "state_party"

    def __str__(self) -> str:
        return str(self.value)
