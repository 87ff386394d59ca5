"""Webhooks over raw HTTP with the official SDK's documents, delivered to a receiver on
loopback: every topic, signed; retries after failures, each attempt recorded; nothing to an
INACTIVE webhook; nothing lost over a restart and nothing delivered twice; the mutation never
waits for the delivery; the secret is never returned."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from labelbox_server import LocalServer
from labelbox_server.db.models import WebhookAttempt, WebhookDelivery

from . import label_documents as label_docs
from .conftest import Api
from .label_helpers import BOX, Labeled
from .webhook_receiver import WebhookReceiver

FAST_RETRIES = [
    "--webhook-first-retry",
    "0.2",
    "--webhook-max-backoff",
    "0.4",
    "--webhook-retry-for",
    "60",
    "--webhook-timeout",
    "3",
]
SELECTION = "createdAt status topics id updatedAt url"
ALL_TOPICS = (
    "LABEL_CREATED",
    "LABEL_UPDATED",
    "LABEL_DELETED",
    "REVIEW_CREATED",
    "REVIEW_UPDATED",
    "REVIEW_DELETED",
)


def create_webhook(
    api: Api, url: str, secret: str, topics: tuple[str, ...], project: str | None
) -> dict[str, Any]:
    """`Webhook.create` as the official SDK sends it (values inlined, no variables)."""
    project_str = "" if project is None else f'project:{{id:"{project}"}},'
    query = (
        "mutation CreateWebhookPyApi {\n"
        f"            createWebhook(data:{{{project_str} topics:{{set:[{' '.join(topics)}]}},"
        f' url:"{url}", secret:"{secret}" }}){{{SELECTION}}}\n        }} '
    )
    created: dict[str, Any] = api.data(query)["createWebhook"]
    return created


def update_webhook(api: Api, webhook_id: str, fields: str) -> dict[str, Any]:
    query = (
        "mutation UpdateWebhookPyApi {\n"
        f'            updateWebhook(where: {{id: "{webhook_id}"}} data:{{{fields}}}){{{SELECTION}}}}} '
    )
    updated: dict[str, Any] = api.data(query)["updateWebhook"]
    return updated


@pytest.fixture(scope="module")
def hook_server(new_database_url: Callable[[], str | None]) -> Iterator[LocalServer]:
    with LocalServer(database_url=new_database_url(), serve_args=FAST_RETRIES) as local:
        yield local


@pytest.fixture(scope="module")
def admin(hook_server: LocalServer) -> Api:
    return Api(hook_server.endpoint, hook_server.api_key, httpx.Client(timeout=60))


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


def _deliveries(
    server: LocalServer, webhook_id: str
) -> list[tuple[WebhookDelivery, list[WebhookAttempt]]]:
    engine = create_engine(server.database_url)
    try:
        with Session(engine) as session:
            deliveries = session.scalars(
                select(WebhookDelivery)
                .where(WebhookDelivery.webhook_id == webhook_id)
                .order_by(WebhookDelivery.created_at)
            ).all()
            return [
                (
                    delivery,
                    list(
                        session.scalars(
                            select(WebhookAttempt)
                            .where(WebhookAttempt.delivery_id == delivery.id)
                            .order_by(WebhookAttempt.number)
                        )
                    ),
                )
                for delivery in deliveries
            ]
    finally:
        engine.dispose()


def _wait_settled(server: LocalServer, webhook_id: str, count: int) -> list[Any]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = _deliveries(server, webhook_id)
        if len(found) >= count and all(d.status != "PENDING" for d, _ in found):
            return found
        time.sleep(0.05)
    raise AssertionError(f"deliveries of {webhook_id} did not settle: {found}")


def test_every_topic_is_delivered_signed(admin: Api, receiver: WebhookReceiver) -> None:
    labeled = Labeled(admin, f"hooks-{uuid.uuid4().hex[:6]}-")
    secret = "s3cret-" + uuid.uuid4().hex
    webhook = create_webhook(admin, receiver.url, secret, ALL_TOPICS, labeled.project)
    assert webhook["status"] == "ACTIVE" and webhook["topics"] == list(ALL_TOPICS)
    organization_wide = WebhookReceiver()
    other = WebhookReceiver()
    try:
        create_webhook(admin, organization_wide.url, "org", ("REVIEW_CREATED",), None)
        other_project = Labeled(admin, f"hooks-other-{uuid.uuid4().hex[:6]}-")
        create_webhook(admin, other.url, "other", ALL_TOPICS, other_project.project)

        label = labeled.label_both()[0]
        admin.data(label_docs.UPDATE_LABEL, {"label": '{"objects": []}', "LabelId": label["id"]})
        review = admin.data(
            label_docs.CREATE_REVIEW,
            {"score": 1.0, "label": label["id"], "project": labeled.project},
        )["createReview"]
        admin.data(label_docs.UPDATE_REVIEW, {"score": -1.0, "ReviewId": review["id"]})
        admin.data(label_docs.DELETE_REVIEW, {"ReviewId": review["id"]})
        admin.data(label_docs.delete_labels([label["id"]]))

        received = receiver.wait_for(7)  # two labels created, then one of each other topic
        by_topic: dict[str, list[Any]] = {}
        for request in received:
            assert request.signed_with(secret), request.headers
            assert not request.signed_with(secret + "x")
            assert request.headers["content-type"] == "application/json"
            by_topic.setdefault(request.topic, []).append(request.json)
        assert sorted(by_topic) == sorted(ALL_TOPICS)
        assert len(by_topic["LABEL_CREATED"]) == 2
        assert len({r.delivery_id for r in received}) == 7
        created = next(p for p in by_topic["LABEL_CREATED"] if p["id"] == label["id"])
        assert created["project"]["id"] == labeled.project
        assert created["dataRow"]["id"] in labeled.rows
        assert created["deleted"] is False and created["createdAt"].endswith("Z")
        assert by_topic["LABEL_UPDATED"][0]["label"] == '{"objects":[]}'
        assert by_topic["LABEL_DELETED"][0]["deleted"] is True
        assert by_topic["REVIEW_CREATED"][0]["score"] == 1.0
        assert by_topic["REVIEW_UPDATED"][0]["score"] == -1.0
        assert by_topic["REVIEW_DELETED"][0]["label"] == {"id": label["id"]}

        assert [r.topic for r in organization_wide.wait_for(1)] == ["REVIEW_CREATED"]
        time.sleep(0.5)
        assert other.received == []
        assert len(organization_wide.received) == 1
    finally:
        organization_wide.close()
        other.close()


def test_failures_are_retried_and_every_attempt_is_recorded(
    admin: Api, hook_server: LocalServer, receiver: WebhookReceiver
) -> None:
    receiver.answer(503, 500, 200)
    labeled = Labeled(admin, f"retry-{uuid.uuid4().hex[:6]}-")
    webhook = create_webhook(admin, receiver.url, "retry", ("LABEL_CREATED",), labeled.project)
    labeled.import_file("one", [labeled.row(0, schemaId=labeled.box, bbox=BOX)])
    assert labeled.wait("one")["state"] == "FINISHED"
    received = receiver.wait_for(3)
    assert [r.answered for r in received] == [503, 500, 200]
    assert len({r.delivery_id for r in received}) == 1  # one delivery, tried three times
    assert len({r.body for r in received}) == 1
    [(delivery, attempts)] = _wait_settled(hook_server, webhook["id"], 1)
    assert delivery.status == "DELIVERED" and delivery.attempts == 3
    assert [a.status_code for a in attempts] == [503, 500, 200]
    assert [a.number for a in attempts] == [1, 2, 3]
    assert attempts[0].attempted_at < attempts[1].attempted_at < attempts[2].attempted_at


def test_permanent_failures_end_at_once(
    admin: Api, hook_server: LocalServer, receiver: WebhookReceiver
) -> None:
    receiver.answer(404)
    labeled = Labeled(admin, f"gone-{uuid.uuid4().hex[:6]}-")
    refused = create_webhook(
        admin, "https://hooks.example.com/x", "s", ("LABEL_CREATED",), labeled.project
    )
    missing = create_webhook(admin, receiver.url, "s", ("LABEL_CREATED",), labeled.project)
    labeled.import_file("one", [labeled.row(0, schemaId=labeled.box, bbox=BOX)])
    assert labeled.wait("one")["state"] == "FINISHED"
    [(delivery, attempts)] = _wait_settled(hook_server, refused["id"], 1)
    assert delivery.status == "FAILED" and len(attempts) == 1
    assert attempts[0].status_code is None and "allow-listed" in (attempts[0].error or "")
    [(delivery, attempts)] = _wait_settled(hook_server, missing["id"], 1)
    assert delivery.status == "FAILED" and [a.status_code for a in attempts] == [404]


def test_an_inactive_webhook_receives_nothing(
    admin: Api, hook_server: LocalServer, receiver: WebhookReceiver
) -> None:
    labeled = Labeled(admin, f"off-{uuid.uuid4().hex[:6]}-")
    webhook = create_webhook(admin, receiver.url, "s", ("LABEL_CREATED",), labeled.project)
    receiver.answer(503)
    labeled.import_file("pending", [labeled.row(0, schemaId=labeled.box, bbox=BOX)])
    assert labeled.wait("pending")["state"] == "FINISHED"
    receiver.wait_for(1)
    updated = update_webhook(admin, webhook["id"], "status: INACTIVE")
    assert updated["status"] == "INACTIVE"
    tried = len(receiver.received)
    labeled.import_file("after", [labeled.row(1, schemaId=labeled.box, bbox=BOX)])
    assert labeled.wait("after")["state"] == "FINISHED"
    found = _wait_settled(hook_server, webhook["id"], 1)
    time.sleep(1.0)  # several retry intervals
    assert len(receiver.received) <= tried + 1  # at most the attempt in flight
    assert [d.status for d, _ in found] == ["CANCELLED"]  # the second event made none


def test_the_mutation_never_waits_for_the_delivery(admin: Api) -> None:
    slow = WebhookReceiver(delay=2.5)
    try:
        labeled = Labeled(admin, f"slow-{uuid.uuid4().hex[:6]}-")
        [label] = labeled.label_both()[:1]
        create_webhook(admin, slow.url, "s", ("LABEL_UPDATED",), labeled.project)
        started = time.monotonic()
        admin.data(label_docs.UPDATE_LABEL, {"label": "{}", "LabelId": label["id"]})
        assert time.monotonic() - started < 1.5
        assert slow.wait_for(1)[0].topic == "LABEL_UPDATED"
    finally:
        slow.close()


def test_bad_webhooks_are_refused(admin: Api) -> None:
    project = admin.data('mutation { createProject(data: {name: "bad hooks"}) { id } }')[
        "createProject"
    ]["id"]
    document = (
        "mutation($url: String!, $secret: String!, $topics: [WebhookTopic!]!) {"
        ' createWebhook(data: {project: {id: "PROJECT"}, topics: {set: $topics}, url: $url,'
        " secret: $secret}) { id } }"
    ).replace("PROJECT", project)
    good = {"url": "https://h.example.com", "secret": "s", "topics": ["LABEL_CREATED"]}
    errors = admin.errors(document, {**good, "url": "ftp://h.example.com"})
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST" and "url" in errors[0]["message"]
    errors = admin.errors(document, {**good, "secret": ""})
    assert errors[0]["extensions"]["code"] == "MALFORMED_REQUEST"
    assert "secret" in errors[0]["message"]
    assert admin.error_codes(document, {**good, "topics": ["LABEL_EATEN"]}) == [
        "GRAPHQL_VALIDATION_FAILED"
    ]
    assert admin.error_codes(document, {**good, "topics": []}) == ["MALFORMED_REQUEST"]
    assert admin.error_codes("{ organization { webhooks { secret } } }") == [
        "GRAPHQL_VALIDATION_FAILED"
    ]
    # Labelbox's own tests use URLs like this one: only the scheme is checked.
    created = create_webhook(admin, "https:/abc", "s", ("LABEL_CREATED",), project)
    assert created["url"] == "https:/abc"


def test_a_restart_loses_no_pending_delivery_and_repeats_none(
    new_database_url: Callable[[], str | None],
) -> None:
    receiver = WebhookReceiver(statuses=(503,))
    with LocalServer(database_url=new_database_url(), serve_args=FAST_RETRIES) as server:
        admin = Api(server.endpoint, server.api_key, httpx.Client(timeout=60))
        labeled = Labeled(admin, "restart-")
        webhook = create_webhook(admin, receiver.url, "s", ("REVIEW_CREATED",), labeled.project)
        [label] = labeled.label_both()[:1]
        for score in range(5):
            admin.data(
                label_docs.CREATE_REVIEW,
                {"score": float(score), "label": label["id"], "project": labeled.project},
            )
        receiver.wait_for(5)
        server.stop()
        receiver.answer(200)
        before = len(receiver.received)
        server.start()
        admin = Api(server.endpoint, server.api_key, admin.client)
        found = _wait_settled(server, webhook["id"], 5)
        assert [d.status for d, _ in found] == ["DELIVERED"] * 5
        time.sleep(0.5)
        delivered = [r for r in receiver.received[before:] if r.answered == 200]
        assert sorted(r.delivery_id for r in delivered) == sorted(d.id for d, _ in found)
        assert sorted(r.json["score"] for r in delivered) == [0.0, 1.0, 2.0, 3.0, 4.0]
    receiver.close()
