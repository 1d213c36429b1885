"""``GET /summary/<token>.pdf`` on the Rasa server: a conversation's summary for a doctor, as a PDF.

Loaded like a channel (``channels.summary.SummaryLinkInput`` in credentials.yml) so that its
route is served by the Rasa server itself; it takes no messages. The token
(symptomchecker/links.py) is the only key: no API token is needed, and it opens that one
conversation's summary and nothing else. The summary is rebuilt from the tracker store as the
conversation was when the link was made (the interview slot and the first description, masked).

- a forged or altered token: 403; an expired one: 410;
- a conversation erased since the link was made ("delete my data", ``make purge``): 410. Erasure
  deletes every event before it, so a conversation whose first stored event is newer than the
  link is not the one the link was made for;
- no assessment yet: 409, "finish the questions first";
- a store that fails: 503.
Each refusal is a short HTML page saying so; nothing else is sent.
"""

from __future__ import annotations

import asyncio
import html
import logging
from typing import Any, Awaitable, Callable, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from storage.masking import mask_personal_data
from symptomchecker import summary
from symptomchecker.interview import SymptomChecker
from symptomchecker.links import BadLink, ExpiredLink, read_token

logger = logging.getLogger(__name__)
_CHECKER = None


def checker() -> SymptomChecker:
    global _CHECKER
    if _CHECKER is None:
        _CHECKER = SymptomChecker()
    return _CHECKER


def page(status: int, title: str, text: str) -> HTTPResponse:
    body = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{0}</title></head>'
        '<body style="font-family:sans-serif;max-width:36em;margin:3em auto"><h1>{0}</h1><p>{1}</p></body></html>'
    ).format(html.escape(title), html.escape(text))
    return response.html(body, status=status, headers={"Cache-Control": "no-store"})


FORGED = (
    403,
    "This link is not valid",
    'This summary link is not valid. Ask the symptom checker for a new one: say "summary".',
)
EXPIRED = (
    410,
    "This link has expired",
    'Summary links work for a limited time. Ask the symptom checker for a new one: say "summary".',
)
ERASED = (410, "This summary is no longer available", "The conversation was deleted, so its summary is gone.")
UNFINISHED = (
    409,
    "Finish the questions first",
    "There is no assessment in this conversation yet: finish the questions first, then ask for the summary.",
)
UNAVAILABLE = (
    503,
    "Temporarily unavailable",
    "The summary cannot be made right now. Please try again in a few minutes.",
)


class SummaryLinkInput(InputChannel):
    """Serves the summary PDFs; ``summary`` in credentials.yml, routes under ``/summary/``."""

    @classmethod
    def name(cls) -> Text:
        return "summary"

    def url_prefix(self) -> Text:
        return "/summary"  # Rasa joins it to /webhooks/: an absolute path replaces that

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        pdfs = Blueprint("summary_pdf", __name__)

        @pdfs.route("/<name>", methods=["GET"])
        async def summary_pdf(request: Request, name: str) -> HTTPResponse:
            if not name.endswith(".pdf"):
                return page(*FORGED)
            try:
                link = read_token(name[: -len(".pdf")])
            except ExpiredLink:
                return page(*EXPIRED)
            except BadLink:
                return page(*FORGED)
            try:
                tracker = await request.app.ctx.agent.tracker_store.retrieve_full_tracker(link.conversation_id)
            except Exception as error:  # the store is down: say so, never a trace
                logger.warning("summary: the tracker store failed (%s)", type(error).__name__)
                return page(*UNAVAILABLE)
            events = [event.as_dict() for event in (tracker.events if tracker else [])]
            if not events or float(events[0].get("timestamp") or 0) > link.issued_at + 1:
                return page(*ERASED)
            state, description = summary.conversation_at(events, until=link.issued_at + 1)
            if not state.assessed:
                return page(*UNFINISHED)
            kb = checker().kb
            data = summary.build(kb, state, checker().assessment(state), mask_personal_data(description))
            document = await asyncio.get_running_loop().run_in_executor(None, summary.pdf, data)  # ~0.15 s of CPU
            return response.raw(
                document,
                content_type="application/pdf",
                headers={
                    "Content-Disposition": 'inline; filename="summary-for-your-doctor.pdf"',
                    "Cache-Control": "no-store",
                    "X-Content-Type-Options": "nosniff",
                },
            )

        return pdfs
