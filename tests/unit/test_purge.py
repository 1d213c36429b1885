"""Retention: conversations older than N days are deleted whole, newer ones kept."""
from __future__ import annotations

import asyncio
import time

from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from storage.purge import purge
from storage.tracker_store import MaskingSQLTrackerStore


def store_conversation(store, sender, age_days):
    when = time.time() - age_days * 86400
    events = [ActionExecuted("action_listen", timestamp=when), UserUttered("itchy bumps", timestamp=when + 1)]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def senders(store):
    with store.session_scope() as session:
        return sorted({row.sender_id for row in session.query(store.SQLEvent)})


def test_purge_deletes_only_old_conversations(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = MaskingSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "conversations.db"))
    store_conversation(store, "old", age_days=40)
    store_conversation(store, "recent", age_days=2)
    assert purge(store, days=30) == 1
    assert senders(store) == ["recent"]
    assert purge(store, days=30) == 0
