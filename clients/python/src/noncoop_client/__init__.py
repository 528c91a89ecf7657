"""Python clients of the four noncoop services, generated from ``contracts/openapi/`` (ADR 0036).

One subpackage per service, each with its own ``Client`` / ``AuthenticatedClient``::

    from noncoop_client.referrals import AuthenticatedClient
    from noncoop_client.referrals.api.cases import register_court_referral
    from noncoop_client.referrals.models import CourtDecisionSubmission

    court = AuthenticatedClient(base_url="http://localhost:8101", token=token)
    accepted = register_court_referral.sync(client=court, body=CourtDecisionSubmission(...))

The subpackages are generated (``make contracts``); a test fails when they are stale.
"""
