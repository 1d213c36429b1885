"""The real servers for the end-to-end tests, started once per session (see tests/servers.py)."""
from __future__ import annotations

import pytest

from tests.servers import start_servers, stop_servers


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    servers = start_servers(tmp_path_factory.mktemp("servers") / "run.log")
    yield servers
    assert stop_servers(servers), "servers still running after SIGTERM to scripts/run.sh"
