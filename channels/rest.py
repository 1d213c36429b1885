"""Rasa's REST channel, keeping each bot message whole.

Rasa's stock REST channel splits a message's text at blank lines and sends its ``custom``
payload as a separate list item. ``shared/interfaces.md`` promises that the assessment's text
and its ``custom.assessment`` arrive as ONE message, so this channel (same URL,
``POST /webhooks/rest/webhook``, same request and response shape) collects every bot message
as a single object: ``{"recipient_id", "text", "buttons"?, "custom"?, "image"?}``.

It also guards the door: a malformed request gets a clear 400 instead of an error page; control
characters (NUL and friends) are removed from the message; a message longer than
``MAX_MESSAGE_CHARS`` is cut there (the bot reads descriptions, not essays); a sender id longer
than ``MAX_SENDER_CHARS`` is refused. When the bot cannot answer (action server or a store
down) the person reads ``channels.unavailable.UNAVAILABLE`` (status 503 if a store failed).
"""

from __future__ import annotations

import re
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.unavailable import answer_or_apologise

MAX_MESSAGE_CHARS = 5000
MAX_SENDER_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MESSAGE_KEYS = ("text", "buttons", "quick_replies", "image", "attachment", "elements", "custom")


class WholeMessageOutput(CollectingOutputChannel):
    """Collects each bot message as one JSON object (text, buttons and custom payload together)."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        collected: Dict[Text, Any] = {"recipient_id": recipient_id}
        for key in MESSAGE_KEYS:
            if message.get(key):
                collected[key] = message[key]
        if len(collected) > 1:
            self.messages.append(collected)


def clean_text(text: str) -> str:
    """The message as the bot reads it: no control characters, at most MAX_MESSAGE_CHARS."""
    return _CONTROL.sub(" ", text)[:MAX_MESSAGE_CHARS]


def bad_request(reason: str) -> HTTPResponse:
    return response.json({"error": "bad_request", "reason": reason}, status=400)


class WholeMessageRestInput(RestInput):
    """``rest`` channel: POST /webhooks/rest/webhook {"sender": "...", "message": "..."}."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = request.json
            except Exception:  # sanic raises on a body that is not JSON
                return bad_request('the body must be JSON: {"sender": "<id>", "message": "<text>"}')
            if not isinstance(body, dict):
                return bad_request('the body must be a JSON object: {"sender": "<id>", "message": "<text>"}')
            sender, text = body.get("sender"), body.get("message")
            if not isinstance(sender, str) or not sender.strip():
                return bad_request("'sender' must be a non-empty string")
            if len(sender) > MAX_SENDER_CHARS:
                return bad_request(f"'sender' must be at most {MAX_SENDER_CHARS} characters")
            if not isinstance(text, str):
                return bad_request("'message' must be a string")
            text = clean_text(text)
            metadata: Optional[Dict[Text, Any]] = (
                body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            )
            collector = WholeMessageOutput()
            message = UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata)
            handled = await answer_or_apologise(on_new_message, message)
            return response.json(collector.messages, status=200 if handled else 503)

        return webhook
