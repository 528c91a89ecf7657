from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    *,
    after: str | Unset = '',
    limit: int | Unset = 100,
    wait: float | Unset = 0.0,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    params["after"] = after

    params["limit"] = limit

    params["wait"] = wait


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/feed",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ValidationProblem | list[Any] | None:
    if response.status_code == 200:
        response_200 = cast(list[Any], response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())



        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())



        return response_415

    if response.status_code == 422:
        response_422 = ValidationProblem.from_dict(response.json())



        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())



        return response_429

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ValidationProblem | list[Any]]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = '',
    limit: int | Unset = 100,
    wait: float | Unset = 0.0,

) -> Response[Problem | ValidationProblem | list[Any]]:
    """ The events the caller may read, in log order, from a cursor

     Each partition of the log in offset order, the partitions interleaved fairly; only the
    events the caller's role may read (the audit trail's decision), each as that reader may see
    it. The cursor is opaque and also moves past events the caller may not read.

    Args:
        after (str | Unset): the cursor a previous page gave (empty: from the start of the log)
            Default: ''.
        limit (int | Unset): at most this many events Default: 100.
        wait (float | Unset): seconds to wait for an event when there is none yet (long-poll; at
            most 4 open at once per caller by default, more are a 429) Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | list[Any]]
     """


    kwargs = _get_kwargs(
        after=after,
limit=limit,
wait=wait,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    after: str | Unset = '',
    limit: int | Unset = 100,
    wait: float | Unset = 0.0,

) -> Problem | ValidationProblem | list[Any] | None:
    """ The events the caller may read, in log order, from a cursor

     Each partition of the log in offset order, the partitions interleaved fairly; only the
    events the caller's role may read (the audit trail's decision), each as that reader may see
    it. The cursor is opaque and also moves past events the caller may not read.

    Args:
        after (str | Unset): the cursor a previous page gave (empty: from the start of the log)
            Default: ''.
        limit (int | Unset): at most this many events Default: 100.
        wait (float | Unset): seconds to wait for an event when there is none yet (long-poll; at
            most 4 open at once per caller by default, more are a 429) Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | list[Any]
     """


    return sync_detailed(
        client=client,
after=after,
limit=limit,
wait=wait,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: str | Unset = '',
    limit: int | Unset = 100,
    wait: float | Unset = 0.0,

) -> Response[Problem | ValidationProblem | list[Any]]:
    """ The events the caller may read, in log order, from a cursor

     Each partition of the log in offset order, the partitions interleaved fairly; only the
    events the caller's role may read (the audit trail's decision), each as that reader may see
    it. The cursor is opaque and also moves past events the caller may not read.

    Args:
        after (str | Unset): the cursor a previous page gave (empty: from the start of the log)
            Default: ''.
        limit (int | Unset): at most this many events Default: 100.
        wait (float | Unset): seconds to wait for an event when there is none yet (long-poll; at
            most 4 open at once per caller by default, more are a 429) Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ValidationProblem | list[Any]]
     """


    kwargs = _get_kwargs(
        after=after,
limit=limit,
wait=wait,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    after: str | Unset = '',
    limit: int | Unset = 100,
    wait: float | Unset = 0.0,

) -> Problem | ValidationProblem | list[Any] | None:
    """ The events the caller may read, in log order, from a cursor

     Each partition of the log in offset order, the partitions interleaved fairly; only the
    events the caller's role may read (the audit trail's decision), each as that reader may see
    it. The cursor is opaque and also moves past events the caller may not read.

    Args:
        after (str | Unset): the cursor a previous page gave (empty: from the start of the log)
            Default: ''.
        limit (int | Unset): at most this many events Default: 100.
        wait (float | Unset): seconds to wait for an event when there is none yet (long-poll; at
            most 4 open at once per caller by default, more are a 429) Default: 0.0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ValidationProblem | list[Any]
     """


    return (await asyncio_detailed(
        client=client,
after=after,
limit=limit,
wait=wait,

    )).parsed
