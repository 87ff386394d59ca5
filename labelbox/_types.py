"""Types of parameters that the standard library's do not express."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol, SupportsIndex, TypeVar, overload

_T_co = TypeVar("_T_co", covariant=True)


class SequenceNotStr(Protocol[_T_co]):
    """A list, tuple or other sequence, but not a `str`.

    `str` is a `Sequence[str]`, so `Sequence[str]` lets `get_data_row_ids_for_global_keys("key")`
    type-check although it raises. `str.__contains__` takes only a `str`, where this protocol
    takes any object, which rules `str` out. (The same protocol as `useful_types` and
    openai-python's.)
    """

    @overload
    def __getitem__(self, index: SupportsIndex, /) -> _T_co: ...
    @overload
    def __getitem__(self, index: slice, /) -> Sequence[_T_co]: ...
    def __contains__(self, value: object, /) -> bool: ...
    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[_T_co]: ...
    def index(self, value: Any, start: int = 0, stop: int = ..., /) -> int: ...
    def count(self, value: Any, /) -> int: ...
    def __reversed__(self) -> Iterator[_T_co]: ...
