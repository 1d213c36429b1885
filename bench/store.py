"""The tracker store's cost per turn (`make bench-store`): a benchmark, not a test.

    .venv/bin/python -m bench.store [--conversations 20] [--turns 8] [--runs 3]

One turn, as the Rasa server does it: read the conversation's latest session from the store,
add the turn's events (the person's message, the interview's slot, the bot's question, listen),
save it. On a throwaway SQLite file, in this process, for
(a) Rasa's own SQLTrackerStore with Rasa's event lookup (what `rasa run` does; SQLite's default
    rollback journal);
(b) ours (storage.tracker_store.MaskingSQLTrackerStore: masking, prebuilt statements, SQLite's
    write-ahead log) with Rasa's event lookup;
(c) ours with each event name's class remembered (scripts/rasa_server.py, what `make run` does).
The set-ups take turns, `--runs` times; prints the median ms per turn of each run, and checks
that (a) and (c) read back the same events (masking aside).
"""
from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, List, Tuple

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SlotSet, UserUttered

from storage.tracker_store import MaskingSQLTrackerStore

ROOT = Path(__file__).resolve().parent.parent


def _server_module() -> Any:
    spec = importlib.util.spec_from_file_location("rasa_server", ROOT / "scripts" / "rasa_server.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def turn_events(conversation: int, turn: int) -> List[Event]:
    now = 1_000.0 + conversation * 100 + turn
    text = "itchy red bumps on my lower back, worse at night"
    return [
        UserUttered(text, {"name": "describe_symptoms", "confidence": 0.9},
                    parse_data={"intent": {"name": "describe_symptoms", "confidence": 0.9}, "entities": [], "text": text},
                    timestamp=now),
        ActionExecuted("action_interview", timestamp=now + 0.1),
        SlotSet("interview", {"evidence": {"itching": "present"}, "asked": ["itching"] * turn}, timestamp=now + 0.2),
        BotUttered("Do the bumps itch?", {"buttons": [{"title": "Yes", "payload": "/affirm"}]}, timestamp=now + 0.3),
        ActionExecuted("action_listen", timestamp=now + 0.4),
    ]


def play(store: Any, conversations: int, turns: int) -> Tuple[float, List[list]]:
    """(median ms per turn, every conversation's events as read back at the end)."""
    times, read_back = [], []
    for c in range(conversations):
        sender = f"bench-store-{c}"
        for t in range(turns):
            start = time.perf_counter()
            tracker = asyncio.run(store.retrieve(sender)) or store.init_tracker(sender)
            for event in turn_events(c, t):
                tracker.update(event)
            asyncio.run(store.save(tracker))
            times.append((time.perf_counter() - start) * 1000)
        read_back.append([e.as_dict() for e in asyncio.run(store.retrieve(sender)).events])
    return statistics.median(times), read_back


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=20)
    parser.add_argument("--turns", type=int, default=8)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.pop("DATABASE_URL", None)
    domain = Domain.load(str(ROOT / "domain.yml"))
    rasas_lookup = Event.resolve_by_type
    server = _server_module()
    setups = [
        ("Rasa's SQLTrackerStore, Rasa's event lookup", SQLTrackerStore, False),
        ("ours, Rasa's event lookup", MaskingSQLTrackerStore, False),
        ("ours, event classes remembered (make run)", MaskingSQLTrackerStore, True),
    ]
    medians: dict = {name: [] for name, _, _ in setups}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.runs):
            read: dict = {}
            for name, store_class, remembered in setups:
                Event.resolve_by_type = rasas_lookup  # type: ignore[method-assign]
                if remembered:
                    server.cache_event_classes()
                store = store_class(domain=domain, dialect="sqlite", db=f"{folder}/{run}-{len(read)}.db")
                median, read[name] = play(store, args.conversations, args.turns)
                medians[name].append(median)
            if read[setups[0][0]] != read[setups[2][0]]:
                raise SystemExit("the stores read back different events")
    Event.resolve_by_type = rasas_lookup  # type: ignore[method-assign]
    print(f"retrieve + save per turn, {args.conversations} conversations x {args.turns} turns, SQLite, {args.runs} runs"
          " (the events read back were the same in every run)")
    for name, values in medians.items():
        print(f"  {name:48s} median ms per turn: " + ", ".join(f"{v:.2f}" for v in values))


if __name__ == "__main__":
    main()
