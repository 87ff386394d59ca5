"""Webhooks and roles, ours only: delivery latency from mutation to receipt (p50/p99) and
throughput with 1,000 label events, and what role checks cost on `get_project`.

    python bench/membership.py          # also part of `make bench`
"""

from __future__ import annotations

import json
import statistics
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import labelbox as lb
from labelbox.schema.annotation_import import LabelImport
from labelbox.schema.ontology import OntologyBuilder, Tool
from labelbox_server import LocalServer

UPDATES = 200
EVENTS = 1_000
CALLS = 1_000


class Receiver:
    """Records when each label's event arrives (by label id and topic)."""

    def __init__(self) -> None:
        self.arrived: dict[tuple[str, str], float] = {}
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                now = time.perf_counter()
                key = (json.loads(body)["id"], self.headers["X-Labelbox-Event"])
                with receiver.lock:
                    receiver.arrived.setdefault(key, now)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def wait(self, topic: str, count: int, timeout: float = 600) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if sum(1 for _, t in self.arrived if t == topic) >= count:
                    return
            time.sleep(0.005)
        raise RuntimeError(f"{topic}: fewer than {count} events arrived")


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def webhooks() -> list[str]:
    receiver = Receiver()
    with (
        LocalServer() as server,
        lb.Client(api_key=server.api_key, endpoint=server.endpoint) as client,
    ):
        project = client.create_project(name="bench hooks", media_type=lb.MediaType.Image)
        dataset = client.create_dataset(name="bench hooks", projects=project)
        task = dataset.create_data_rows(
            [f"https://storage.example.com/hooks/{i}.jpg" for i in range(EVENTS)]
        )
        task.wait_till_done(timeout_seconds=600)
        rows = [row["id"] for row in task.result]
        ontology = client.create_ontology(
            "bench hooks", OntologyBuilder(tools=[Tool(tool=Tool.Type.POINT, name="p")]).asdict()
        )
        project.setup_editor(ontology)
        lb.Webhook.create(
            client,
            [lb.Webhook.LABEL_CREATED, lb.Webhook.LABEL_UPDATED],
            receiver.url,
            "bench",
            project,
        )
        annotations = [
            {
                "uuid": str(uuid.uuid4()),
                "dataRow": {"id": row},
                "name": "p",
                "point": {"x": 1, "y": 1},
            }
            for row in rows
        ]
        started = time.perf_counter()
        LabelImport.create_from_objects(client, project.uid, "bench", annotations)
        receiver.wait("LABEL_CREATED", EVENTS)
        created = [t for (_, topic), t in receiver.arrived.items() if topic == "LABEL_CREATED"]
        all_in = max(created) - started
        spread = max(created) - min(created)

        labels = list(project.labels())[:UPDATES]
        latencies = []
        for label in labels:
            sent = time.perf_counter()
            label.update(label='{"objects": []}')
            receiver.wait("LABEL_UPDATED", len(latencies) + 1)
            latencies.append((receiver.arrived[(label.uid, "LABEL_UPDATED")] - sent) * 1000)
    receiver.server.shutdown()
    return [
        f"| webhook latency, mutation to receipt ({UPDATES} `Label.update`, one at a time) "
        f"| p50 {_percentile(latencies, 0.5):.1f} ms, p99 {_percentile(latencies, 0.99):.1f} ms |",
        f"| {EVENTS:,} `LABEL_CREATED` events from one label import: import start to last receipt "
        f"| {all_in:.2f} s ({EVENTS / spread:,.0f} deliveries/s once flowing) |",
    ]


def _get_projects(server: LocalServer, key: str, project: str) -> float:
    with lb.Client(api_key=key, endpoint=server.endpoint) as client:
        client.get_project(project)
        started = time.perf_counter()
        for _ in range(CALLS):
            client.get_project(project)
        return time.perf_counter() - started


def role_checks(runs: int = 3) -> list[str]:
    timings: dict[str, list[float]] = {}
    for label, args in (("enforced", []), ("not enforced", ["--skip-role-checks"])):
        with LocalServer(serve_args=args) as server:
            with lb.Client(api_key=server.api_key, endpoint=server.endpoint) as admin:
                project = admin.create_project(name="bench roles").uid
            labeler = server.create_user("LABELER").api_key
            member = server.create_user("NONE", projects={project: "LABELER"}).api_key
            for who, key in (("labeler", labeler), ("project-based labeler", member)):
                timings.setdefault(f"{who}, {label}", []).extend(
                    _get_projects(server, key, project) for _ in range(runs)
                )
    lines = []
    for who in ("labeler", "project-based labeler"):
        on = statistics.median(timings[f"{who}, enforced"])
        off = statistics.median(timings[f"{who}, not enforced"])
        lines.append(
            f"| {CALLS:,} `get_project` as a {who}: roles enforced vs not "
            f"| {on:.2f} s vs {off:.2f} s ({on / off:.2f}x) |"
        )
    return lines


def run() -> str:
    return "\n".join(
        ["| webhooks and roles (ours) | median |", "|---|---:|", *webhooks(), *role_checks()]
    )


if __name__ == "__main__":
    print(run())
    sys.exit(0)
