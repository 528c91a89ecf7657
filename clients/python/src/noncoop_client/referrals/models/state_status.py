from enum import StrEnum

class StateStatus(StrEnum):
    NON_PARTY_AD_HOC = "non_party_ad_hoc"
    NON_PARTY_OTHER = "non_party_other"
    NON_PARTY_SECURITY_COUNCIL = "non_party_security_council"
    STATE_PARTY = "state_party"

    def __str__(self) -> str:
        return str(self.value)
