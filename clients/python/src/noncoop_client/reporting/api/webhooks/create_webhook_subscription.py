from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.created_subscription import CreatedSubscription
from ...models.new_subscription import NewSubscription
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from typing import cast



def _get_kwargs(
    *,
    body: NewSubscription,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}


    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhook-subscriptions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CreatedSubscription | Problem | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = CreatedSubscription.from_dict(response.json())



        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())



        return response_409

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CreatedSubscription | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: NewSubscription,

) -> Response[CreatedSubscription | Problem | ValidationProblem]:
    """ Subscribe a URL to the events the caller may read

     Deliveries start with the events recorded from now on (the log's present end). A caller
    has at most ``WEBHOOK_MAX_SUBSCRIPTIONS_PER_OWNER`` subscriptions (20 by default): one more
    is a 409.

    Args:
        body (NewSubscription):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedSubscription | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: NewSubscription,

) -> CreatedSubscription | Problem | ValidationProblem | None:
    """ Subscribe a URL to the events the caller may read

     Deliveries start with the events recorded from now on (the log's present end). A caller
    has at most ``WEBHOOK_MAX_SUBSCRIPTIONS_PER_OWNER`` subscriptions (20 by default): one more
    is a 409.

    Args:
        body (NewSubscription):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedSubscription | Problem | ValidationProblem
     """


    return sync_detailed(
        client=client,
body=body,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: NewSubscription,

) -> Response[CreatedSubscription | Problem | ValidationProblem]:
    """ Subscribe a URL to the events the caller may read

     Deliveries start with the events recorded from now on (the log's present end). A caller
    has at most ``WEBHOOK_MAX_SUBSCRIPTIONS_PER_OWNER`` subscriptions (20 by default): one more
    is a 409.

    Args:
        body (NewSubscription):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreatedSubscription | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        body=body,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: NewSubscription,

) -> CreatedSubscription | Problem | ValidationProblem | None:
    """ Subscribe a URL to the events the caller may read

     Deliveries start with the events recorded from now on (the log's present end). A caller
    has at most ``WEBHOOK_MAX_SUBSCRIPTIONS_PER_OWNER`` subscriptions (20 by default): one more
    is a 409.

    Args:
        body (NewSubscription):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreatedSubscription | Problem | ValidationProblem
     """


    return (await asyncio_detailed(
        client=client,
body=body,

    )).parsed
