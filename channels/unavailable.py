"""What a person reads when the bot cannot answer: never silence, never a misleading answer.

Three failures would otherwise reach the person badly:
- the action server is down or times out: Rasa swallows the error and the turn ends with no
  bot message at all;
- the lock store (Redis) is unreachable: the message handling raises;
- the tracker store (PostgreSQL) is unreachable: Rasa's FailSafeTrackerStore reads the
  conversation as a new one and answers from that, ignoring the interview so far
  (``storage.outage`` records it).
Every channel of this project hands its messages to ``answer_or_apologise``, which holds the
turn's bot messages back until the turn is over and sends ``UNAVAILABLE`` instead in all three
cases. The interview resumes where it was once the failing part is back.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, List, Text

from rasa.core.channels.channel import UserMessage

from storage import outage

logger = logging.getLogger(__name__)

UNAVAILABLE = (
    "Sorry, I can't answer right now: part of this service is temporarily unavailable. "
    "Please try again in a minute. If you are worried about a serious symptom, don't wait: "
    "contact a doctor, or call your local emergency number (999, 911 or 112) in an emergency."
)


async def answer_or_apologise(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> bool:
    """Handle `message` and send the bot's replies, or UNAVAILABLE when the bot could not answer
    properly. Returns False when a store failed (the REST channel answers 503 then)."""
    output = message.output_channel
    send_response = output.send_response
    held: List[Dict[Text, Any]] = []

    async def hold(recipient_id: Text, bot_message: Dict[Text, Any]) -> None:
        held.append(bot_message)

    output.send_response = hold
    handled = True
    with outage.watching() as failures:
        try:
            await on_new_message(message)
        except Exception:
            handled = False
            logger.exception("handling a message failed (the lock store is probably unreachable)")
        finally:
            output.send_response = send_response
    if failures:
        handled = False
        logger.error("a store failed while handling a message: %s", "; ".join(failures))
    if handled and held:
        for bot_message in held:
            await send_response(message.sender_id, bot_message)
        return True
    if handled:
        logger.error("the bot sent no reply (the action server is probably unreachable)")
    await send_response(message.sender_id, {"text": UNAVAILABLE})
    return handled
