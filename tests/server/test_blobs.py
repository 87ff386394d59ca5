"""Uploads (`uploadFile`), the blob store and signed `/files/...` URLs."""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from labelbox_server import LocalServer
from labelbox_server.domain.media import image_size
from labelbox_server.domain.uploads import safe_filename
from labelbox_server.storage import BlobNotFound, BlobTooLarge, DirectoryBlobStore, UrlSigner
from labelbox_server.storage.blobs import InvalidBlobKey

from . import sdk_documents as docs
from .conftest import Api
from .data_helpers import create_dataset, create_row, import_rows

PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
)


def test_upload_is_served_byte_identical(api: Api) -> None:
    content = os.urandom(3 * 1024 * 1024 + 17)
    url = api.upload(content, "clip.mp4", "video/mp4")
    assert url.startswith(api.endpoint.rsplit("/graphql", 1)[0] + "/files/uploads/")
    head = api.client.head(url)
    assert head.status_code == 200
    assert head.headers["content-type"] == "video/mp4"
    assert head.headers["content-length"] == str(len(content))
    got = httpx.get(url)  # no credentials
    assert got.status_code == 200
    assert got.content == content
    assert got.headers["content-type"] == "video/mp4"


def test_upload_without_content_type_guesses_or_defaults(api: Api) -> None:
    bare = api.upload(b"plain bytes")  # the SDK's bare form: filename "1", no type
    response = api.client.get(bare)
    assert response.content == b"plain bytes"
    assert response.headers["content-type"] == "application/octet-stream"
    text = api.upload(b'{"a": 1}', "x.json", "application/json")
    assert api.client.head(text).headers["content-type"] == "application/json"
    # text types keep exactly the uploaded type (no charset added)
    html = api.upload(b"<p>x</p>", "page.html", "text/html")
    assert api.client.head(html).headers["content-type"] == "text/html"


def test_upload_returns_filename_and_ignores_content_length(api: Api) -> None:
    operations = {
        "variables": {"file": None, "contentLength": 999_999, "sign": False},
        "query": docs.UPLOAD_FILE,
    }
    response = api.client.post(
        api.endpoint,
        data={
            "operations": json.dumps(operations),
            "map": json.dumps({"part": ["variables.file"]}),
        },
        files={"part": ("my file (1).txt", b"hello", "text/plain")},
        headers={"Authorization": f"Bearer {api.api_key}"},
    )
    uploaded = response.json()["data"]["uploadFile"]
    assert uploaded["filename"] == "my file (1).txt"
    assert urlsplit(uploaded["url"]).path.endswith("/my_file_1_.txt")
    assert api.client.get(uploaded["url"]).content == b"hello"


def test_upload_needs_a_file_part(api: Api) -> None:
    codes = api.error_codes(docs.UPLOAD_FILE, {"file": "not a file", "contentLength": 1})
    assert codes == ["MALFORMED_REQUEST"]


def test_bad_or_expired_signatures_are_forbidden(api: Api) -> None:
    url = api.upload(b"secret", "s.txt", "text/plain")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    base = f"{parts.scheme}://{parts.netloc}{parts.path}"
    expires, signature = query["expires"][0], query["signature"][0]
    bad = [
        base,
        f"{base}?expires={expires}&signature={'0' * 64}",
        f"{base}?expires={int(expires) + 1}&signature={signature}",
        f"{base}x?expires={expires}&signature={signature}",
        f"{base}?expires=abc&signature={signature}",
        # Not small ASCII integers (once a 500): a superscript digit, 5,000 digits, others.
        f"{base}?expires=%C2%B2&signature={signature}",
        f"{base}?expires={'9' * 5000}&signature={signature}",
        f"{base}?expires=%EF%BC%91%EF%BC%92&signature={signature}",
        f"{base}?expires=-1&signature={signature}",
        f"{base}?expires=1e12&signature={signature}",
        f"{base}?expires={expires}&signature=%C3%A9{signature[2:]}",
    ]
    for candidate in bad:
        response = api.client.get(candidate)
        assert response.status_code == 403, candidate
        assert "error" in response.json()
        assert api.client.head(candidate).status_code == 403


def test_missing_blob_is_404(server: LocalServer, api: Api) -> None:
    url = api.upload(b"x", "gone.txt", "text/plain")
    key = urlsplit(url).path.split("/files/", 1)[1]
    (server.data_dir / "blobs" / "objects" / key).unlink()
    response = api.client.get(url)
    assert response.status_code == 404
    assert response.json() == {"error": "File not found"}


def test_urls_survive_a_restart(new_database_url: object) -> None:
    assert callable(new_database_url)
    with LocalServer(database_url=new_database_url()) as server, httpx.Client() as client:
        api = Api(server.endpoint, server.api_key, client)
        url = api.upload(b"kept", "k.txt", "text/plain")
        server.restart()
        assert client.get(url.replace(f":{urlsplit(url).port}", f":{server.port}")).content == (
            b"kept"
        )


