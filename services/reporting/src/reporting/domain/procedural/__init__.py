"""The procedural state of a case: where each rule stands on a business date (pure).

A fold over the case's envelopes of every service, in log order (``fold.step``, through one
module per service whose stream the envelope comes from: ``referrals``, ``good_offices``,
``bureau``, ``reporting``), into ``CaseFacts`` (``facts``); then a judgement of the facts on a
business date D (``derive``, through ``formal_response_rules`` and ``good_offices_rules``, one
row each by ``rows.row``). Facts dated after D are not folded (``fold(..., on=D)``): on D they
had not happened. Every ``why`` is a keyed sentence of ``wording``, in English (what is stored
and served by default) or French (``derive(..., lang="fr")``).

The projection (``reporting.projections.procedural_store``) stores the facts between events
and the state judged on no date.
"""

from reporting.domain.procedural.derive import derive
from reporting.domain.procedural.facts import (
    CaseFacts,
    CaseStatus,
    Scenario,
    Step,
    end_of,
    facts_from_json,
    facts_to_json,
    is_case_stream,
)
from reporting.domain.procedural.fold import decode_payload, fold, step
from reporting.domain.procedural.formal_response_rules import (
    WHY_NO_REFERRAL,
    WHY_NO_SECURITY_COUNCIL,
    WHY_P14E,
    WHY_P15,
)
from reporting.domain.procedural.good_offices_rules import WHY_NOT_ACTIVATED
from reporting.domain.procedural.state import (
    NextDue,
    ProceduralState,
    RuleState,
    RuleStatus,
    SessionRef,
    state_to_json,
)

__all__ = [
    "WHY_NOT_ACTIVATED",
    "WHY_NO_REFERRAL",
    "WHY_NO_SECURITY_COUNCIL",
    "WHY_P14E",
    "WHY_P15",
    "CaseFacts",
    "CaseStatus",
    "NextDue",
    "ProceduralState",
    "RuleState",
    "RuleStatus",
    "Scenario",
    "SessionRef",
    "Step",
    "decode_payload",
    "derive",
    "end_of",
    "facts_from_json",
    "facts_to_json",
    "fold",
    "is_case_stream",
    "state_to_json",
    "step",
]
