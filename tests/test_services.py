"""The tests' own PostgreSQL and Redis (tests/services.py) and the system programs `make install`
checks (scripts/system_deps.sh): no test relies on a server of the machine's, and whatever is
missing is named with the package that provides it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import psycopg2
import pytest
import redis

from tests import services
from tests.services import (ServiceError, check_postgres, check_redis, chromium, free_port, postgres_bin_dir,
                            start_postgres, start_redis)

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_DEPS = ROOT / "scripts" / "system_deps.sh"


# -- what is missing is named, with its package ----------------------------------------------------
def test_missing_postgresql_names_the_packages(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ServiceError, match=r"apt-get install postgresql`.*brew install postgresql@15"):
        postgres_bin_dir(search=[str(tmp_path / "*" / "bin")])


def test_missing_redis_server_names_the_packages(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ServiceError, match=r"apt-get install redis-server`.*brew install redis`"):
        with start_redis():
            pass


def test_missing_chromium_names_the_packages(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CHROMIUM", raising=False)
    with pytest.raises(ServiceError, match=r"apt-get install chromium`.*brew install --cask chromium`"):
        chromium()


def test_as_root_without_a_postgres_user_it_says_what_to_do(monkeypatch):
    def no_such_user(name):
        raise KeyError(name)

    monkeypatch.setattr(services.os, "geteuid", lambda: 0)
    monkeypatch.setattr(services.pwd, "getpwnam", no_such_user)
    with pytest.raises(ServiceError, match=r"refuses to run as root.*useradd --system .*TEST_DATABASE_URL"):
        services.unprivileged_user()


# -- servers named by TEST_DATABASE_URL / TEST_REDIS_URL that do not answer ------------------------
def test_a_configured_database_that_does_not_answer_is_named_without_its_password():
    url = f"postgresql://postgres:s3cret@127.0.0.1:{free_port()}/postgres"
    with pytest.raises(ServiceError) as error:
        check_postgres(url)
    message = str(error.value)
    assert message.startswith(f"TEST_DATABASE_URL={url.replace('s3cret', '***')}: PostgreSQL does not answer there")
    assert "s3cret" not in message and "unset TEST_DATABASE_URL" in message


def test_a_configured_redis_that_does_not_answer_is_named():
    url = f"redis://127.0.0.1:{free_port()}/0"
    with pytest.raises(ServiceError) as error:
        check_redis(url)
    assert str(error.value).startswith(f"TEST_REDIS_URL={url}: Redis does not answer there")
    assert "unset TEST_REDIS_URL" in str(error.value)


# -- the throwaway servers --------------------------------------------------------------------------
@pytest.mark.stores
def test_a_throwaway_postgresql_runs_in_a_temporary_folder_on_its_own_port_and_is_removed():
    with start_postgres() as server:
        assert server.throwaway and urlsplit(server.url).port != 5432
        with psycopg2.connect(server.url) as connection, connection.cursor() as cursor:
            cursor.execute("SHOW data_directory")
            data = Path(cursor.fetchone()[0])
        connection.close()
        assert data.name == "data" and data.parent.name.startswith("test-postgres-") and data.exists()
    assert not data.parent.exists()
    with pytest.raises(psycopg2.OperationalError):
        psycopg2.connect(server.url, connect_timeout=2)


@pytest.mark.stores
def test_a_throwaway_redis_saves_nothing_and_is_stopped():
    with start_redis() as server:
        client = redis.Redis.from_url(server.url(0))
        assert urlsplit(server.url(0)).port != 6379
        assert client.config_get("save") == {"save": ""} and client.config_get("appendonly") == {"appendonly": "no"}
        folder = Path(client.config_get("dir")["dir"])
        assert folder.name.startswith("test-redis-")
    assert not folder.exists()
    with pytest.raises(redis.exceptions.ConnectionError):
        redis.Redis.from_url(server.url(0), socket_connect_timeout=2).ping()


# -- scripts/system_deps.sh, as `make install`, `make run` and `make test` call it ----------------
def system_deps(mode: str, bin_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """The script with only `bin_dir` on PATH (plus getent, which it uses)."""
    getent = shutil.which("getent")
    if getent and not (bin_dir / "getent").exists():
        (bin_dir / "getent").symlink_to(getent)
    return subprocess.run(["/bin/bash", str(SYSTEM_DEPS), mode], env={"PATH": str(bin_dir), **env},
                          capture_output=True, text=True, timeout=60)


def test_system_deps_lists_every_missing_program_with_its_package_when_it_cannot_install(tmp_path):
    done = system_deps("test", tmp_path)
    assert done.returncode == 1
    assert "not installed automatically: apt-get is not available" in done.stderr
    for line in ["python3.10", "apt-get install python3.10 python3.10-venv", "apt-get install curl",
                 "redis-server", "apt-get install redis-server; macOS: brew install redis",
                 "chromium", "apt-get install chromium; macOS: brew install --cask chromium"]:
        assert line in done.stderr


def test_servers_named_for_the_tests_need_no_binaries_of_their_own(tmp_path):
    done = system_deps("test", tmp_path, TEST_DATABASE_URL="postgresql://postgres@db:5432/postgres",
                       TEST_REDIS_URL="redis://cache:6379")
    assert done.returncode == 1 and "chromium" in done.stderr
    assert "redis-server" not in done.stderr and "PostgreSQL" not in done.stderr and "postgres' user" not in done.stderr


def test_make_run_needs_none_of_the_test_programs(tmp_path):
    done = system_deps("run", tmp_path)
    assert done.returncode == 1
    assert "python3.10" in done.stderr and "curl" in done.stderr
    assert "redis" not in done.stderr and "chromium" not in done.stderr and "PostgreSQL" not in done.stderr


FAKE_APT_GET = """#!{python}
import os, sys
with open(os.environ["APT_LOG"], "a") as log:
    log.write(" ".join(sys.argv[1:]) + "\\n")
provides = {{"python3.10": ["python3.10"], "curl": ["curl"], "postgresql": ["initdb", "pg_ctl"],
            "redis-server": ["redis-server"], "chromium": ["chromium"]}}
if sys.argv[1] == "install":
    for package in sys.argv[2:]:
        for program in provides.get(package, []):
            path = os.path.join({bin!r}, program)
            with open(path, "w") as stub:
                stub.write("#!/bin/sh\\nexit 0\\n")
            os.chmod(path, 0o755)
"""


def test_system_deps_installs_what_is_missing_with_apt_get(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("apt-get", "apt-cache", "sudo", "getent"):
        (bin_dir / name).write_text(FAKE_APT_GET.format(python=sys.executable, bin=str(bin_dir)))
        (bin_dir / name).chmod(0o755)
    (bin_dir / "sudo").write_text('#!/bin/sh\nexec "$@"\n')  # where the tests do not run as root
    (bin_dir / "getent").write_text("#!/bin/sh\nexit 0\n")  # a `postgres` user exists
    done = system_deps("test", bin_dir, APT_LOG=str(tmp_path / "apt.log"))
    assert done.returncode == 0, done.stderr
    installs = [line for line in (tmp_path / "apt.log").read_text().splitlines() if line.startswith("install")]
    assert len(installs) == 1
    assert {"python3.10", "python3.10-venv", "curl", "redis-server", "chromium"} <= set(installs[0].split())
    assert "installing with apt-get" in done.stdout
    assert os.access(bin_dir / "chromium", os.X_OK)
