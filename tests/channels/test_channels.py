"""The messaging channels, offline: what each platform would post, through the Rasa app.

Each test posts a platform's own request (a Telegram update, a signed Slack event, a signed
Messenger webhook, a signed Twilio form) to the app `rasa run` builds (rasa.core.run.configure_app
with our input channel), with the real model and the real action server, and reads what the
bot would have sent from the platform's client library, which is intercepted (no network).
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Dict, List

import pytest

from tests.servers import free_port, wait_until_ok

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "symptom-checker.tar.gz"
RASA = Path(sys.executable).parent / "rasa"
pytestmark = pytest.mark.servers

DESCRIPTION = "itchy rash on my lower back, worse at night, my partner itches too"  # first question: yes / no
OPEN_DESCRIPTION = "itchy red rash on my back"  # first question: how long, 4 choices
RED_FLAG = "my lips are swelling and I can't breathe"
YES_NO = ["Yes", "No", "Not sure"]

SLACK_SECRET = "8f742231b10e8888abcd99edabcd00d0"
FACEBOOK_SECRET = "a3f0c2d1e4b5968778695a4b3c2d1e0f"
TWILIO_TOKEN = "0123456789abcdef0123456789abcdef"
TWILIO_SID = "AC" + "0" * 32
TWILIO_URL = "https://bot.example.org/webhooks/twilio/webhook"


# --- the bot: real model, real action server, in-memory conversations ------------------------

@pytest.fixture(scope="module")
def agent(tmp_path_factory):
    from rasa.core.agent import Agent
    from rasa.utils.endpoints import EndpointConfig

    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it)")
    port = free_port()
    log = (tmp_path_factory.mktemp("actions") / "actions.log").open("w")
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false")
    server = subprocess.Popen(
        [str(RASA), "run", "actions", "--port", str(port), "--actions", "actions"], cwd=ROOT, env=env,
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    try:
        loaded = Agent.load(str(MODEL), action_endpoint=EndpointConfig(url=f"http://127.0.0.1:{port}/webhook"))
        wait_until_ok(f"http://127.0.0.1:{port}/health", 90, "the action server", server, Path(log.name))
        yield loaded
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="module")
def patches():
    with pytest.MonkeyPatch.context() as mp:
        from sanic import Sanic

        mp.setattr(Sanic, "test_mode", True)  # one Sanic app per channel in this process
        yield mp


class Channel:
    """A channel's app, how to post to it, and what the bot sent through the platform's API."""

    def __init__(self, input_channel, agent, loop):
        from rasa.core.run import configure_app

        self.input = input_channel
        self.loop = loop
        self.app = configure_app([input_channel], enable_api=False, port=free_port())
        self.app.ctx.agent = agent
        self.sent: List[Dict[str, Any]] = []

    def post(self, path: str, **kwargs):
        async def call():
            _, response = await self.app.asgi_client.post(path, **kwargs)
            # Slack handles messages in the background after answering the request
            await asyncio.gather(*list(getattr(self.input, "_background_tasks", ())))
            return response

        return self.loop.run_until_complete(call())

    def take(self) -> List[Dict[str, Any]]:
        sent, self.sent = self.sent, []
        return sent


def texts(sent):
    return [m["text"] for m in sent]


PDF_LINK = r"https?://[^/]+/summary/([A-Za-z0-9_-]+)\.pdf"


def summary_after_assessment(post_text, post_button, take, buttons_of, description=DESCRIPTION):
    """Answer each question with its last choice until the assessment offers the summary, then
    ask for it: what the bot sent for the summary."""
    post_text(description)
    for _ in range(15):
        sent = take()
        choices = buttons_of(sent[-1]) if sent else []
        if "/get_summary" in choices:
            post_button("/get_summary")
            return take()
        assert choices, sent
        post_button(choices[-1])
    pytest.fail("no assessment after 15 answers")


def opens_the_summary_of(url: str) -> str:
    """The conversation whose summary the link opens."""
    import re

    from symptomchecker import links

    return links.read_token(re.fullmatch(PDF_LINK, url).group(1)).conversation_id


# --- Telegram --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def telegram(agent, loop, patches):
    from rasa.core.channels.telegram import TelegramOutput

    from channels.telegram import KeyboardTelegramInput

    async def set_webhook(self, url, *args, **kwargs):
        return True

    async def get_me(self):
        return SimpleNamespace(username="back_bump_bot")

    async def send_message(self, chat_id, text, reply_markup=None, **kwargs):
        channel.sent.append({"to": chat_id, "text": text, "markup": reply_markup.to_python() if reply_markup else None})

    async def send_document(self, chat_id, document, caption=None, **kwargs):
        channel.sent.append({"to": chat_id, "document": document, "caption": caption})

    patches.setattr(TelegramOutput, "set_webhook", set_webhook)
    patches.setattr(TelegramOutput, "get_me", get_me)
    patches.setattr(TelegramOutput, "send_message", send_message)
    patches.setattr(TelegramOutput, "send_document", send_document)
    channel = Channel(KeyboardTelegramInput.from_credentials({
        "access_token": "123456789:AAE-test-token", "verify": "back_bump_bot",
        "webhook_url": "https://bot.example.org/webhooks/telegram/webhook",
    }), agent, loop)
    return channel


def telegram_update(chat_id: int, text: str = None, button: str = None) -> Dict[str, Any]:
    user = {"id": chat_id, "is_bot": False, "first_name": "Sam"}
    message = {"message_id": 1, "date": 1700000000, "chat": {"id": chat_id, "type": "private"}, "from": user}
    if button:
        return {"update_id": 2, "callback_query": {"id": "7", "from": user, "chat_instance": "1", "data": button,
                                                    "message": dict(message, text="(the question)")}}
    return {"update_id": 1, "message": dict(message, text=text)}


def test_telegram_start_gets_the_greeting_and_a_description_gets_an_inline_keyboard(telegram):
    chat = 4242
    assert telegram.post("/webhooks/telegram/webhook", json=telegram_update(chat, "/start")).status == 200
    sent = telegram.take()
    assert {m["to"] for m in sent} == {str(chat)}
    assert "not a doctor" in sent[0]["text"]

    telegram.post("/webhooks/telegram/webhook", json=telegram_update(chat, DESCRIPTION))
    question = telegram.take()[-1]
    assert question["to"] == str(chat) and question["text"].endswith("?")
    keyboard = question["markup"]["inline_keyboard"]
    assert len(keyboard) == 1, "Yes / No / Not sure in one row"
    assert [(b["text"], b["callback_data"]) for b in keyboard[0]] == \
        [("Yes", "/affirm"), ("No", "/deny"), ("Not sure", "/unsure")]

    # a tap on a button arrives as a callback query: the next question follows
    telegram.post("/webhooks/telegram/webhook", json=telegram_update(chat, button="/deny"))
    after = telegram.take()
    assert after and after[-1]["to"] == str(chat) and after[-1]["text"] != question["text"]


def test_telegram_more_than_three_choices_are_one_per_row(telegram):
    telegram.post("/webhooks/telegram/webhook", json=telegram_update(4343, OPEN_DESCRIPTION))
    question = telegram.take()[-1]
    rows = question["markup"]["inline_keyboard"]
    assert len(rows) >= 4 and all(len(row) == 1 for row in rows)
    assert rows[-1][0]["text"] == "Not sure"


def test_telegram_emergency_first_and_no_json(telegram):
    telegram.post("/webhooks/telegram/webhook", json=telegram_update(4444, RED_FLAG))
    sent = telegram.take()
    assert sent[0]["to"] == "4444" and sent[0]["text"].startswith("EMERGENCY")
    assert not any("assessment" in m["text"] and "{" in m["text"] for m in sent)


def telegram_buttons(message):
    return [b["callback_data"] for row in (message.get("markup") or {}).get("inline_keyboard", []) for b in row]


def test_telegram_summary_is_the_text_and_the_pdf_as_a_document(telegram):
    chat = 4646
    post = lambda **kw: telegram.post("/webhooks/telegram/webhook", json=telegram_update(chat, **kw))  # noqa: E731
    sent = summary_after_assessment(lambda t: post(text=t), lambda b: post(button=b), telegram.take, telegram_buttons)
    text, document = sent
    assert text["to"] == str(chat) and "not a diagnosis" in text["text"] and len(text["text"]) <= 4096
    assert document["to"] == str(chat) and "PDF" in document["caption"]
    assert opens_the_summary_of(document["document"]) == str(chat)


def test_telegram_summary_pdf_telegram_cannot_fetch_goes_as_its_link(loop):
    from aiogram.utils.exceptions import TelegramAPIError

    from channels.telegram import KeyboardTelegramOutput

    url = "https://bot.example.org/summary/abc.pdf"
    sent = []

    async def refused(self, chat_id, document, **kwargs):
        raise TelegramAPIError("Bad Request: wrong file identifier/HTTP URL specified")

    async def send_message(self, chat_id, text, **kwargs):
        sent.append(text)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(KeyboardTelegramOutput, "send_document", refused)
        mp.setattr(KeyboardTelegramOutput, "send_message", send_message)
        bot = KeyboardTelegramOutput("123456789:AAE-test-token")
        loop.run_until_complete(bot.send_custom_json("1", {"summary_pdf": {"url": url, "expires_in_hours": 24}}))
    assert len(sent) == 1 and sent[0].endswith(url)


def test_telegram_update_for_another_bot_is_ignored(telegram, patches):
    from rasa.core.channels.telegram import TelegramOutput

    async def someone_else(self):
        return SimpleNamespace(username="another_bot")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(TelegramOutput, "get_me", someone_else)
        response = telegram.post("/webhooks/telegram/webhook", json=telegram_update(4545, "hello"))
    assert response.text == "failed" and telegram.take() == []


# --- Slack -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def slack(agent, loop, patches):
    from slack_sdk.web.async_client import AsyncWebClient

    from channels.slack import BlocksSlackInput

    async def chat_post_message(self, **kwargs):
        channel.sent.append(kwargs)

    patches.setattr(AsyncWebClient, "chat_postMessage", chat_post_message)
    channel = Channel(BlocksSlackInput.from_credentials(
        {"slack_token": "xoxb-test", "slack_signing_secret": SLACK_SECRET}), agent, loop)
    return channel


def slack_post(slack, body: bytes, content_type: str, secret: str = SLACK_SECRET, age: int = 0):
    timestamp = str(int(time.time()) - age)
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": f"v0={digest}"}
    return slack.post("/webhooks/slack/webhook", content=body, headers=headers)


def slack_message(user: str, channel: str, text: str) -> bytes:
    return json.dumps({
        "token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback", "event_id": uuid.uuid4().hex,
        "authorizations": [{"user_id": "UBOT"}],
        "event": {"type": "message", "channel_type": "im", "channel": channel, "user": user, "text": text,
                  "ts": f"{time.time():.6f}"},
    }).encode()


def slack_click(user: str, channel: str, value: str) -> bytes:
    payload = {"type": "block_actions", "user": {"id": user}, "channel": {"id": channel},
               "message": {"ts": "1700000000.000100"}, "actions": [{"type": "button", "value": value}]}
    return urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()


def test_slack_signed_event_gets_greeting_then_buttons(slack):
    assert slack_post(slack, slack_message("U42", "D42", "hello"), "application/json").status == 200
    sent = slack.take()
    assert sent and {m["channel"] for m in sent} == {"D42"}
    assert "not a doctor" in sent[0]["text"] and "as_user" not in sent[0]

    slack_post(slack, slack_message("U42", "D42", DESCRIPTION), "application/json")
    question = slack.take()[-1]
    assert question["channel"] == "D42"
    section, actions = question["blocks"]
    assert section["text"]["text"] == question["text"] and question["text"].endswith("?")
    assert [(e["text"]["text"], e["value"]) for e in actions["elements"]] == \
        [("Yes", "/affirm"), ("No", "/deny"), ("Not sure", "/unsure")]

    # a button click comes as a signed form post to the same URL (Slack's Interactivity URL)
    assert slack_post(slack, slack_click("U42", "D42", "/deny"), "application/x-www-form-urlencoded").status == 200
    after = slack.take()
    assert after and after[-1]["channel"] == "D42" and after[-1]["text"] != question["text"]


def test_slack_emergency_first_and_no_json(slack):
    slack_post(slack, slack_message("U43", "D43", RED_FLAG), "application/json")
    sent = slack.take()
    assert sent[0]["channel"] == "D43" and sent[0]["text"].startswith("EMERGENCY")
    assert all(set(m) <= {"channel", "text", "blocks"} for m in sent), "no custom payload is posted"


def slack_buttons(message):
    return [e["value"] for block in message.get("blocks") or [] if block["type"] == "actions" for e in block["elements"]]


def test_slack_summary_is_the_text_and_a_link_to_the_pdf(slack):
    sent = summary_after_assessment(
        lambda t: slack_post(slack, slack_message("U46", "D46", t), "application/json"),
        lambda b: slack_post(slack, slack_click("U46", "D46", b), "application/x-www-form-urlencoded"),
        slack.take, slack_buttons)
    text, link = sent
    assert {text["channel"], link["channel"]} == {"D46"}
    assert "not a diagnosis" in text["text"] and len(text["text"]) <= 3000
    import re

    url = re.search(r"<([^|>]+)\|download the PDF>", link["text"]).group(1)
    assert opens_the_summary_of(url) == "U46"


@pytest.mark.parametrize("secret, age", [("0" * 32, 0), (SLACK_SECRET, 600)], ids=["wrong secret", "replayed"])
def test_slack_bad_signature_is_refused(slack, secret, age):
    response = slack_post(slack, slack_message("U44", "D44", "hello"), "application/json", secret=secret, age=age)
    assert response.status == 400 and slack.take() == []


def test_slack_url_verification_challenge(slack):
    body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"}).encode()
    response = slack_post(slack, body, "application/json")
    assert response.status == 200 and response.json == "abc123"


# --- Facebook Messenger ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def facebook(agent, loop, patches):
    from fbmessenger import MessengerClient

    from channels.facebook import QuickReplyFacebookInput

    def send(self, payload, recipient_id, messaging_type="RESPONSE", **kwargs):
        channel.sent.append({"to": recipient_id, **payload})

    patches.setattr(MessengerClient, "send", send)
    patches.setattr(MessengerClient, "send_action", lambda self, *args, **kwargs: None)
    channel = Channel(QuickReplyFacebookInput.from_credentials(
        {"verify": "my-verify-token", "secret": FACEBOOK_SECRET, "page-access-token": "EAAtest"}), agent, loop)
    return channel


def facebook_post(facebook, sender: str, message: Dict[str, Any], secret: str = FACEBOOK_SECRET):
    body = json.dumps({"object": "page", "entry": [{"id": "PAGE", "time": 1, "messaging": [
        {"sender": {"id": sender}, "recipient": {"id": "PAGE"}, "timestamp": 1, "message": dict(mid="m1", **message)},
    ]}]}).encode()
    signature = "sha1=" + hmac.new(secret.encode(), body, hashlib.sha1).hexdigest()
    return facebook.post("/webhooks/facebook/webhook", content=body,
                         headers={"Content-Type": "application/json", "X-Hub-Signature": signature})


def test_facebook_signed_webhook_gets_greeting_then_quick_replies(facebook):
    assert facebook_post(facebook, "PSID42", {"text": "hello"}).text == "success"
    sent = facebook.take()
    assert sent and {m["to"] for m in sent} == {"PSID42"}
    assert "not a doctor" in sent[0]["text"]

    facebook_post(facebook, "PSID42", {"text": DESCRIPTION})
    question = facebook.take()[-1]
    assert question["to"] == "PSID42" and question["text"].endswith("?")
    assert [(q["title"], q["payload"]) for q in question["quick_replies"]] == \
        [("Yes", "/affirm"), ("No", "/deny"), ("Not sure", "/unsure")]

    # a tapped quick reply arrives as the title with the payload
    facebook_post(facebook, "PSID42", {"text": "No", "quick_reply": {"payload": "/deny"}})
    after = facebook.take()
    assert after and after[-1]["to"] == "PSID42" and after[-1]["text"] != question["text"]


def test_facebook_four_choices_are_all_offered(facebook):
    """Rasa's connector drops every button of a message with more than 3 (Messenger's button
    template limit); the open questions have 4 to 6 choices, so they go as quick replies."""
    facebook_post(facebook, "PSID43", {"text": OPEN_DESCRIPTION})
    question = facebook.take()[-1]
    titles = [q["title"] for q in question["quick_replies"]]
    assert len(titles) >= 4 and titles[-1] == "Not sure" and all(len(t) <= 20 for t in titles)


def test_facebook_emergency_first_and_no_json(facebook):
    facebook_post(facebook, "PSID44", {"text": RED_FLAG})
    sent = facebook.take()
    assert sent[0]["to"] == "PSID44" and sent[0]["text"].startswith("EMERGENCY")
    assert all("text" in m for m in sent) and not any("assessment" in m for m in sent)


def test_facebook_summary_is_the_text_and_the_pdf_as_a_file(facebook):
    sender = "PSID46"
    sent = summary_after_assessment(
        lambda t: facebook_post(facebook, sender, {"text": t}),
        lambda b: facebook_post(facebook, sender, {"text": b, "quick_reply": {"payload": b}}),
        facebook.take, lambda m: [q["payload"] for q in m.get("quick_replies") or []])
    text, file = sent
    assert text["to"] == sender and "not a diagnosis" in text["text"] and len(text["text"]) <= 2000
    assert file["to"] == sender and file["attachment"]["type"] == "file"
    assert opens_the_summary_of(file["attachment"]["payload"]["url"]) == sender


def test_facebook_bad_signature_is_refused(facebook):
    response = facebook_post(facebook, "PSID45", {"text": "hello"}, secret="0" * 32)
    assert response.text == "not validated" and facebook.take() == []


def test_facebook_webhook_verification(facebook):
    ok = facebook.loop.run_until_complete(facebook.app.asgi_client.get(
        "/webhooks/facebook/webhook", params={"hub.verify_token": "my-verify-token", "hub.challenge": "42"}))[1]
    bad = facebook.loop.run_until_complete(facebook.app.asgi_client.get(
        "/webhooks/facebook/webhook", params={"hub.verify_token": "guess", "hub.challenge": "42"}))[1]
    assert ok.text == "42" and bad.text != "42"


# --- Twilio SMS and WhatsApp -----------------------------------------------------------------

TWILIO_SENDERS: Dict[str, Channel] = {}  # our Twilio number -> its test channel


def twilio_channel(agent, loop, patches, number: str, webhook_url=TWILIO_URL):
    from twilio.rest.api.v2010.account.message import MessageList

    from channels.twilio import NumberedTwilioInput

    def create(self, **kwargs):
        TWILIO_SENDERS[kwargs["from_"]].sent.append(kwargs)
        return SimpleNamespace(sid="SM" + uuid.uuid4().hex)

    patches.setattr(MessageList, "create", create)
    credentials = {"account_sid": TWILIO_SID, "auth_token": TWILIO_TOKEN, "twilio_number": number}
    if webhook_url:
        credentials["webhook_url"] = webhook_url
    TWILIO_SENDERS[number] = Channel(NumberedTwilioInput.from_credentials(credentials), agent, loop)
    return TWILIO_SENDERS[number]


@pytest.fixture(scope="module")
def sms(agent, loop, patches):
    return twilio_channel(agent, loop, patches, "+15550001111")


def twilio_post(channel, sender: str, body: str, url: str = TWILIO_URL, token: str = TWILIO_TOKEN, headers=None):
    from twilio.request_validator import RequestValidator

    form = {"From": sender, "To": "+15550001111", "Body": body, "MessageSid": "SM1", "AccountSid": TWILIO_SID}
    signature = RequestValidator(token).compute_signature(url, form)
    return channel.post("/webhooks/twilio/webhook", data=form,
                        headers={"X-Twilio-Signature": signature, **(headers or {})})


def test_sms_greeting_then_numbered_choices_and_a_number_as_the_answer(sms):
    sender = "+15557770001"
    assert twilio_post(sms, sender, "hello").status == 204
    sent = sms.take()
    assert sent and all(m["to"] == sender and m["from_"] == "+15550001111" for m in sent)
    assert "not a doctor" in sent[0]["body"]

    twilio_post(sms, sender, DESCRIPTION)
    question = sms.take()[-1]["body"]
    assert question.endswith("Reply 1 for Yes, 2 for No or 3 for Not sure (or answer in your own words).")

    # "2" is read as the payload of choice 2 of the question just sent: /deny
    twilio_post(sms, sender, "2")
    tracker = sms.loop.run_until_complete(sms.app.ctx.agent.tracker_store.retrieve(sender))
    assert tracker.latest_message.text == "/deny"
    assert tracker.latest_message.intent["name"] == "deny"
    assert sms.take()[-1]["body"] != question


def test_sms_options_with_digits_are_listed(sms):
    twilio_post(sms, "+15557770002", OPEN_DESCRIPTION)
    question = sms.take()[-1]["body"]
    assert "\n1) Less than a week\n2) 1 to 6 weeks\n3) More than 6 weeks\n4) Not sure\n" in question
    twilio_post(sms, "+15557770002", "2")
    tracker = sms.loop.run_until_complete(sms.app.ctx.agent.tracker_store.retrieve("+15557770002"))
    assert tracker.latest_message.text == "1 to 6 weeks"


def test_sms_a_number_without_a_question_is_just_text(sms):
    twilio_post(sms, "+15557770003", "hello")
    sms.take()
    twilio_post(sms, "+15557770003", "2")
    tracker = sms.loop.run_until_complete(sms.app.ctx.agent.tracker_store.retrieve("+15557770003"))
    assert tracker.latest_message.text == "2"


def test_sms_conversation_to_the_assessment_in_sms_sized_text(sms):
    sender = "+15557770004"
    twilio_post(sms, sender, "itchy red bumps on my lower back, worse at night, my partner itches too")
    bodies = [m["body"] for m in sms.take()]
    for _ in range(12):
        if any("not a diagnosis" in b for b in bodies):
            break
        question = bodies[-1]
        assert "Reply" in question, bodies
        answer = "3" if "3 for Not sure" in question else "about three weeks" if "weeks" in question else "34"
        twilio_post(sms, sender, answer)
        bodies = [m["body"] for m in sms.take()]
    assessment = "\n\n".join(bodies)
    assert "not a diagnosis" in assessment and "Most likely causes" in assessment
    assert all(len(b) <= 1600 for b in bodies)
    assert len(bodies) <= 3, "the assessment is packed into few messages, not one per paragraph"
    assert not any(b.lstrip().startswith("{") for b in bodies), "no JSON by SMS"


def test_sms_emergency_first(sms):
    twilio_post(sms, "+15557770005", RED_FLAG)
    sent = sms.take()
    assert sent[0]["to"] == "+15557770005" and sent[0]["body"].startswith("EMERGENCY")
    assert all(set(m) == {"to", "from_", "body"} for m in sent)


def test_twilio_bad_or_missing_signature_is_refused(sms):
    assert twilio_post(sms, "+15557770006", "hello", token="f" * 32).status == 403
    response = sms.post("/webhooks/twilio/webhook", data={"From": "+15557770006", "Body": "hello"})
    assert response.status == 403
    assert sms.take() == []


def test_whatsapp_signed_through_the_proxy_headers(agent, loop, patches):
    """Without TWILIO_WEBHOOK_URL the signed URL is rebuilt from the reverse proxy's headers."""
    whatsapp = twilio_channel(agent, loop, patches, "whatsapp:+14155238886", webhook_url=None)
    proxy = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "bot.example.org"}
    response = twilio_post(whatsapp, "whatsapp:+447700900123", RED_FLAG, headers=proxy)
    assert response.status == 204
    sent = whatsapp.take()
    assert sent[0] == {"to": "whatsapp:+447700900123", "from_": "whatsapp:+14155238886", "body": sent[0]["body"]}
    assert sent[0]["body"].startswith("EMERGENCY")
    assert twilio_post(whatsapp, "whatsapp:+447700900123", "hello").status == 403  # signed for another URL


