from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.delivery_list import DeliveryList
from ...models.list_webhook_deliveries_state_type_0 import ListWebhookDeliveriesStateType0
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    subscription_id: UUID,
    *,
    state: ListWebhookDeliveriesStateType0 | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, ListWebhookDeliveriesStateType0):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/webhook-subscriptions/{subscription_id}/deliveries".format(subscription_id=quote(str(subscription_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DeliveryList | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = DeliveryList.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())



        return response_422

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[DeliveryList | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    state: ListWebhookDeliveriesStateType0 | None | Unset = UNSET,

) -> Response[DeliveryList | Problem | ValidationProblem]:
    """ The event being sent (pending) and the dead letters of one subscription

    Args:
        subscription_id (UUID): the subscription's id
        state (ListWebhookDeliveriesStateType0 | None | Unset): only deliveries in this state

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryList | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        subscription_id=subscription_id,
state=state,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    state: ListWebhookDeliveriesStateType0 | None | Unset = UNSET,

) -> DeliveryList | Problem | ValidationProblem | None:
    """ The event being sent (pending) and the dead letters of one subscription

    Args:
        subscription_id (UUID): the subscription's id
        state (ListWebhookDeliveriesStateType0 | None | Unset): only deliveries in this state

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryList | Problem | ValidationProblem
     """


    return sync_detailed(
        subscription_id=subscription_id,
client=client,
state=state,

    ).parsed

async def asyncio_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    state: ListWebhookDeliveriesStateType0 | None | Unset = UNSET,

) -> Response[DeliveryList | Problem | ValidationProblem]:
    """ The event being sent (pending) and the dead letters of one subscription

    Args:
        subscription_id (UUID): the subscription's id
        state (ListWebhookDeliveriesStateType0 | None | Unset): only deliveries in this state

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryList | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        subscription_id=subscription_id,
state=state,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,
    state: ListWebhookDeliveriesStateType0 | None | Unset = UNSET,

) -> DeliveryList | Problem | ValidationProblem | None:
    """ The event being sent (pending) and the dead letters of one subscription

    Args:
        subscription_id (UUID): the subscription's id
        state (ListWebhookDeliveriesStateType0 | None | Unset): only deliveries in this state

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryList | Problem | ValidationProblem
     """


    return (await asyncio_detailed(
        subscription_id=subscription_id,
client=client,
state=state,

    )).parsed
