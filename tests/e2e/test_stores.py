"""Conversations survive a restart of the servers: embedded (SQLite, in-memory lock store) and
with DATABASE_URL (PostgreSQL) and REDIS_URL (Redis): the tests' servers (tests/services.py)."""
from __future__ import annotations

import uuid

import pytest
import requests

from tests.servers import scratch_database, start_servers, stop_servers

pytestmark = pytest.mark.servers


@pytest.fixture
def postgres_and_redis(postgres, redis_server):
    with scratch_database(postgres) as url:
        yield {"DATABASE_URL": url, "REDIS_URL": redis_server.url(5)}


def say(servers, sender, text):
    response = requests.post(f"{servers.base}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30)
    assert response.status_code == 200
    return response.json()


def state(servers, sender):
    tracker = requests.get(f"{servers.base}/conversations/{sender}/tracker", params={"token": servers.token}, timeout=10).json()
    return tracker["slots"]["interview"]


def check_survives_restart(tmp_path, env):
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    servers = start_servers(tmp_path / "run.log", env)
    try:
        replies = say(servers, sender, "itchy red bumps on my lower back, worse at night")
        assert replies[-1].get("buttons"), "a question is pending"
        before = state(servers, sender)
    finally:
        assert stop_servers(servers)
    servers = start_servers(tmp_path / "run.log", env)
    try:
        after_restart = state(servers, sender)
        assert after_restart == before
        say(servers, sender, "not sure")
        after = state(servers, sender)
        assert after["evidence"]["itching_worse_at_night"] == "present"
        assert before["pending"] in after["asked"] and after["pending"] != before["pending"]
    finally:
        assert stop_servers(servers)


def test_embedded_default_survives_a_restart(tmp_path):
    check_survives_restart(tmp_path, {"DATABASE_URL": "", "REDIS_URL": ""})


def test_postgresql_and_redis_survive_a_restart(tmp_path, postgres_and_redis):
    check_survives_restart(tmp_path, postgres_and_redis)
