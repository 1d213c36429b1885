"""Retention: conversations older than N days are deleted whole, newer ones kept."""
from __future__ import annotations

import asyncio
import time

import pytest
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from storage.purge import purge
from storage.tracker_store import MaskingSQLTrackerStore
from tests.servers import scratch_database


def store_conversation(store, sender, age_days):
    when = time.time() - age_days * 86400
    events = [ActionExecuted("action_listen", timestamp=when), UserUttered("itchy bumps", timestamp=when + 1)]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def senders(store):
    with store.session_scope() as session:
        return sorted({row.sender_id for row in session.query(store.SQLEvent)})


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.stores)])
def store(request, tmp_path, monkeypatch):
    """The store `make purge` uses: the SQLite file by default, PostgreSQL with DATABASE_URL."""
    if request.param == "sqlite":
        monkeypatch.delenv("DATABASE_URL", raising=False)
        yield MaskingSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "conversations.db"))
        return
    with scratch_database(request.getfixturevalue("postgres"), "symptomchecker_purge") as url:
        monkeypatch.setenv("DATABASE_URL", url)
        store = MaskingSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "unused.db"))
        assert store.engine.dialect.name == "postgresql"
        yield store
        store.engine.dispose()


def test_purge_deletes_only_old_conversations(store):
    store_conversation(store, "old", age_days=40)
    store_conversation(store, "recent", age_days=2)
    assert purge(store, days=30) == 1
    assert senders(store) == ["recent"]
    assert purge(store, days=30) == 0
