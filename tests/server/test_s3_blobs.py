"""Blobs in an S3-compatible object store: `S3BlobStore` against a real S3 server (moto's
server mode, started here on a loopback port), a server with `--blob-url s3://...` (uploads,
signed URLs, imports, exports), and two servers on one database and one bucket serving one
organization (an import started on one finishes and is visible on the other)."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from labelbox_server import LocalServer
from labelbox_server.db.models import Task
from labelbox_server.db.session import make_engine
from labelbox_server.storage import BlobNotFound, BlobTooLarge
from labelbox_server.storage.blobs import InvalidBlobKey
from labelbox_server.storage.s3 import BlobStoreUnavailable, S3BlobStore, S3Location

from .conftest import Api
from .data_helpers import create_dataset, export_rows, import_rows, row_count, start_import

boto3 = pytest.importorskip("boto3")
BUCKET = "labelbox-blobs"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def s3_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A moto S3 server on a loopback port, with the bucket `BUCKET`."""
    port = _free_port()
    moto = Path(sys.executable).parent / "moto_server"
    log = (tmp_path_factory.mktemp("moto") / "moto.log").open("w")
    process = subprocess.Popen(
        [str(moto), "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(endpoint, timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.1)
        old = {name: os.environ.get(name) for name in CREDENTIALS}
        os.environ.update(CREDENTIALS)
        boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        for name, value in old.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        process.terminate()
        process.wait(10)
        log.close()


@pytest.fixture
def store(s3_endpoint: str, unique: str) -> S3BlobStore:
    return S3BlobStore.connect(f"s3://{BUCKET}/{unique}store", endpoint_url=s3_endpoint)


def test_locations() -> None:
    assert S3Location.parse("s3://bucket") == S3Location("bucket", "")
    assert S3Location.parse("s3://bucket/a/b/") == S3Location("bucket", "a/b/")
    for bad in ("s3://", "http://bucket/x", "s3://bucket/x?y=1"):
        with pytest.raises(ValueError):
            S3Location.parse(bad)


def test_a_missing_bucket_is_reported(s3_endpoint: str) -> None:
    with pytest.raises(BlobStoreUnavailable, match="no-such-bucket"):
        S3BlobStore.connect("s3://no-such-bucket/x", endpoint_url=s3_endpoint)


def test_blobs_round_trip(store: S3BlobStore) -> None:
    info = store.put_bytes("a/one.json", b'{"a": 1}', "application/json")
    assert (info.size, info.content_type) == (8, "application/json")
    assert store.info("a/one.json") == info
    with store.open("a/one.json") as stream:
        assert stream.read() == b'{"a": 1}'
    store.put_bytes("untyped", b"x")
    assert store.info("untyped").content_type is None  # not S3's default type
    assert store.exists("a/one.json") and not store.exists("a/two.json")
    with pytest.raises(BlobNotFound):
        store.open("a/two.json")
    with pytest.raises(BlobNotFound):
        store.info("a/two.json")
    with pytest.raises(InvalidBlobKey):
        store.put_bytes("../escape", b"x")
    assert not store.exists("../escape")


def test_streams_writers_and_seeks(store: S3BlobStore) -> None:
    data = bytes(range(256)) * 5000  # 1.28 MB
    assert store.put_stream("big.bin", io.BytesIO(data), max_bytes=len(data)).size == len(data)
    with pytest.raises(BlobTooLarge):
        store.put_stream("too-big.bin", io.BytesIO(data), max_bytes=len(data) - 1)
    assert not store.exists("too-big.bin")
    with pytest.raises(RuntimeError), store.writer("failed.bin") as out:
        out.write(b"half")
        raise RuntimeError("stop")
    assert not store.exists("failed.bin")
    with store.writer("written.txt", "text/plain") as out:
        out.write(b"line 1\n")
        out.write(b"line 2\n")
    assert store.info("written.txt").content_type == "text/plain"
    with store.open("big.bin") as stream:
        assert stream.read(2) == data[:2]
        assert stream.seek(0) == 0
        assert stream.read(10) == data[:10]
        stream.seek(1000)
        assert stream.read(5) == data[1000:1005]
        stream.seek(len(data) + 10)
        assert stream.read() == b""


def _server(database_url: str | None, endpoint: str, prefix: str, **kwargs: Any) -> LocalServer:
    return LocalServer(
        database_url=database_url,
        env={**os.environ, **CREDENTIALS},
        serve_args=["--blob-url", f"s3://{BUCKET}/{prefix}", "--s3-endpoint-url", endpoint],
        **kwargs,
    )


def _objects(endpoint: str, prefix: str) -> list[str]:
    listed = boto3.client("s3", endpoint_url=endpoint).list_objects_v2(Bucket=BUCKET, Prefix=prefix)
    return [item["Key"] for item in listed.get("Contents", [])]


def test_a_server_keeps_its_files_in_the_bucket(
    s3_endpoint: str, new_database_url: Callable[[], str | None], unique: str
) -> None:
    prefix = f"{unique}server"
    with (
        _server(new_database_url(), s3_endpoint, prefix) as server,
        httpx.Client(timeout=60) as http,
    ):
        api = Api(server.endpoint, server.api_key, http)
        url = api.upload(b"\x89PNG not really", "photo.png", "image/png")
        fetched = http.get(url)
        assert fetched.status_code == 200
        assert fetched.content == b"\x89PNG not really"
        assert fetched.headers["content-type"] == "image/png"
        assert http.head(url).headers["content-length"] == str(len(b"\x89PNG not really"))
        assert http.get(url.replace("signature=", "signature=0")).status_code == 403
        assert any(key.startswith(f"{prefix}/") for key in _objects(s3_endpoint, prefix))
        assert not (server.data_dir / "blobs" / "objects").exists() or not any(
            (server.data_dir / "blobs" / "objects").iterdir()
        )
        dataset = create_dataset(api, "s3")
        task, _ = import_rows(api, dataset, [{"row_data": url, "external_id": "p"}])
        assert task["status"] == "COMPLETE", task
        assert [row["externalId"] for row in export_rows(api, dataset)] == ["p"]


def test_two_servers_on_one_database_and_bucket(
    s3_endpoint: str,
    new_database_url: Callable[[], str | None],
    tmp_path: Path,
    unique: str,
) -> None:
    prefix = f"{unique}shared"
    database_url = new_database_url() or f"sqlite:///{tmp_path / 'shared.db'}"
    with (
        _server(database_url, s3_endpoint, prefix) as first,
        _server(database_url, s3_endpoint, prefix) as second,
        httpx.Client(timeout=60) as http,
    ):
        on_first = Api(first.endpoint, first.api_key, http)
        on_second = Api(second.endpoint, first.api_key, http)  # the same organization
        dataset = create_dataset(on_first, "shared")
        rows = [
            {"row_data": f"https://x.example/{i}.jpg", "external_id": f"r{i}"} for i in range(30)
        ]
        task_ids = [
            start_import(on_first, dataset, rows[:15]),
            start_import(on_second, dataset, rows[15:]),
        ]
        for task_id in task_ids:
            for api in (on_second, on_first):
                deadline = time.monotonic() + 60
                while True:
                    task = api.data(
                        "query($id: ID!) { task(where: {id: $id}) { status result } }",
                        {"id": task_id},
                    )["task"]
                    if task["status"] != "IN_PROGRESS" or time.monotonic() > deadline:
                        break
                    time.sleep(0.1)
                assert task["status"] == "COMPLETE"
                # The result file is in the bucket: either server serves the other's URL.
                for base in (first.base_url, second.base_url):
                    path = task["result"].split("/files/", 1)[1]
                    assert http.get(f"{base}/files/{path}").status_code == 200
        assert row_count(on_first, dataset) == row_count(on_second, dataset) == 30
        external_ids = sorted(row["externalId"] for row in export_rows(on_second, dataset))
        assert external_ids == sorted(row["external_id"] for row in rows)
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            attempts = [
                a for (a,) in connection.execute(select(Task.attempts).where(Task.id.in_(task_ids)))
            ]
    finally:
        engine.dispose()
    assert attempts == [1, 1]
