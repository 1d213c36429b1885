"""Play blind red-flag messages through the REST channel and check how far each escalates.

    python eval/red_flag_messages.py [--url http://127.0.0.1:5005] [eval/red_flag_messages_blind39.yml]

Each message (written by someone who had not seen the bot's vocabulary, from an NHS or similar
page) says when to call an emergency number or get urgent same-day help. For each it prints:

- the first reply: EMERGENCY / URGENT alert, the triage of an assessment given at once, or a
  question; every emergency must be escalated here;
- the end of the interview, every question answered "not sure": the highest triage reached
  (alert or assessment), which must be at least the expected one.

A measure, not a test: it prints the figures and never fails on them.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from pathlib import Path
from typing import Any, Dict, List

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))  # run as a script from anywhere
from simulate import TRIAGE_ORDER, Bot  # noqa: E402  (the REST client and triage order of make eval)

NAME = dict(enumerate(TRIAGE_ORDER))
EMERGENCY = TRIAGE_ORDER.index("emergency")


def level(replies: List[Dict[str, Any]]) -> int:
    """The highest triage the person is told in these replies; -1 for none. For an alert, what its
    text says (EMERGENCY / URGENT; an alert's payload carries the assessment's triage so far, which a
    "Please note" alert does not tell the person); for an assessment, its triage."""
    best = -1
    for reply in replies:
        text = reply.get("text") or ""
        for word in ("EMERGENCY", "URGENT"):
            if text.startswith(word):
                best = max(best, TRIAGE_ORDER.index(word.lower()))
        custom = reply.get("custom") if isinstance(reply.get("custom"), dict) else {}
        assessment = custom.get("assessment")
        if isinstance(assessment, dict) and assessment.get("triage") in TRIAGE_ORDER:
            best = max(best, TRIAGE_ORDER.index(assessment["triage"]))
    return best


def assessed(replies: List[Dict[str, Any]]) -> bool:
    return any(isinstance(reply.get("custom"), dict) and reply["custom"].get("assessment") for reply in replies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="the Rasa server (REST channel)")
    parser.add_argument("messages", nargs="?", default=str(Path(__file__).parent / "red_flag_messages_blind39.yml"))
    args = parser.parse_args()
    bot = Bot(args.url)
    messages = yaml.safe_load(Path(args.messages).read_text(encoding="utf-8"))["messages"]
    first_ok = end_ok = emergencies = emergencies_first = 0
    for m in messages:
        sender = "redflag-" + uuid.uuid4().hex[:12]
        replies, _ = bot.say(sender, m["text"])
        first = level(replies)
        best, questions = first, 0
        while questions < 15 and not assessed(replies):
            replies, _ = bot.say(sender, "not sure")
            best, questions = max(best, level(replies)), questions + 1
        wanted = TRIAGE_ORDER.index(m["expect"])
        first_ok += first >= wanted
        end_ok += best >= wanted
        if m["expect"] == "emergency":
            emergencies += 1
            emergencies_first += first == EMERGENCY
        flag = "ok  " if best >= wanted and (m["expect"] != "emergency" or first == EMERGENCY) else "MISS"
        print(
            f"{flag} {m['id']:<40} expect={m['expect']:<9} first={NAME.get(first, 'question'):<10} "
            f"end={NAME.get(best, '-'):<10} q={questions:<2} | {m['text'][:100]}"
        )
    print()
    print(f"emergencies escalated on the first reply        {emergencies_first}/{emergencies}")
    print(f"at least the expected triage on the first reply {first_ok}/{len(messages)}")
    print(f"at least the expected triage by the end          {end_ok}/{len(messages)}  (every answer 'not sure')")


if __name__ == "__main__":
    main()
