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
