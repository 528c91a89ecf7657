"""Authentication and roles: bearer tokens (JWT) -> :class:`Principal`.

FastAPI dependencies live in ``noncoop_shared.auth.dependencies``; what each role may read is
``noncoop_shared.access``.
"""

from noncoop_shared.auth.principal import Principal
from noncoop_shared.auth.roles import RegionalGroup, Role

__all__ = ["Principal", "RegionalGroup", "Role"]
