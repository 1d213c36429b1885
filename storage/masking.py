"""Mask personal identifiers a person may type before a conversation is stored.

E-mail addresses, phone numbers and names after "my name is" / "I'm called" are replaced by
``[email]``, ``[phone]`` and ``[name]``. Symptoms, ages and durations are left alone: the
interview needs them, and they identify nobody on their own. Plain Python, no Rasa.
"""
from __future__ import annotations

import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 9 or more digits, optionally with +, spaces, dots, dashes or brackets between them
_PHONE = re.compile(r"(?<![\w.])\+?\(?\d(?:[\s.()-]{0,2}\d){8,}(?![\w.])")
_NAME = re.compile(
    r"\b((?:my name is|my name's|name's|i am called|i'm called|im called|call me|this is)\s+)"
    r"([A-Za-z][\w'-]*(?:\s+[A-Z][\w'-]*)?)",
    re.IGNORECASE,
)


def mask_personal_data(text: str) -> str:
    """The text with e-mail addresses, phone numbers and self-introduced names masked."""
    if not text:
        return text
    text = _EMAIL.sub("[email]", text)
    text = _PHONE.sub("[phone]", text)
    return _NAME.sub(lambda m: m.group(1) + "[name]", text)
