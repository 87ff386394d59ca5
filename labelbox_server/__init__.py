"""A local Labelbox server: the Labelbox GraphQL API on SQLite or PostgreSQL.

`LocalServer` runs one in a subprocess for your tests; `labelbox-server` is the command line.
Importing this package is cheap: `LocalServer` is loaded on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .local import LocalServer

__all__ = ["LocalServer"]


def __getattr__(name: str) -> Any:
    if name == "LocalServer":
        from .local import LocalServer

        return LocalServer
    raise AttributeError(f"module 'labelbox_server' has no attribute {name!r}")
