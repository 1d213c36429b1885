"""The socket.io channel (rasa-webchat's protocol) with a real socket.io client (python-socketio),
through a whole conversation to the assessment: the text arrives as Rasa sends it and the
`custom` payload as its own `bot_uttered` event (docs/payload.md)."""
from __future__ import annotations

import asyncio
import uuid

import pytest

pytestmark = pytest.mark.servers

DESCRIPTION = "itchy rash on my lower back, worse at night, my partner itches too"  # a question, then scabies


async def converse(base: str, opening: str, max_events: int = 60):
    """Open a session, say `opening`, answer each question with its first choice (No for a yes / no
    question), until a `custom` payload with an assessment arrives. Returns every bot_uttered event."""
    import socketio

    client = socketio.AsyncClient()
    events: asyncio.Queue = asyncio.Queue()
    client.on("bot_uttered", lambda data: events.put_nowait(data))
    session = f"sio-{uuid.uuid4().hex[:8]}"
    await client.connect(base, transports=["polling"], wait_timeout=10)
    seen = []
    try:
        await client.emit("session_request", {"session_id": session})
        await client.emit("user_uttered", {"message": opening, "session_id": session})
        while len(seen) < max_events:
            event = await asyncio.wait_for(events.get(), timeout=30)
            seen.append(event)
            if (event.get("custom") or {}).get("assessment"):
                return seen
            choices = [q["payload"] for q in event.get("quick_replies") or []]
            if choices:
                answer = "/deny" if "/deny" in choices else choices[0]
                await client.emit("user_uttered", {"message": answer, "session_id": session})
        raise AssertionError(f"no assessment after {max_events} events: {seen}")
    except asyncio.TimeoutError:
        raise AssertionError(f"the bot fell silent; events so far: {seen}") from None
    finally:
        await client.disconnect()


def test_a_socketio_client_gets_the_whole_assessment(server):
    events = asyncio.run(converse(server["base"], DESCRIPTION))
    assert any(e.get("quick_replies") for e in events), "at least one question with its choices"
    payload = events[-1]
    assert set(payload) == {"custom"}, payload  # its own event: rasa-webchat's customComponent gets it
    assessment = payload["custom"]["assessment"]
    assert assessment["triage"] in {"self_care", "see_doctor", "urgent", "emergency"}
    assert assessment["conditions"][0]["id"] == "scabies"
    assert set(assessment["advice"]) == {"what_to_do", "self_care", "see_doctor_if", "red_flag_advice"}
    texts = [e["text"] for e in events if e.get("text") and "custom" not in e]  # what rasa-webchat shows as text
    assert any(t.startswith("Most likely causes:") for t in texts), texts
    assert "unexpected keyword argument" not in server.log.read_text()


def test_a_socketio_client_gets_an_alerts_payload(server):
    """A red flag in the middle of the interview: its `alert` payload follows its text."""
    import socketio

    async def chat():
        client = socketio.AsyncClient()
        events: asyncio.Queue = asyncio.Queue()
        client.on("bot_uttered", lambda data: events.put_nowait(data))
        session = f"sio-{uuid.uuid4().hex[:8]}"
        await client.connect(server["base"], transports=["polling"], wait_timeout=10)
        try:
            await client.emit("session_request", {"session_id": session})
            await client.emit("user_uttered", {"message": "a painful lump on my back that suddenly swelled up huge",
                                               "session_id": session})
            seen = []
            while not any(e.get("custom") for e in seen):
                seen.append(await asyncio.wait_for(events.get(), timeout=30))
            return seen
        finally:
            await client.disconnect()

    events = asyncio.run(chat())
    assert events[-1] == {"custom": {"alert": {"triage": "urgent", "red_flags": ["sudden_large_swelling"]}}}
    assert events[0]["text"].startswith("URGENT")
