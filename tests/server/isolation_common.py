"""What the cases of `test_isolation_every_field` share: the owner (the first organization's
objects, by name) and the checks most cases are made of."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .conftest import Api

NOT_FOUND = ["RESOURCE_NOT_FOUND"]
CREATE_PROJECT = "mutation($name: String!) { createProject(data: {name: $name}) { id } }"


@dataclass
class Owner:
    """The first organization's objects, by name (ids, keys, URLs)."""

    api: Api
    ids: dict[str, str]

    def __getitem__(self, name: str) -> str:
        return self.ids[name]


Check = Callable[[Api, Owner], None]


def no_variables(_owner: Owner) -> dict[str, Any]:
    return {}


def not_found(document: str, variables: Callable[[Owner], dict[str, Any]]) -> Check:
    def check(intruder: Api, owner: Owner) -> None:
        assert intruder.error_codes(document, variables(owner)) == NOT_FOUND

    return check


def returns(
    document: str,
    variables: Callable[[Owner], dict[str, Any]],
    expect: Callable[[dict[str, Any], Owner], Any],
) -> Check:
    def check(intruder: Api, owner: Owner) -> None:
        result = expect(intruder.data(document, variables(owner)), owner)
        assert result is not False, result

    return check
