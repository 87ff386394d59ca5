from enum import Enum


class Color(Enum):
    """An SDL enum that surfaces as the SDK's own enum (same name)."""

    RED = "RED"
    GREEN = "GREEN"


class Widget(WidgetBase):  # noqa: F821 - only read by the code generator
    pass
