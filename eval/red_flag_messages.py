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
import json
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Dict, List

import yaml

LEVEL = {"self_care": 0, "see_doctor": 1, "urgent": 2, "emergency": 3}
NAME = {v: k for k, v in LEVEL.items()}


def say(url: str, sender: str, text: str) -> List[Dict[str, Any]]:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def level(replies: List[Dict[str, Any]]) -> int:
    """The highest triage in these replies: an alert's, or an assessment's; -1 for none."""
    best = -1
    for reply in replies:
        text = reply.get("text") or ""
        if text.startswith("EMERGENCY"):
            best = max(best, 3)
        if text.startswith("URGENT"):
            best = max(best, 2)
        assessment = (reply.get("custom") or {}).get("assessment")
        if assessment:
            best = max(best, LEVEL.get(assessment.get("triage"), -1))
    return best


def assessed(replies: List[Dict[str, Any]]) -> bool:
    return any((reply.get("custom") or {}).get("assessment") for reply in replies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="the Rasa server (REST channel)")
    parser.add_argument("messages", nargs="?", default=str(Path(__file__).parent / "red_flag_messages_blind39.yml"))
    args = parser.parse_args()
    url = args.url.rstrip("/") + "/webhooks/rest/webhook"
    messages = yaml.safe_load(Path(args.messages).read_text(encoding="utf-8"))["messages"]
    first_ok = end_ok = emergencies = emergencies_first = 0
    for m in messages:
        sender = "redflag-" + uuid.uuid4().hex[:12]
        replies = say(url, sender, m["text"])
        first = level(replies)
        best, questions = first, 0
        while questions < 15 and not assessed(replies):
            replies = say(url, sender, "not sure")
            best, questions = max(best, level(replies)), questions + 1
        wanted = LEVEL[m["expect"]]
        first_ok += first >= wanted
        end_ok += best >= wanted
        if m["expect"] == "emergency":
            emergencies += 1
            emergencies_first += first == 3
        flag = "ok  " if best >= wanted and (m["expect"] != "emergency" or first == 3) else "MISS"
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
