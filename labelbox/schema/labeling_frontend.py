"""`LabelingFrontend`: a labeling user interface (every organization has the `Editor`)."""

from __future__ import annotations

from labelbox._generated.entities import LabelingFrontendBase


class LabelingFrontend(LabelingFrontendBase):
    """A labeling UI: `client.get_labeling_frontends(where=LabelingFrontend.name == "Editor")`."""
