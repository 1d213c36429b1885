"""Run the symptom checker as a small cluster on this machine: one action server and N Rasa
server replicas sharing a PostgreSQL tracker store and a Redis lock store.

    .venv/bin/python -m deploy.cluster --replicas 2 \\
        --database-url postgresql://postgres@127.0.0.1:5432/symptomchecker \\
        --redis-url redis://127.0.0.1:6379/0

prints each replica's URL and runs until Ctrl-C. Without --database-url / --redis-url it runs
the embedded default (SQLite, in-memory locks), which only one replica may use. The replica and
fault tests (tests/scale/) and the load benchmark (bench/) start their servers through this
module; deploy/README.md shows the same layout across machines.
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence
from urllib.error import URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv" / "bin"
MODEL = ROOT / "models" / "symptom-checker.tar.gz"
QUIET = {
    "PYTHONPATH": str(ROOT),
    "PYTHONWARNINGS": "ignore",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "RASA_TELEMETRY_ENABLED": "false",
}


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urlopen(url, timeout=2) as response:
            return 200 <= response.status < 300
    except (URLError, OSError):
        return False


@dataclass
class Server:
    """One server process: how to start it, where it answers, and its log."""

    name: str
    command: List[str]
    env: Dict[str, str]
    port: int
    ready_path: str
    log: Path
    process: Optional[subprocess.Popen] = None
    started_at: float = 0.0
    ready_after: float = 0.0  # seconds from start to ready

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            self.command, cwd=ROOT, env={**os.environ, **QUIET, **self.env}, stdin=subprocess.DEVNULL,
            stdout=self.log.open("a"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        return self

    def wait_ready(self, seconds: float = 240) -> float:
        """Wait until the server answers; the seconds it took from start. Raises with the log's tail."""
        deadline = time.monotonic() + seconds
        while not answers(self.url + self.ready_path):
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited during start-up:\n{self.tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"{self.name} not ready in {seconds:g} s:\n{self.tail()}")
            time.sleep(0.2)
        self.ready_after = time.monotonic() - self.started_at
        return self.ready_after

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, sig: int = signal.SIGTERM, seconds: float = 30) -> None:
        """Stop the server (SIGKILL: as if its machine died). Idempotent."""
        if not self.running():
            return
        assert self.process is not None
        try:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass

    def resident_mb(self) -> float:
        """Resident memory of the server and its children, in MB (from /proc)."""
        if not self.running():
            return 0.0
        assert self.process is not None
        total, pids = 0, [self.process.pid]
        while pids:
            pid = pids.pop()
            try:
                status = Path(f"/proc/{pid}/status").read_text()
                total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))
                pids += [int(c) for t in Path(f"/proc/{pid}/task").iterdir()
                         for c in (t / "children").read_text().split()]
            except (OSError, StopIteration):
                continue
        return total / 1024

    def tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""


def action_server(log_dir: Path, port: Optional[int] = None) -> Server:
    """The action server, bound to localhost (as `make run` does)."""
    port = port or free_port()
    return Server(
        "action server", [str(VENV / "rasa"), "run", "actions", "--port", str(port), "--actions", "actions"],
        {"SANIC_HOST": "127.0.0.1", "SANIC_KEEP_ALIVE_TIMEOUT": "75"},  # as scripts/run.sh: see there
        port, "/health", log_dir / f"actions-{port}.log",
    )


def rasa_replica(
    log_dir: Path, action_port: int, token: str, port: Optional[int] = None, database_url: str = "",
    redis_url: str = "", model: Path = MODEL, extra_env: Optional[Dict[str, str]] = None,
) -> Server:
    """A Rasa server (REST channel + HTTP API behind `token`) using the project's endpoints.yml."""
    port = port or free_port()
    env = {"ACTION_PORT": str(action_port), "RASA_API_TOKEN": token, "DATABASE_URL": database_url,
           "REDIS_URL": redis_url, **(extra_env or {})}
    command = [str(VENV / "python"), "scripts/rasa_server.py", "--model", str(model), "--port", str(port),
               "--endpoints", "endpoints.yml", "--credentials", "credentials.yml", "--enable-api",
               "--interface", "127.0.0.1"]  # this machine only; deploy/README.md puts a proxy in front
    return Server(f"rasa replica :{port}", command, env, port, f"/status?token={token}", log_dir / f"rasa-{port}.log")


@dataclass
class Cluster:
    """One action server and `replicas` Rasa servers; `database_url` / `redis_url` as in endpoints.yml."""

    log_dir: Path
    replicas: int = 2
    database_url: str = ""
    redis_url: str = ""
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    action: Server = field(init=False)
    rasa: List[Server] = field(init=False)

    def __post_init__(self) -> None:
        if self.replicas > 1 and not (self.database_url and self.redis_url):
            raise ValueError("several replicas need a shared tracker store and lock store: "
                             "give database_url (PostgreSQL) and redis_url (Redis)")
        self.action = action_server(self.log_dir)
        self.rasa = [rasa_replica(self.log_dir, self.action.port, self.token, database_url=self.database_url,
                                  redis_url=self.redis_url) for _ in range(self.replicas)]

    @property
    def urls(self) -> List[str]:
        return [server.url for server in self.rasa]

    def start(self, seconds: float = 240) -> "Cluster":
        try:
            for server in [self.action, *self.rasa]:
                server.start()
            for server in [self.action, *self.rasa]:
                server.wait_ready(seconds)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for server in [*self.rasa, self.action]:
            server.stop()

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--log-dir", type=Path, default=ROOT / "build" / "cluster")
    args = parser.parse_args(argv)
    try:
        cluster = Cluster(args.log_dir, args.replicas, args.database_url, args.redis_url,
                          token=os.environ.get("RASA_API_TOKEN") or uuid.uuid4().hex)
    except ValueError as error:
        sys.exit(f"deploy.cluster: {error}")
    with cluster:
        print(f"action server {cluster.action.url} (logs in {args.log_dir})")
        for server in cluster.rasa:
            print(f"rasa replica {server.url}  ready after {server.ready_after:.1f} s")
        print("Ctrl-C stops them all.")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        try:
            while all(server.running() for server in [cluster.action, *cluster.rasa]):
                time.sleep(1)
            print("a server stopped; stopping the others", file=sys.stderr)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
