"""What a person reads when the bot cannot answer: never silence, never an error page.

Rasa swallows a failing custom action (the action server is down, or timed out): the turn ends
with no bot message at all, and the person would wait for an answer that never comes. A failing
tracker or lock store (PostgreSQL or Redis unreachable) raises instead. Every channel of this
project hands its messages to ``answer_or_apologise``, which sends ``UNAVAILABLE`` in both
cases. The person's message is stored whenever the stores are up, and the interview resumes
where it was once the failing part is back.
"""
from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import UserMessage

logger = logging.getLogger(__name__)

UNAVAILABLE = (
    "Sorry, I can't answer right now: part of this service is temporarily unavailable. "
    "Please try again in a minute. If you are worried about a serious symptom, don't wait: "
    "contact a doctor, or call your local emergency number (999, 911 or 112) in an emergency."
)


async def answer_or_apologise(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> bool:
    """Handle `message`; when the bot sent nothing (or handling failed) send UNAVAILABLE.

    Returns False when handling raised (the caller may want another status code)."""
    output = message.output_channel
    send_response = output.send_response
    sent = []

    async def counting(recipient_id: Text, bot_message: Dict[Text, Any]) -> None:
        sent.append(bot_message)
        await send_response(recipient_id, bot_message)

    output.send_response = counting  # type: ignore[method-assign]
    handled = True
    try:
        await on_new_message(message)
    except Exception:
        handled = False
        logger.exception("handling a message failed (a store is probably unreachable)")
    finally:
        output.send_response = send_response  # type: ignore[method-assign]
    if not sent:
        if handled:
            logger.error("the bot sent no reply (the action server is probably unreachable)")
        try:
            await send_response(message.sender_id, {"text": UNAVAILABLE})
        except Exception:
            logger.exception("could not send the 'temporarily unavailable' message either")
    return handled
