"""The tracker store's prebuilt statements read and count the same events as Rasa's own
SQLTrackerStore (its `_event_query`): the latest session's, in order, masked as stored."""
from __future__ import annotations

import asyncio

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from storage.tracker_store import MaskingSQLTrackerStore

DOMAIN = Domain.from_dict({"slots": {"interview": {"type": "any", "mappings": [{"type": "custom"}]}}})


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return MaskingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "conversations.db"))


def turn(text, start):
    return [
        UserUttered(text, {"name": "describe_symptoms", "confidence": 0.9}, timestamp=start),
        SlotSet("interview", {"asked": ["itching"]}, timestamp=start + 0.1),
        ActionExecuted("action_listen", timestamp=start + 0.2),
    ]


def test_the_latest_session_is_read_and_counted_as_rasa_does(store):
    first = [SessionStarted(timestamp=100.0)] + turn("spots, my name is Priya", 101.0) + turn("yes", 102.0)
    tracker = DialogueStateTracker.from_events("amy", first, DOMAIN.slots)
    asyncio.run(store.save(tracker))
    for events in (turn("no", 103.0), [SessionStarted(timestamp=200.0)] + turn("itchy again", 201.0)):
        tracker = asyncio.run(store.retrieve("amy"))
        for event in events:
            tracker.update(event)
        asyncio.run(store.save(tracker))
        ours = [e.as_dict() for e in asyncio.run(store.retrieve("amy")).events]
        rasas = [e.as_dict() for e in asyncio.run(SQLTrackerStore.retrieve(store, "amy")).events]
        assert ours == rasas
        with store.session_scope() as session:
            assert session.execute(store._latest_session_count, {"sender": "amy"}).scalar() == (
                store._event_query(session, "amy", fetch_events_from_all_sessions=False).count()
            )
    texts = [e["text"] for e in ours if e["event"] == "user"]
    assert texts == ["itchy again"]  # only the latest session
    full = asyncio.run(store.retrieve_full_tracker("amy"))  # every session, still masked
    assert len([e for e in full.events if isinstance(e, UserUttered)]) == 4
    assert "Priya" not in str([e.as_dict() for e in full.events])

def test_an_unknown_conversation_is_none(store):
    assert asyncio.run(store.retrieve("nobody")) is None
