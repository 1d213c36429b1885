"""Rasa's Slack channel, reading better for the symptom checker.

Same URL (``/webhooks/slack/webhook``, also the Interactivity request URL) and credentials as
Rasa's ``slack`` channel (``slack_token``, ``slack_signing_secret``; requests with a bad or old
``X-Slack-Signature`` are refused with 400 by Rasa's code); differences:

- buttons go in rows of at most 5 (Rasa drops every button of a message with more than 5, and
  the age question has 6 choices);
- a long text (the assessment) is sent as one message, or a few within 3000 characters,
  instead of one message per paragraph;
- the ``custom.assessment`` payload is not sent (Slack would refuse a message without text);
- the summary for a doctor (``custom.summary_pdf``) is followed by a message with the link to
  its PDF (a bot can only upload a file's bytes, which the Rasa server does not hold);
- messages are posted without ``as_user``, which Slack apps created today may not pass.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint

from channels.text import fit, is_assessment, summary_pdf
from channels.unavailable import answer_or_apologise

LIMIT = 3000  # characters of a Slack section block
ROW = 5  # buttons per actions block


class BlocksSlackBot(SlackBot):
    async def _post_message(self, channel: Text, **kwargs: Any) -> None:
        kwargs.pop("as_user", None)
        await super()._post_message(channel, **kwargs)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        for part in fit(text, LIMIT):
            await self._post_message(channel=self.slack_channel or recipient_id, text=part)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        channel = self.slack_channel or recipient_id
        *before, last = fit(text, LIMIT) or [""]
        for part in before:
            await self._post_message(channel=channel, text=part)
        blocks: List[Dict[Text, Any]] = [{"type": "section", "text": {"type": "plain_text", "text": last}}]
        for start in range(0, len(buttons), ROW):
            blocks.append(
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "text": {"type": "plain_text", "text": b["title"][:75]},
                            "value": b["payload"],
                        }
                        for b in buttons[start : start + ROW]
                    ],
                }
            )
        await self._post_message(channel=channel, text=last, blocks=blocks)

    async def send_custom_json(self, recipient_id: Text, json_message: Dict[Text, Any], **kwargs: Any) -> None:
        url = summary_pdf(json_message)
        if url:
            hours = json_message["summary_pdf"].get("expires_in_hours")
            lifetime = f" (the link works for {hours:g} hours)" if isinstance(hours, (int, float)) else ""
            text = f"Summary for your doctor: <{url}|download the PDF>, to print or send{lifetime}"
            await self._post_message(channel=self.slack_channel or recipient_id, text=text)
        elif not is_assessment(json_message):
            await super().send_custom_json(recipient_id, json_message, **kwargs)


class BlocksSlackInput(SlackInput):
    """``channels.slack.BlocksSlackInput`` in credentials; name and URL ``slack``."""

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> BlocksSlackBot:
        return BlocksSlackBot(self.slack_token, channel or self.slack_channel, thread_id, self.proxy)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def handle(message: UserMessage) -> None:
            await answer_or_apologise(on_new_message, message)

        return super().blueprint(handle)
