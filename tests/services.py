"""The PostgreSQL and Redis the tests use, and the Chromium the browser tests drive.

With TEST_DATABASE_URL / TEST_REDIS_URL set, the tests use those servers (the database URL must
let them create and drop databases, e.g. postgresql://postgres@db-host:5432/postgres; the tests
pick their own Redis database numbers on the Redis server named). Unset, the test run starts its
own throwaway servers from the system's binaries, in a temporary folder, on a free port, without
persistence, and stops and removes them at the end (tests/conftest.py starts each once per
session, only when a test needs it). A server already running on the machine is never touched.
"""
from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, List, Optional
from urllib.parse import urlsplit, urlunsplit

START_SECONDS = 30

# what to install when a program is missing (scripts/system_deps.sh says the same)
INSTALL_POSTGRES = ("the PostgreSQL server is not installed (initdb and pg_ctl were not found on PATH or in "
                    "/usr/lib/postgresql/*/bin): install it (Debian/Ubuntu: `apt-get install postgresql`; "
                    "macOS: `brew install postgresql@15`), or run `make install`")
INSTALL_REDIS = ("redis-server is not installed: install it (Debian/Ubuntu: `apt-get install redis-server`; "
                 "macOS: `brew install redis`), or run `make install`")
INSTALL_CHROMIUM = ("install Chromium (Debian/Ubuntu: `apt-get install chromium`; macOS: `brew install --cask chromium`, "
                    "then CHROMIUM=/Applications/Chromium.app/Contents/MacOS/Chromium), or run `make install`, "
                    "or set CHROMIUM to the browser's path")
UNSET_HINT = "unset {variable} to let the tests start a throwaway server of their own"


class ServiceError(Exception):
    """A server the tests need is missing or does not answer; the message says what to do."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def replace_url(url: str, *, host: Optional[str] = None, port: Optional[int] = None, path: Optional[str] = None) -> str:
    """`url` with another host, port or path; the user and password stay."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if host is not None or port is not None:
        userinfo = netloc.rpartition("@")[0]
        port = port or parts.port
        netloc = (f"{userinfo}@" if userinfo else "") + (host or parts.hostname or "") + (f":{port}" if port else "")
    return urlunsplit(parts._replace(netloc=netloc, path=parts.path if path is None else path))


def shown(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.replace(f":{parts.password}@", ":***@")))


def log_tail(log: Path) -> str:
    return f"\n--- {log} ---\n{log.read_text(errors='replace')[-2000:]}" if log.exists() else ""


# -- PostgreSQL -----------------------------------------------------------------------------------
def postgres_bin_dir(search: Optional[List[str]] = None) -> Path:
    """The folder with initdb and pg_ctl: PATH first, then where Debian/Ubuntu and Homebrew put them."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    patterns = search if search is not None else [
        "/usr/lib/postgresql/*/bin", "/opt/homebrew/opt/postgresql@*/bin", "/usr/local/opt/postgresql@*/bin"]
    found = [Path(d) for pattern in patterns for d in glob.glob(pattern)
             if (Path(d) / "initdb").exists() and (Path(d) / "pg_ctl").exists()]
    if not found:
        raise ServiceError(INSTALL_POSTGRES)
    return max(found, key=lambda d: [int(n) for n in re.findall(r"\d+", str(d))])  # the newest version


def unprivileged_user() -> Optional[pwd.struct_passwd]:
    """initdb and the server refuse to run as root: as root they run as the `postgres` user."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        raise ServiceError(
            "the tests run as root, and PostgreSQL refuses to run as root: there is no `postgres` user to "
            "run the throwaway server as. Run the tests as an ordinary user, or create the user "
            "(`useradd --system --home-dir /var/lib/postgresql postgres`; Debian's postgresql package "
            "creates it), or set TEST_DATABASE_URL to a PostgreSQL server") from None


@dataclass
class Postgres:
    url: str  # an admin URL: the tests create and drop their databases through it
    throwaway: bool = False


@dataclass
class _Throwaway:
    bin_dir: Path
    folder: Path
    user: Optional[pwd.struct_passwd]

    def run(self, *args: str, timeout: float = START_SECONDS) -> subprocess.CompletedProcess:
        ids = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []} if self.user else {}
        return subprocess.run([str(self.bin_dir / args[0]), *args[1:]], cwd=self.folder, capture_output=True,
                              text=True, timeout=timeout, env=dict(os.environ, LC_ALL="C"), **ids)


