from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.sealed_checkpoint import SealedCheckpoint
from ...models.validation_problem import ValidationProblem
from typing import cast



def _get_kwargs(
    checkpoint_id: int,

) -> dict[str, Any]:
    

    

    

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/checkpoints/{checkpoint_id}".format(checkpoint_id=quote(str(checkpoint_id), safe=""),),
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SealedCheckpoint | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = SealedCheckpoint.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SealedCheckpoint | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    checkpoint_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | SealedCheckpoint | ValidationProblem]:
    """ A sealed checkpoint

    Args:
        checkpoint_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SealedCheckpoint | ValidationProblem]
     """


    kwargs = _get_kwargs(
        checkpoint_id=checkpoint_id,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    checkpoint_id: int,
    *,
    client: AuthenticatedClient,

) -> Problem | SealedCheckpoint | ValidationProblem | None:
    """ A sealed checkpoint

    Args:
        checkpoint_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SealedCheckpoint | ValidationProblem
     """


    return sync_detailed(
        checkpoint_id=checkpoint_id,
client=client,

    ).parsed

async def asyncio_detailed(
    checkpoint_id: int,
    *,
    client: AuthenticatedClient,

) -> Response[Problem | SealedCheckpoint | ValidationProblem]:
    """ A sealed checkpoint

    Args:
        checkpoint_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SealedCheckpoint | ValidationProblem]
     """


    kwargs = _get_kwargs(
        checkpoint_id=checkpoint_id,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    checkpoint_id: int,
    *,
    client: AuthenticatedClient,

) -> Problem | SealedCheckpoint | ValidationProblem | None:
    """ A sealed checkpoint

    Args:
        checkpoint_id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SealedCheckpoint | ValidationProblem
     """


    return (await asyncio_detailed(
        checkpoint_id=checkpoint_id,
client=client,

    )).parsed
