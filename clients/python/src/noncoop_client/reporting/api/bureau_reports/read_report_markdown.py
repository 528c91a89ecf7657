from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.report_language import ReportLanguage
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID
import datetime



def _get_kwargs(
    report_id: UUID,
    *,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    lang: ReportLanguage | Unset = UNSET,

) -> dict[str, Any]:
    

    

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

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/reports/{report_id}.md".format(report_id=quote(str(report_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    lang: ReportLanguage | Unset = UNSET,

) -> Response[Any | Problem | ValidationProblem]:
    """ The report as Markdown

    Args:
        report_id (UUID):
        on (datetime.date | None | Unset): a draft as the procedure stood on this business date
            (default: the day of as_of); never later than the session's opening day, the report's cut-
            off (P15). A submitted report is frozen and ignores it.
        as_of (datetime.datetime | None | Unset): a draft from the records known at this record
            time (default: now). A submitted report is frozen and ignores it.
        lang (ReportLanguage | Unset): The languages reporting's reads are written in (a report,
            the procedural state's
            sentences): English, for a report the text sealed, and French.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        report_id=report_id,
on=on,
as_of=as_of,
lang=lang,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    lang: ReportLanguage | Unset = UNSET,

) -> Any | Problem | ValidationProblem | None:
    """ The report as Markdown

    Args:
        report_id (UUID):
        on (datetime.date | None | Unset): a draft as the procedure stood on this business date
            (default: the day of as_of); never later than the session's opening day, the report's cut-
            off (P15). A submitted report is frozen and ignores it.
        as_of (datetime.datetime | None | Unset): a draft from the records known at this record
            time (default: now). A submitted report is frozen and ignores it.
        lang (ReportLanguage | Unset): The languages reporting's reads are written in (a report,
            the procedural state's
            sentences): English, for a report the text sealed, and French.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ValidationProblem
     """


    return sync_detailed(
        report_id=report_id,
client=client,
on=on,
as_of=as_of,
lang=lang,

    ).parsed

async def asyncio_detailed(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    lang: ReportLanguage | Unset = UNSET,

) -> Response[Any | Problem | ValidationProblem]:
    """ The report as Markdown

    Args:
        report_id (UUID):
        on (datetime.date | None | Unset): a draft as the procedure stood on this business date
            (default: the day of as_of); never later than the session's opening day, the report's cut-
            off (P15). A submitted report is frozen and ignores it.
        as_of (datetime.datetime | None | Unset): a draft from the records known at this record
            time (default: now). A submitted report is frozen and ignores it.
        lang (ReportLanguage | Unset): The languages reporting's reads are written in (a report,
            the procedural state's
            sentences): English, for a report the text sealed, and French.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        report_id=report_id,
on=on,
as_of=as_of,
lang=lang,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    lang: ReportLanguage | Unset = UNSET,

) -> Any | Problem | ValidationProblem | None:
    """ The report as Markdown

    Args:
        report_id (UUID):
        on (datetime.date | None | Unset): a draft as the procedure stood on this business date
            (default: the day of as_of); never later than the session's opening day, the report's cut-
            off (P15). A submitted report is frozen and ignores it.
        as_of (datetime.datetime | None | Unset): a draft from the records known at this record
            time (default: now). A submitted report is frozen and ignores it.
        lang (ReportLanguage | Unset): The languages reporting's reads are written in (a report,
            the procedural state's
            sentences): English, for a report the text sealed, and French.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem | ValidationProblem
     """


    return (await asyncio_detailed(
        report_id=report_id,
client=client,
on=on,
as_of=as_of,
lang=lang,

    )).parsed
