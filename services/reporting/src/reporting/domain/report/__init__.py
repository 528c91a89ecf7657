"""The Bureau report to a session (P15, annex I 3(k)), pure: what it covers (``content``), how
it frames the period (``framing``) and words each recorded fact (``wording``, one module per
service whose facts it words), and its Markdown and HTML (``render``)."""
