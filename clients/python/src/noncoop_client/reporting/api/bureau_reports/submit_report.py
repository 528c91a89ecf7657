from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...types import Response, UNSET
from ... import errors

from ...models.command_body import CommandBody
from ...models.problem import Problem
from ...models.report_view import ReportView
from ...models.validation_problem import ValidationProblem
from ...types import UNSET, Unset
from typing import cast
from uuid import UUID



def _get_kwargs(
    report_id: UUID,
    *,
    body: CommandBody | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,

) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key



    

    

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/reports/{report_id}/submission".format(report_id=quote(str(report_id), safe=""),),
    }

    
    if isinstance(body, CommandBody):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs



def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | ReportView | ValidationProblem | None:
    if response.status_code == 200:
        response_200 = ReportView.from_dict(response.json())



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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | ReportView | ValidationProblem]:
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
    body: CommandBody | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[Problem | ReportView | ValidationProblem]:
    """ Submit a report: freeze it at the log position it is drawn at, sealed

     Draws the report at the log position reporting's projections have reached, seals an
    audit checkpoint at that position, stores both with the sha256 of both renderings, and
    records the submission on the log (P15, per case covered). ``occurred_at`` is when the
    Bureau submitted it (business time, default now; e.g. a report of 2016 entered at go-live):
    the report speaks up to that day when it is before the session's opening (P15). A submitted
    report renders the same bytes ever after. Submitting twice is a conflict; sent again with the
    same Idempotency-Key and body, it is answered with the first submission's answer
    (``Idempotent-Replayed: true``); the same key with another body is a 422.

    Args:
        report_id (UUID):
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (CommandBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportView | ValidationProblem]
     """


    kwargs = _get_kwargs(
        report_id=report_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)

def sync(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CommandBody | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,

) -> Problem | ReportView | ValidationProblem | None:
    """ Submit a report: freeze it at the log position it is drawn at, sealed

     Draws the report at the log position reporting's projections have reached, seals an
    audit checkpoint at that position, stores both with the sha256 of both renderings, and
    records the submission on the log (P15, per case covered). ``occurred_at`` is when the
    Bureau submitted it (business time, default now; e.g. a report of 2016 entered at go-live):
    the report speaks up to that day when it is before the session's opening (P15). A submitted
    report renders the same bytes ever after. Submitting twice is a conflict; sent again with the
    same Idempotency-Key and body, it is answered with the first submission's answer
    (``Idempotent-Replayed: true``); the same key with another body is a 422.

    Args:
        report_id (UUID):
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (CommandBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportView | ValidationProblem
     """


    return sync_detailed(
        report_id=report_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    ).parsed

async def asyncio_detailed(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CommandBody | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,

) -> Response[Problem | ReportView | ValidationProblem]:
    """ Submit a report: freeze it at the log position it is drawn at, sealed

     Draws the report at the log position reporting's projections have reached, seals an
    audit checkpoint at that position, stores both with the sha256 of both renderings, and
    records the submission on the log (P15, per case covered). ``occurred_at`` is when the
    Bureau submitted it (business time, default now; e.g. a report of 2016 entered at go-live):
    the report speaks up to that day when it is before the session's opening (P15). A submitted
    report renders the same bytes ever after. Submitting twice is a conflict; sent again with the
    same Idempotency-Key and body, it is answered with the first submission's answer
    (``Idempotent-Replayed: true``); the same key with another body is a 422.

    Args:
        report_id (UUID):
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (CommandBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | ReportView | ValidationProblem]
     """


    kwargs = _get_kwargs(
        report_id=report_id,
body=body,
idempotency_key=idempotency_key,

    )

    response = await client.get_async_httpx_client().request(
        **kwargs
    )

    return _build_response(client=client, response=response)

async def asyncio(
    report_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CommandBody | None | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,

) -> Problem | ReportView | ValidationProblem | None:
    """ Submit a report: freeze it at the log position it is drawn at, sealed

     Draws the report at the log position reporting's projections have reached, seals an
    audit checkpoint at that position, stores both with the sha256 of both renderings, and
    records the submission on the log (P15, per case covered). ``occurred_at`` is when the
    Bureau submitted it (business time, default now; e.g. a report of 2016 entered at go-live):
    the report speaks up to that day when it is before the session's opening (P15). A submitted
    report renders the same bytes ever after. Submitting twice is a conflict; sent again with the
    same Idempotency-Key and body, it is answered with the first submission's answer
    (``Idempotent-Replayed: true``); the same key with another body is a 422.

    Args:
        report_id (UUID):
        idempotency_key (None | str | Unset): Send the same key to retry a command safely: the
            first result is returned.
        body (CommandBody | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | ReportView | ValidationProblem
     """


    return (await asyncio_detailed(
        report_id=report_id,
client=client,
body=body,
idempotency_key=idempotency_key,

    )).parsed
