"""channels/socketio.py offline: what the socket.io server is asked to emit (python-socketio's own
AsyncServer.emit, which refused Rasa 3.6's keyword-argument payload). The whole channel with a
real client is tested in tests/e2e/test_socketio.py."""
from __future__ import annotations

import asyncio

import socketio

from channels.socketio import CustomPayloadSocketIOOutput


def emitted(message):
    sio = socketio.AsyncServer(async_mode="asgi")
    sent = []

    async def record(event, data, namespace, room=None, **kwargs):
        sent.append((event, data, room))

    sio.manager.emit = record
    asyncio.run(CustomPayloadSocketIOOutput(sio, "bot_uttered").send_response("room-1", message))
    return sent


def test_the_custom_payload_is_its_own_bot_uttered_event_after_the_text():
    payload = {"assessment": {"triage": "see_doctor", "conditions": []}}
    assert emitted({"text": "Here is what your answers point to.\n\nMost likely causes: ...", "custom": payload}) == [
        ("bot_uttered", {"text": "Here is what your answers point to."}, "room-1"),
        ("bot_uttered", {"text": "Most likely causes: ..."}, "room-1"),
        ("bot_uttered", {"custom": payload}, "room-1"),
    ]


def test_a_question_keeps_its_quick_replies():
    sent = emitted({"text": "Is there a fever?", "buttons": [{"title": "Yes", "payload": "/affirm"}]})
    assert sent == [("bot_uttered", {"text": "Is there a fever?", "quick_replies": [
        {"content_type": "text", "title": "Yes", "payload": "/affirm"}]}, "room-1")]


def test_a_turn_the_bot_cannot_answer_says_temporarily_unavailable_not_silence():
    """The action server down: Rasa ends the turn with no bot message. The socket.io channel, like
    the others, sends the 'temporarily unavailable' apology instead of silence."""
    from rasa.core.channels.channel import UserMessage
    from rasa.core.channels.socketio import SocketIOOutput

    from channels.socketio import CustomPayloadSocketIOInput
    from channels.unavailable import UNAVAILABLE

    sio = socketio.AsyncServer(async_mode="asgi")
    sent = []

    async def record(event, data, namespace, room=None, **kwargs):
        sent.append((event, data, room))

    sio.manager.emit = record
    handled = []

    async def on_new_message(message):  # what Rasa does when the action server cannot be reached
        handled.append(message.text)

    channel = CustomPayloadSocketIOInput()
    captured = {}
    import channels.socketio as module

    original = module.SocketIOInput.blueprint

    def capture(self, handler):
        captured["handle"] = handler
        return original(self, handler)

    module.SocketIOInput.blueprint = capture
    try:
        channel.blueprint(on_new_message)
    finally:
        module.SocketIOInput.blueprint = original
    message = UserMessage("itchy bumps", SocketIOOutput(sio, "bot_uttered"), "room-1", input_channel="socketio")
    asyncio.run(captured["handle"](message))
    assert handled == ["itchy bumps"]
    assert sent == [("bot_uttered", {"text": UNAVAILABLE}, "room-1")]
