"""The real servers, started as `make run` starts them (scripts/run.sh, stdin closed), over HTTP."""
from __future__ import annotations

import os
import signal
import uuid
from pathlib import Path

import pytest
import requests

from tests.servers import listening_addresses, wait_until_ok

TRIAGE = ["self_care", "see_doctor", "urgent", "emergency"]
pytestmark = pytest.mark.servers


def say(server, sender: str, message: str):
    response = requests.post(f"{server['base']}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def assessment_of(messages):
    for m in messages:
        if isinstance(m.get("custom"), dict) and "assessment" in m["custom"]:
            return m["custom"]["assessment"]
    return None


def test_status_needs_the_token(server):
    assert requests.get(f"{server['base']}/status", timeout=5).status_code in (401, 403)
    assert requests.get(f"{server['base']}/status", params={"token": server["token"]}, timeout=5).json().get("model_file")


def test_model_endpoints_are_not_open(server):
    assert requests.put(f"{server['base']}/model", json={"model_file": "/tmp/x.tar.gz"}, timeout=5).status_code in (401, 403)


def test_conversation_from_free_text_to_an_assessment(server):
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    replies = say(server, sender, "hi")
    assert "not a doctor" in replies[0]["text"]
    replies = say(server, sender, "itchy red bumps on my lower back, worse at night, my partner itches too")
    for _ in range(12):
        assessment = assessment_of(replies)
        if assessment:
            break
        question = replies[-1]
        assert question.get("buttons"), f"a question without buttons: {question}"
        # answer with the first button's payload where it is a yes/no, otherwise type the title
        text = question["text"].lower()
        if "between the fingers" in text or "at night" in text:
            replies = say(server, sender, "/affirm")
        elif "how old" in text:
            replies = say(server, sender, "I'm 34")
        elif "how long" in text:
            replies = say(server, sender, "about three weeks")
        else:
            replies = say(server, sender, "not sure")
    assert assessment, replies
    assert assessment["conditions"][0]["id"] == "scabies"
    assert assessment["triage"] in TRIAGE
    assert set(assessment) >= {"triage", "conditions", "evidence", "red_flags", "sources"}
    assert {"itching", "household_itchy"} <= set(assessment["evidence"]["present"])
    for c in assessment["conditions"]:
        assert set(c) >= {"id", "name", "likelihood"} and 0 <= c["likelihood"] <= 1
    text = next(m["text"] for m in replies if m.get("custom"))
    assert "Scabies" in text and "not a diagnosis" in text


def test_red_flag_mid_conversation_is_the_first_thing_said(server):
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    say(server, sender, "I have some red bumps on my back")
    replies = say(server, sender, "now my lips are swelling and it's hard to breathe")
    assert replies[0]["text"].startswith("EMERGENCY")
    assert assessment_of(replies[:1])["triage"] == "emergency"


def test_questions_about_conditions(server):
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    replies = say(server, sender, "is scabies contagious?")
    assert "Scabies" in replies[0]["text"] and "https://" in replies[0]["text"]


def test_gibberish_gets_a_helpful_reply(server):
    replies = say(server, f"e2e-{uuid.uuid4().hex[:8]}", "zxqv plorf")
    assert replies and replies[0].get("text")


def test_another_language_is_told_english_only(server):
    replies = say(server, f"e2e-{uuid.uuid4().hex[:8]}", "hola, tengo granos en la espalda")
    assert "only understand English" in replies[0]["text"]


def test_rasa_restart_command_gets_a_reply(server):
    replies = say(server, f"e2e-{uuid.uuid4().hex[:8]}", "/restart")
    assert replies and "restarted" in replies[0]["text"]


def test_malformed_requests_get_a_clear_400(server):
    url = f"{server['base']}/webhooks/rest/webhook"
    assert requests.post(url, data="{not json", timeout=5).status_code == 400
    assert requests.post(url, json={"sender": "x", "message": 5}, timeout=5).status_code == 400
    assert requests.post(url, json=["a"], timeout=5).status_code == 400


def test_action_server_listens_on_localhost_only(server):
    addresses = listening_addresses(server.action_port)
    assert addresses, "the action server is not listening"
    assert set(addresses) == {"0100007F"}, f"bound beyond localhost: {addresses}"


def test_rasa_server_listens_on_localhost_by_default(server):
    port = int(server.base.rsplit(":", 1)[1])
    assert set(listening_addresses(port)) == {"0100007F"}


def test_the_api_token_is_not_on_any_command_line(server):
    """`ps` shows every process's command line to every local user: the token must not be there."""
    group = os.getpgid(server.process.pid)
    seen = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if os.getpgid(int(proc.name)) != group:
                continue
            cmdline = (proc / "cmdline").read_bytes().decode(errors="replace")
        except (OSError, ProcessLookupError):
            continue
        seen += 1
        assert server.token not in cmdline, f"the API token is visible in: {cmdline.replace(chr(0), ' ')[:200]}"
    assert seen >= 3, "expected run.sh, the Rasa server and the action server in the process group"


def test_the_socketio_channel_answers(server):
    """Rasa's socket.io channel (the rasa-webchat protocol), on the pinned python-socketio /
    python-engineio: a session, a message, the bot's reply."""
    import asyncio

    import socketio

    async def chat():
        client = socketio.AsyncClient()
        replies: asyncio.Queue = asyncio.Queue()
        client.on("bot_uttered", lambda data: replies.put_nowait(data))
        session = f"sio-{uuid.uuid4().hex[:8]}"
        await client.connect(server["base"], transports=["polling"], wait_timeout=10)
        try:
            await client.emit("session_request", {"session_id": session})
            await client.emit("user_uttered", {"message": "itchy red bumps on my lower back", "session_id": session})
            return await asyncio.wait_for(replies.get(), timeout=30)
        finally:
            await client.disconnect()

    reply = asyncio.run(chat())
    assert reply.get("text", "").endswith("?"), reply
    assert reply.get("quick_replies") or reply.get("buttons"), reply


def _children(pid: int):
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def _action_supervisor(server) -> int:
    for pid in _children(server.process.pid):
        try:
            if b"scripts/supervise.py" in Path(f"/proc/{pid}/cmdline").read_bytes():
                return pid
        except OSError:
            continue
    raise AssertionError("run.sh does not run the action server under scripts/supervise.py")


def test_a_crashed_action_server_is_started_again(server):
    """Killing the action server does not take the bot down: the Rasa server answers "temporarily
    unavailable" meanwhile, the action server is back within seconds, the conversation goes on."""
    from channels.unavailable import UNAVAILABLE

    supervisor = _action_supervisor(server)
    (action_server,) = _children(supervisor)
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    os.kill(action_server, signal.SIGKILL)
    assert [m.get("text") for m in say(server, sender, "itchy red bumps on my lower back")] == [UNAVAILABLE]

    wait_until_ok(f"http://127.0.0.1:{server.action_port}/health", 60, "the restarted action server")
    assert server.process.poll() is None, "run.sh stopped"
    replies = say(server, sender, "itchy red bumps on my lower back")
    assert replies and replies[-1].get("buttons"), replies
    assert _children(supervisor) != [action_server]
    assert "action server stopped (killed by SIGKILL); restarting in 1 s" in server.log.read_text()
