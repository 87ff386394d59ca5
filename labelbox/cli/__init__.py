"""The `labelbox` command line (the `cli` extra: typer and rich).

Nothing here is imported by `import labelbox`. Without the extra, the command says which
extra to install instead of failing on an import.
"""

from __future__ import annotations

import importlib.util
import sys

from labelbox._version import DISTRIBUTION

#: Exit statuses: success, failures reported (rows that failed, breaking changes...), usage.
OK, FAILURES, USAGE = 0, 1, 2


def main() -> None:
    """Entry point of the `labelbox` command."""
    missing = [name for name in ("typer", "rich") if importlib.util.find_spec(name) is None]
    if missing:
        print(
            f"the labelbox command needs the 'cli' extra (missing: {', '.join(missing)}): "
            f"pip install '{DISTRIBUTION}[cli]'",
            file=sys.stderr,
        )
        sys.exit(USAGE)
    from labelbox.cli.app import app

    app()