# --- the generated credentials load as Rasa's channels -----------------------------------------

def test_generated_credentials_load_as_rasa_channels(tmp_path):
    from rasa.core.run import create_http_input_channels

    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import credentials as script
    finally:
        sys.path.pop(0)
    environ = {
        "TELEGRAM_ACCESS_TOKEN": "123456789:AAE-test", "TELEGRAM_VERIFY": "back_bump_bot",
        "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
        "SLACK_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": SLACK_SECRET,
        "FACEBOOK_VERIFY": "v", "FACEBOOK_SECRET": FACEBOOK_SECRET, "FACEBOOK_PAGE_ACCESS_TOKEN": "EAA",
        "TWILIO_ACCOUNT_SID": TWILIO_SID, "TWILIO_AUTH_TOKEN": TWILIO_TOKEN, "TWILIO_NUMBER": "+15550001111",
    }
    out = tmp_path / "credentials.yml"
    assert script.main(["--out", str(out)], environ) == 0
    channels = create_http_input_channels(None, str(out))
    names = sorted(c.name() for c in channels)
    assert names == ["facebook", "rest", "slack", "socketio", "summary", "telegram", "twilio"]
    by_name = {c.name(): type(c).__module__ + "." + type(c).__name__ for c in channels}
    assert by_name["twilio"] == "channels.twilio.NumberedTwilioInput"
    assert by_name["rest"] == "channels.rest.WholeMessageRestInput"
    assert by_name["socketio"] == "channels.socketio.CustomPayloadSocketIOInput"


