"""Rasa's SQL tracker store, storing each user message with personal identifiers masked.

In ``endpoints.yml``::

    tracker_store:
      type: storage.tracker_store.MaskingSQLTrackerStore
      dialect: sqlite            # or postgresql, with url / port / db / username / password
      db: conversations.db

Everything else is Rasa's ``SQLTrackerStore``. The message text is masked in the stored event
(``text`` and ``parse_data.text``); the bot still read the original while answering.
"""
from __future__ import annotations

from typing import Any, Dict, Iterator

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


class MaskingSQLTrackerStore(SQLTrackerStore):
    def _additional_events(self, session: Any, tracker: Any) -> Iterator:
        for event in super()._additional_events(session, tracker):
            yield _MaskedEvent(event) if isinstance(event, UserUttered) else event
