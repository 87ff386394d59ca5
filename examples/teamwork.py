"""The quickstart's teamwork: invite a teammate as a labeler, tag the project, and register a
webhook that a tiny receiver on this machine gets and verifies (its signature) when a label is
made. The receiver only works against a server that can reach this machine (a local one)."""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import secrets
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import labelbox as lb
from labelbox.schema.annotation_import import LabelImport
from labelbox.schema.ontology import OntologyBuilder, Tool


class Receiver:
    """A webhook receiver on 127.0.0.1 that checks `X-Hub-Signature-256` of each request."""

    def __init__(self, secret: str) -> None:
        self.events: queue.Queue[tuple[str, bool, dict[str, Any]]] = queue.Queue()
        events, key = self.events, secret.encode()

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                expected = "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()
                signed = hmac.compare_digest(self.headers.get("X-Hub-Signature-256", ""), expected)
                events.put((self.headers.get("X-Labelbox-Event", ""), signed, json.loads(body)))
                self.send_response(200 if signed else 401)
                self.end_headers()

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/labelbox"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def teamwork(client: lb.Client, project: lb.Project, dataset: lb.Dataset, row: lb.DataRow) -> None:
    organization = client.get_organization()
    roles = client.get_roles()
    teammate = f"teammate-{uuid.uuid4().hex[:6]}@example.com"
    invite = organization.invite_user(teammate, roles["LABELER"])
    print(
        f"Invited {invite.email} as a {invite.organization_role_name} "
        f"({organization.invite_limit().remaining} invites left)"
    )

    tag = organization.create_resource_tag(
        {"text": f"cats {uuid.uuid4().hex[:4]}", "color": "#ff8800"}
    )
    project.update_project_resource_tags([tag.uid])
    print(f"Tagged the project: {[t.text for t in project.get_resource_tags()]}")

    if urlsplit(client.endpoint).hostname not in ("127.0.0.1", "localhost", "::1"):
        print("Skipping the webhook receiver: the server cannot reach this machine")
        return
    secret = secrets.token_hex(16)
    receiver = Receiver(secret)
    labeling = client.create_project(name="Quickstart: noses", media_type=lb.MediaType.Image)
    try:
        labeling.datasets.connect(dataset)
        webhook = lb.Webhook.create(
            client, [lb.Webhook.LABEL_CREATED], receiver.url, secret, labeling
        )
        topics = [topic.value for topic in webhook.topics]
        print(f"Registered webhook {webhook.uid} for {topics} at {webhook.url}")
        ontology = client.create_ontology(
            f"Quickstart {uuid.uuid4().hex[:4]}",
            OntologyBuilder(tools=[Tool(tool=Tool.Type.POINT, name="nose")]).asdict(),
        )
        labeling.setup_editor(ontology)
        label_import = LabelImport.create_from_objects(
            client,
            labeling.uid,
            f"quickstart {uuid.uuid4().hex[:6]}",
            [
                {
                    "uuid": str(uuid.uuid4()),
                    "dataRow": {"id": row.uid},
                    "name": "nose",
                    "point": {"x": 10, "y": 20},
                }
            ],
        )
        label_import.wait_until_done(sleep_time_seconds=1)
        topic, signed, payload = receiver.events.get(timeout=30)
        print(
            f"Received {topic} for data row {payload['dataRow']['id']}: "
            f"signature {'verified' if signed else 'WRONG'}"
        )
        webhook.delete()
    finally:
        receiver.close()
        labeling.delete()