def test_upload_limit(tmp_path: Path, new_database_url: object) -> None:
    """A file above the limit (a setting) is MALFORMED_REQUEST and nothing is stored."""
    assert callable(new_database_url)
    env = dict(os.environ, LABELBOX_SERVER_MAX_UPLOAD_BYTES="1000")
    with LocalServer(database_url=new_database_url(), env=env) as server, httpx.Client() as c:
        api = Api(server.endpoint, server.api_key, c)
        assert api.client.get(api.upload(b"x" * 1000, "ok.bin", "x/y")).content == b"x" * 1000
        operations = {"variables": {"file": None, "contentLength": 1}, "query": docs.UPLOAD_FILE}
        response = c.post(
            server.endpoint,
            data={
                "operations": json.dumps(operations),
                "map": json.dumps({"1": ["variables.file"]}),
            },
            files={"1": ("big.bin", b"x" * 1001, "x/y")},
            headers={"Authorization": f"Bearer {server.api_key}"},
        )
        assert response.json()["errors"][0]["extensions"]["code"] == "MALFORMED_REQUEST"
        stored = list((server.data_dir / "blobs" / "objects" / "uploads").rglob("*.bin"))
        assert [p.name for p in stored] == ["ok.bin"]


# -- units ----------------------------------------------------------------------------------


def test_directory_blob_store(tmp_path: Path) -> None:
    store = DirectoryBlobStore(tmp_path / "blobs")
    info = store.put_bytes("a/b/c.txt", b"abc", "text/plain")
    assert (info.size, info.content_type) == (3, "text/plain")
    assert store.exists("a/b/c.txt") and not store.exists("a/b")
    with store.open("a/b/c.txt") as stream:
        assert stream.read() == b"abc"
    assert store.info("a/b/c.txt").content_type == "text/plain"
    store.put_stream("s", io.BytesIO(b"x" * 5_000_000))
    assert store.info("s").size == 5_000_000 and store.info("s").content_type is None
    with pytest.raises(BlobTooLarge):
        store.put_stream("big", io.BytesIO(b"x" * 11), max_bytes=10)
    assert not store.exists("big")
    with pytest.raises(ValueError), store.writer("w") as out:
        out.write(b"partial")
        raise ValueError("boom")
    assert not store.exists("w")
    assert list((tmp_path / "blobs" / "tmp").iterdir()) == []
    with pytest.raises(BlobNotFound):
        store.open("nope")
    for bad in ("", "/abs", "a/../b", "a//b", "a\\b", "."):
        with pytest.raises(InvalidBlobKey):
            store.put_bytes(bad, b"")


def test_url_signer() -> None:
    signer = UrlSigner(b"k" * 32)
    future = int(time.time()) + 60
    url = signer.url("http://h:1", "uploads/x/a b.txt", future)
    assert "/files/uploads/x/a%20b.txt?expires=" in url
    assert signer.key_of(url) == "uploads/x/a b.txt"
    assert signer.key_of(url.replace("http://h:1", "https://elsewhere")) == "uploads/x/a b.txt"
    assert UrlSigner(b"other" * 8).key_of(url) is None
    assert signer.key_of(signer.url("http://h", "k", int(time.time()) - 1)) is None
    assert signer.key_of("https://example.com/files/k?expires=1&signature=x") is None
    assert signer.key_of("not a url") is None


def test_safe_filename_and_image_size() -> None:
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("a b.JPG") == "a_b.JPG"
    assert safe_filename(None) == "file"
    assert safe_filename("x" * 300 + ".png").endswith(".png")
    assert image_size(io.BytesIO(PNG_HEADER + b"\0" * 10)) == {"width": 640, "height": 480}
    jpeg = (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        b"\xff\xc0\x00\x11\x08\x00\x20\x00\x40\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    )
    assert image_size(io.BytesIO(jpeg)) == {"width": 64, "height": 32}
    assert image_size(io.BytesIO(b"GIF89a....")) is None


def test_rows_from_upload_urls_outlive_them(new_database_url: object) -> None:
    """A row created from an upload URL (7 days by default, 2 s here) keeps a URL that works
    after the upload URL expired."""
    assert callable(new_database_url)
    serve_args = ["--upload-url-ttl", "2"]
    with LocalServer(database_url=new_database_url(), serve_args=serve_args) as server:
        api = Api(server.endpoint, server.api_key, httpx.Client(timeout=30))
        upload = api.upload(b"\x89PNG pixels", "photo.png", "image/png")
        dataset = create_dataset(api, "lasting")
        note = api.upload(b"a note", "note.txt", "text/plain")
        row = create_row(api, dataset, upload, attachments=[{"type": "TEXT_URL", "value": note}])
        imported = api.upload(b"more pixels", "other.png", "image/png")
        task, _ = import_rows(api, dataset, [{"row_data": imported, "external_id": "imported"}])
        assert task["status"] == "COMPLETE"
        rows = api.data(
            "query($id: ID!) { dataset(where: {id: $id}) { dataRows { externalId rowData } } }",
            {"id": dataset},
        )["dataset"]["dataRows"]
        stored = {r["externalId"]: r["rowData"] for r in rows}
        assert row["rowData"] != upload and stored["imported"] != imported
        deadline = time.monotonic() + 10
        for expiring in (upload, imported):  # `imported` was made later: it expires later
            while api.client.get(expiring).status_code != 403:
                assert time.monotonic() < deadline, "the upload URL did not expire"
                time.sleep(0.2)
        assert api.client.get(row["rowData"]).content == b"\x89PNG pixels"
        (attachment,) = api.data(
            "query($id: ID!) { dataRow(where: {id: $id}) { attachments { value } } }",
            {"id": row["id"]},
        )["dataRow"]["attachments"]
        assert api.client.get(attachment["value"]).content == b"a note"
        assert api.client.get(stored["imported"]).content == b"more pixels"
        api.client.close()
