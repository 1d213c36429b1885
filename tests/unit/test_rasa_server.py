"""scripts/rasa_server.py: the action server's responses are still validated, only faster."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def patched(monkeypatch):
    spec = importlib.util.spec_from_file_location("rasa_server", ROOT / "scripts" / "rasa_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(RemoteAction, "_validate_action_result", RemoteAction._validate_action_result)
    module.cache_action_response_validator()
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
