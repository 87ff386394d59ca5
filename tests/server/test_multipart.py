"""GraphQL multipart requests (files as `Upload` variables)."""

from __future__ import annotations

import json

import httpx
import pytest

from labelbox_server import LocalServer
from labelbox_server.request_body import BadRequest, combine_multipart

OPERATIONS = json.dumps(
    {"query": "mutation($file: Upload!) { x }", "variables": {"file": None, "n": 3}}
)


def test_files_are_put_into_the_variables_whatever_the_part_name() -> None:
    for part in ("1", "cproject__import.ndjson"):
        marker = object()
        request = combine_multipart(
            OPERATIONS, json.dumps({part: ["variables.file"]}), {part: marker}
        )
        assert request["variables"] == {"file": marker, "n": 3}
        assert request["query"] == "mutation($file: Upload!) { x }"
        assert request["operationName"] is None


def test_nested_paths() -> None:
    operations = json.dumps(
        {"query": "q", "variables": {"input": {"files": [None, None]}}, "operationName": "Op"}
    )
    files_map = json.dumps({"a": ["variables.input.files.0"], "b": ["variables.input.files.1"]})
    request = combine_multipart(operations, files_map, {"a": "A", "b": "B"})
    assert request["variables"] == {"input": {"files": ["A", "B"]}}
    assert request["operationName"] == "Op"


@pytest.mark.parametrize(
    ("operations", "files_map", "files"),
    [
        ("not json", "{}", {}),
        (OPERATIONS, "not json", {}),
        (OPERATIONS, json.dumps({"1": ["variables.file"]}), {}),  # the part is missing
        (OPERATIONS, json.dumps({"1": "variables.file"}), {"1": "x"}),
        (json.dumps([{"query": "q"}]), "{}", {}),  # batches are not supported
        (json.dumps({"variables": {}}), "{}", {}),
    ],
)
def test_invalid_multipart_requests(
    operations: str, files_map: str, files: dict[str, object]
) -> None:
    with pytest.raises(BadRequest):
        combine_multipart(operations, files_map, files)


def test_multipart_request_over_http(server: LocalServer, http: httpx.Client) -> None:
    headers = {"authorization": f"Bearer {server.api_key}"}
    plain = http.post(
        server.endpoint,
        data={
            "operations": json.dumps({"query": "{ roles { id } }", "variables": None}),
            "map": "{}",
        },
        files={"unused": ("x.txt", b"abc", "text/plain")},
        headers=headers,
    )
    assert plain.status_code == 200, plain.text
    assert len(plain.json()["data"]["roles"]) == 5
    # The file reaches variable coercion as an `Upload` value (no field takes one yet, so the
    # document fails validation, not the HTTP layer).
    with_file = http.post(
        server.endpoint,
        data={
            "operations": json.dumps(
                {"query": "query($file: Upload!) { roles { id } }", "variables": {"file": None}}
            ),
            "map": json.dumps({"1": ["variables.file"]}),
        },
        files={"1": ("1", b"content")},
        headers=headers,
    )
    assert with_file.status_code == 200
    assert with_file.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "never used" in with_file.json()["errors"][0]["message"]
    broken = http.post(
        server.endpoint,
        data={"operations": "{", "map": "{}"},
        files={"1": ("1", b"x")},
        headers=headers,
    )
    assert broken.status_code == 400
    assert broken.json()["errors"][0]["extensions"]["code"] == "MALFORMED_REQUEST"
