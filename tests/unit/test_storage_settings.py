"""DATABASE_URL and REDIS_URL are read correctly, and bad ones are named clearly."""
from __future__ import annotations

import pytest

from storage.lock_store import EnvironmentLockStore, redis_settings
from storage.tracker_store import database_settings


def test_database_url():
    settings = database_settings("postgresql://bot:s%40cret@db.example:6543/conversations?sslmode=require")
    assert settings == {
        "dialect": "postgresql", "host": "db.example", "port": 6543, "db": "conversations",
        "username": "bot", "password": "s@cret", "query": {"sslmode": "require"},
    }


@pytest.mark.parametrize("url", ["mysql://x@h/db", "postgresql://host-only", "not a url"])
def test_bad_database_url_is_named(url):
    with pytest.raises(ValueError, match="DATABASE_URL"):
        database_settings(url)


def test_redis_url():
    assert redis_settings("rediss://:pw@cache:6380/2") == {
        "host": "cache", "port": 6380, "db": 2, "username": None, "password": "pw", "use_ssl": True,
    }
    with pytest.raises(ValueError, match="REDIS_URL"):
        redis_settings("http://cache:6379")


def test_lock_store_follows_the_environment(monkeypatch):
    from storage.lock_store import AtomicRedisLockStore, InProcessLockStore

    monkeypatch.delenv("REDIS_URL", raising=False)
    assert isinstance(EnvironmentLockStore(), InProcessLockStore)
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/3")
    assert isinstance(EnvironmentLockStore(), AtomicRedisLockStore)


def test_the_embedded_sqlite_store_writes_ahead(tmp_path, monkeypatch):
    """SQLite in write-ahead-log mode: a turn's commit appends to the log instead of syncing a
    rollback journal (bench: the embedded default's latency)."""
    from storage.tracker_store import MaskingSQLTrackerStore

    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = MaskingSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "conversations.db"))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
