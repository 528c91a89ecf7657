from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.report_list import ReportList
from ...models.report_status import ReportStatus
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    *,
    session_id: None | str | Unset = UNSET,
    status: None | ReportStatus | Unset = UNSET,
    cursor: None | Unset | UUID = UNSET,
    limit: int | Unset = 100,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_session_id: None | str | Unset
    if isinstance(session_id, Unset):
        json_session_id = UNSET
    else:
        json_session_id = session_id
    params["session_id"] = json_session_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ReportStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    elif isinstance(cursor, UUID):
        json_cursor = str(cursor)
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReportList | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ReportList.from_dict(response.json())



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

    if response.status_code == 500:
        response_500 = Problem.from_dict(response.json())



        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ReportList | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    session_id: None | str | Unset = UNSET,
    status: None | ReportStatus | Unset = UNSET,
    cursor: None | Unset | UUID = UNSET,
    limit: int | Unset = 100,

) -> Response[Problem | ReportList | ValidationProblem]:
    """ The reports, newest first: drafts and submitted ones

     Every report the caller may read, newest first (by when it was drafted), as
    ``GET /v1/reports/{report_id}`` decides: a submitted report is anyone's to read, a draft
    the Secretariat's, the Bureau's and the President's only (for any other reader drafts are
    not there, as a draft's read is a 404); who drafted a report is shown to those readers
    only.

    Args:
        session_id (None | str | Unset): only the reports to this session
        status (None | ReportStatus | Unset): only drafts, or only submitted reports
        cursor (None | Unset | UUID): the `next_cursor` of the previous page
        limit (int | Unset): at most this many reports Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportList | ValidationProblem]
     """


    kwargs = _get_kwargs(
        session_id=session_id,
status=status,
cursor=cursor,
limit=limit,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    session_id: None | str | Unset = UNSET,
    status: None | ReportStatus | Unset = UNSET,
    cursor: None | Unset | UUID = UNSET,
    limit: int | Unset = 100,

) -> Problem | ReportList | ValidationProblem | None:
    """ The reports, newest first: drafts and submitted ones

     Every report the caller may read, newest first (by when it was drafted), as
    ``GET /v1/reports/{report_id}`` decides: a submitted report is anyone's to read, a draft
    the Secretariat's, the Bureau's and the President's only (for any other reader drafts are
    not there, as a draft's read is a 404); who drafted a report is shown to those readers
    only.

    Args:
        session_id (None | str | Unset): only the reports to this session
        status (None | ReportStatus | Unset): only drafts, or only submitted reports
        cursor (None | Unset | UUID): the `next_cursor` of the previous page
        limit (int | Unset): at most this many reports Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportList | ValidationProblem
     """


    return sync_detailed(
        client=client,
session_id=session_id,
status=status,
cursor=cursor,
limit=limit,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    session_id: None | str | Unset = UNSET,
    status: None | ReportStatus | Unset = UNSET,
    cursor: None | Unset | UUID = UNSET,
    limit: int | Unset = 100,

) -> Response[Problem | ReportList | ValidationProblem]:
    """ The reports, newest first: drafts and submitted ones

     Every report the caller may read, newest first (by when it was drafted), as
    ``GET /v1/reports/{report_id}`` decides: a submitted report is anyone's to read, a draft
    the Secretariat's, the Bureau's and the President's only (for any other reader drafts are
    not there, as a draft's read is a 404); who drafted a report is shown to those readers
    only.

    Args:
        session_id (None | str | Unset): only the reports to this session
        status (None | ReportStatus | Unset): only drafts, or only submitted reports
        cursor (None | Unset | UUID): the `next_cursor` of the previous page
        limit (int | Unset): at most this many reports Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportList | ValidationProblem]
     """


    kwargs = _get_kwargs(
        session_id=session_id,
status=status,
cursor=cursor,
limit=limit,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    session_id: None | str | Unset = UNSET,
    status: None | ReportStatus | Unset = UNSET,
    cursor: None | Unset | UUID = UNSET,
    limit: int | Unset = 100,

) -> Problem | ReportList | ValidationProblem | None:
    """ The reports, newest first: drafts and submitted ones

     Every report the caller may read, newest first (by when it was drafted), as
    ``GET /v1/reports/{report_id}`` decides: a submitted report is anyone's to read, a draft
    the Secretariat's, the Bureau's and the President's only (for any other reader drafts are
    not there, as a draft's read is a 404); who drafted a report is shown to those readers
    only.

    Args:
        session_id (None | str | Unset): only the reports to this session
        status (None | ReportStatus | Unset): only drafts, or only submitted reports
        cursor (None | Unset | UUID): the `next_cursor` of the previous page
        limit (int | Unset): at most this many reports Default: 100.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportList | ValidationProblem
     """


    return (await asyncio_detailed(
        client=client,
session_id=session_id,
status=status,
cursor=cursor,
limit=limit,

    )).parsed
