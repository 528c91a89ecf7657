from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.problem import Problem
from ...models.public_case_list import PublicCaseList
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast
import datetime



def _get_kwargs(
    *,
    state: None | str | Unset = UNSET,
    scenario: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,

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
    else:
        json_scenario = scenario
    params["scenario"] = json_scenario

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    else:
        json_status = status
    params["status"] = json_status

    params["limit"] = limit

    params["offset"] = offset

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
        "method": "get",
        "url": "/v1/public/cases",
        "params": params,
    }


    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | PublicCaseList | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = PublicCaseList.from_dict(response.json())



        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())



        return response_401

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | PublicCaseList | ValidationProblem]:
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
    scenario: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,

) -> Response[Problem | PublicCaseList | ValidationProblem]:
    """ The cases of the public register

     Every case known publicly, oldest first (on ``on``, as recorded by ``as_of``). A case
    handled only as 7(b) is never here.

    Args:
        state (None | str | Unset): requested State (ISO alpha-3)
        scenario (None | str | Unset): 7a, information_only or court_information
        status (None | str | Unset): open, closed or information_only
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        on (datetime.date | None | Unset): as the register stood on this business date (facts
            dated up to its end)
        as_of (datetime.datetime | None | Unset): only what was recorded up to this record time
            (audit)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicCaseList | ValidationProblem]
     """


    kwargs = _get_kwargs(
        state=state,
scenario=scenario,
status=status,
limit=limit,
offset=offset,
on=on,
as_of=as_of,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    scenario: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,

) -> Problem | PublicCaseList | ValidationProblem | None:
    """ The cases of the public register

     Every case known publicly, oldest first (on ``on``, as recorded by ``as_of``). A case
    handled only as 7(b) is never here.

    Args:
        state (None | str | Unset): requested State (ISO alpha-3)
        scenario (None | str | Unset): 7a, information_only or court_information
        status (None | str | Unset): open, closed or information_only
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        on (datetime.date | None | Unset): as the register stood on this business date (facts
            dated up to its end)
        as_of (datetime.datetime | None | Unset): only what was recorded up to this record time
            (audit)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicCaseList | ValidationProblem
     """


    return sync_detailed(
        client=client,
state=state,
scenario=scenario,
status=status,
limit=limit,
offset=offset,
on=on,
as_of=as_of,

    ).parsed

async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    scenario: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,

) -> Response[Problem | PublicCaseList | ValidationProblem]:
    """ The cases of the public register

     Every case known publicly, oldest first (on ``on``, as recorded by ``as_of``). A case
    handled only as 7(b) is never here.

    Args:
        state (None | str | Unset): requested State (ISO alpha-3)
        scenario (None | str | Unset): 7a, information_only or court_information
        status (None | str | Unset): open, closed or information_only
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        on (datetime.date | None | Unset): as the register stood on this business date (facts
            dated up to its end)
        as_of (datetime.datetime | None | Unset): only what was recorded up to this record time
            (audit)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | PublicCaseList | ValidationProblem]
     """


    kwargs = _get_kwargs(
        state=state,
scenario=scenario,
status=status,
limit=limit,
offset=offset,
on=on,
as_of=as_of,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    *,
    client: AuthenticatedClient,
    state: None | str | Unset = UNSET,
    scenario: None | str | Unset = UNSET,
    status: None | str | Unset = UNSET,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    on: datetime.date | None | Unset = UNSET,
    as_of: datetime.datetime | None | Unset = UNSET,

) -> Problem | PublicCaseList | ValidationProblem | None:
    """ The cases of the public register

     Every case known publicly, oldest first (on ``on``, as recorded by ``as_of``). A case
    handled only as 7(b) is never here.

    Args:
        state (None | str | Unset): requested State (ISO alpha-3)
        scenario (None | str | Unset): 7a, information_only or court_information
        status (None | str | Unset): open, closed or information_only
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        on (datetime.date | None | Unset): as the register stood on this business date (facts
            dated up to its end)
        as_of (datetime.datetime | None | Unset): only what was recorded up to this record time
            (audit)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | PublicCaseList | ValidationProblem
     """


    return (await asyncio_detailed(
        client=client,
state=state,
scenario=scenario,
status=status,
limit=limit,
offset=offset,
on=on,
as_of=as_of,

    )).parsed
