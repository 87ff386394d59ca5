"""`MediaType`: the kinds of assets a project or data row holds."""

from __future__ import annotations

from enum import Enum
from typing import Any


class MediaType(Enum):
    """Asset kinds. Several names share a value (`Pdf` and `Document` are `PDF`)."""

    Audio = "AUDIO"
    Conversational = "CONVERSATIONAL"
    Dicom = "DICOM"
    Document = "PDF"
    Geospatial_Tile = "TMS_GEO"
    Html = "HTML"
    Image = "IMAGE"
    Json = "JSON"
    Pdf = "PDF"
    Simple_Tile = "TMS_SIMPLE"
    Text = "TEXT"
    Tms_Geo = "TMS_GEO"
    Tms_Simple = "TMS_SIMPLE"
    Video = "VIDEO"
    Unknown = "UNKNOWN"
    Unsupported = "UNSUPPORTED"

    @classmethod
    def _missing_(cls, value: Any) -> MediaType | None:
        """Also accept member names and values in any letter case (`"image"`)."""
        if isinstance(value, Enum):
            value = value.value
        if isinstance(value, str):
            wanted = value.upper()
            for name, member in cls.__members__.items():
                if name.upper() == wanted or member.value == wanted:
                    return member
        return None

    @classmethod
    def is_supported(cls, value: Any) -> bool:
        """Whether `value` names a media type that can be sent to the server."""
        try:
            member = cls(value)
        except ValueError:
            return False
        return member not in (cls.Unknown, cls.Unsupported)

    @classmethod
    def get_supported_members(cls) -> list[str]:
        """The names of the sendable media types."""
        return [
            name
            for name, member in cls.__members__.items()
            if member not in (cls.Unknown, cls.Unsupported)
        ]


def get_media_type_validation_error(media_type: Any) -> TypeError:
    """The error for an unsupported `media_type` argument."""
    return TypeError(
        f"{media_type} is not a supported type. "
        f"Please use one of the supported types: {MediaType.get_supported_members()}"
    )
