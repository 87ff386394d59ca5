"""`LocalServer` (and the pytest plugin's fixture): start, stop, restart, cleanup."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from labelbox_server import LocalServer

from . import sdk_documents as docs


def whoami(server: LocalServer, key: str) -> httpx.Response:
    return httpx.post(
        server.endpoint,
        json={"query": docs.GET_USER, "variables": None},
        headers={"Authorization": f"Bearer {key}"},
        timeout=30,
    )


def test_lifecycle(new_database_url: Callable[[], str | None]) -> None:
    server = LocalServer(database_url=new_database_url())
    assert "not started" in repr(server)
    with server:
        assert server.endpoint == f"http://127.0.0.1:{server.port}/graphql"
        assert server.base_url == f"http://127.0.0.1:{server.port}"
        assert server.api_key not in repr(server)
        assert whoami(server, server.api_key).status_code == 200
        second = server.new_organization()
        assert second != server.api_key
        project = httpx.post(
            server.endpoint,
            json={"query": docs.CREATE_PROJECT_NAME_ONLY, "variables": {"name": "survives"}},
            headers={"Authorization": f"Bearer {second}"},
        ).json()["data"]["createProject"]

        port, data_dir = server.port, server.data_dir
        server.stop()
        assert not server.running
        server.start()
        assert server.running and server.port == port and server.data_dir == data_dir
        assert whoami(server, second).status_code == 200
        found = httpx.post(
            server.endpoint,
            json={"query": docs.GET_PROJECT, "variables": {"param_0": project["id"]}},
            headers={"Authorization": f"Bearer {second}"},
        ).json()
        assert found["data"]["project"]["name"] == "survives"

        server.restart()
        assert whoami(server, server.api_key).status_code == 200
    assert not server.running
    assert not data_dir.exists()


def test_given_data_dir_is_kept(
    tmp_path: object, new_database_url: Callable[[], str | None]
) -> None:
    from pathlib import Path

    data_dir = Path(str(tmp_path)) / "data"
    with LocalServer(data_dir=data_dir, database_url=new_database_url()) as server:
        assert server.data_dir == data_dir
        assert (data_dir / "server.log").exists()
    assert data_dir.exists()


def test_pytest_plugin_fixture(labelbox_server: LocalServer) -> None:
    assert whoami(labelbox_server, labelbox_server.api_key).json()["data"]["user"]["id"]
