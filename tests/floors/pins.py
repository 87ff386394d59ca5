"""Prints the SDK's declared dependency floors as exact pins (`httpx==0.25 ...`).

`make test-floors` installs them, so the lowest versions the package admits are the ones
tested: a floor cannot drift away from what works.
"""

from __future__ import annotations

import re
from pathlib import Path

import tomllib

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def pins() -> list[str]:
    dependencies = tomllib.loads(PYPROJECT.read_text())["project"]["dependencies"]
    found = []
    for spec in dependencies:
        match = re.match(r"^([A-Za-z0-9_.-]+)\s*>=\s*([^,;\s]+)", spec)
        if match is None:
            raise SystemExit(f"dependency without a >= floor: {spec!r}")
        found.append(f"{match[1]}=={match[2]}")
    return found


if __name__ == "__main__":
    print(" ".join(pins()))
