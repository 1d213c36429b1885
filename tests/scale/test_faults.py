"""Faults (issue #6): the person is told something useful, nothing already said is lost, and the
conversation resumes when the failing part is back, without restarting anything else."""
from __future__ import annotations

import signal
import time
import uuid

import pytest

from channels.unavailable import UNAVAILABLE
from tests.scale.conversation import check_stored, converse, next_message, say

pytestmark = pytest.mark.servers
OPENING = "itchy red bumps on my back"  # several questions before the assessment


def interview_question(replies):
    assert replies and replies[-1].get("buttons"), f"expected a question, got {replies}"
    return replies[-1]["text"]


def test_action_server_down_then_back(cluster, stores):
    transcript = converse(cluster.urls, OPENING, turns=1)
    question = interview_question(transcript.replies[-1])
    cluster.action.stop()
    try:
        response = say(cluster.urls[1], transcript.sender, "yes")
        assert response.status_code == 200
        assert [m["text"] for m in response.json()] == [UNAVAILABLE]
    finally:
        cluster.action.start()
        cluster.action.wait_ready(60)
    # the person tries again: the interview goes on from the unanswered question
    response = say(cluster.urls[0], transcript.sender, "yes")
    assert response.status_code == 200
    replies = response.json()
    assert UNAVAILABLE not in [m.get("text") for m in replies]
    assert replies[-1]["text"] != question, "the answer was not taken"


def test_a_replica_dies_and_the_other_carries_on(cluster, stores):
    transcript = converse(cluster.urls[:1], OPENING, turns=2)
    victim, survivor = cluster.rasa
    victim.stop(signal.SIGKILL)
    try:
        for turn in range(2, 6):
            text = next_message(transcript.replies[-1], turn)
            response = say(survivor.url, transcript.sender, text)
            assert response.status_code == 200
            transcript.sent.append(text)
            transcript.replies.append(response.json())
        check_stored(stores["url"], transcript)
    finally:
        victim.start()
        victim.wait_ready(240)
    # back in the pool: it serves the same conversation
    assert say(victim.url, transcript.sender, "thanks").status_code == 200


@pytest.mark.parametrize("store", ["postgres", "redis"])
def test_a_store_unreachable_for_a_while(cluster, stores, store):
    transcript = converse(cluster.urls, OPENING, turns=2)
    stores[store].cut()
    try:
        started = time.monotonic()
        response = say(cluster.urls[0], transcript.sender, "no", timeout=60)
        assert time.monotonic() - started < 30, "the person waited too long for an answer"
        assert response.status_code == 503
        assert [m["text"] for m in response.json()] == [UNAVAILABLE]
    finally:
        stores[store].restore()
    # no restart: both replicas answer again, and the conversation is whole
    for url in cluster.urls:
        response = say(url, f"after-{store}-{uuid.uuid4().hex[:6]}", "hello")
        assert response.status_code == 200 and UNAVAILABLE not in [m.get("text") for m in response.json()], response.text[:300]
    # the person tries again, and the interview goes on; the stored conversation is whole, and
    # holds nothing of the answer given during the outage
    question = interview_question(transcript.replies[-1])
    response = say(cluster.urls[1], transcript.sender, "no")
    assert response.status_code == 200
    transcript.sent.append("no")
    transcript.replies.append(response.json())
    assert UNAVAILABLE not in [m.get("text") for m in transcript.replies[-1]]
    assert interview_question(transcript.replies[-1]) != question
    check_stored(stores["url"], transcript)
