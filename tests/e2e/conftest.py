"""The real servers, started once per test session as `make run` starts them (scripts/run.sh, stdin closed)."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "symptom-checker.tar.gz"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it)")
    rasa_port, action_port = free_port(), free_port()
    token = uuid.uuid4().hex
    log = (tmp_path_factory.mktemp("servers") / "run.log").open("w")
    env = dict(os.environ, RASA_PORT=str(rasa_port), ACTION_PORT=str(action_port), RASA_API_TOKEN=token)
    process = subprocess.Popen(
        ["scripts/run.sh"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{rasa_port}"
    deadline = time.time() + 240
    while time.time() < deadline:
        assert process.poll() is None, f"scripts/run.sh exited early; see {log.name}"
        try:
            if requests.get(f"{base}/status", params={"token": token}, timeout=2).ok and \
                    requests.get(f"http://127.0.0.1:{action_port}/health", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        time.sleep(1)
    else:
        pytest.fail(f"servers not ready in 240 s; see {log.name}")
    yield {"base": base, "token": token, "process": process}
    # as a supervisor stops it: SIGTERM to run.sh alone must stop both servers
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    deadline = time.time() + 30
    while time.time() < deadline and _group_alive(process.pid):
        time.sleep(0.5)
    leftover = _group_alive(process.pid)
    if leftover:
        os.killpg(process.pid, signal.SIGKILL)
    log.close()
    assert not leftover, "servers still running after SIGTERM to scripts/run.sh"


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
        return True
    except ProcessLookupError:
        return False


