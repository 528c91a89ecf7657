from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.command_recorded import CommandRecorded
from ...models.end_of_term import EndOfTerm
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast



def _get_kwargs(
    focal_point_id: str,
    *,
    body: EndOfTerm,
    idempotency_key: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/focal-points/{focal_point_id}/end-of-term".format(focal_point_id=quote(str(focal_point_id), safe=""),),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CommandRecorded | Problem | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = CommandRecorded.from_dict(response.json())



        return response_201

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())



        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())



        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CommandRecorded | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    focal_point_id: str,
    *,
    client: AuthenticatedClient,
    body: EndOfTerm,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[CommandRecorded | Problem | ValidationProblem]:
    """ A focal point's term ends

    Args:
        focal_point_id (str): the focal point's id
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (EndOfTerm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommandRecorded | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        focal_point_id=focal_point_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    focal_point_id: str,
    *,
    client: AuthenticatedClient,
    body: EndOfTerm,
    idempotency_key: None | str | Unset = UNSET,

) -> CommandRecorded | Problem | ValidationProblem | None:
    """ A focal point's term ends

    Args:
        focal_point_id (str): the focal point's id
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (EndOfTerm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommandRecorded | Problem | ValidationProblem
     """


    return sync_detailed(
        focal_point_id=focal_point_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    focal_point_id: str,
    *,
    client: AuthenticatedClient,
    body: EndOfTerm,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[CommandRecorded | Problem | ValidationProblem]:
    """ A focal point's term ends

    Args:
        focal_point_id (str): the focal point's id
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (EndOfTerm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CommandRecorded | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        focal_point_id=focal_point_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    focal_point_id: str,
    *,
    client: AuthenticatedClient,
    body: EndOfTerm,
    idempotency_key: None | str | Unset = UNSET,

) -> CommandRecorded | Problem | ValidationProblem | None:
    """ A focal point's term ends

    Args:
        focal_point_id (str): the focal point's id
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (EndOfTerm):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CommandRecorded | Problem | ValidationProblem
     """


    return (await asyncio_detailed(
        focal_point_id=focal_point_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