# --- rendering, without the bot ----------------------------------------------------------------

def test_fit_packs_paragraphs_within_the_limit():
    from channels.text import fit

    paragraphs = [f"Paragraph {i}: " + "word " * 30 for i in range(20)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    parts = fit(text, 500)
    assert all(len(p) <= 500 for p in parts) and 4 <= len(parts) < 20
    assert "\n\n".join(parts).split() == text.split()
    assert fit("short", 500) == ["short"] and fit("", 500) == []
    long_word = fit("x" * 1200, 500)
    assert [len(p) for p in long_word] == [500, 500, 200]


def test_numbered_choices():
    from channels.text import numbered

    assert numbered([{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}]) == \
        "Reply 1 for Yes or 2 for No (or answer in your own words)."
    assert numbered([{"title": "60 or over", "payload": "60 or over"}]).startswith("1) 60 or over\n")


def test_slack_six_choices_go_in_rows_of_five(loop, patches):
    """Rasa's Slack connector drops all buttons of a message with more than 5 (the age question has 6)."""
    from slack_sdk.web.async_client import AsyncWebClient

    from channels.slack import BlocksSlackBot

    posted = []

    async def chat_post_message(self, **kwargs):
        posted.append(kwargs)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(AsyncWebClient, "chat_postMessage", chat_post_message)
        buttons = [{"title": f"Choice {i}", "payload": f"/choice{i}"} for i in range(6)]
        loop.run_until_complete(BlocksSlackBot("xoxb-test").send_text_with_buttons("D1", "How old?", buttons))
    section, row1, row2 = posted[0]["blocks"]
    assert posted[0]["channel"] == "D1" and section["text"]["text"] == "How old?"
    assert len(row1["elements"]) == 5 and row2["elements"][0]["value"] == "/choice5"
