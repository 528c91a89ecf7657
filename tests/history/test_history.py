"""Fifteen years of invented history, entered three ways, must give one record
(docs/procedures.md, Time).

The same history (``scenario.py``) is entered into three fresh systems (the four services in
process on a real Kafka topic and real PostgreSQL databases of their own):

- **live**: every command in business-time order, as the actors would have sent them;
- **late**: the calendar first, then each case's opening, then every other command of every case
  shuffled (each case's commands to one service keep their order, nothing else does), so a
  closure of 2014 may arrive before a letter of 2012;
- **import**: each case's whole history through ``POST /v1/history-imports`` (the client sends
  each service its part).

The three must give the same procedural state for every case on the opening day of every session,
no overdue event anywhere (every tracked step of the scenario is done, some late), and the same
Bureau report to every past session, byte for byte once the record's own provenance (record
times, log positions, case record ids, which differ by construction) is set aside.
"""

from __future__ import annotations

import asyncio
import random
import re
from collections.abc import Mapping
from contextlib import AsyncExitStack
from datetime import date
from typing import Any

import asyncpg
import pytest
from aiokafka.admin import NewTopic
from tests.history.scenario import SESSIONS, Case, Entry, calendar_entries, cases, meeting_entries
from tests.system.conftest import FourServices, headers_for, start_four_services

from noncoop_shared.imports.client import import_case
from noncoop_shared.kafka import KafkaAccess, admin_client

pytestmark = [pytest.mark.integration]

TODAY = date(2026, 12, 5)
PAST_SESSIONS = [s for s in SESSIONS if s.ends_on < TODAY and s.kind != "resumed"]
MODES = ("live", "late", "import")
READER = ("secretariat", "asp-secretariat")


async def _new_topic(kafka: KafkaAccess) -> str:
    name = f"noncoop.events.test-history-{random.getrandbits(48):012x}"
    admin = admin_client(kafka)
    await admin.start()
    try:
        await admin.create_topics(
            [
                NewTopic(
                    t, num_partitions=12, replication_factor=1, topic_configs={"retention.ms": "-1"}
                )
                for t in (name, f"{name}.dlq")
            ]
        )
    finally:
        await admin.close()
    return name


def _path(e: Entry, case_id: str | None) -> str:
    path: str = e["command"]["path"]
    return path.replace("{case_id}", case_id) if case_id else path


async def _send(system: FourServices, e: Entry, case_id: str | None) -> dict[str, Any]:
    """One command as its actor sends it; a service that does not know the case yet (it learns
    of it from the log a moment later) answers 404, so the command is sent again."""
    actor = e["actor"]
    client = system.clients[e["service"]]
    headers = headers_for(actor["role"], actor["id"])
    for _ in range(200):
        response = await client.post(_path(e, case_id), json=e["command"]["body"], headers=headers)
        if response.status_code != 404:
            break
        await asyncio.sleep(0.1)
    assert response.status_code in (200, 201), (
        f"{e['service']} {_path(e, case_id)} at {e['command']['body'].get('occurred_at')}: "
        f"{response.status_code} {response.text}"
    )
    body: dict[str, Any] = response.json()
    return body


async def _enter_registry(system: FourServices) -> None:
    for e in sorted(calendar_entries() + meeting_entries(), key=_when):
        await _send(system, e, None)


def _when(e: Entry) -> str:
    return str(e["command"]["body"]["occurred_at"])


async def _enter_live(system: FourServices, history: list[Case]) -> dict[str, str]:
    """Everything, registry included, in business-time order."""
    ids: dict[str, str] = {}
    tagged: list[tuple[str, int, str | None, Entry]] = []
    for e in calendar_entries() + meeting_entries():
        tagged.append((_when(e), len(tagged), None, e))
    for case in history:
        for e in case.entries:
            tagged.append((_when(e), len(tagged), case.label, e))
    for _, _, label, e in sorted(tagged, key=lambda t: (t[0], t[1])):
        answer = await _send(system, e, ids.get(label) if label else None)
        if label and label not in ids:
            ids[label] = answer["case_id"]
    return ids


async def _enter_late(system: FourServices, history: list[Case]) -> dict[str, str]:
    """The calendar, then each case up to its Court referral, then the rest shuffled across
    cases and services; a case's commands to one service keep their order."""
    await _enter_registry(system)
    ids: dict[str, str] = {}
    queues: dict[tuple[str, str], list[Entry]] = {}
    for case in history:
        opening, rest = _opening(case.entries)
        for e in opening:
            answer = await _send(system, e, ids.get(case.label))
            ids.setdefault(case.label, answer["case_id"])
        for e in rest:
            queues.setdefault((case.label, e["service"]), []).append(e)
    shuffle = random.Random(20161116)
    while queues:
        key = shuffle.choice(sorted(queues))
        e = queues[key].pop(0)
        if not queues[key]:
            del queues[key]
        await _send(system, e, ids[key[0]])
    return ids


