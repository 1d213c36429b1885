"""scripts/supervise.py: the action server under `make run` is started again when it stops, with
a back-off and a line in the log, and given up on only when it keeps crashing. A tiny fake
command stands in for the action server."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.modules import load

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "supervise.py"

# the fake action server: notes each start (its pid) in a file; the first CRASHES starts stop
# after LIFETIME seconds (the first one killed by SIGKILL, the others with exit 3), later ones
# keep running
FAKE = """
import os, signal, sys, time
from pathlib import Path
starts, crashes, lifetime = Path(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
n = len(starts.read_text().split()) + 1 if starts.exists() else 1
with starts.open("a") as f:
    f.write(f"{os.getpid()}\\n")
time.sleep(lifetime)
if n == 1 and crashes:
    os.kill(os.getpid(), signal.SIGKILL)
if n <= crashes:
    sys.exit(3)
time.sleep(60)
"""


@pytest.fixture(scope="module")
def supervise():
    return load(str(SCRIPT), "supervise")


@pytest.fixture
def fake(tmp_path):
    script = tmp_path / "fake_action_server.py"
    script.write_text(FAKE)
    starts = tmp_path / "starts"

    def command(crashes: int, lifetime: float = 0.0):
        return [sys.executable, str(script), str(starts), str(crashes), str(lifetime)]

    command.starts = lambda: starts.read_text().split() if starts.exists() else []
    return command


def wait_for(condition, seconds: float = 10) -> None:
    deadline = time.time() + seconds
    while not condition():
        assert time.time() < deadline, "timed out"
        time.sleep(0.02)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is not alive
    return "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()


def test_a_crashed_command_is_restarted_with_a_doubling_back_off(supervise, fake):
    log = []
    supervisor = supervise.Supervisor(fake(crashes=3), "action server", first_delay=0.05, max_delay=0.15, log=log.append)
    result = []
    thread = threading.Thread(target=lambda: result.append(supervisor.run()))
    thread.start()
    try:
        wait_for(lambda: len(fake.starts()) == 4)
        time.sleep(0.3)
        fourth = int(fake.starts()[-1])
        assert alive(fourth), "the fourth start should keep running"
        assert log == [
            "action server stopped (killed by SIGKILL); restarting in 0.05 s",
            "action server stopped (exit 3); restarting in 0.1 s",
            "action server stopped (exit 3); restarting in 0.15 s",  # capped at max_delay
        ]
    finally:
        supervisor.stop()
        thread.join(10)
    assert result == [0], "stop() ends the supervisor without an error"
    assert not alive(fourth), "stop() stops the command too"
    assert len(fake.starts()) == 4, "nothing started after stop()"


def test_it_gives_up_when_the_command_keeps_crashing(supervise, fake):
    log = []
    supervisor = supervise.Supervisor(fake(crashes=100), "action server", first_delay=0.01, max_crashes=3,
                                      window=60, log=log.append)
    assert supervisor.run() == 1
    assert len(fake.starts()) == 4, "started once, restarted 3 times, then given up"
    assert log[-1].startswith("action server stopped (exit 3), 4 times in the last 60 s; giving up")


def test_crashes_long_ago_do_not_count(supervise, fake):
    """A server that crashes now and then, not in a burst, is restarted every time, after the
    shortest wait."""
    log = []
    supervisor = supervise.Supervisor(fake(crashes=100, lifetime=0.25), "action server", first_delay=0.01,
                                      max_crashes=1, window=0.2, log=log.append)
    result = []
    thread = threading.Thread(target=lambda: result.append(supervisor.run()))
    thread.start()
    try:
        wait_for(lambda: len(fake.starts()) >= 5)
    finally:
        supervisor.stop()
        thread.join(10)
    assert result == [0]
    assert all(line.endswith("restarting in 0.01 s") for line in log), log


def test_sigterm_stops_the_supervisor_and_the_command(fake):
    process = subprocess.Popen([sys.executable, str(SCRIPT), "--name", "action server", "--", *fake(crashes=0)],
                               stderr=subprocess.PIPE, text=True)
    try:
        wait_for(lambda: fake.starts())
        child = int(fake.starts()[0])
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
    wait_for(lambda: not alive(child), 5)
    assert "restarting" not in process.stderr.read()


def test_a_command_that_cannot_start_is_given_up_at_once(tmp_path):
    result = subprocess.run([sys.executable, str(SCRIPT), "--name", "action server", "--", str(tmp_path / "missing")],
                            capture_output=True, text=True, timeout=10)
    assert result.returncode == 1
    assert "action server: cannot start" in result.stderr and "giving up" in result.stderr
