"""GET /summary/<token>.pdf (channels/summary.py), on a Sanic app registered as Rasa registers
channels, over the project's own tracker store (SQLite): every token case, erasure and purge."""
from __future__ import annotations

import asyncio
import io
import time
from types import SimpleNamespace

import pytest
from pypdf import PdfReader
from rasa.core.channels.channel import register
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Sanic

from channels.summary import SummaryLinkInput
from storage.purge import purge
from storage.tracker_store import MaskingSQLTrackerStore
from symptomchecker.links import make_token

ASSESSED = {"evidence": {"itching": "present", "itching_worse_at_night": "present", "household_itchy": "present",
                         "fever": "absent"}, "asked": ["fever"], "pending": None, "raised": [], "assessed": True}
FIRST = "itchy bumps at night, my name is Priya, call +44 20 7946 0958"


@pytest.fixture
def setup(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARY_LINK_SECRET", "route test secret")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    store = MaskingSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "conversations.db"))
    app = Sanic(f"summary_test_{id(store)}")
    app.ctx.agent = SimpleNamespace(tracker_store=store)
    register([SummaryLinkInput()], app, route="/webhooks/")
    return app, store


def save(store, sender, interview, start, first=FIRST):
    events = [
        UserUttered(first, {"name": "describe_symptoms", "confidence": 0.9}, timestamp=start),
        SlotSet("interview", interview, timestamp=start + 1),
    ]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def get(app, token):
    _, result = app.test_client.get(f"/summary/{token}.pdf")
    return result


def test_a_valid_link_gives_the_pdf_without_any_api_token(setup):
    app, store = setup
    now = time.time()
    save(store, "alice", ASSESSED, now - 100)
    result = get(app, make_token("alice"))
    assert result.status == 200 and result.headers["content-type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(result.body)).pages[0].extract_text().split())
    assert "itching that is worse at night" in text and "not a diagnosis" in text
    assert "Priya" not in text and "7946" not in text


@pytest.mark.parametrize("token", ["nonsense", "gAAAAABfake", "alice", ""])
def test_a_forged_link_is_403(setup, token):
    app, store = setup
    save(store, "alice", ASSESSED, time.time() - 100)
    result = get(app, token)
    assert result.status == 403 and "not valid" in result.text and b"%PDF" not in result.body


def test_nothing_else_is_reachable_under_summary(setup):
    app, store = setup
    save(store, "alice", ASSESSED, time.time() - 100)
    token = make_token("alice")
    for path in (f"/summary/{token}", f"/summary/{token}.json", "/summary/../conversations/alice/tracker", "/summary/"):
        _, result = app.test_client.get(path)
        assert result.status in (403, 404) and b"%PDF" not in result.body and b"itching" not in result.body


def test_an_altered_link_is_403(setup):
    app, store = setup
    save(store, "alice", ASSESSED, time.time() - 100)
    token = make_token("alice")
    assert get(app, token[:20] + ("A" if token[20] != "A" else "B") + token[21:]).status == 403


def test_an_expired_link_is_410(setup):
    app, store = setup
    save(store, "alice", ASSESSED, time.time() - 30 * 3600)
    result = get(app, make_token("alice", now=time.time() - 25 * 3600))
    assert result.status == 410 and "expired" in result.text


def test_before_the_assessment_finish_the_questions_first(setup):
    app, store = setup
    save(store, "bob", dict(ASSESSED, assessed=False, pending="fever"), time.time() - 100)
    result = get(app, make_token("bob"))
    assert result.status == 409 and "finish the questions first" in result.text


def test_erasing_the_conversation_ends_its_links(setup):
    app, store = setup
    now = time.time()
    save(store, "carol", ASSESSED, now - 100)
    token = make_token("carol", now=now - 50)
    assert get(app, token).status == 200
    # "delete my data": every event before the marker goes; the person starts again and is assessed
    tracker = asyncio.run(store.retrieve_full_tracker("carol"))
    tracker.update(SlotSet("interview", {"erase_conversation": True}, timestamp=now - 10))
    asyncio.run(store.save(tracker))
    save(store, "carol", ASSESSED, now - 5, first="a new description")
    result = get(app, token)
    assert result.status == 410 and "deleted" in result.text


def test_a_purged_conversation_ends_its_links(setup):
    app, store = setup
    now = time.time()
    save(store, "dave", ASSESSED, now - 100)
    token = make_token("dave", now=now - 50)
    assert purge(store, days=0) == 1
    assert get(app, token).status == 410
