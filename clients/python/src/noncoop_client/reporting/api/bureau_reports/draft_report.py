from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.draft_request import DraftRequest
from ...models.problem import Problem
from ...models.report_view import ReportView
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    body: DraftRequest,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    params: dict[str, Any] = {}

    json_on: None | str | Unset
    if isinstance(on, Unset):
        json_on = UNSET
    elif isinstance(on, datetime.date):
        json_on = on.isoformat()
    else:
        json_on = on
    params["on"] = json_on

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.datetime):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/reports",
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReportView | ValidationProblem | None:
    if response.status_code == 201:
        response_201 = ReportView.from_dict(response.json())



        return response_201

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ReportView | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DraftRequest,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[Problem | ReportView | ValidationProblem]:
    """ Draft the Bureau report to a session

     A draft for ``session_id`` (default: the next or on-going session on the calendar), with
    its Markdown as of now (or ``as_of``, ``on``). The calendar's dates win over dates given for
    a known session. Sent again with the same Idempotency-Key and the same body and query, it
    is answered with the first draft (``Idempotent-Replayed: true``), and no other is made; the
    same key with another body or query is a 422.

    Args:
        on (datetime.date | None | Unset): a draft as the procedure stood on this business date
            (default: the day of as_of); never later than the session's opening day, the report's cut-
            off (P15). A submitted report is frozen and ignores it.
        as_of (datetime.datetime | None | Unset): a draft from the records known at this record
            time (default: now). A submitted report is frozen and ignores it.
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (DraftRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportView | ValidationProblem]
     """


    kwargs = _get_kwargs(
        body=body,
on=on,
as_of=as_of,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    body: DraftRequest,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,

) -> Problem | ReportView | ValidationProblem | None:
    """ Draft the Bureau report to a session

     A draft for ``session_id`` (default: the next or on-going session on the calendar), with
    its Markdown as of now (or ``as_of``, ``on``). The calendar's dates win over dates given for
    a known session. Sent again with the same Idempotency-Key and the same body and query, it
    is answered with the first draft (``Idempotent-Replayed: true``), and no other is made; the
    same key with another body or query is a 422.

    Args:
        on (datetime.date | None | Unset): a draft as the procedure stood on this business date
            (default: the day of as_of); never later than the session's opening day, the report's cut-
            off (P15). A submitted report is frozen and ignores it.
        as_of (datetime.datetime | None | Unset): a draft from the records known at this record
            time (default: now). A submitted report is frozen and ignores it.
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (DraftRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportView | ValidationProblem
     """


    return sync_detailed(
        client=client,
body=body,
on=on,
as_of=as_of,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DraftRequest,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[Problem | ReportView | ValidationProblem]:
    """ Draft the Bureau report to a session

     A draft for ``session_id`` (default: the next or on-going session on the calendar), with
    its Markdown as of now (or ``as_of``, ``on``). The calendar's dates win over dates given for
    a known session. Sent again with the same Idempotency-Key and the same body and query, it
    is answered with the first draft (``Idempotent-Replayed: true``), and no other is made; the
    same key with another body or query is a 422.

    Args:
        on (datetime.date | None | Unset): a draft as the procedure stood on this business date
            (default: the day of as_of); never later than the session's opening day, the report's cut-
            off (P15). A submitted report is frozen and ignores it.
        as_of (datetime.datetime | None | Unset): a draft from the records known at this record
            time (default: now). A submitted report is frozen and ignores it.
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (DraftRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportView | ValidationProblem]
     """


    kwargs = _get_kwargs(
        body=body,
on=on,
as_of=as_of,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DraftRequest,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,

) -> Problem | ReportView | ValidationProblem | None:
    """ Draft the Bureau report to a session

     A draft for ``session_id`` (default: the next or on-going session on the calendar), with
    its Markdown as of now (or ``as_of``, ``on``). The calendar's dates win over dates given for
    a known session. Sent again with the same Idempotency-Key and the same body and query, it
    is answered with the first draft (``Idempotent-Replayed: true``), and no other is made; the
    same key with another body or query is a 422.

    Args:
        on (datetime.date | None | Unset): a draft as the procedure stood on this business date
            (default: the day of as_of); never later than the session's opening day, the report's cut-
            off (P15). A submitted report is frozen and ignores it.
        as_of (datetime.datetime | None | Unset): a draft from the records known at this record
            time (default: now). A submitted report is frozen and ignores it.
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (DraftRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportView | ValidationProblem
     """


    return (await asyncio_detailed(
        client=client,
body=body,
on=on,
as_of=as_of,
idempotency_key=idempotency_key,

    )).parsed