def _opening(entries: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """A case's entries up to its Court referral (the formal response exists only from then:
    a Bureau step cannot arrive before it), and the rest."""
    for index, e in enumerate(entries):
        if e["command"]["path"] in ("/v1/court-referrals", "/v1/cases/{case_id}/court-referral"):
            return entries[: index + 1], entries[index + 1 :]
    return entries[:1], entries[1:]


async def _enter_import(system: FourServices, history: list[Case]) -> dict[str, str]:
    await _enter_registry(system)
    ids: dict[str, str] = {}
    importer = headers_for(*READER)
    for case in history:
        imported = await import_case(
            {"case_id": None, "entries": case.entries}, system.clients, headers=importer
        )
        assert imported.case_id is not None
        ids[case.label] = imported.case_id
    return ids


ENTER = {"live": _enter_live, "late": _enter_late, "import": _enter_import}

# --- What the record says -----------------------------------------------------------------

_VOLATILE_STATE_KEYS = {"case_id", "events", "recorded_at", "as_of", "audience"}


def _stable(value: Any, ids: Mapping[str, str]) -> Any:
    """The state without what differs by construction between two systems (case ids, record
    times, counts of records)."""
    if isinstance(value, dict):
        return {k: _stable(v, ids) for k, v in value.items() if k not in _VOLATILE_STATE_KEYS}
    if isinstance(value, list):
        return [_stable(v, ids) for v in value]
    if isinstance(value, str):
        for label, case_id in ids.items():
            value = value.replace(case_id, label)
    return value


async def _states(system: FourServices, ids: Mapping[str, str]) -> dict[str, Any]:
    reporting = system.clients["reporting"]
    headers = headers_for(*READER)
    out: dict[str, Any] = {}
    for label, case_id in sorted(ids.items()):
        for session in SESSIONS:
            day = session.starts_on.isoformat()
            response = await reporting.get(
                f"/v1/cases/{case_id}/procedural-state", params={"on": day}, headers=headers
            )
            assert response.status_code in (200, 404), response.text
            out[f"{label} on {day}"] = (
                _stable(response.json(), ids) if response.status_code == 200 else None
            )
    return out


_PROVENANCE = (
    re.compile(r"^Cut-off: .*$", re.M),
    re.compile(r"as recorded by [^;.]*"),
    re.compile(r"^Draft, not sealed.*$", re.M),
    re.compile(r"^\*Case record [0-9a-f-]+\*$", re.M),
)


def _report_text(markdown: str) -> str:
    for pattern in _PROVENANCE:
        markdown = pattern.sub("", markdown)
    return markdown


async def _reports(system: FourServices) -> dict[str, str]:
    reporting = system.clients["reporting"]
    headers = headers_for(*READER)
    out: dict[str, str] = {}
    for session in PAST_SESSIONS:
        drafted = await reporting.post(
            "/v1/reports", json={"session_id": session.session_id}, headers=headers
        )
        assert drafted.status_code == 201, drafted.text
        report_id = drafted.json()["report_id"]
        markdown = await reporting.get(f"/v1/reports/{report_id}.md", headers=headers)
        assert markdown.status_code == 200, markdown.text
        out[session.session_id] = _report_text(markdown.text)
    return out


async def _overdue_events(system: FourServices) -> list[str]:
    found: list[str] = []
    for service in ("referrals", "good_offices", "bureau"):
        conn = await asyncpg.connect(system.dsns[service])
        try:
            rows = await conn.fetch(
                "SELECT type, subject, recorded_at FROM events WHERE type LIKE '%overdue%'"
            )
        finally:
            await conn.close()
        found += [f"{service}: {r['type']} {r['subject']} {r['recorded_at']}" for r in rows]
    return found


async def _settled(system: FourServices, ids: Mapping[str, str]) -> None:
    """Until reporting has folded everything: the states of every case, read twice a second
    apart, are the same."""
    reporting = system.clients["reporting"]
    headers = headers_for(*READER)
    previous: list[Any] = []
    for _ in range(120):
        current = [
            (await reporting.get(f"/v1/cases/{i}/procedural-state", headers=headers)).json()
            for i in sorted(ids.values())
        ]
        if current == previous:
            return
        previous = current
        await asyncio.sleep(1.0)
    raise AssertionError("reporting did not settle within two minutes")


async def _record_of(
    mode: str, database_factory: Any, kafka_access: KafkaAccess
) -> tuple[dict[str, Any], dict[str, str], list[str]]:
    async with AsyncExitStack() as stack:
        topic = await _new_topic(kafka_access)
        system = await start_four_services(stack, database_factory, topic, kafka_access)
        ids = await ENTER[mode](system, cases())
        await _settled(system, ids)
        return await _states(system, ids), await _reports(system), await _overdue_events(system)


async def test_fifteen_years_entered_live_late_or_imported_give_one_record(
    database_factory: Any, kafka_access: KafkaAccess
) -> None:
    records = {mode: await _record_of(mode, database_factory, kafka_access) for mode in MODES}
    live_states, live_reports, _ = records["live"]
    for mode, (states, reports, overdue) in records.items():
        assert overdue == [], f"{mode}: overdue events for steps done: {overdue}"
        for key, state in live_states.items():
            assert states[key] == state, f"{mode}: {key} differs from live"
        for session_id, text in live_reports.items():
            assert reports[session_id] == text, f"{mode}: report to {session_id} differs"
    # The record is not empty, and each report holds the cases of its period: Meridia's case
    # (decided February 2022, closed March 2023) is in the reports to ASP-21 and ASP-22 only;
    # Norvania's (August 2024) first in the marked special session ASP-S2, never in ASP-S1.
    assert "Meridia" in live_reports["ASP-21"] and "Meridia" in live_reports["ASP-22"]
    assert "Meridia" not in live_reports["ASP-20"] and "Meridia" not in live_reports["ASP-23"]
    assert "Norvania" in live_reports["ASP-S2"] and "Norvania" not in live_reports["ASP-22"]
    assert live_states["C07 on 2017-12-04"] is not None
