"""Rasa's socket.io channel, with the ``custom`` payload delivered.

Same socket.io path, events and credentials as Rasa's ``socketio`` channel (rasa-webchat's
protocol: ``session_request`` / ``session_confirm``, ``user_uttered`` / ``bot_uttered``). Rasa
3.6 sends a ``custom`` payload as keyword arguments of ``AsyncServer.emit``
(``emit("bot_uttered", assessment=..., room=...)``), which python-socketio refuses with a
TypeError: the assessment and the alerts never reached a socket.io client. Here the text goes
as Rasa sends it, and the payload follows as its own ``bot_uttered`` event,
``{"custom": {"assessment": ...}}`` (docs/payload.md): rasa-webchat hands such a message to its
``customComponent`` and shows the text as usual. When the bot cannot answer (the action server
or a store is down) the person reads ``channels.unavailable.UNAVAILABLE``, as on every channel.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from channels.unavailable import answer_or_apologise


class CustomPayloadSocketIOOutput(SocketIOOutput):
    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class CustomPayloadSocketIOInput(SocketIOInput):
    """``socketio`` channel whose bot messages carry their ``custom`` payload."""

    def get_output_channel(self) -> Optional[CustomPayloadSocketIOOutput]:
        output = super().get_output_channel()
        return output and CustomPayloadSocketIOOutput(output.sio, output.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def handle(message: UserMessage) -> None:
            stock = message.output_channel  # Rasa's SocketIOOutput, made inside Rasa's handler
            message.output_channel = CustomPayloadSocketIOOutput(stock.sio, stock.bot_message_evt)
            # like every channel of the project: "temporarily unavailable", never silence
            await answer_or_apologise(on_new_message, message)

        return super().blueprint(handle)