@contextmanager
def start_postgres(bin_dir: Optional[Path] = None) -> Iterator[Postgres]:
    """A throwaway PostgreSQL (initdb + pg_ctl) in a temporary folder, on a free port of 127.0.0.1,
    trust authentication for the user `postgres`; stopped and removed on leaving."""
    bin_dir, user = bin_dir or postgres_bin_dir(), unprivileged_user()
    server = _Throwaway(bin_dir, Path(tempfile.mkdtemp(prefix="test-postgres-")), user)
    data, log = server.folder / "data", server.folder / "server.log"
    started = False
    try:
        if server.user:
            os.chown(server.folder, server.user.pw_uid, server.user.pw_gid)
        done = server.run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                          "--locale=C", "--no-sync")
        if done.returncode != 0:
            raise ServiceError(f"initdb failed for the throwaway PostgreSQL:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
        port = free_port()
        options = (f"-p {port} -c listen_addresses=127.0.0.1 -k {server.folder} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        done = server.run("pg_ctl", "start", "-w", "-t", str(START_SECONDS), "-D", str(data), "-l", str(log),
                          "-o", options, timeout=START_SECONDS + 10)
        started = True
        if done.returncode != 0:
            raise ServiceError(f"the throwaway PostgreSQL did not start (pg_ctl: {done.stderr.strip()}){log_tail(log)}")
        yield Postgres(f"postgresql://postgres@127.0.0.1:{port}/postgres", throwaway=True)
    finally:
        if started:
            server.run("pg_ctl", "stop", "-D", str(data), "-m", "immediate", "-w")
        shutil.rmtree(server.folder, ignore_errors=True)


def check_postgres(url: str, variable: str = "TEST_DATABASE_URL") -> Postgres:
    import psycopg2

    try:
        psycopg2.connect(url, connect_timeout=5).close()
    except psycopg2.Error as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ServiceError(f"{variable}={shown(url)}: PostgreSQL does not answer there ({reason}). Start that "
                           f"server or correct the URL, or {UNSET_HINT.format(variable=variable)}") from None
    return Postgres(url)


# -- Redis --------------------------------------------------------------------------------------
@dataclass
class Redis:
    base_url: str  # redis://[:password@]host:port; the tests choose the database number
    throwaway: bool = False

    def url(self, db: int) -> str:
        return replace_url(self.base_url, path=f"/{db}")


def _ping(url: str) -> Optional[str]:
    """None when Redis answers at `url`, else why not."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5).ping()
        return None
    except redis.exceptions.RedisError as error:
        return str(error) or type(error).__name__


@contextmanager
def start_redis(binary: Optional[str] = None) -> Iterator[Redis]:
    """A throwaway redis-server on a free port of 127.0.0.1, nothing saved to disk; stopped and
    removed on leaving."""
    binary = binary or shutil.which("redis-server")
    if not binary:
        raise ServiceError(INSTALL_REDIS)
    folder = Path(tempfile.mkdtemp(prefix="test-redis-"))
    log = folder / "server.log"
    port = free_port()
    url = f"redis://127.0.0.1:{port}"
    process = None
    try:
        with log.open("w") as out:
            process = subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", str(folder)], cwd=folder, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_SECONDS
        while (why := _ping(url)) is not None:
            if process.poll() is not None or time.monotonic() > deadline:
                raise ServiceError(f"the throwaway redis-server did not start ({why}){log_tail(log)}")
            time.sleep(0.1)
        yield Redis(url, throwaway=True)
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)


def check_redis(url: str, variable: str = "TEST_REDIS_URL") -> Redis:
    why = _ping(url)
    if why is not None:
        raise ServiceError(f"{variable}={shown(url)}: Redis does not answer there ({why}). Start that server or "
                           f"correct the URL, or {UNSET_HINT.format(variable=variable)}")
    return Redis(replace_url(url, path=""))


# -- Chromium -----------------------------------------------------------------------------------
def chromium() -> Path:
    """The browser for tests/web: $CHROMIUM, else `chromium` on PATH."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not path:
        raise ServiceError(f"Chromium is not installed (no `chromium` on PATH, CHROMIUM unset): {INSTALL_CHROMIUM}")
    if not os.access(path, os.X_OK):
        raise ServiceError(f"CHROMIUM={path} is not a program: {INSTALL_CHROMIUM}")
    return Path(path)
