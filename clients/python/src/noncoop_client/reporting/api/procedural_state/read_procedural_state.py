from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.procedural_state_view import ProceduralStateView
from ...models.report_language import ReportLanguage
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    case_id: str,
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
        "url": "/v1/cases/{case_id}/procedural-state".format(case_id=quote(str(case_id), safe=""),),
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ProceduralStateView | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ProceduralStateView.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ProceduralStateView | ValidationProblem]:
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
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    lang: ReportLanguage | Unset = UNSET,

) -> Response[Problem | ProceduralStateView | ValidationProblem]:
    """ Where each rule of the procedures stands on a case, on a business date

     Scenario, status and, per rule (rule ids of the procedures), done (on time or late) /
    pending / overdue / optional / not applicable, since when, by whom, due when (P14e and P15:
    in which session) and why; and the next due date. Judged in business time on ``on``: a
    fulfilment dated before its due instant is on time whatever the order of recording.
    Folded only from the records the reader's clearance may read. Each ``why`` is in ``lang``.

    Args:
        case_id (str): the case id (a UUID)
        on (datetime.date | None | Unset): the business date the state is judged on (default: the
            date of `as_of`, else today): done, overdue and due sessions as they stood that day
        as_of (datetime.datetime | None | Unset): only what was recorded up to this record time
            (audit)
        lang (ReportLanguage | Unset): The languages reporting's reads are written in (a report,
            the procedural state's
            sentences): English, for a report the text sealed, and French.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProceduralStateView | ValidationProblem]
     """


    kwargs = _get_kwargs(
        case_id=case_id,
on=on,
as_of=as_of,
lang=lang,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    case_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    lang: ReportLanguage | Unset = UNSET,

) -> Problem | ProceduralStateView | ValidationProblem | None:
    """ Where each rule of the procedures stands on a case, on a business date

     Scenario, status and, per rule (rule ids of the procedures), done (on time or late) /
    pending / overdue / optional / not applicable, since when, by whom, due when (P14e and P15:
    in which session) and why; and the next due date. Judged in business time on ``on``: a
    fulfilment dated before its due instant is on time whatever the order of recording.
    Folded only from the records the reader's clearance may read. Each ``why`` is in ``lang``.

    Args:
        case_id (str): the case id (a UUID)
        on (datetime.date | None | Unset): the business date the state is judged on (default: the
            date of `as_of`, else today): done, overdue and due sessions as they stood that day
        as_of (datetime.datetime | None | Unset): only what was recorded up to this record time
            (audit)
        lang (ReportLanguage | Unset): The languages reporting's reads are written in (a report,
            the procedural state's
            sentences): English, for a report the text sealed, and French.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProceduralStateView | ValidationProblem
     """


    return sync_detailed(
        case_id=case_id,
client=client,
on=on,
as_of=as_of,
lang=lang,

    ).parsed

async def asyncio_detailed(
    case_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    lang: ReportLanguage | Unset = UNSET,

) -> Response[Problem | ProceduralStateView | ValidationProblem]:
    """ Where each rule of the procedures stands on a case, on a business date

     Scenario, status and, per rule (rule ids of the procedures), done (on time or late) /
    pending / overdue / optional / not applicable, since when, by whom, due when (P14e and P15:
    in which session) and why; and the next due date. Judged in business time on ``on``: a
    fulfilment dated before its due instant is on time whatever the order of recording.
    Folded only from the records the reader's clearance may read. Each ``why`` is in ``lang``.

    Args:
        case_id (str): the case id (a UUID)
        on (datetime.date | None | Unset): the business date the state is judged on (default: the
            date of `as_of`, else today): done, overdue and due sessions as they stood that day
        as_of (datetime.datetime | None | Unset): only what was recorded up to this record time
            (audit)
        lang (ReportLanguage | Unset): The languages reporting's reads are written in (a report,
            the procedural state's
            sentences): English, for a report the text sealed, and French.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ProceduralStateView | ValidationProblem]
     """


    kwargs = _get_kwargs(
        case_id=case_id,
on=on,
as_of=as_of,
lang=lang,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    case_id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,
    lang: ReportLanguage | Unset = UNSET,

) -> Problem | ProceduralStateView | ValidationProblem | None:
    """ Where each rule of the procedures stands on a case, on a business date

     Scenario, status and, per rule (rule ids of the procedures), done (on time or late) /
    pending / overdue / optional / not applicable, since when, by whom, due when (P14e and P15:
    in which session) and why; and the next due date. Judged in business time on ``on``: a
    fulfilment dated before its due instant is on time whatever the order of recording.
    Folded only from the records the reader's clearance may read. Each ``why`` is in ``lang``.

    Args:
        case_id (str): the case id (a UUID)
        on (datetime.date | None | Unset): the business date the state is judged on (default: the
            date of `as_of`, else today): done, overdue and due sessions as they stood that day
        as_of (datetime.datetime | None | Unset): only what was recorded up to this record time
            (audit)
        lang (ReportLanguage | Unset): The languages reporting's reads are written in (a report,
            the procedural state's
            sentences): English, for a report the text sealed, and French.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ProceduralStateView | ValidationProblem
     """


    return (await asyncio_detailed(
        case_id=case_id,
client=client,
on=on,
as_of=as_of,
lang=lang,

    )).parsed
