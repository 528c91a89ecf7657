from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.case_list import CaseList
from ...models.list_cases_scenario_type_0 import ListCasesScenarioType0
from ...models.list_cases_status_type_0 import ListCasesStatusType0
from ...models.problem import Problem
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    state: None | str | Unset = UNSET,
    scenario: ListCasesScenarioType0 | None | Unset = UNSET,
    status: ListCasesStatusType0 | None | Unset = UNSET,
    opened_from: datetime.date | None | Unset = UNSET,
    opened_to: datetime.date | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    as_of: datetime.datetime | None | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,
    consistent_with: None | str | Unset = UNSET,

) -> dict[str, Any]:
    

    

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    else:
        json_state = state
    params["state"] = json_state

    json_scenario: None | str | Unset
    if isinstance(scenario, Unset):
        json_scenario = UNSET
    elif isinstance(scenario, ListCasesScenarioType0):
        json_scenario = scenario.value
    else:
        json_scenario = scenario
    params["scenario"] = json_scenario

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListCasesStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_opened_from: None | str | Unset
    if isinstance(opened_from, Unset):
        json_opened_from = UNSET
    elif isinstance(opened_from, datetime.date):
        json_opened_from = opened_from.isoformat()
    else:
        json_opened_from = opened_from
    params["opened_from"] = json_opened_from

    json_opened_to: None | str | Unset
    if isinstance(opened_to, Unset):
        json_opened_to = UNSET
    elif isinstance(opened_to, datetime.date):
        json_opened_to = opened_to.isoformat()
    else:
        json_opened_to = opened_to
    params["opened_to"] = json_opened_to

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit

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

    json_consistent_with: None | str | Unset
    if isinstance(consistent_with, Unset):
        json_consistent_with = UNSET
    else:
        json_consistent_with = consistent_with
    params["consistent_with"] = json_consistent_with


    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}


    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/cases",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CaseList | Problem | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = CaseList.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[CaseList | Problem | ValidationProblem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    scenario: ListCasesScenarioType0 | None | Unset = UNSET,
    status: ListCasesStatusType0 | None | Unset = UNSET,
    opened_from: datetime.date | None | Unset = UNSET,
    opened_to: datetime.date | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    as_of: datetime.datetime | None | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,
    consistent_with: None | str | Unset = UNSET,

) -> Response[CaseList | Problem | ValidationProblem]:
    """ List cases, filtered

    Args:
        state (None | str | Unset): ISO alpha-3
        scenario (ListCasesScenarioType0 | None | Unset):
        status (ListCasesStatusType0 | None | Unset):
        opened_from (datetime.date | None | Unset):
        opened_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 100.
        as_of (datetime.datetime | None | Unset): what was recorded by this record time (audit);
            default: everything
        on (datetime.date | None | Unset): where the case stood on this business date (YYYY-MM-
            DD): facts dated after it are left out, and overdue steps are derived for that day
        consistent_with (None | str | Unset): <case_id>:<stream_version> from a command response:
            wait (up to 5 s) until the list reflects it

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseList | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        state=state,
scenario=scenario,
status=status,
opened_from=opened_from,
opened_to=opened_to,
cursor=cursor,
limit=limit,
as_of=as_of,
on=on,
consistent_with=consistent_with,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    scenario: ListCasesScenarioType0 | None | Unset = UNSET,
    status: ListCasesStatusType0 | None | Unset = UNSET,
    opened_from: datetime.date | None | Unset = UNSET,
    opened_to: datetime.date | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    as_of: datetime.datetime | None | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,
    consistent_with: None | str | Unset = UNSET,

) -> CaseList | Problem | ValidationProblem | None:
    """ List cases, filtered

    Args:
        state (None | str | Unset): ISO alpha-3
        scenario (ListCasesScenarioType0 | None | Unset):
        status (ListCasesStatusType0 | None | Unset):
        opened_from (datetime.date | None | Unset):
        opened_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 100.
        as_of (datetime.datetime | None | Unset): what was recorded by this record time (audit);
            default: everything
        on (datetime.date | None | Unset): where the case stood on this business date (YYYY-MM-
            DD): facts dated after it are left out, and overdue steps are derived for that day
        consistent_with (None | str | Unset): <case_id>:<stream_version> from a command response:
            wait (up to 5 s) until the list reflects it

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseList | Problem | ValidationProblem
     """


    return sync_detailed(
        client=client,
state=state,
scenario=scenario,
status=status,
opened_from=opened_from,
opened_to=opened_to,
cursor=cursor,
limit=limit,
as_of=as_of,
on=on,
consistent_with=consistent_with,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    scenario: ListCasesScenarioType0 | None | Unset = UNSET,
    status: ListCasesStatusType0 | None | Unset = UNSET,
    opened_from: datetime.date | None | Unset = UNSET,
    opened_to: datetime.date | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    as_of: datetime.datetime | None | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,
    consistent_with: None | str | Unset = UNSET,

) -> Response[CaseList | Problem | ValidationProblem]:
    """ List cases, filtered

    Args:
        state (None | str | Unset): ISO alpha-3
        scenario (ListCasesScenarioType0 | None | Unset):
        status (ListCasesStatusType0 | None | Unset):
        opened_from (datetime.date | None | Unset):
        opened_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 100.
        as_of (datetime.datetime | None | Unset): what was recorded by this record time (audit);
            default: everything
        on (datetime.date | None | Unset): where the case stood on this business date (YYYY-MM-
            DD): facts dated after it are left out, and overdue steps are derived for that day
        consistent_with (None | str | Unset): <case_id>:<stream_version> from a command response:
            wait (up to 5 s) until the list reflects it

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CaseList | Problem | ValidationProblem]
     """


    kwargs = _get_kwargs(
        state=state,
scenario=scenario,
status=status,
opened_from=opened_from,
opened_to=opened_to,
cursor=cursor,
limit=limit,
as_of=as_of,
on=on,
consistent_with=consistent_with,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    scenario: ListCasesScenarioType0 | None | Unset = UNSET,
    status: ListCasesStatusType0 | None | Unset = UNSET,
    opened_from: datetime.date | None | Unset = UNSET,
    opened_to: datetime.date | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    as_of: datetime.datetime | None | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,
    consistent_with: None | str | Unset = UNSET,

) -> CaseList | Problem | ValidationProblem | None:
    """ List cases, filtered

    Args:
        state (None | str | Unset): ISO alpha-3
        scenario (ListCasesScenarioType0 | None | Unset):
        status (ListCasesStatusType0 | None | Unset):
        opened_from (datetime.date | None | Unset):
        opened_to (datetime.date | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 100.
        as_of (datetime.datetime | None | Unset): what was recorded by this record time (audit);
            default: everything
        on (datetime.date | None | Unset): where the case stood on this business date (YYYY-MM-
            DD): facts dated after it are left out, and overdue steps are derived for that day
        consistent_with (None | str | Unset): <case_id>:<stream_version> from a command response:
            wait (up to 5 s) until the list reflects it

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CaseList | Problem | ValidationProblem
     """


    return (await asyncio_detailed(
        client=client,
state=state,
scenario=scenario,
status=status,
opened_from=opened_from,
opened_to=opened_to,
cursor=cursor,
limit=limit,
as_of=as_of,
on=on,
consistent_with=consistent_with,

    )).parsed
