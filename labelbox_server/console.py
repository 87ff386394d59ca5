"""The `labelbox-server` console script: the CLI, or which extra to install when it cannot run."""

from __future__ import annotations

import sys

from .extra import ServerExtraMissing, require_server_extra


def main() -> None:
    """Run `labelbox_server.cli`; exit 1 with an install hint if the server extra is missing."""
    try:
        require_server_extra("labelbox-server")
    except ServerExtraMissing as error:
        print(f"error: {error}", file=sys.stderr)
        raise SystemExit(1) from None
    from .cli import main as cli_main

    cli_main()
