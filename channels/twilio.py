"""Rasa's Twilio channel (SMS and WhatsApp) with numbered choices and signed requests.

Same URL (``/webhooks/twilio/webhook``) and credentials as Rasa's ``twilio`` channel
(``account_sid``, ``auth_token``, ``twilio_number``: ``+15551234567`` for SMS,
``whatsapp:+15551234567`` for WhatsApp), plus an optional ``webhook_url``. Differences:

- SMS has no buttons: a question's buttons are written as numbered choices ("Reply 1 for Yes,
  2 for No or 3 for Not sure"), and a bare "1", "2", ... from that sender is read as the
  payload of that choice (``/affirm``, ``/deny``, ``/unsure`` or the option's title). Any other
  reply goes to the bot as typed, so answering in one's own words works too.
  The choices last offered to each sender are kept in this process's memory: a restart forgets
  them (a bare number is then read as text), and several Rasa processes behind a load balancer
  would each need the sender's replies (sticky routing by sender).
- a long text (the assessment) is sent in as few messages as fit Twilio's 1600 characters,
  instead of one message per paragraph;
- only text is sent: the ``custom.assessment`` payload is not;
- requests must carry a valid ``X-Twilio-Signature`` (Rasa's Twilio channel checks none, so
  anyone who knows the URL could make the bot text any number on your account). The signature
  covers the public URL Twilio called: ``webhook_url`` when it is set (TWILIO_WEBHOOK_URL),
  otherwise the URL rebuilt from the ``X-Forwarded-Proto`` / ``X-Forwarded-Host`` (or ``Host``)
  headers, which the HTTPS reverse proxy in front of Rasa must pass on.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any, Awaitable, Callable, ClassVar, Dict, List, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.twilio import TwilioInput, TwilioOutput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from channels.text import fit, is_assessment, numbered
from channels.unavailable import answer_or_apologise

logger = logging.getLogger(__name__)
LIMIT = 1600  # characters per Twilio message (SMS and WhatsApp)
REMEMBERED_SENDERS = 10_000  # the oldest offers are forgotten beyond this


class NumberedTwilioOutput(TwilioOutput):
    #: sender -> the buttons of the last question sent to them (per process, see the module doc)
    offered: ClassVar["OrderedDict[Text, List[Dict[Text, Any]]]"] = OrderedDict()

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in fit(text, LIMIT):
            await self._send_message({"to": recipient_id, "from_": self.twilio_number, "body": part})

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        self.remember(recipient_id, buttons)
        await self.send_text_message(recipient_id, f"{text}\n{numbered(buttons)}")

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        if not is_assessment(json_message):
            await super().send_custom_json(recipient_id, json_message, **kwargs)

    @classmethod
    def remember(cls, sender: Text, buttons: List[Dict[Text, Any]]) -> None:
        cls.offered[sender] = list(buttons)
        cls.offered.move_to_end(sender)
        while len(cls.offered) > REMEMBERED_SENDERS:
            cls.offered.popitem(last=False)

    @classmethod
    def read_choice(cls, sender: Text, text: Optional[Text]) -> Optional[Text]:
        """The payload of choice ``text`` ("2") of the last question sent to ``sender``, else
        ``text`` unchanged. Either way the offer is used up: a later "2" is just text."""
        buttons = cls.offered.pop(sender, None)
        number = (text or "").strip().rstrip(".)")
        if buttons and number.isdigit() and 1 <= int(number) <= len(buttons):
            return buttons[int(number) - 1]["payload"]
        return text


class NumberedTwilioInput(TwilioInput):
    """``channels.twilio.NumberedTwilioInput`` in credentials; name and URL ``twilio``."""

    webhook_url: Optional[Text] = None  # the public URL Twilio calls, when the headers can't tell

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        if not credentials:
            cls.raise_missing_credentials_exception()  # raises
        assert credentials is not None
        channel = cls(credentials.get("account_sid"), credentials.get("auth_token"), credentials.get("twilio_number"))
        channel.webhook_url = credentials.get("webhook_url")
        return channel

    def get_output_channel(self) -> NumberedTwilioOutput:
        return NumberedTwilioOutput(self.account_sid, self.auth_token, self.twilio_number)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def handle(message: UserMessage) -> None:
            message.text = NumberedTwilioOutput.read_choice(message.sender_id, message.text)
            await answer_or_apologise(on_new_message, message)

        webhook = super().blueprint(handle)

        @webhook.middleware("request")
        async def check_signature(request: Request) -> Optional[HTTPResponse]:
            if request.method == "POST" and not self.is_signed_by_twilio(request):
                logger.warning(
                    "twilio: refused a request without a valid X-Twilio-Signature for %s (check TWILIO_AUTH_TOKEN, "
                    "and TWILIO_WEBHOOK_URL or the proxy's X-Forwarded-Proto / Host headers)",
                    self.public_url(request),
                )
                return response.text("invalid X-Twilio-Signature", status=403)
            return None

        return webhook

    def public_url(self, request: Request) -> Text:
        if self.webhook_url:
            return self.webhook_url
        scheme = request.headers.get("x-forwarded-proto", request.scheme).split(",")[0].strip()
        host = request.headers.get("x-forwarded-host", request.headers.get("host", "")).split(",")[0].strip()
        query = f"?{request.query_string}" if request.query_string else ""
        return f"{scheme}://{host}{request.path}{query}"

    def is_signed_by_twilio(self, request: Request) -> bool:
        signature = request.headers.get("x-twilio-signature", "")
        if not signature or not self.auth_token:
            return False
        return RequestValidator(self.auth_token).validate(self.public_url(request), request.form, signature)
