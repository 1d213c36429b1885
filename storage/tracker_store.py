"""Rasa's SQL tracker store, with personal identifiers masked and "delete my data" honoured.

In ``endpoints.yml``::

    tracker_store:
      type: storage.tracker_store.MaskingSQLTrackerStore
      dialect: sqlite
      db: conversations.db

- With ``DATABASE_URL`` set (``postgresql://user:password@host:5432/dbname``) it keeps the
  conversations in that PostgreSQL database instead, with no file edit.
- Each user message is stored with e-mail addresses, phone numbers and names masked
  (``text`` and ``parse_data.text``); the bot still read the original while answering.
- When the action server sets the ``interview`` slot to ``{"erase_conversation": true}`` (the
  person confirmed "delete my data"), every stored event of the conversation is deleted and
  only what comes after that event is kept.
- A turn's two round trips (read the latest session, store the new events) run statements built
  once, when the store starts, instead of ORM queries built anew each time; they select and count
  the same rows as SQLTrackerStore's `_event_query` (the events since the latest session start).
- A database error is recorded for the channel (``storage.outage``), which tells the person
  the service is temporarily unavailable instead of Rasa answering from an empty conversation;
  the connection pool is dropped so the first message after the outage reconnects.

Everything else is Rasa's ``SQLTrackerStore``.
"""

from __future__ import annotations

import itertools
import json
import os
from typing import Any, Dict, Optional, Text, Tuple
from urllib.parse import parse_qsl, unquote, urlparse

import sqlalchemy
import sqlalchemy.orm
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from storage.masking import mask_personal_data
from storage.outage import record


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


def is_erase_marker(event: Any) -> bool:
    """The slot event with which the action server asks for the conversation to be erased."""
    return (
        isinstance(event, SlotSet)
        and event.key == "interview"
        and isinstance(event.value, dict)
        and event.value.get("erase_conversation") is True
    )


def stored_form(event: Any) -> Dict[str, Any]:
    """The event as it is written to the database: user messages with identifiers masked."""
    data = event.as_dict()
    if isinstance(event, UserUttered):
        if isinstance(data.get("text"), str):
            data["text"] = mask_personal_data(data["text"])
        parse_data = data.get("parse_data")
        if isinstance(parse_data, dict) and isinstance(parse_data.get("text"), str):
            parse_data["text"] = mask_personal_data(parse_data["text"])
    return data


def sqlite_write_ahead_log(connection: Any, _record: Any) -> None:
    """SQLite in write-ahead-log mode with ``synchronous=NORMAL``: a turn's commit appends to the
    log instead of rewriting the journal and syncing the disk twice. The database stays consistent
    after a crash; a power cut may lose the last turns written (SQLite's documentation, "WAL")."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def latest_session_statements(events: Any) -> Tuple[Any, Any, Any]:
    """(the data of a conversation's events since its latest session start, in order; how many
    there are; an insert), for the ``sender`` parameter: SQLTrackerStore._event_query's rows."""
    sender = sqlalchemy.bindparam("sender")
    session_start = (
        sqlalchemy.select(sqlalchemy.func.max(events.c.timestamp))
        .where(events.c.sender_id == sender, events.c.type_name == SessionStarted.type_name)
        .scalar_subquery()
    )
    latest = sqlalchemy.and_(
        events.c.sender_id == sender,
        sqlalchemy.or_(events.c.timestamp >= session_start, session_start.is_(None)),
    )
    data = sqlalchemy.select(events.c.data).where(latest).order_by(events.c.id)
    count = sqlalchemy.select(sqlalchemy.func.count()).select_from(events).where(latest)
    return data, count, events.insert()


class MaskingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        url = os.environ.get("DATABASE_URL", "").strip()
        if url:
            kwargs.update(database_settings(url))
        super().__init__(*args, **kwargs)
        # test each pooled connection before use: after a database outage the pool holds dead ones
        old = self.engine
        self.engine: Any = sqlalchemy.create_engine(old.url, pool_pre_ping=True, **create_engine_kwargs(old.url))
        if self.engine.dialect.name == "sqlite":
            sqlalchemy.event.listen(self.engine, "connect", sqlite_write_ahead_log)
        self.sessionmaker = sqlalchemy.orm.session.sessionmaker(bind=self.engine)
        old.dispose()
        self._latest_session_data, self._latest_session_count, self._insert = latest_session_statements(
            self.SQLEvent.__table__
        )

    def _failed(self, error: Exception) -> None:
        """A database error: tell the channel (storage.outage) and drop the pooled connections,
        so that the first message after the database is back opens fresh ones."""
        record(f"tracker store: {type(error).__name__}")
        self.engine.dispose()

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The latest session's tracker, as SQLTrackerStore.retrieve builds it."""
        try:
            with self.session_scope() as session:
                rows = session.execute(self._latest_session_data, {"sender": sender_id}).scalars().all()
        except Exception as error:
            self._failed(error)
            raise
        if not self.domain or not rows:
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(row) for row in rows], self.domain.slots)

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        try:
            return await super().retrieve_full_tracker(conversation_id)
        except Exception as error:
            self._failed(error)
            raise

    async def save(self, tracker: Any) -> None:
        try:
            await self._save(tracker)
        except Exception as error:
            self._failed(error)
            raise

    async def _save(self, tracker: Any) -> None:
        """Store the conversation's new events (as SQLTrackerStore.save does), masked, after an
        erasure if one was asked for."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            stored = session.execute(self._latest_session_count, {"sender": tracker.sender_id}).scalar() or 0
            new_events = list(itertools.islice(tracker.events, stored, None))
            erase_at = [i for i, event in enumerate(new_events) if is_erase_marker(event)]
            if erase_at:
                session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == tracker.sender_id).delete(
                    synchronize_session=False
                )
                new_events = new_events[erase_at[-1] + 1 :]
            rows = []
            for event in new_events:
                data = stored_form(event)
                rows.append(
                    {
                        "sender_id": tracker.sender_id,
                        "type_name": event.type_name,
                        "timestamp": data.get("timestamp"),
                        "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                        "action_name": data.get("name"),
                        "data": json.dumps(data),
                    }
                )
            if rows:
                session.execute(self._insert, rows)
            session.commit()
