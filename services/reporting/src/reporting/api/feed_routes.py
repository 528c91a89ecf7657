"""The feed over HTTP: every event the caller may read, in log order, as CloudEvents batches.

``GET /v1/feed?after=<cursor>`` is how a system outside the services follows the log: nobody
outside them reads the raw topic (docs/architecture.md §13, ADR 0035). Anonymous callers get a
401 like every read but the public register, which already serves the public's records.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Response
from fastapi.exceptions import RequestValidationError

from noncoop_shared.access import readable_classifications
from noncoop_shared.auth.dependencies import CurrentPrincipal
from noncoop_shared.web.problems import ProblemError, problem_responses, problem_type
from reporting.api.dependencies import AppRuntime
from reporting.feed.cursor import MAX_CURSOR_CHARS, MalformedCursorError
from reporting.feed.reader import MAX_WAITS_PER_CALLER, Reader, TooManyWaitsError

router = APIRouter(prefix="/v1", tags=["feed"])

BATCH_MEDIA_TYPE = "application/cloudevents-batch+json"
CURSOR_HEADER = "Feed-Cursor"


@router.get(
    "/feed",
    operation_id="read_feed",
    responses={
        200: {
            "description": "a JSON array of CloudEvents (possibly empty); the next page's "
            f'cursor in the `{CURSOR_HEADER}` header and in `Link: <...>; rel="next"`',
            "content": {BATCH_MEDIA_TYPE: {"schema": {"type": "array", "items": {}}}},
        },
        **problem_responses(401, 422, 429),
    },
    response_class=Response,
    summary="The events the caller may read, in log order, from a cursor",
)
async def read_feed(
    runtime: AppRuntime,
    principal: CurrentPrincipal,
    after: Annotated[
        str,
        Query(
            max_length=MAX_CURSOR_CHARS,
            description="the cursor a previous page gave (empty: from the start of the log)",
        ),
    ] = "",
    limit: Annotated[int, Query(ge=1, le=500, description="at most this many events")] = 100,
    wait: Annotated[
        float,
        Query(
            ge=0,
            le=30,
            description="seconds to wait for an event when there is none yet (long-poll; at "
            f"most {MAX_WAITS_PER_CALLER} open at once per caller by default, more are a 429)",
        ),
    ] = 0,
) -> Response:
    """Each partition of the log in offset order, the partitions interleaved fairly; only the
    events the caller's role may read (the audit trail's decision), each as that reader may see
    it. The cursor is opaque and also moves past events the caller may not read."""
    try:
        positions = runtime.cursors.open(after)
    except MalformedCursorError as error:
        raise RequestValidationError(
            [{"loc": ("query", "after"), "msg": str(error), "type": "value_error"}]
        ) from error
    reader = Reader(readable_classifications(principal))
    try:
        page = await runtime.feed.wait(
            reader, positions, limit, wait, caller=f"{principal.role.value}:{principal.subject}"
        )
    except TooManyWaitsError as error:
        raise ProblemError(
            429,
            "Too Many Requests",
            f"this caller already holds {runtime.feed.max_waits_per_caller} long-polls (wait > 0)"
            " open, or the service as many as it serves at once; wait for one to answer, or"
            " poll with wait=0",
            type_=problem_type("too-many-long-polls"),
            headers={"Retry-After": "1"},
        ) from error
    cursor = runtime.cursors.seal(page.positions)
    next_query = urlencode({"after": cursor, "limit": limit})
    return Response(
        page.batch(),
        media_type=BATCH_MEDIA_TYPE,
        headers={CURSOR_HEADER: cursor, "Link": f'</v1/feed?{next_query}>; rel="next"'},
    )
