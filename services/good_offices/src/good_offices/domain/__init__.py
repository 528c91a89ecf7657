"""The pure domain of the President's good offices on one case: commands, state, rules and
``decide()``.

No I/O and no clock: the application loads the ``good-offices:<case id>`` stream, folds it into a
``GoodOfficesState``, and asks ``decide(state, command, case=..., roster_regions=..., now=...,
levels=...)`` what to record (docs/architecture.md §4). What the case register knows of the case
(``CaseFacts``) and the regions with an active focal point come in as arguments, read by the
application from its projections: services never import each other's code (docs/architecture.md §2).
"""
