"""The pure domain of the case register: commands, state, rules and ``decide()``.

No I/O and no clock: the application loads a case's events, folds them into a ``CaseState`` and
asks ``decide(state, command, now, levels)`` what to record (docs/architecture.md §4).
"""
