"""What import methods accept: NDJSON annotation rows (dicts) and typed labels
(`labelbox.data.annotation_types.Label`), as rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol, TypeAlias

if TYPE_CHECKING:
    from labelbox.client import Client


class SupportsNDJSON(Protocol):
    """A typed annotation container (e.g. `labelbox.data.annotation_types.Label`)."""

    def to_ndjson(
        self, mask_url: Callable[[bytes], str] | None = None
    ) -> Iterable[dict[str, Any]]: ...


#: What import methods take: NDJSON rows or typed labels.
AnnotationInput: TypeAlias = Mapping[str, Any] | SupportsNDJSON


def as_rows(items: Iterable[Any], client: Client | None = None) -> Iterator[Any]:
    """The NDJSON rows of `items`: dicts as they are, typed labels converted (each gives
    one row per annotation; with a client, masks given by bytes are uploaded and imported by
    URL); anything else is passed on for the row checks to reject."""
    mask_url = _mask_uploader(client) if client is not None else None
    for item in items:
        to_ndjson = getattr(item, "to_ndjson", None)
        if callable(to_ndjson) and not isinstance(item, Mapping):
            yield from to_ndjson(mask_url)
        else:
            yield item


def _mask_uploader(client: Client) -> Callable[[bytes], str]:
    def upload(png: bytes) -> str:
        return client.upload_data(png, filename="mask.png", content_type="image/png", sign=True)

    return upload
