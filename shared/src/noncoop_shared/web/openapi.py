"""The OpenAPI document for integrators (ADR 0036): what ``create_app`` adds to FastAPI's own.

- **Operation ids** are the endpoint functions' names (:func:`operation_id`):
  ``register_court_referral``, not ``register_court_referral_v1_court_referrals_post``; a client
  generated from the document gets those names as its methods.
- **Security** is what the edge does (:func:`declare_security`): the authentication middleware and
  the document read the same access of each route, so an anonymous route says ``security: []``, a
  route taking an optional token ``[{}, {"bearer": []}]`` and every other ``[{"bearer": []}]``.
  FastAPI alone derives ``[{"bearer": []}]`` from the bearer scheme that both
  ``current_principal`` and ``optional_principal`` depend on, and nothing for the health routes.
- **Command answers** are typed: a command route answering with
  :func:`~noncoop_shared.web.commands.answer` (no response model) is documented as
  :class:`~noncoop_shared.web.commands.CommandRecorded`.
- **Examples**: the request and response models carry their own (``json_schema_extra``); a
  service may give more by component name (models it does not define itself), and a list
  response gets a list of its item's example. A test validates every example against its schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi.routing import APIRoute
from pydantic import BaseModel

from noncoop_shared.auth.middleware import Access

BEARER = "bearer"
"""The scheme name of ``noncoop_shared.auth.dependencies.bearer_scheme``."""

SECURITY: Mapping[Access, list[dict[str, list[str]]]] = {
    Access.OPEN: [],
    Access.OPTIONAL: [{}, {BEARER: []}],
    Access.REQUIRED: [{BEARER: []}],
}
"""An operation's ``security`` for each access the edge gives it (OpenAPI 3.1 §4.8.30: an empty
requirement object makes authentication optional)."""

#: Problems an operation may answer about its token, by access.
AUTH_PROBLEMS: Mapping[Access, tuple[int, ...]] = {
    Access.OPEN: (),
    Access.OPTIONAL: (401,),
    Access.REQUIRED: (401, 403),
}

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def operation_id(route: APIRoute) -> str:
    """An operation's id: its endpoint function's name (unique per service, tested)."""
    return route.name


def add_component_schemas(document: dict[str, Any], models: Iterable[type[BaseModel]]) -> None:
    """Each model's JSON schema (and the models it uses) under ``components/schemas``."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for model in models:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema


def operations(document: Mapping[str, Any]) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) of every operation of ``document``."""
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if method in _METHODS:
                yield path, method, operation


def declare_security(
    document: dict[str, Any],
    access: Mapping[tuple[str, str], Access],
    auth_responses: Mapping[int, dict[str, Any]],
) -> None:
    """Each operation's ``security`` and token problems from ``access`` ((path, METHOD) ->
    access, as the authentication middleware decides it)."""
    for path, method, operation in operations(document):
        granted = access.get((path, method.upper()), Access.REQUIRED)
        operation["security"] = list(SECURITY[granted])
        for status in AUTH_PROBLEMS[granted]:
            operation["responses"].setdefault(str(status), auth_responses[status])


def type_command_answers(document: dict[str, Any], model: type[BaseModel]) -> None:
    """Documents as ``model`` the untyped JSON success of every operation that takes a body."""
    used = False
    for _, _, operation in operations(document):
        if "requestBody" not in operation:
            continue
        for status, response in operation["responses"].items():
            media = response.get("content", {}).get("application/json")
            if status.startswith("2") and media is not None and media.get("schema") == {}:
                media["schema"] = {"$ref": f"#/components/schemas/{model.__name__}"}
                used = True
    if used:
        add_component_schemas(document, [model])


def add_examples(document: dict[str, Any], examples: Mapping[str, Sequence[Any]]) -> None:
    """``examples`` (component name -> examples) on the components that have none; then a list
    response whose items have an example gets a list of it. Raises ``ValueError`` for a name
    the document does not have (an example left behind by a renamed model)."""
    schemas = document.get("components", {}).get("schemas", {})
    unknown = sorted(set(examples) - set(schemas))
    if unknown:
        raise ValueError(f"examples given for schemas the document lacks: {', '.join(unknown)}")
    for name, given in examples.items():
        schemas[name].setdefault("examples", list(given))
    for _, _, operation in operations(document):
        for status, response in operation["responses"].items():
            media = response.get("content", {}).get("application/json")
            if not status.startswith("2") or media is None or "example" in media:
                continue
            schema = media.get("schema", {})
            item = schema.get("items", {}).get("$ref", "") if schema.get("type") == "array" else ""
            item_examples = schemas.get(item.rsplit("/", 1)[-1], {}).get("examples")
            if item_examples:
                media["example"] = [item_examples[0]]
