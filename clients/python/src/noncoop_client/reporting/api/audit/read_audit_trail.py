from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.audit_trail_view import AuditTrailView
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    case_id: str,
    *,
    as_of: datetime.datetime | None | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_as_of: None | str | Unset
    if isinstance(as_of, Unset):
        json_as_of = UNSET
    elif isinstance(as_of, datetime.datetime):
        json_as_of = as_of.isoformat()
    else:
        json_as_of = as_of
    params["as_of"] = json_as_of

    json_on: None | str | Unset
    if isinstance(on, Unset):
        json_on = UNSET
    elif isinstance(on, datetime.date):
        json_on = on.isoformat()
    else:
        json_on = on
    params["on"] = json_on


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/cases/{case_id}/audit-trail".format(case_id=quote(str(case_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> AuditTrailView | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = AuditTrailView.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[AuditTrailView | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | None | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,

) -> Response[AuditTrailView | Problem | ValidationProblem]:
    """ Every event of every service on a case, in log order

     Who did what, when (business and record time), under which rule, with its hash: what
    was recorded up to ``as_of``, of the facts dated up to the end of ``on``; only
    the records the reader's role may read (a focal point's assignments live in good offices:
    here it reads what States Parties read).

    Args:
        case_id (str): the case id (a UUID)
        as_of (datetime.datetime | None | Unset): the trail as it stood at this record time (time
            travel)
        on (datetime.date | None | Unset): only the facts that had happened by the end of this
            business date

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditTrailView | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        case_id=case_id,
as_of=as_of,
on=on,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    case_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | None | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,

) -> AuditTrailView | Problem | ValidationProblem | None:
    """ Every event of every service on a case, in log order

     Who did what, when (business and record time), under which rule, with its hash: what
    was recorded up to ``as_of``, of the facts dated up to the end of ``on``; only
    the records the reader's role may read (a focal point's assignments live in good offices:
    here it reads what States Parties read).

    Args:
        case_id (str): the case id (a UUID)
        as_of (datetime.datetime | None | Unset): the trail as it stood at this record time (time
            travel)
        on (datetime.date | None | Unset): only the facts that had happened by the end of this
            business date

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditTrailView | Problem | ValidationProblem
     """


    return sync_detailed(
        case_id=case_id,
client=client,
as_of=as_of,
on=on,

    ).parsed

async def asyncio_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | None | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,

) -> Response[AuditTrailView | Problem | ValidationProblem]:
    """ Every event of every service on a case, in log order

     Who did what, when (business and record time), under which rule, with its hash: what
    was recorded up to ``as_of``, of the facts dated up to the end of ``on``; only
    the records the reader's role may read (a focal point's assignments live in good offices:
    here it reads what States Parties read).

    Args:
        case_id (str): the case id (a UUID)
        as_of (datetime.datetime | None | Unset): the trail as it stood at this record time (time
            travel)
        on (datetime.date | None | Unset): only the facts that had happened by the end of this
            business date

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AuditTrailView | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        case_id=case_id,
as_of=as_of,
on=on,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    case_id: str,
    *,
    client: AuthenticatedClient,
    as_of: datetime.datetime | None | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,

) -> AuditTrailView | Problem | ValidationProblem | None:
    """ Every event of every service on a case, in log order

     Who did what, when (business and record time), under which rule, with its hash: what
    was recorded up to ``as_of``, of the facts dated up to the end of ``on``; only
    the records the reader's role may read (a focal point's assignments live in good offices:
    here it reads what States Parties read).

    Args:
        case_id (str): the case id (a UUID)
        as_of (datetime.datetime | None | Unset): the trail as it stood at this record time (time
            travel)
        on (datetime.date | None | Unset): only the facts that had happened by the end of this
            business date

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AuditTrailView | Problem | ValidationProblem
     """


    return (await asyncio_detailed(
        case_id=case_id,
client=client,
as_of=as_of,
on=on,

    )).parsed
