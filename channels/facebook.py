"""Rasa's Facebook Messenger channel, reading better for the symptom checker.

Same URL (``/webhooks/facebook/webhook``) and credentials as Rasa's ``facebook`` channel
(``verify``, ``secret``, ``page-access-token``; Rasa's code refuses a request whose
``X-Hub-Signature`` does not match the app secret); differences:

- a question's choices are quick replies (chips under the question, at most 11, titles cut to
  Messenger's 20 characters). Rasa sends buttons as Messenger's button template, which takes at
  most 3 buttons: with more (the duration, location and age questions have 4 to 6 choices) it
  sends the question without any choice;
- a long text (the assessment) is sent as one message, or a few within Messenger's 2000
  characters, instead of one message per paragraph;
- the ``custom.assessment`` payload is not sent (Messenger would refuse it as a message);
- the summary for a doctor (``custom.summary_pdf``) comes as a file attachment after its text:
  Messenger fetches the PDF from the link (RASA_PUBLIC_URL must be reachable from the internet).
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, List, Text, Union

from fbmessenger import MessengerClient
from fbmessenger.attachments import File
from fbmessenger.elements import Text as FBText
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.facebook import FacebookInput, MessengerBot
from sanic import Blueprint

from channels.text import fit, is_assessment, summary_pdf
from channels.unavailable import answer_or_apologise

LIMIT = 2000  # characters per Messenger text message
MAX_QUICK_REPLIES = 11  # fbmessenger's limit (Messenger's is 13)
TITLE = 20  # characters of a quick reply's title


class QuickReplyMessengerBot(MessengerBot):
    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in fit(text, LIMIT):
            self.send(recipient_id, FBText(text=part))

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        *before, last = fit(text, LIMIT) or [""]
        for part in before:
            self.send(recipient_id, FBText(text=part))
        quick_replies = [
            {"title": str(b["title"])[:TITLE], "payload": b["payload"]} for b in buttons[:MAX_QUICK_REPLIES]
        ]
        await self.send_quick_replies(recipient_id, last, quick_replies)

    async def send_custom_json(
        self, recipient_id: Text, json_message: Union[List, Dict[Text, Any]], **kwargs: Any
    ) -> None:
        url = summary_pdf(json_message)
        if url:
            self.send(recipient_id, File(url=url))
        elif not is_assessment(json_message):
            await super().send_custom_json(recipient_id, json_message, **kwargs)


class QuickReplyFacebookInput(FacebookInput):
    """``channels.facebook.QuickReplyFacebookInput`` in credentials; name and URL ``facebook``."""

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        # Rasa's Messenger handler builds its own MessengerBot for each message: swap it for ours
        async def handle(message: UserMessage) -> None:
            message.output_channel = QuickReplyMessengerBot(message.output_channel.messenger_client)
            await answer_or_apologise(on_new_message, message)

        return super().blueprint(handle)

    def get_output_channel(self) -> QuickReplyMessengerBot:
        return QuickReplyMessengerBot(MessengerClient(self.fb_access_token))
