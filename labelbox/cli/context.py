"""What every command shares: the API key and endpoint, `--json`, and the client they give."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import typer

from labelbox import exceptions
from labelbox.cli import FAILURES
from labelbox.cli.output import error
from labelbox.client import Client

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Settings:
    """Global options: `--api-key` / `--endpoint` (else `LABELBOX_API_KEY` /
    `LABELBOX_ENDPOINT`) and `--json`."""

    api_key: str | None = None
    endpoint: str | None = None
    as_json: bool = False
    _client: Client | None = field(default=None, repr=False)

    def client(self) -> Client:
        if self._client is None:
            if self.endpoint:
                self._client = Client(api_key=self.api_key, endpoint=self.endpoint)
            else:
                self._client = Client(api_key=self.api_key)
        return self._client


def settings(ctx: typer.Context) -> Settings:
    found = ctx.find_object(Settings)
    assert found is not None, "the root command sets the settings"
    return found


def reports_errors(command: F) -> F:
    """SDK errors end the command with their message and exit status 1 (no traceback)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except exceptions.LabelboxError as failure:
            error(str(failure))
            raise typer.Exit(FAILURES) from None

    return run  # type: ignore[return-value]
