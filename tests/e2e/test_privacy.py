"""What is stored: personal identifiers are masked in the tracker store."""
from __future__ import annotations

import json
import uuid

import pytest
import requests

pytestmark = pytest.mark.servers


def test_personal_identifiers_are_masked_in_the_stored_conversation(server):
    sender = f"privacy-{uuid.uuid4().hex[:8]}"
    text = "my name is Jane Smith, jane.smith@example.com, 07700 900123, itchy red bumps on my back"
    response = requests.post(f"{server['base']}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30)
    assert response.status_code == 200 and response.json()
    tracker = requests.get(f"{server['base']}/conversations/{sender}/tracker", params={"token": server["token"]}, timeout=10).json()
    stored = json.dumps(tracker)
    assert "jane.smith@example.com" not in stored and "07700 900123" not in stored and "Jane Smith" not in stored
    user_texts = [e["text"] for e in tracker["events"] if e["event"] == "user"]
    assert user_texts == ["my name is [name], [email], [phone], itchy red bumps on my back"]
    # the bot still understood the symptoms in the original message
    assert tracker["slots"]["interview"]["evidence"].get("itching") == "present"


def test_symptoms_and_dates_are_stored_as_typed(server):
    sender = f"privacy-{uuid.uuid4().hex[:8]}"
    text = "this is really itchy, red bumps on my back since 12/03/2025, 38.5 degrees this morning"
    response = requests.post(f"{server['base']}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30)
    assert response.status_code == 200 and response.json()
    tracker = requests.get(f"{server['base']}/conversations/{sender}/tracker", params={"token": server["token"]}, timeout=10).json()
    assert [e["text"] for e in tracker["events"] if e["event"] == "user"] == [text]


def test_delete_my_data_erases_the_stored_conversation_after_confirmation(server):
    sender = f"erase-{uuid.uuid4().hex[:8]}"

    def say(text):
        response = requests.post(f"{server['base']}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30)
        assert response.status_code == 200
        return response.json()

    def stored_user_texts():
        tracker = requests.get(f"{server['base']}/conversations/{sender}/tracker", params={"token": server["token"]}, timeout=10).json()
        return [e["text"] for e in tracker["events"] if e["event"] == "user"]

    say("itchy red bumps on my lower back")
    replies = say("please delete my data")
    assert "cannot be undone" in replies[0]["text"] and replies[0]["buttons"]
    say("no")  # keeps everything
    assert "itchy red bumps on my lower back" in stored_user_texts()
    say("delete my data")
    replies = say("/affirm")
    assert "erased" in replies[0]["text"]
    assert stored_user_texts() == []
    # a new conversation starts cleanly afterwards
    replies = say("rough bumps on my upper arms and back for years")
    assert replies and stored_user_texts() == ["rough bumps on my upper arms and back for years"]


def test_logs_carry_no_message_text_by_default(server):
    secret = f"zebra-{uuid.uuid4().hex[:6]} itchy bumps"
    requests.post(f"{server['base']}/webhooks/rest/webhook", json={"sender": "log-check", "message": secret}, timeout=30)
    assert secret not in server.log.read_text()
