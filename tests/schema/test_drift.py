"""`make schema-check`: the schema cannot drift unnoticed.

* The local server's live schema (by introspection) is exactly the committed SDL.
* The committed SDL has no breaking change against the last release's
  (`schema/released.graphql`) that `CHANGELOG.md` does not list.
"""

from __future__ import annotations

import re
from pathlib import Path

from graphql import build_schema, find_breaking_changes

import labelbox as lb
from labelbox.cli.schema import INTROSPECTION, contract_sdl, sorted_sdl
from labelbox_server import LocalServer

ROOT = Path(__file__).resolve().parents[2]
SDL = ROOT / "schema" / "labelbox.graphql"
RELEASED = ROOT / "schema" / "released.graphql"
CHANGELOG = ROOT / "CHANGELOG.md"


def _live_sdl(server: LocalServer) -> str:
    from graphql import build_client_schema

    with lb.Client(api_key=server.api_key, endpoint=server.endpoint) as client:
        data = client.execute(INTROSPECTION)
    assert data is not None
    return sorted_sdl(build_client_schema(data))  # type: ignore[arg-type]


def test_the_live_schema_is_the_committed_sdl(labelbox_server: LocalServer) -> None:
    assert _live_sdl(labelbox_server) == sorted_sdl(build_schema(SDL.read_text()))


def test_the_sdk_carries_the_committed_sdl() -> None:
    assert contract_sdl() == SDL.read_text()


def _listed_breaking_changes() -> set[str]:
    text = CHANGELOG.read_text()
    unreleased = text.split("\n## ", 2)[1] if "\n## " in text else ""
    section = unreleased.split("### Breaking schema changes", 1)
    if len(section) < 2:
        return set()
    listed = section[1].split("\n## ", 1)[0].split("\n### ", 1)[0]
    return {match.strip() for match in re.findall(r"^- (.+)$", listed, re.MULTILINE)}


def test_breaking_changes_since_the_last_release_are_in_the_changelog() -> None:
    changes = find_breaking_changes(
        build_schema(RELEASED.read_text()), build_schema(SDL.read_text())
    )
    unlisted = sorted(
        c.description for c in changes if c.description not in _listed_breaking_changes()
    )
    assert unlisted == [], "list these under 'Breaking schema changes' in CHANGELOG.md"
