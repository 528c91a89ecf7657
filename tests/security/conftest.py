"""Attacks on the running services (docs/security.md).

Every test here reproduces one finding of the attack on ``make run`` against the four real services
(real Kafka, real PostgreSQL), and fails if the control that stops it is removed. The fixtures are
the system suite's: ``four_services`` starts the four in process on a fresh topic;
``module_four_services``, once for a module's tests that change nothing another reads.
"""

from tests.system.conftest import (  # noqa: F401 (pytest fixtures)
    auth,
    four_services,
    module_four_services,
)
