"""The lock store: Rasa's in-memory one, or Rasa's Redis one when ``REDIS_URL`` is set.

In ``endpoints.yml``::

    lock_store:
      type: storage.lock_store.EnvironmentLockStore

``REDIS_URL`` looks like ``redis://[:password@]host:6379/0`` (``rediss://`` for TLS). Several
Rasa servers serving the same conversations need the shared Redis lock store.
"""
from __future__ import annotations

import os
from typing import Any, Dict
from urllib.parse import unquote, urlparse

from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore


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


class EnvironmentLockStore:
    """Creates the lock store the environment asks for (Rasa calls it like a lock store class)."""

    def __new__(cls, endpoint_config: Any = None) -> LockStore:  # type: ignore[misc]
        url = os.environ.get("REDIS_URL", "").strip()
        if url:
            return RedisLockStore(**redis_settings(url))
        return InMemoryLockStore()
