"""Helpers for tests that start real servers: free ports, waiting for a URL, and the bot started
as `make run` starts it (scripts/run.sh, stdin closed)."""
from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import pytest
import requests

from tests.services import Postgres, free_port, replace_url

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "symptom-checker.tar.gz"


def wait_until_ok(url: str, seconds: float, what: str, process: Optional[subprocess.Popen] = None, log: Optional[Path] = None) -> None:
    """Poll `url` until it answers 2xx; fail with `what` (and the log's tail) after `seconds` or
    as soon as `process` exits."""
    deadline = time.time() + seconds
    tail = lambda: f"\n{log.read_text()[-3000:]}" if log and log.exists() else ""  # noqa: E731
    while True:
        assert process is None or process.poll() is None, f"{what}: the process exited{tail()}"
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.ConnectionError:
            pass
        assert time.time() < deadline, f"{what}: not ready in {seconds:g} s{tail()}"
        time.sleep(0.5)


def listening_addresses(port: int) -> List[str]:
    """Local addresses (hex, as /proc/net/tcp writes them) listening on a TCP port."""
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                addresses.append(address)
    return addresses



@dataclass
class Servers:
    process: subprocess.Popen
    base: str
    token: str
    log: Path
    action_port: int = 0

    def __getitem__(self, key: str):  # the tests read server["base"], server["token"]
        return getattr(self, key)


def start_servers(log: Path, extra_env: Optional[Dict[str, str]] = None) -> Servers:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it)")
    rasa_port, action_port = free_port(), free_port()
    token = uuid.uuid4().hex
    env = dict(os.environ, RASA_PORT=str(rasa_port), ACTION_PORT=str(action_port), RASA_API_TOKEN=token,
               WEB_PORT=str(free_port()))  # run.sh also serves the web chat page: never 8080 in tests
    env.update(extra_env or {})
    process = subprocess.Popen(
        ["scripts/run.sh"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log.open("a"), stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{rasa_port}"
    servers = Servers(process, base, token, log, action_port)
    try:
        wait_until_ok(f"{base}/status?token={token}", 240, "the Rasa server", process, log)
        wait_until_ok(f"http://127.0.0.1:{action_port}/health", 60, "the action server", process, log)
    except AssertionError:
        stop_servers(servers)
        raise
    return servers


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


def stop_servers(servers: Servers) -> bool:
    """SIGTERM to run.sh alone, as a supervisor stops it; True when both servers stopped by themselves."""
    process = servers.process
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    deadline = time.time() + 30
    while time.time() < deadline and _group_alive(process.pid):
        time.sleep(0.5)
    leftover = _group_alive(process.pid)
    if leftover:
        os.killpg(process.pid, signal.SIGKILL)
    return not leftover


@contextmanager
def scratch_database(server: Postgres, prefix: str = "symptomchecker_test") -> Iterator[str]:
    """A new, empty database on the tests' PostgreSQL (the `postgres` fixture); yields its URL and
    drops it afterwards."""
    import psycopg2

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(server.url, connect_timeout=5)
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    try:
        yield replace_url(server.url, path=f"/{name}")
    finally:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
