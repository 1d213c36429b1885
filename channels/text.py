"""What the messaging channels (Telegram, Slack, Messenger, Twilio) share.

- :func:`fit` cuts a text into messages within a platform's length limit, at paragraph breaks
  where it can, so an assessment arrives as one message (or a few) instead of one per paragraph
  as Rasa's connectors send it.
- :func:`is_assessment` recognises the ``custom.assessment`` payload: it is for programs (the
  REST and socket.io clients); on a messaging platform the text already says everything, so
  the messaging channels do not send it.
- :func:`summary_pdf` reads the ``custom.summary_pdf`` payload ("Get a summary for your
  doctor", actions/actions.py), which Telegram, Slack and Messenger send as a file message.
- :func:`numbered` writes buttons as numbered choices for platforms without buttons (SMS).
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence


def is_assessment(json_message: Any) -> bool:
    """The machine-readable payload of an assessment (``assessment``) or of a red-flag alert (``alert``)."""
    return isinstance(json_message, dict) and ("assessment" in json_message or "alert" in json_message)


def summary_pdf(json_message: Any) -> Optional[str]:
    """The URL of the summary's PDF in a ``{"summary_pdf": {"url": ...}}`` payload, else None."""
    pdf = json_message.get("summary_pdf") if isinstance(json_message, dict) else None
    url = pdf.get("url") if isinstance(pdf, dict) else None
    return url if isinstance(url, str) and url.startswith(("https://", "http://")) else None


def fit(text: str, limit: int) -> List[str]:
    """``text`` as messages of at most ``limit`` characters, split at blank lines, then at line
    breaks, then at spaces (a word longer than the limit is cut)."""
    text = (text or "").strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: List[str] = []
    current = ""
    for piece in _pieces(text, limit):
        joined = f"{current}{piece}" if current else piece.lstrip("\n ")
        if len(joined.rstrip()) <= limit:
            current = joined
        else:
            parts.append(current.rstrip())
            current = piece.lstrip("\n ")
    if current.strip():
        parts.append(current.rstrip())
    return [p for p in parts if p]


def _pieces(text: str, limit: int) -> List[str]:
    """Paragraphs (each keeping the separator before it) small enough to fit ``limit``."""
    pieces: List[str] = []
    for index, paragraph in enumerate(text.split("\n\n")):
        separator = "\n\n" if index else ""
        if len(paragraph) <= limit:
            pieces.append(separator + paragraph)
            continue
        for line_index, line in enumerate(paragraph.split("\n")):
            line_separator = separator if line_index == 0 else "\n"
            if len(line) <= limit:
                pieces.append(line_separator + line)
                continue
            for word_index, word in enumerate(re.split(r"(?<=\S) (?=\S)", line)):
                word_separator = line_separator if word_index == 0 else " "
                while len(word) > limit:
                    pieces.append(word_separator + word[:limit])
                    word, word_separator = word[limit:], "\n"
                pieces.append(word_separator + word)
    return pieces


def numbered(buttons: Sequence[Dict[str, Any]]) -> str:
    """'Reply 1 for Yes, 2 for No or 3 for Not sure.' or, when a title has digits of its own
    ('1 to 6 weeks'), one numbered line per choice."""
    titles = [str(b.get("title") or b.get("payload")) for b in buttons]
    if any(re.search(r"\d", t) for t in titles):
        lines = [f"{i}) {t}" for i, t in enumerate(titles, start=1)]
        return "\n".join(lines + ["Reply with the number, or in your own words."])
    choices = [f"{i} for {t}" for i, t in enumerate(titles, start=1)]
    listed = choices[0] if len(choices) == 1 else ", ".join(choices[:-1]) + " or " + choices[-1]
    return f"Reply {listed} (or answer in your own words)."
