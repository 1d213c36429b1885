"""Scripted conversations over the REST channel, and what the tracker store holds of them."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Dict, List, Sequence

import requests

OPENINGS = [
    "itchy red bumps on my lower back, worse at night, my partner itches too",
    "a painful swollen lump on my upper back with pus in it",
    "rough little bumps on my back and the backs of my arms, not itchy",
    "spotty rash on my back after the hot tub at the gym, a bit itchy",
    "pimples and blackheads all over my back, I sweat a lot at football",
]
AFTER_THE_ASSESSMENT = ["is it contagious?", "thanks", "start over", "tiny red dots on my back"]


def say(url: str, sender: str, text: str, timeout: float = 30) -> requests.Response:
    return requests.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=timeout)


def next_message(replies: List[Dict[str, Any]], turn: int) -> str:
    """Click a button of the last question (which one depends on the turn), or go on talking."""
    buttons = replies[-1].get("buttons") if replies else None
    if buttons and not any(b.get("payload") == "/get_summary" for b in buttons):  # a question, not the assessment
        return buttons[turn % len(buttons)]["payload"]
    return AFTER_THE_ASSESSMENT[turn % len(AFTER_THE_ASSESSMENT)]


@dataclass
class Transcript:
    sender: str
    sent: List[str] = field(default_factory=list)
    replies: List[List[Dict[str, Any]]] = field(default_factory=list)

    def shown(self) -> List[List[Dict[str, Any]]]:
        """What the person saw, without the recipient id."""
        return [[{k: v for k, v in m.items() if k != "recipient_id"} for m in reply] for reply in self.replies]


def converse(urls: Sequence[str], opening: str, turns: int, sender: str = "") -> Transcript:
    """`turns` messages, turn i sent to urls[i % len(urls)] (a conversation hopping between replicas)."""
    transcript = Transcript(sender or f"scale-{uuid.uuid4().hex[:12]}")
    text = opening
    for turn in range(turns):
        response = say(urls[turn % len(urls)], transcript.sender, text)
        assert response.status_code == 200, f"{transcript.sender} turn {turn}: {response.status_code} {response.text[:300]}"
        transcript.sent.append(text)
        transcript.replies.append(response.json())
        text = next_message(transcript.replies[-1], turn)
    return transcript


def stored_events(database_url: str, sender: str) -> List[Dict[str, Any]]:
    """The conversation's events as the tracker store holds them, in the order they were stored."""
    import psycopg2

    with psycopg2.connect(database_url) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT type_name, action_name, data FROM events WHERE sender_id = %s ORDER BY id", (sender,))
        return [{"type": t, "action": a, "data": d} for t, a, d in cursor.fetchall()]


def check_stored(database_url: str, transcript: Transcript) -> None:
    """Every message and every reply of the transcript is stored, once, in order, turn by turn."""
    import json

    events = stored_events(database_url, transcript.sender)
    turns: List[List[Dict[str, Any]]] = []
    for event in events:
        if event["type"] == "user":
            turns.append([event])
        elif turns:
            turns[-1].append(event)
    user_texts = [turn[0] and json.loads(turn[0]["data"])["text"] for turn in turns]
    assert user_texts == transcript.sent, f"{transcript.sender}: stored messages differ from those sent"
    for number, (turn, reply) in enumerate(zip(turns, transcript.replies)):
        bot_texts = [json.loads(e["data"]).get("text") for e in turn if e["type"] == "bot"]
        assert bot_texts == [m.get("text") for m in reply], f"{transcript.sender} turn {number}: stored replies differ"
        assert turn[-1]["action"] == "action_listen", f"{transcript.sender} turn {number} did not end by listening"
