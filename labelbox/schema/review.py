"""`Review`: a score given to a label; a project's review metrics add them up."""

from __future__ import annotations

import enum

from typing_extensions import Unpack

from labelbox._generated.entities import ReviewBase, ReviewUpdateKwargs
from labelbox.orm.db_object import Deletable, Updateable


class Review(ReviewBase, Deletable, Updateable):
    """A review of a label (`label.create_review(score=...)`).

    Relationships: `created_by()`, `organization()`, `project()`, `label()`.
    """

    class NetScore(enum.Enum):
        """A label's net review score (the sign of the sum of its reviews' scores), for
        `project.review_metrics(...)`; None there means labels with no review."""

        Negative = enum.auto()
        Zero = enum.auto()
        Positive = enum.auto()

    def update(self, **kwargs: Unpack[ReviewUpdateKwargs]) -> None:
        """Change the score on the server and refresh this object from the result."""
        data = self._update.build(type(self), kwargs)
        result = self._gateway.ops.update_review_py_api(self.uid, data)
        self._set_field_values(self._found(result.update_review))

    def delete(self) -> None:
        """Delete the review (a soft delete)."""
        self._found(self._gateway.ops.delete_review_py_api(self.uid).update_review)
