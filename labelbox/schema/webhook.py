"""`Webhook`: a rule for the server to POST events of a project (or the organization) to a
URL, signed with a secret."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeAlias
from urllib.parse import urlsplit

from labelbox import exceptions
from labelbox._generated.entities import WebhookBase
from labelbox._generated.enums import WebhookStatus, WebhookTopic
from labelbox._types import SequenceNotStr
from labelbox.orm.db_object import Deletable, Updateable

if TYPE_CHECKING:
    from labelbox.client import Client
    from labelbox.schema.project import Project


class InvalidTopicsError(exceptions.InvalidInputError, TypeError):
    """`topics` is not a list (a `TypeError`, as Labelbox's SDK raises)."""


class Webhook(WebhookBase, Updateable, Deletable):
    """A webhook: `url`, `topics` (a list of `Webhook.Topic` values), `status`
    (`Webhook.Status`), and its `project()` (None for an organization-wide one),
    `organization()`, `created_by()`.

    The server POSTs each event as JSON with `X-Labelbox-Event` (the topic),
    `X-Labelbox-Id` (the delivery, the same on retries), `X-Hub-Signature`
    (`sha1=<hex HMAC-SHA1 of the body with the secret>`) and `X-Hub-Signature-256`
    (`sha256=...`); verify one of them before trusting the body.
    """

    Topic: TypeAlias = WebhookTopic
    Status: TypeAlias = WebhookStatus

    ACTIVE = "ACTIVE"
    INACTIVE = "INACTIVE"
    REVOKED = "REVOKED"
    LABEL_CREATED = "LABEL_CREATED"
    LABEL_UPDATED = "LABEL_UPDATED"
    LABEL_DELETED = "LABEL_DELETED"
    REVIEW_CREATED = "REVIEW_CREATED"
    REVIEW_UPDATED = "REVIEW_UPDATED"
    REVIEW_DELETED = "REVIEW_DELETED"

    @staticmethod
    def create(
        client: Client,
        topics: SequenceNotStr[str | WebhookTopic],
        url: str,
        secret: str,
        project: Project | None,
    ) -> Webhook:
        """A new webhook sent `topics` of `project` (of every project when None).

        `topics` must be `Webhook.Topic` values, `url` an http(s) URL, `secret` a
        non-empty string; anything else raises (a `ValueError`) before anything is sent.
        """
        from labelbox._generated.input_types import WebhookCreateInput

        names = Webhook.validate_topics(topics)
        if not names:
            raise exceptions.InvalidInputError("give at least one topic", field="topics")
        _check_url(url)
        if not isinstance(secret, str) or not secret:
            raise exceptions.InvalidInputError("must be a non-empty string", field="secret")
        data: dict[str, Any] = {"topics": {"set": names}, "url": url, "secret": secret}
        if project is not None:
            data["project"] = {"id": project.uid}
        created = client._gateway.ops.create_webhook_py_api(
            WebhookCreateInput.model_validate(data)
        ).create_webhook
        return Webhook(client, created)

    @staticmethod
    def validate_topics(topics: Any) -> list[str]:
        """The topics' names; `TypeError` unless a list of `Webhook.Topic` values."""
        if isinstance(topics, str) or not isinstance(topics, Iterable):
            raise InvalidTopicsError(f"Topics must be List[Webhook.Topic]. Found `{topics}`")
        return [Webhook.validate_value(topic, Webhook.Topic, "topics") for topic in topics]

    @staticmethod
    def validate_value(value: Any, enum: type[Enum], field: str = "status") -> str:
        """`value` as one of `enum`'s values (`ValueError` naming the allowed ones)."""
        if isinstance(value, enum):
            value = value.value
        supported_values = {item.value for item in enum}
        if value not in supported_values:
            error = exceptions.InvalidInputError(
                f"Value `{value}` does not exist in supported values. "
                f"Expected one of {supported_values}"
            )
            error.field = field
            raise error
        return str(value)

    def update(
        self,
        topics: SequenceNotStr[str | WebhookTopic] | None = None,
        url: str | None = None,
        status: str | WebhookStatus | None = None,
    ) -> None:
        """Change topics, URL or status (None: unchanged); refreshes this object."""
        from labelbox._generated.input_types import WebhookUpdateInput

        data: dict[str, Any] = {}
        if topics is not None:
            data["topics"] = {"set": self.validate_topics(topics)}
        if status is not None:
            data["status"] = self.validate_value(status, self.Status)
        if url is not None:
            _check_url(url)
            data["url"] = url
        result = self._gateway.ops.update_webhook_py_api(
            self.uid, WebhookUpdateInput.model_validate(data)
        )
        self._set_field_values(self._found(result.update_webhook))

    def delete(self) -> None:
        """Stop the webhook (its status becomes INACTIVE: nothing is sent to it any more)."""
        self.update(status=self.Status.INACTIVE)


def _check_url(url: Any) -> None:
    if not isinstance(url, str) or not url:
        raise exceptions.InvalidInputError("must be a non-empty string", field="url")
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise exceptions.InvalidInputError(f"{url!r} is not an http(s) URL", field="url")
