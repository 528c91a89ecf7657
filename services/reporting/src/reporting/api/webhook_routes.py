"""Webhook subscriptions over HTTP: a caller's own, and nobody else's.

Any authenticated caller may subscribe: a subscription delivers exactly what its owner may read
(the feed's decision, made as the owner, whose role and claims are stored with it). Another
caller's subscription answers the 404 of an id nobody used (ADR 0023).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID, uuid4

from fastapi import APIRouter, Path, Query, Response
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field

from noncoop_shared.auth.dependencies import CurrentPrincipal
from noncoop_shared.auth.principal import Principal
from noncoop_shared.errors import NotFoundError
from noncoop_shared.web.problems import problem_responses
from reporting.api.dependencies import AppRuntime
from reporting.bootstrap import Runtime
from reporting.webhooks import signature
from reporting.webhooks.store import Delivery, Subscription
from reporting.webhooks.urls import MAX_URL_CHARS, UnsafeUrlError, check_url

router = APIRouter(prefix="/v1/webhook-subscriptions", tags=["webhooks"])

SubscriptionId = Annotated[UUID, Path(description="the subscription's id")]
EventType = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[a-z0-9_.]+$")]


class NewSubscription(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://court-it.icc.example/noncoop/events",
                    "event_types": ["noncoop.bureau.open_letter_sent.v1"],
                    "start": "now",
                }
            ]
        },
    )

    url: str = Field(
        min_length=1,
        max_length=MAX_URL_CHARS,
        description="where each event is POSTed: https (plain http only to a trusted host)",
    )
    event_types: list[EventType] | None = Field(
        default=None,
        max_length=100,
        description="only these CloudEvents types (default: every type the owner may read)",
    )
    start: Literal["now", "beginning"] = Field(
        default="now",
        description="deliver the events recorded from now on, or every one from the log's start",
    )


class SubscriptionView(BaseModel):
    id: UUID
    url: str
    event_types: list[str] | None
    created_at: datetime
    expires_at: datetime = Field(
        description="nothing is sent after this until the owner renews the subscription "
        "(`POST .../renewal`); the events wait, from where it stopped"
    )


class CreatedSubscription(SubscriptionView):
    secret: str = Field(
        description="the Standard Webhooks signing secret (`whsec_...`): shown this once"
    )


class SubscriptionList(BaseModel):
    subscriptions: list[SubscriptionView]


class DeliveryView(BaseModel):
    event_id: UUID
    type: str
    state: str
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None


class DeliveryList(BaseModel):
    deliveries: list[DeliveryView]


class Redelivery(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"event_id": "0193a1f2-7c4e-7d21-9b1a-5e2f3c4d5e6f"}]},
    )

    event_id: UUID | None = Field(default=None, description="only this dead letter (default: all)")


class Requeued(BaseModel):
    requeued: int


def _view(subscription: Subscription) -> SubscriptionView:
    return SubscriptionView(
        id=subscription.id,
        url=subscription.url,
        event_types=None if subscription.event_types is None else sorted(subscription.event_types),
        created_at=subscription.created_at,
        expires_at=subscription.expires_at,
    )


def _delivery_view(delivery: Delivery) -> DeliveryView:
    return DeliveryView(
        event_id=delivery.event_id,
        type=delivery.type,
        state=delivery.state,
        attempts=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at if delivery.state == "pending" else None,
        last_error=delivery.last_error,
    )


async def _own(runtime: Runtime, subscription_id: UUID, principal: Principal) -> Subscription:
    found = await runtime.subscriptions.one(subscription_id, principal)
    if found is None:
        raise NotFoundError(f"no webhook subscription {subscription_id}")
    return found


@router.post(
    "",
    status_code=201,
    response_model=CreatedSubscription,
    responses=problem_responses(401, 409, 422),
    operation_id="create_webhook_subscription",
    summary="Subscribe a URL to the events the caller may read",
)
async def create_subscription(
    body: NewSubscription, runtime: AppRuntime, principal: CurrentPrincipal
) -> CreatedSubscription:
    """Deliveries start with the events recorded from now on (the log's present end). A caller
    has at most ``WEBHOOK_MAX_SUBSCRIPTIONS_PER_OWNER`` subscriptions (20 by default): one more
    is a 409."""
    try:
        url = check_url(body.url, runtime.webhook_reach)
    except UnsafeUrlError as error:
        raise RequestValidationError(
            [{"loc": ("body", "url"), "msg": f"the URL {error}", "type": "value_error"}]
        ) from error
    subscription_id = uuid4()
    key = signature.new_secret()
    created = await runtime.subscriptions.create(
        subscription_id,
        principal,
        url,
        None if body.event_types is None else frozenset(body.event_types),
        runtime.webhook_secrets.seal(subscription_id, key),
        await runtime.feed.end() if body.start == "now" else {},
    )
    return CreatedSubscription(**_view(created).model_dump(), secret=signature.secret_text(key))


@router.get(
    "",
    response_model=SubscriptionList,
    responses=problem_responses(401),
    operation_id="list_webhook_subscriptions",
    summary="The caller's own subscriptions",
)
async def list_subscriptions(runtime: AppRuntime, principal: CurrentPrincipal) -> SubscriptionList:
    return SubscriptionList(
        subscriptions=[_view(s) for s in await runtime.subscriptions.own(principal)]
    )


@router.get(
    "/{subscription_id}",
    response_model=SubscriptionView,
    responses=problem_responses(401, 404, 422),
    operation_id="read_webhook_subscription",
    summary="One of the caller's subscriptions",
)
async def read_subscription(
    subscription_id: SubscriptionId, runtime: AppRuntime, principal: CurrentPrincipal
) -> SubscriptionView:
    return _view(await _own(runtime, subscription_id, principal))


@router.delete(
    "/{subscription_id}",
    status_code=204,
    response_class=Response,
    responses=problem_responses(401, 404, 422),
    operation_id="delete_webhook_subscription",
    summary="End one of the caller's subscriptions (its dead letters go with it)",
)
async def delete_subscription(
    subscription_id: SubscriptionId, runtime: AppRuntime, principal: CurrentPrincipal
) -> Response:
    if not await runtime.subscriptions.delete(subscription_id, principal):
        raise NotFoundError(f"no webhook subscription {subscription_id}")
    return Response(status_code=204)


@router.post(
    "/{subscription_id}/renewal",
    response_model=SubscriptionView,
    responses=problem_responses(401, 404, 422),
    operation_id="renew_webhook_subscription",
    summary="Make one of the caller's subscriptions last the deployment's lifetime from now",
)
async def renew_subscription(
    subscription_id: SubscriptionId, runtime: AppRuntime, principal: CurrentPrincipal
) -> SubscriptionView:
    """A subscription lasts ``WEBHOOK_SUBSCRIPTION_DAYS`` (90 by default) from its making or its
    last renewal, so that one whose owner's access has ended stops. Renewing needs the owner's
    own token; the subscription then reads as the token says the owner is now (its region or
    State), and an expired one is delivered again from where it stopped."""
    renewed = await runtime.subscriptions.renew(subscription_id, principal)
    if renewed is None:
        raise NotFoundError(f"no webhook subscription {subscription_id}")
    return _view(renewed)


@router.get(
    "/{subscription_id}/deliveries",
    response_model=DeliveryList,
    responses=problem_responses(401, 404, 422),
    operation_id="list_webhook_deliveries",
    summary="The event being sent (pending) and the dead letters of one subscription",
)
async def list_deliveries(
    subscription_id: SubscriptionId,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    state: Annotated[
        Literal["pending", "dead"] | None, Query(description="only deliveries in this state")
    ] = None,
) -> DeliveryList:
    await _own(runtime, subscription_id, principal)
    found = await runtime.subscriptions.deliveries(subscription_id, state)
    return DeliveryList(deliveries=[_delivery_view(d) for d in found])


@router.post(
    "/{subscription_id}/dead-letters/redeliver",
    status_code=202,
    response_model=Requeued,
    responses=problem_responses(401, 404, 422),
    operation_id="redeliver_webhook_dead_letters",
    summary="Send the dead letters again (all, or one), before the next new event",
)
async def redeliver(
    subscription_id: SubscriptionId,
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    body: Redelivery | None = None,
) -> Requeued:
    await _own(runtime, subscription_id, principal)
    event_id = None if body is None else body.event_id
    count = await runtime.subscriptions.redeliver(subscription_id, event_id)
    if event_id is not None and count == 0:
        raise NotFoundError(f"no dead letter {event_id} in subscription {subscription_id}")
    return Requeued(requeued=count)
