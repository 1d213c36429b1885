"""The summary for a doctor in the actions: beside the assessment, and "Get a summary for your doctor"."""
from __future__ import annotations

import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import FINISH_FIRST, SLOT, SUMMARY_BUTTON, ActionGetSummary, ActionInterview
from symptomchecker import links

ASSESSED = {
    "evidence": {"itching": "present", "itching_worse_at_night": "present", "household_itchy": "present",
                 "location_lower_back": "present", "duration_weeks": "present", "fever": "absent"},
    "asked": ["fever", "duration"], "pending": None, "raised": [], "assessed": True,
}
FIRST = "itchy bumps on my lower back, worse at night. my name is Priya, mail priya@example.org"


def tracker(text, intent, interview, channel="rest", entities=()):
    events = [
        {"event": "user", "text": "hi", "parse_data": {"intent": {"name": "greet"}}, "input_channel": channel, "timestamp": 1},
        {"event": "user", "text": FIRST, "parse_data": {"intent": {"name": "describe_symptoms"}, "entities": []},
         "input_channel": channel, "timestamp": 2},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": intent}}, "input_channel": channel, "timestamp": 3},
    ]
    return Tracker.from_dict({
        "sender_id": "+15551234567", "slots": {SLOT: interview}, "events": events,
        "latest_message": {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": list(entities)},
        "paused": False, "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen",
    })


def run(action, tracker, with_slot=False):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    slot = next(e["value"] for e in events if e["event"] == "slot" and e["name"] == SLOT)
    return (dispatcher.messages, slot) if with_slot else dispatcher.messages


@pytest.fixture(autouse=True)
def secret(monkeypatch):
    monkeypatch.setenv("SUMMARY_LINK_SECRET", "test secret")
    monkeypatch.setenv("RASA_PUBLIC_URL", "https://bot.example.org/")


def test_the_assessment_carries_the_summary_and_offers_it(checker):
    slot = dict(ASSESSED, assessed=False, pending="hot_tub_pool", asked=["fever", "duration", "hot_tub_pool"])
    for _ in range(12):
        messages, slot = run(ActionInterview(), tracker("not sure", "unsure", slot), with_slot=True)
        if slot["assessed"]:
            break
    assessment = messages[-1]
    assert "assessment" in assessment["custom"]
    data = assessment["custom"]["summary"]
    assert data["causes"][0]["name"] == assessment["custom"]["assessment"]["conditions"][0]["name"]
    assert "itching that is worse at night" in data["findings"]["present"]
    assert "Priya" not in data["description"] and "example.org" not in data["description"]
    assert data["description"].startswith("itchy bumps on my lower back")
    assert SUMMARY_BUTTON in assessment["buttons"]


def test_a_summary_before_the_assessment_asks_to_finish_first():
    mid = dict(ASSESSED, assessed=False, pending="fever")
    messages = run(ActionGetSummary(), tracker("/get_summary", "get_summary", mid))
    assert messages[0]["text"] == FINISH_FIRST
    assert messages[-1]["buttons"], "the question waiting for its answer is asked again"
    assert not any((m.get("custom") or {}).get("summary_pdf") for m in messages)


def test_on_rest_the_summary_comes_with_a_pdf_link_for_this_conversation():
    messages = run(ActionGetSummary(), tracker("/get_summary", "get_summary", ASSESSED))
    (message,) = messages
    url = message["custom"]["summary_pdf"]["url"]
    assert url in message["text"] and "24 hours" in message["text"]
    token = re.fullmatch(r"https://bot\.example\.org/summary/([A-Za-z0-9_-]+)\.pdf", url).group(1)
    assert links.read_token(token).conversation_id == "+15551234567"
    assert message["custom"]["summary"]["triage"]["title"] in message["text"]
    assert "Priya" not in message["text"]


@pytest.mark.parametrize("channel, limit", [("telegram", 4096), ("slack", 3000), ("facebook", 2000), ("twilio", 1600)])
def test_on_a_messaging_channel_the_summary_is_one_message_within_its_limit(channel, limit):
    flagged = dict(ASSESSED, raised=["sudden_large_swelling"])
    flagged["evidence"] = dict(ASSESSED["evidence"], sudden_large_swelling="present")
    messages = run(ActionGetSummary(), tracker("/get_summary", "get_summary", flagged, channel))
    (message,) = messages
    assert len(message["text"]) <= limit
    assert "not a diagnosis" in message["text"] and "Warning sign" in message["text"]
    if channel == "twilio":
        assert not message.get("custom"), "no JSON and no link by SMS / WhatsApp"
    else:  # the output channel sends the PDF as a file (tests/channels/test_channels.py)
        assert set(message["custom"]) == {"summary_pdf"}, "no summary data on a messaging platform"
        url = message["custom"]["summary_pdf"]["url"]
        token = re.fullmatch(r"https://bot\.example\.org/summary/([A-Za-z0-9_-]+)\.pdf", url).group(1)
        assert links.read_token(token).conversation_id == "+15551234567"
