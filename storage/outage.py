"""Which stores failed while one message was being handled.

Rasa wraps every tracker store in a ``FailSafeTrackerStore`` that hides a database error: the
conversation is read as a NEW one and saved in memory. A person in the middle of an interview
would get an answer that ignores everything said so far, with no sign that anything is wrong.
``MaskingSQLTrackerStore`` records each failure here, and the channels
(``channels.unavailable``) answer "temporarily unavailable" instead of that answer.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator, List, Optional

_failures: ContextVar[Optional[List[str]]] = ContextVar("store_failures", default=None)


@contextmanager
def watching() -> Iterator[List[str]]:
    """Collect the failures recorded while the block runs (in this task)."""
    failures: List[str] = []
    token = _failures.set(failures)
    try:
        yield failures
    finally:
        _failures.reset(token)


def record(what: str) -> None:
    failures = _failures.get()
    if failures is not None:
        failures.append(what)
