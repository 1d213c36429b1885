"""Rasa's SQL tracker store, storing each user message with personal identifiers masked.

In ``endpoints.yml``::

    tracker_store:
      type: storage.tracker_store.MaskingSQLTrackerStore
      dialect: sqlite
      db: conversations.db

With ``DATABASE_URL`` set (``postgresql://user:password@host:5432/dbname``) it keeps the
conversations in that PostgreSQL database instead, with no file edit. Everything else is Rasa's
``SQLTrackerStore``. The message text is masked in the stored event (``text`` and
``parse_data.text``); the bot still read the original while answering.
"""
from __future__ import annotations

import os
from typing import Any, Dict, Iterator
from urllib.parse import parse_qsl, unquote, urlparse

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import UserUttered

from storage.masking import mask_personal_data


class _MaskedEvent:
    """What SQLTrackerStore.save needs of an event (type_name, as_dict), with the text masked."""

    def __init__(self, event: UserUttered):
        self._event = event
        self.type_name = event.type_name

    def as_dict(self) -> Dict[str, Any]:
        data = self._event.as_dict()
        if isinstance(data.get("text"), str):
            data["text"] = mask_personal_data(data["text"])
        parse_data = data.get("parse_data")
        if isinstance(parse_data, dict) and isinstance(parse_data.get("text"), str):
            parse_data["text"] = mask_personal_data(parse_data["text"])
        return data


def database_settings(url: str) -> Dict[str, Any]:
    """SQLTrackerStore settings from a DATABASE_URL (postgresql:// or postgres://)."""
    parts = urlparse(url)
    if parts.scheme not in ("postgresql", "postgres") or not parts.hostname or not parts.path.strip("/"):
        raise ValueError(
            "DATABASE_URL must look like postgresql://user:password@host:5432/dbname "
            f"(got scheme {parts.scheme!r}, host {parts.hostname!r}, database {parts.path.strip('/')!r})"
        )
    return {
        "dialect": "postgresql",
        "host": parts.hostname,
        "port": parts.port or 5432,
        "db": parts.path.strip("/"),
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "query": dict(parse_qsl(parts.query)) or None,
    }


class MaskingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        url = os.environ.get("DATABASE_URL", "").strip()
        if url:
            kwargs.update(database_settings(url))
        super().__init__(*args, **kwargs)

    def _additional_events(self, session: Any, tracker: Any) -> Iterator:
        for event in super()._additional_events(session, tracker):
            yield _MaskedEvent(event) if isinstance(event, UserUttered) else event
