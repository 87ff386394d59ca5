"""Per-request loaders: what the resolvers of one request read many times, loaded in batches.

`RequestContext.loaders` holds one `Loaders` per request. Resolvers returning data rows call
`Loaders.note_data_rows`, so the first `customMetadata` or `attachments` read loads them for
every noted row in one query. Loaded values are dropped after every mutation field (the
schema wraps each mutation resolver, see `graphql.schema`), so a field resolved after a
change never reads what was loaded before it, and no resolver clears anything by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from ..db.models import Attachment, Benchmark, DataRow
from ..domain import attachments, benchmarks, metadata_ontology, metadata_values
from ..domain.context import Caller

_K = TypeVar("_K")
_V = TypeVar("_V")


class BatchLoader(Generic[_K, _V]):
    """Values by key; a miss loads it together with every noted key not loaded yet."""

    def __init__(self, load_many: Callable[[list[_K]], Mapping[_K, _V]]) -> None:
        self._load_many = load_many
        self._values: dict[_K, _V] = {}
        self._noted: dict[_K, None] = {}

    def note(self, keys: Iterable[_K]) -> None:
        """Keys about to be read: the next miss loads them too."""
        self._noted.update(dict.fromkeys(keys))

    def get(self, key: _K) -> _V:
        """The value for `key` (loaded on a miss, with the noted keys)."""
        if key not in self._values:
            wanted = [k for k in {**self._noted, key: None} if k not in self._values]
            self._values.update(self._load_many(wanted))
            self._noted.clear()
        return self._values[key]

    def clear(self) -> None:
        """Drop the loaded values (noted keys stay: they are hints, not data)."""
        self._values.clear()


class LoadOnce(Generic[_V]):
    """One value, loaded on first use."""

    def __init__(self, load: Callable[[], _V]) -> None:
        self._load = load
        self._value: tuple[_V] | None = None

    def get(self) -> _V:
        if self._value is None:
            self._value = (self._load(),)
        return self._value[0]

    def clear(self) -> None:
        self._value = None


class Loaders:
    """The loaders of one request."""

    def __init__(self, session: Session, caller: Caller) -> None:
        #: The stored metadata entries `(schema id, value)` of each data row.
        self.metadata_entries: BatchLoader[str, list[tuple[str, Any]]] = BatchLoader(
            lambda ids: metadata_values.entries_by_row(session, ids)
        )
        #: The attachments of each data row, oldest first.
        self.attachments: BatchLoader[str, list[Attachment]] = BatchLoader(
            lambda ids: attachments.attachments_by_row(session, ids)
        )
        #: The numbers of each benchmark (from the labels of its data row).
        self.benchmark_stats: BatchLoader[Benchmark, benchmarks.BenchmarkStats] = BatchLoader(
            lambda found: benchmarks.benchmark_stats(session, found)
        )
        #: The caller's metadata ontology.
        self.ontology: LoadOnce[metadata_ontology.Ontology] = LoadOnce(
            lambda: metadata_ontology.load_ontology(session, caller)
        )

    def note_data_rows(self, rows: Sequence[DataRow]) -> Sequence[DataRow]:
        """Note rows about to be resolved (their metadata and attachments load together)."""
        ids = [row.id for row in rows]
        self.metadata_entries.note(ids)
        self.attachments.note(ids)
        return rows

    def clear(self) -> None:
        """Drop every loaded value (after a mutation field)."""
        self.metadata_entries.clear()
        self.attachments.clear()
        self.benchmark_stats.clear()
        self.ontology.clear()
