"""`User`: a registered user, member of one organization."""

from __future__ import annotations

from labelbox._generated.entities import UserBase


class User(UserBase):
    """A user, for example you: `client.get_user()`.

    Note that `name` and `nickname` follow Labelbox's SDK, which maps `name` to
    the API's `nickname` field and `nickname` to its `name` field.
    """
