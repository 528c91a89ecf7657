"""Text no record may hold, in the request line (found by ``make fuzz``).

``GET /v1/public/cases?scenario=%00`` reached PostgreSQL as a filter and answered 500: a NUL or
a lone surrogate in any query parameter or path segment is a 422 naming it, for every caller and
every route, before the route runs.
"""

from __future__ import annotations

import pytest
from tests.system.conftest import FourServices

pytestmark = pytest.mark.integration

PROBLEM = "application/problem+json"
CASE = "01900000-0000-7000-8000-000000000000"


@pytest.mark.parametrize(
    "service, target, field",
    [
        ("reporting", "/v1/public/cases?limit=1&offset=0&scenario=%00", "query.scenario"),
        ("reporting", "/v1/public/cases?status=open%00closed", "query.status"),
        ("reporting", "/v1/public/cases?%00=1", "query.\x00"),
        ("referrals", f"/v1/cases/{CASE}%00", "path"),
    ],
)
async def test_unstorable_text_in_the_request_line_is_a_422_naming_it(
    module_four_services: FourServices, service: str, target: str, field: str
) -> None:
    headers = module_four_services.headers("secretariat", "secretariat-1")
    response = await module_four_services.clients[service].get(target, headers=headers)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["errors"][0]["field"] == field
    assert problem["errors"][0]["type"] == "string_unstorable"


async def test_bytes_that_are_no_utf8_in_the_query_are_not_a_server_error(
    module_four_services: FourServices,
) -> None:
    """The bytes of a lone surrogate are read as U+FFFD, which any record may hold."""
    headers = module_four_services.headers("secretariat", "secretariat-1")
    response = await module_four_services.clients["reporting"].get(
        "/v1/public/cases?scenario=%ED%A0%80", headers=headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["cases"] == []
