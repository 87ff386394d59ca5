"""`LabelingFrontend`: a labeling user interface (every organization has the `Editor`), and
`LabelingFrontendOptions`: the options a project's frontend was set up with."""

from __future__ import annotations

from labelbox._generated.entities import LabelingFrontendBase, LabelingFrontendOptionsBase


class LabelingFrontend(LabelingFrontendBase):
    """A labeling UI: `client.get_labeling_frontends(where=LabelingFrontend.name == "Editor")`."""


class LabelingFrontendOptions(LabelingFrontendOptionsBase):
    """The options of a project's frontend (`project.labeling_frontend_options()`):
    `customization_options` is the text given to `Project.setup`, as given.

    `project()`, `labeling_frontend()` and `organization()` come with it (no extra request).
    """
