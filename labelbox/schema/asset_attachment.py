"""`AssetAttachment`: extra context shown to labelers next to a data row."""

from __future__ import annotations

from typing import TypeAlias

from labelbox._generated.entities import AssetAttachmentBase
from labelbox._generated.enums import AttachmentType


class AssetAttachment(AssetAttachmentBase):
    """An attachment: `attachment_type` (an `AttachmentType`) and `attachment_value`
    (a URL, or the text itself for `RAW_TEXT`)."""

    AttachmentType: TypeAlias = AttachmentType

    def delete(self) -> None:
        """Remove the attachment from its data row."""
        self._gateway.ops.delete_data_row_attachment_py_api(self.uid)


def attachment_type(value: object) -> AttachmentType:
    """The `AttachmentType` named by `value` (a member or its name); `ValueError` otherwise."""
    if isinstance(value, AttachmentType):
        return value
    if isinstance(value, str) and value in AttachmentType.__members__:
        return AttachmentType[value]
    allowed = ", ".join(AttachmentType.__members__)
    raise ValueError(f"{value!r} is not an attachment type; use one of {allowed}")
