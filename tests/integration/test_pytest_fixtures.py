"""The SDK's pytest fixtures, as users' tests use them (pytest's `pytester` runs a session)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


def test_each_test_gets_its_own_organization(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import labelbox as lb

        def test_one(labelbox_client, labelbox_server):
            assert isinstance(labelbox_client, lb.Client)
            assert labelbox_client.endpoint == labelbox_server.endpoint
            labelbox_client.create_project(name="from one")
            assert [p.name for p in labelbox_client.get_projects()] == ["from one"]

        def test_two(labelbox_client):
            assert list(labelbox_client.get_projects()) == []
            org = labelbox_client.get_organization()
            assert "test_two" in org.name
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=2)
