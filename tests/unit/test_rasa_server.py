"""scripts/rasa_server.py: the action server's responses are still validated, only faster."""
from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from tests.modules import load

ROOT = Path(__file__).resolve().parents[2]


def _server_module():
    return load("scripts/rasa_server.py", "rasa_server")


@pytest.fixture
def patched(monkeypatch):
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    _server_module().cache_action_response_validator()
    return RemoteAction("action_interview", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_a_valid_response_passes(patched):
    assert patched._validate_action_result({"events": [{"event": "slot", "name": "interview", "value": {"a": 1}}],
                                            "responses": [{"text": "Do the bumps itch?"}]})


@pytest.mark.parametrize("bad", [
    {"events": "not a list"},
    {"events": [{"no_event_key": 1}]},
    {"responses": "not a list"},
])
def test_an_invalid_response_is_still_refused_with_rasas_message(patched, bad):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        patched._validate_action_result(bad)


@pytest.fixture
def server_module(monkeypatch):
    from rasa.shared.core.events import Event

    monkeypatch.setattr(Event, "resolve_by_type", Event.resolve_by_type)  # restored after the test
    return _server_module()


def test_events_read_with_remembered_classes_are_the_same(server_module):
    from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered, deserialise_events

    stored = [
        UserUttered("itchy bumps", {"name": "describe_symptoms", "confidence": 0.9}, timestamp=1.0).as_dict(),
        SlotSet("interview", {"asked": ["itching"]}, timestamp=2.0).as_dict(),
        ActionExecuted("action_listen", timestamp=3.0).as_dict(),
    ]
    before = deserialise_events(stored)
    server_module.cache_event_classes()
    assert deserialise_events(stored) == before and deserialise_events(stored) == before
    assert [type(e) for e in deserialise_events(stored)] == [UserUttered, SlotSet, ActionExecuted]
    # unknown names behave as in Rasa: the default if given, else an error
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("topic", default=SlotSet) is None  # old TopicSet events are skipped
