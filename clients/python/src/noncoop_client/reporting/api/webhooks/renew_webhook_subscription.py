from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.subscription_view import SubscriptionView
from ...models.validation_problem import ValidationProblem
from typing import cast
from uuid import UUID



def _get_kwargs(
    subscription_id: UUID,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhook-subscriptions/{subscription_id}/renewal".format(subscription_id=quote(str(subscription_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SubscriptionView | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = SubscriptionView.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SubscriptionView | ValidationProblem]:
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

) -> Response[Problem | SubscriptionView | ValidationProblem]:
    """ Make one of the caller's subscriptions last the deployment's lifetime from now

     A subscription lasts ``WEBHOOK_SUBSCRIPTION_DAYS`` (90 by default) from its making or its
    last renewal, so that one whose owner's access has ended stops. Renewing needs the owner's
    own token; the subscription then reads as the token says the owner is now (its region or
    State), and an expired one is delivered again from where it stopped.

    Args:
        subscription_id (UUID): the subscription's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SubscriptionView | ValidationProblem]
     """


    kwargs = _get_kwargs(
        subscription_id=subscription_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Problem | SubscriptionView | ValidationProblem | None:
    """ Make one of the caller's subscriptions last the deployment's lifetime from now

     A subscription lasts ``WEBHOOK_SUBSCRIPTION_DAYS`` (90 by default) from its making or its
    last renewal, so that one whose owner's access has ended stops. Renewing needs the owner's
    own token; the subscription then reads as the token says the owner is now (its region or
    State), and an expired one is delivered again from where it stopped.

    Args:
        subscription_id (UUID): the subscription's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SubscriptionView | ValidationProblem
     """


    return sync_detailed(
        subscription_id=subscription_id,
client=client,

    ).parsed

async def asyncio_detailed(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | SubscriptionView | ValidationProblem]:
    """ Make one of the caller's subscriptions last the deployment's lifetime from now

     A subscription lasts ``WEBHOOK_SUBSCRIPTION_DAYS`` (90 by default) from its making or its
    last renewal, so that one whose owner's access has ended stops. Renewing needs the owner's
    own token; the subscription then reads as the token says the owner is now (its region or
    State), and an expired one is delivered again from where it stopped.

    Args:
        subscription_id (UUID): the subscription's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SubscriptionView | ValidationProblem]
     """


    kwargs = _get_kwargs(
        subscription_id=subscription_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    subscription_id: UUID,
    *,
    client: AuthenticatedClient,

) -> Problem | SubscriptionView | ValidationProblem | None:
    """ Make one of the caller's subscriptions last the deployment's lifetime from now

     A subscription lasts ``WEBHOOK_SUBSCRIPTION_DAYS`` (90 by default) from its making or its
    last renewal, so that one whose owner's access has ended stops. Renewing needs the owner's
    own token; the subscription then reads as the token says the owner is now (its region or
    State), and an expired one is delivered again from where it stopped.

    Args:
        subscription_id (UUID): the subscription's id

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SubscriptionView | ValidationProblem
     """


    return (await asyncio_detailed(
        subscription_id=subscription_id,
client=client,

    )).parsed
