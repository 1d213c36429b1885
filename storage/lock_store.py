"""The lock store: one Rasa server's own locks (``InProcessLockStore``), or Redis when
``REDIS_URL`` is set.

In ``endpoints.yml``::

    lock_store:
      type: storage.lock_store.EnvironmentLockStore

``REDIS_URL`` looks like ``redis://[:password@]host:6379/0`` (``rediss://`` for TLS). Several
Rasa servers serving the same conversations need the shared Redis lock store.

Rasa 3.6's ``RedisLockStore`` is not safe between servers: it reads the conversation's ticket
list, adds a ticket and writes the list back, so two servers taking a ticket at the same moment
can both believe they hold the lock (RasaHQ/rasa #9213). Both then handle a message of the same
conversation at once and one turn's events are lost (seen here: tests/scale/test_replicas.py).
``AtomicRedisLockStore`` takes the lock with Redis's atomic ``SET NX PX`` instead (redis-py's
``Lock``; released only by its holder), so one conversation's messages are handled strictly one
at a time across all servers. Waiting messages are not served in arrival order (Rasa's tickets
tried to be); messages one person sends at the same instant have no order anyway.

Rasa 3.6's ``InMemoryLockStore`` looks again every second whether a waiting message's turn has
come, so twenty messages sent at once in one conversation took about 20 s. ``InProcessLockStore``
(the embedded default) gives each conversation an ``asyncio.Lock``, which wakes the next waiting
message as soon as the lock is free, in arrival order (asyncio's locks are fair).
"""

from __future__ import annotations

import asyncio
import os
import time
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Dict, Text, Tuple
from urllib.parse import unquote, urlparse

from rasa.core.lock_store import LOCK_LIFETIME, InMemoryLockStore, LockError, LockStore, RedisLockStore
from redis.exceptions import LockError as RedisLockError


def redis_settings(url: str) -> Dict[str, Any]:
    parts = urlparse(url)
    if parts.scheme not in ("redis", "rediss") or not parts.hostname:
        raise ValueError(f"REDIS_URL must look like redis://host:6379/0 (got {url.split('@')[-1]!r})")
    db = parts.path.strip("/")
    return {
        "host": parts.hostname,
        "port": parts.port or 6379,
        "db": int(db) if db.isdigit() else 0,
        "username": unquote(parts.username) if parts.username else None,
        "password": unquote(parts.password) if parts.password else None,
        "use_ssl": parts.scheme == "rediss",
    }


class AtomicRedisLockStore(RedisLockStore):
    POLL_SECONDS = 0.01

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[None, None]:
        """Hold the conversation's lock (at most `lock_lifetime` s); wait up to as long to get it."""
        lock = self.red.lock(f"{self.key_prefix}atomic:{conversation_id}", timeout=lock_lifetime)
        deadline = time.monotonic() + lock_lifetime
        while not lock.acquire(blocking=False):
            if time.monotonic() > deadline:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")
            await asyncio.sleep(self.POLL_SECONDS)
        try:
            yield None
        finally:
            try:
                lock.release()
            except RedisLockError:  # held longer than its lifetime: it has expired already
                pass


class InProcessLockStore(InMemoryLockStore):
    """One Rasa server's conversation locks, handed on at once and in arrival order. An
    ``InMemoryLockStore`` to Rasa, which therefore runs a single Sanic worker with it."""

    def __init__(self) -> None:
        super().__init__()
        self._locks: Dict[Text, Tuple[asyncio.Lock, int]] = {}  # conversation -> (lock, messages holding or waiting)

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[None, None]:
        """Hold the conversation's lock; wait up to `lock_lifetime` s to get it."""
        lock, users = self._locks.get(conversation_id) or (asyncio.Lock(), 0)
        self._locks[conversation_id] = (lock, users + 1)
        try:
            try:
                await asyncio.wait_for(lock.acquire(), lock_lifetime)
            except asyncio.TimeoutError:
                raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.") from None
            try:
                yield None
            finally:
                lock.release()
        finally:
            lock, users = self._locks[conversation_id]
            if users == 1:
                del self._locks[conversation_id]
            else:
                self._locks[conversation_id] = (lock, users - 1)


class EnvironmentLockStore:
    """Creates the lock store the environment asks for (Rasa calls it like a lock store class)."""

    def __new__(cls, endpoint_config: Any = None) -> LockStore:
        url = os.environ.get("REDIS_URL", "").strip()
        if url:
            return AtomicRedisLockStore(**redis_settings(url))
        return InProcessLockStore()
