"""Delete stored conversations older than N days (the retention period).

    python -m storage.purge --days 30 [--db conversations.db]      (or: make purge DAYS=30)

A conversation is deleted whole when its newest event is older than N days. The store is the
one the bot uses: PostgreSQL when ``DATABASE_URL`` is set, otherwise the SQLite file ``--db``.
"""

from __future__ import annotations

import argparse
import time
from typing import Optional

from sqlalchemy import func

from storage.tracker_store import MaskingSQLTrackerStore


def purge(store: MaskingSQLTrackerStore, days: float, now: Optional[float] = None) -> int:
    """Delete conversations whose newest event is older than `days`; returns how many."""
    cutoff = (now or time.time()) - days * 86400
    Event = store.SQLEvent
    with store.session_scope() as session:
        old = [
            sender
            for sender, newest in session.query(Event.sender_id, func.max(Event.timestamp)).group_by(Event.sender_id)
            if newest is not None and newest < cutoff
        ]
        for start in range(0, len(old), 500):
            session.query(Event).filter(Event.sender_id.in_(old[start : start + 500])).delete(synchronize_session=False)
        session.commit()
    return len(old)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=float, required=True, help="keep conversations active in the last N days")
    parser.add_argument("--db", default="conversations.db", help="SQLite file (ignored when DATABASE_URL is set)")
    args = parser.parse_args()
    if args.days < 0:
        parser.error("--days must be 0 or more")
    count = purge(MaskingSQLTrackerStore(dialect="sqlite", db=args.db), args.days)
    print(f"deleted {count} conversation(s) with no activity in the last {args.days:g} day(s)")


if __name__ == "__main__":
    main()
