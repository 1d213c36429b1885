"""Rasa's Telegram channel, reading better for the symptom checker.

Same URL (``/webhooks/telegram/webhook``) and credentials as Rasa's ``telegram`` channel
(``access_token``, ``verify`` = the bot's username, ``webhook_url``); differences:

- a question's buttons are an inline keyboard: in one row for up to 3 choices (Yes / No /
  Not sure), one per row for more (the age and duration options stay readable on a phone);
- a long text (the assessment) is sent as one message, or a few within Telegram's 4096
  characters, instead of one message per paragraph;
- the ``custom.assessment`` payload is not sent (the text says everything);
- the summary for a doctor (``custom.summary_pdf``) comes as a PDF document after its text:
  Telegram fetches it from the link (RASA_PUBLIC_URL must be reachable from the internet); if
  Telegram cannot, the link is sent as a message;
- Telegram's ``/start`` (the first thing every new user sends) gets the greeting, with its
  "not a doctor" and emergency notes;
- a webhook Telegram refuses at start-up is reported with the variables to check, not a trace.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from aiogram.utils.exceptions import TelegramAPIError
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput, TelegramOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint

from channels.text import fit, is_assessment, summary_pdf
from channels.unavailable import answer_or_apologise

LIMIT = 4096  # characters per Telegram message
PDF_CAPTION = "Summary for your doctor (PDF), to print or send"

logger = logging.getLogger(__name__)


class KeyboardTelegramOutput(TelegramOutput):
    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in fit(text, LIMIT):
            await self.send_message(recipient_id, part)

    async def send_text_with_buttons(
        self,
        recipient_id: Text,
        text: Text,
        buttons: List[Dict[Text, Any]],
        button_type: Optional[Text] = None,
        **kwargs: Any,
    ) -> None:
        *before, last = fit(text, LIMIT) or [""]
        for part in before:
            await self.send_message(recipient_id, part)
        button_type = button_type or ("inline" if len(buttons) <= 3 else "vertical")
        await super().send_text_with_buttons(recipient_id, last, buttons, button_type=button_type, **kwargs)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        url = summary_pdf(json_message)
        if url:
            try:
                await self.send_document(recipient_id, url, caption=PDF_CAPTION)
            except TelegramAPIError as error:
                logger.warning("channel telegram: could not send the summary PDF (%s); sending its link", error)
                await self.send_message(recipient_id, f"{PDF_CAPTION}: {url}")
        elif not is_assessment(json_message):
            await super().send_custom_json(recipient_id, json_message, **kwargs)


class KeyboardTelegramInput(TelegramInput):
    """``channels.telegram.KeyboardTelegramInput`` in credentials; name and URL ``telegram``."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def handle(message: UserMessage) -> None:
            if (message.text or "").split("@")[0] == "/start":
                message.text = "hello"
            await answer_or_apologise(on_new_message, message)

        return super().blueprint(handle)

    def get_output_channel(self) -> KeyboardTelegramOutput:
        channel = KeyboardTelegramOutput(self.access_token)

        async def set_webhook() -> None:
            try:
                await channel.set_webhook(url=self.webhook_url)
            finally:
                await channel.close()  # this loop ends here; the server's requests open a new session

        try:
            asyncio.run(set_webhook())
        except TelegramAPIError as error:
            raise RasaException(
                f"channel telegram: could not set the webhook with Telegram ({error}); check TELEGRAM_ACCESS_TOKEN, "
                f"that api.telegram.org is reachable, and that TELEGRAM_WEBHOOK_URL is this server's public HTTPS URL"
            ) from error
        return channel
