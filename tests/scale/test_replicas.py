"""Two Rasa replicas and an action server on PostgreSQL + Redis (issue #6): a conversation may
hop between replicas on every message (no sticky sessions) and nothing is lost or reordered."""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from symptomchecker.interview import MAX_INTERVIEW
from tests.scale.conversation import OPENINGS, check_stored, converse, say, stored_events

pytestmark = pytest.mark.servers


def assessments(transcript):
    return [m["custom"]["assessment"] for reply in transcript.replies for m in reply
            if isinstance(m.get("custom"), dict) and "assessment" in m["custom"]]


@pytest.mark.parametrize("opening", OPENINGS)
def test_alternating_replicas_give_what_one_server_gives(cluster, opening):
    # the opening and an answer to each of at most MAX_INTERVIEW questions: each conversation reaches its assessment
    turns = MAX_INTERVIEW + 2
    on_one = converse(cluster.urls[:1], opening, turns=turns)
    alternating = converse(cluster.urls, opening, turns=turns)
    assert assessments(on_one), "the scripted conversation should reach an assessment"
    assert alternating.shown() == on_one.shown()


def test_fifty_concurrent_conversations_of_eight_turns_lose_nothing(cluster, stores):
    with ThreadPoolExecutor(max_workers=50) as pool:
        transcripts = list(pool.map(lambda i: converse(cluster.urls[i % 2:] + cluster.urls[:i % 2], OPENINGS[i % len(OPENINGS)], 8),
                                    range(50)))
    assert len({t.sender for t in transcripts}) == 50
    for transcript in transcripts:
        check_stored(stores["url"], transcript)


def test_messages_at_once_on_both_replicas_are_handled_one_after_the_other(cluster, stores):
    """The Redis lock store serialises one conversation's messages across replicas."""
    sender = "scale-same-time"
    assert say(cluster.urls[0], sender, "itchy bumps on my back").status_code == 200
    messages = ["yes", "no", "not sure", "my lower back", "it itches at night", "no fever", "yes", "no"]
    with ThreadPoolExecutor(max_workers=len(messages)) as pool:
        responses = list(pool.map(lambda i: say(cluster.urls[i % 2], sender, messages[i]), range(len(messages))))
    assert [r.status_code for r in responses] == [200] * len(messages)
    events = stored_events(stores["url"], sender)
    users = [json.loads(e["data"])["text"] for e in events if e["type"] == "user"]
    assert sorted(users[1:]) == sorted(messages), "a message was lost"
    # each message's turn is complete (its replies, then action_listen) before the next message is stored
    types = [e["type"] if e["type"] != "action" else e["action"] for e in events]
    starts = [i for i, t in enumerate(types) if t == "user"]
    for start, end in zip(starts, starts[1:] + [len(types)]):
        turn = types[start:end]
        assert "bot" in turn and turn[-1] == "action_listen", f"interleaved turn: {turn}"
