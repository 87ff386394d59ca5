"""`DataRow`: one asset to label (an image, a video, a text, a document...)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, Union

from typing_extensions import NotRequired, Required, TypedDict, Unpack

from labelbox._generated.entities import DataRowBase
from labelbox._generated.entities import DataRowUpdateKwargs as _GeneratedUpdateKwargs
from labelbox._generated.enums import AttachmentType
from labelbox._text import text_problem
from labelbox.exceptions import InvalidDataRowError
from labelbox.orm.db_object import BulkDeletable, Updateable, uids
from labelbox.schema.asset_attachment import AssetAttachment
from labelbox.schema.asset_attachment import attachment_type as parse_attachment_type
from labelbox.schema.media_type import MediaType

if TYPE_CHECKING:
    from labelbox.orm.field import Field
    from labelbox.schema.data_row_metadata import DataRowMetadataField


class AttachmentInput(TypedDict):
    """An attachment given when creating a data row."""

    type: str | AttachmentType
    value: str


class DataRowCreateKwargs(TypedDict, total=False):
    """Keyword arguments of `Dataset.create_data_row`; `row_data` is required.

    `row_data` is a URL, a path to a local file (uploaded first), inline text, or
    a dict (tiled imagery, a PDF with its text layer, a conversation).
    """

    row_data: str | dict[str, Any]
    external_id: str
    global_key: str
    media_type: MediaType | str
    metadata_fields: Sequence[DataRowMetadataField | dict[str, Any]]
    attachments: Sequence[AttachmentInput]


class DataRowItem(TypedDict, total=False):
    """One data row given to `Dataset.create_data_rows` / `create_data_rows_sync` as a dict.

    The keys are the reference's; a misspelt one is a type error (and `InvalidAttributeError`
    at run time).
    """

    row_data: Required[str | os.PathLike[str] | dict[str, Any]]
    external_id: str
    global_key: str
    media_type: MediaType | str
    metadata_fields: Sequence[DataRowMetadataField | dict[str, Any]]
    attachments: Sequence[AttachmentInput]


class ConversationItem(TypedDict, total=False):
    """A conversation in Labelbox's legacy form (`conversationalData` messages)."""

    conversationalData: Required[list[dict[str, Any]]]
    externalId: str
    globalKey: str
    external_id: str
    global_key: str
    media_type: MediaType | str
    metadata_fields: Sequence[DataRowMetadataField | dict[str, Any]]
    attachments: Sequence[AttachmentInput]


class TiledImageryItem(TypedDict, total=False):
    """Tiled imagery in Labelbox's legacy form, sent as given."""

    tileLayerUrl: Required[str]
    bounds: list[list[float]]
    minZoom: int
    maxZoom: int
    epsg: str
    alternativeLayers: list[dict[str, Any]]


DataRowInput: TypeAlias = Union[
    str,
    "os.PathLike[str]",
    DataRowItem,
    ConversationItem,
    TiledImageryItem,
    "Mapping[Field[Any], Any]",
]
"""An item of `Dataset.create_data_rows`: a URL, a local file path, a dict of the reference's
keys, a legacy conversation or tiled imagery, or a dict keyed by `DataRow` fields
(`{DataRow.row_data: url}`)."""


class DataRowUpdateKwargs(_GeneratedUpdateKwargs, total=False):
    """Keyword arguments of `DataRow.update`; `metadata_fields` upserts the given fields."""

    metadata_fields: NotRequired[Sequence[DataRowMetadataField | dict[str, Any]]]


class DataRow(DataRowBase, Updateable, BulkDeletable):
    """A data row: `dataset.create_data_row(row_data="https://.../img.jpg")`.

    `metadata_fields` is the metadata as the API sends it (dicts with `schemaId`,
    `name`, `value`, `kind`); `metadata` is the same parsed into
    `DataRowMetadataField`s through the organization's metadata ontology.
    """

    @property
    def metadata(self) -> list[DataRowMetadataField]:
        """The metadata, parsed through the organization's metadata ontology."""
        from labelbox.schema.data_row_metadata import shared_ontology

        return shared_ontology(self.client).parse_metadata_fields(self.custom_metadata)

    def update(self, **kwargs: Unpack[DataRowUpdateKwargs]) -> None:
        """Change fields on the server and refresh this object from the result.

        `metadata_fields` upserts the given metadata fields (others are kept).
        """
        metadata = kwargs.get("metadata_fields")
        fields = {name: value for name, value in kwargs.items() if name != "metadata_fields"}
        data = self._update.build(type(self), fields)
        if metadata is not None:
            from labelbox._generated.input_types import DataRowUpdateInput
            from labelbox.schema.data_row_metadata import shared_ontology

            parsed = shared_ontology(self.client).parse_upsert_metadata(metadata)
            data = DataRowUpdateInput.model_validate(
                {**data.model_dump(by_alias=True, exclude_unset=True), "metadataFields": parsed}
            )
        result = self._gateway.ops.update_data_row_py_api(self.uid, data)
        self._set_field_values(self._found(result.update_data_row))

    def delete(self) -> None:
        """Delete this data row."""
        DataRow.bulk_delete([self])

    @staticmethod
    def bulk_delete(data_rows: Iterable[DataRow]) -> None:
        """Delete all the given data rows (of any datasets) in one request."""
        rows = list(data_rows)
        if not rows:
            return
        rows[0]._gateway.ops.delete_data_rows_py_api(uids(rows))

    def create_attachment(
        self, attachment_type: str | AttachmentType, attachment_value: str
    ) -> AssetAttachment:
        """Attach context for labelers (`"IMAGE"`, `"RAW_TEXT"`, ...; see `AttachmentType`).

        An unknown type or an empty value raises `InvalidDataRowError` (a `ValueError`)
        before anything is sent.
        """
        try:
            kind = parse_attachment_type(attachment_type)
        except (ValueError, TypeError) as error:
            raise InvalidDataRowError(str(error), field="attachment_type") from None
        if not isinstance(attachment_value, str) or not attachment_value:
            raise InvalidDataRowError("must be a non-empty string", field="attachment_value")
        problem = text_problem(attachment_value, nul=True)
        if problem:
            raise InvalidDataRowError(problem, field="attachment_value")
        created = self._gateway.ops.create_data_row_attachment_py_api(
            kind, attachment_value, self.uid
        ).create_data_row_attachment
        return AssetAttachment(self.client, created)

    def get_winning_label_id(self, project_id: str) -> str | None:
        """The id of the label chosen for this data row in a project, if any."""
        result = self._gateway.ops.get_winning_label_id_py_api(self.uid, project_id)
        if result.data_row is None or result.data_row.labeling_activity is None:
            return None
        return result.data_row.labeling_activity.selected_label_id
