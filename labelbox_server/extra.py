"""The `server` extra: what `labelbox_server` needs beyond the SDK, and a clear error without it.

The SDK installs the `labelbox-server` command and the pytest plugin whatever the extras, so
both check for the server's dependencies first and name the extra to install instead of
failing on the first missing import.
"""

from __future__ import annotations

import importlib.util

#: The distribution the server ships in (the SDK's; the server cannot import the SDK to ask).
DISTRIBUTION = "labelbox-typed"
INSTALL_HINT = f"pip install '{DISTRIBUTION}[server]'"
#: Import names of the `server` extra's packages that every server command needs.
SERVER_MODULES = ("ariadne", "starlette", "uvicorn", "sqlalchemy", "alembic", "typer")


class ServerExtraMissing(ModuleNotFoundError):
    """The local server's dependencies are not installed (the message says how to)."""


def missing_modules() -> list[str]:
    """The server dependencies that cannot be imported."""
    return [name for name in SERVER_MODULES if importlib.util.find_spec(name) is None]


def require_server_extra(what: str = "labelbox_server") -> None:
    """Raise `ServerExtraMissing` unless every server dependency is importable."""
    missing = missing_modules()
    if missing:
        raise ServerExtraMissing(
            f"{what} needs the 'server' extra of {DISTRIBUTION} (missing: {', '.join(missing)}); "
            f"install it with: {INSTALL_HINT}",
            name=missing[0],
        )
