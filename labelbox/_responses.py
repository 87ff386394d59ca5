"""Response validation: the one place where a response that does not match the schema becomes
`ResponseValidationError`, for generated operations and raw entity data alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from labelbox.exceptions import ResponseValidationError

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")

#: How many field errors a `ResponseValidationError` message lists.
SHOWN_ERRORS = 3


def parse_response(model: type[M], data: Any, what: str) -> M:
    """`data` validated as `model`; `ResponseValidationError` naming `what` otherwise."""
    from pydantic import ValidationError

    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ResponseValidationError(f"Unexpected response to {what}: {_summary(error)}") from None
    except RecursionError:
        raise ResponseValidationError(f"Unexpected response to {what}: nested too deeply") from None


def _summary(error: Any) -> str:
    problems = error.errors(include_url=False, include_input=False)
    shown = [
        f"{'.'.join(str(part) for part in problem['loc']) or '(root)'}: {problem['msg']}"
        for problem in problems[:SHOWN_ERRORS]
    ]
    more = len(problems) - len(shown)
    return "; ".join(shown) + (f" (and {more} more)" if more > 0 else "")
