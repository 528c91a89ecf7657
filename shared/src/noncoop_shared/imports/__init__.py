"""The history import: one case's past, entered through the same routes and deciders as live
commands, atomically per service (ADR 0017; docs/procedures.md, Time).

- ``route``: ``POST /v1/history-imports``, added by the shared app factory to every service that
  owns commands;
- ``inprocess``: runs one entry through the service's own ASGI app as the entry's actor;
- ``client``: sends one case's whole history to each service in turn (``python -m
  noncoop_shared.imports <case.json>``).
"""
