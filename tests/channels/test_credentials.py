"""scripts/credentials.py: which messaging channels the environment switches on, and what it says."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "credentials.py"
BASE = ROOT / "credentials.yml"

ALL = {
    "TELEGRAM_ACCESS_TOKEN": "123456789:AAE-secret-telegram", "TELEGRAM_VERIFY": "@back_bump_bot",
    "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/webhooks/telegram/webhook",
    "SLACK_TOKEN": "xoxb-secret-slack", "SLACK_SIGNING_SECRET": "secret-signing",
    "FACEBOOK_VERIFY": "verify-me", "FACEBOOK_SECRET": "secret-facebook", "FACEBOOK_PAGE_ACCESS_TOKEN": "EAAsecretpage",
    "TWILIO_ACCOUNT_SID": "AC" + "a1" * 16, "TWILIO_AUTH_TOKEN": "secret-twilio", "TWILIO_NUMBER": "whatsapp:+14155238886",
}
SECRETS = [v for k, v in ALL.items() if "TOKEN" in k or "SECRET" in k]


def run(tmp_path, environ, *args):
    """The script as scripts/run.sh runs it, with only the given channel variables set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_", "FACEBOOK_", "TWILIO_"))}
    env.update(environ)
    out = tmp_path / ".secrets" / "credentials.yml"
    result = subprocess.run([sys.executable, str(SCRIPT), "--out", str(out), *args], env=env, cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    return result, out


def test_no_variables_gives_the_base_file_and_says_nothing(tmp_path):
    result, out = run(tmp_path, {})
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    assert out.read_text() == BASE.read_text()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700


def test_all_variables_switch_on_every_channel(tmp_path):
    result, out = run(tmp_path, ALL)
    assert result.returncode == 0 and result.stderr == ""
    config = yaml.safe_load(out.read_text())
    assert config["channels.telegram.KeyboardTelegramInput"] == {
        "access_token": ALL["TELEGRAM_ACCESS_TOKEN"], "verify": "back_bump_bot",
        "webhook_url": ALL["TELEGRAM_WEBHOOK_URL"]}
    assert config["channels.slack.BlocksSlackInput"] == {
        "slack_token": ALL["SLACK_TOKEN"], "slack_signing_secret": ALL["SLACK_SIGNING_SECRET"]}
    assert config["channels.facebook.QuickReplyFacebookInput"] == {
        "verify": "verify-me", "secret": ALL["FACEBOOK_SECRET"], "page-access-token": ALL["FACEBOOK_PAGE_ACCESS_TOKEN"]}
    assert config["channels.twilio.NumberedTwilioInput"] == {
        "account_sid": ALL["TWILIO_ACCOUNT_SID"], "auth_token": ALL["TWILIO_AUTH_TOKEN"],
        "twilio_number": "whatsapp:+14155238886"}
    assert "channels.rest.WholeMessageRestInput" in config and "channels.socketio.CustomPayloadSocketIOInput" in config  # the base stays
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    for name in ("telegram", "slack", "facebook", "twilio"):
        assert any(line.startswith(f"channel {name} is on") and f"/webhooks/{name}/webhook" in line for line in lines)
    assert not any(secret in result.stdout for secret in SECRETS)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_partly_configured_channel_is_off_and_named(tmp_path):
    environ = {"TELEGRAM_ACCESS_TOKEN": ALL["TELEGRAM_ACCESS_TOKEN"], "SLACK_TOKEN": ALL["SLACK_TOKEN"],
               "SLACK_SIGNING_SECRET": ALL["SLACK_SIGNING_SECRET"]}
    result, out = run(tmp_path, environ)
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "channel telegram is off: TELEGRAM_VERIFY is not set",
        "channel telegram is off: TELEGRAM_WEBHOOK_URL is not set",
    ]
    config = yaml.safe_load(out.read_text())
    assert not any("telegram" in key for key in config) and "channels.slack.BlocksSlackInput" in config
    assert result.stdout.startswith("channel slack is on")
    strict, _ = run(tmp_path, environ, "--strict")
    assert strict.returncode == 1 and "TELEGRAM_VERIFY is not set" in strict.stderr


@pytest.mark.parametrize("variable, value, says", [
    ("TELEGRAM_WEBHOOK_URL", "http://bot.example.org/webhooks/telegram/webhook", "https://"),
    ("TELEGRAM_ACCESS_TOKEN", "not-a-token", "@BotFather"),
    ("TELEGRAM_VERIFY", "my bot", "username"),
    ("SLACK_TOKEN", "xoxp-user-token", "xoxb-"),
    ("SLACK_SIGNING_SECRET", "two words", "spaces"),
    ("FACEBOOK_SECRET", "two words", "spaces"),
    ("TWILIO_NUMBER", "5551234567", "+<country code>"),
    ("TWILIO_NUMBER", "whatsapp:5551234567", "whatsapp:+"),
    ("TWILIO_ACCOUNT_SID", "SK0123", "Account SID"),
    ("TWILIO_WEBHOOK_URL", "http://bot.example.org/webhooks/twilio/webhook", "https://"),
])
def test_an_invalid_value_is_named_and_its_channel_left_off(tmp_path, variable, value, says):
    result, out = run(tmp_path, dict(ALL, **{variable: value}))
    assert result.returncode == 0
    channel = variable.split("_")[0].lower()
    [problem] = result.stderr.splitlines()
    assert problem.startswith(f"channel {channel} is off: {variable} ") and says in problem
    assert value not in result.stderr and not any(s in result.stderr + result.stdout for s in SECRETS)  # never echoed
    assert f"channel {channel} is on" not in result.stdout and result.stdout.count(" is on") == 3
    assert not any(key.startswith(f"channels.{channel}.") for key in yaml.safe_load(out.read_text()))


def test_sms_number_and_optional_twilio_webhook_url(tmp_path):
    twilio = {k: v for k, v in ALL.items() if k.startswith("TWILIO_")}
    twilio.update(TWILIO_NUMBER="+15550001111", TWILIO_WEBHOOK_URL="https://bot.example.org/webhooks/twilio/webhook")
    result, out = run(tmp_path, twilio)
    block = yaml.safe_load(out.read_text())["channels.twilio.NumberedTwilioInput"]
    assert block["twilio_number"] == "+15550001111" and block["webhook_url"] == twilio["TWILIO_WEBHOOK_URL"]
    assert result.stdout.strip() == ("channel twilio is on: webhook /webhooks/twilio/webhook "
                                     "(public URL https://bot.example.org/webhooks/twilio/webhook)")


def test_a_channel_already_in_the_base_file_is_not_added_twice(tmp_path):
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import credentials as script
    finally:
        sys.path.pop(0)
    base = BASE.read_text() + "\ntwilio:\n  account_sid: AC...\n"
    enabled, problems = script.configure(ALL, base)
    assert "twilio" not in [channel.name for channel, _ in enabled]
    assert problems == ["channel twilio is already configured in the base credentials file; "
                        "the TWILIO_* variables are ignored"]


def test_an_existing_file_is_replaced_private(tmp_path):
    out = tmp_path / ".secrets" / "credentials.yml"
    out.parent.mkdir()
    out.write_text("old")
    out.chmod(0o644)
    result, out = run(tmp_path, ALL)
    assert result.returncode == 0 and stat.S_IMODE(out.stat().st_mode) == 0o600 and "old" not in out.read_text()
