"""The pure domain of the reporting service: no I/O, no clock (time comes in as an argument).

- ``procedural``: the procedural state of a case, folded from the envelopes of every service and
  judged on a business date (rule Time);
- ``report``: the Bureau report to a session (P15, annex I 3(k)): what it covers, how it words
  each recorded fact, and its Markdown and HTML;
- ``calendar``: the Assembly's sessions as reporting folds them from the Bureau's calendar;
- ``checkpoints``: the leaves of an audit checkpoint, as anyone recomputes them from the log.
"""
