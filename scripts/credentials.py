#!/usr/bin/env python3
"""Write the credentials file `rasa run` uses: credentials.yml plus the messaging channels.

    .venv/bin/python scripts/credentials.py [--base credentials.yml] [--out .secrets/credentials.yml] [--strict]

A messaging channel (Telegram, Slack, Facebook Messenger, Twilio SMS / WhatsApp) is switched on
when ALL its environment variables are set and look valid; its block is then added to the
output file (mode 600, in the git-ignored .secrets/). A channel with only some variables set,
or a value that cannot be right, is reported on stderr naming the variable and left off; the
exit status is 0 unless --strict. No variable set: the file is credentials.yml as it is (REST,
socket.io), so the default start-up needs no network. Values are never printed.
Plain Python: no Rasa import, no third-party package.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
Check = Callable[[str], Optional[str]]  # value -> what is wrong with it, or None


def matches(pattern: str, problem: str) -> Check:
    return lambda value: None if re.fullmatch(pattern, value) else problem


def https_url(value: str) -> Optional[str]:
    if not re.fullmatch(r"https://[^/\s]+(/\S*)?", value):
        return "must be a public https:// URL (the platforms only call HTTPS webhooks)"
    return None


NO_SPACES = matches(r"\S+", "must not contain spaces")


@dataclass
class Var:
    env: str  # environment variable
    key: str  # key in the channel's credentials block
    check: Check = NO_SPACES
    required: bool = True


@dataclass
class Channel:
    name: str  # Rasa's channel name: the webhook is /webhooks/<name>/webhook
    connector: str  # the input channel class, as the key of its credentials block
    variables: List[Var] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/webhooks/{self.name}/webhook"


CHANNELS = [
    Channel("telegram", "channels.telegram.KeyboardTelegramInput", [
        Var("TELEGRAM_ACCESS_TOKEN", "access_token",
            matches(r"\d+:[A-Za-z0-9_-]+", "does not look like a bot token from @BotFather (123456789:AAE...)")),
        Var("TELEGRAM_VERIFY", "verify",
            matches(r"@?[A-Za-z0-9_]{5,32}", "must be the bot's username (letters, digits and _), e.g. back_bump_bot")),
        Var("TELEGRAM_WEBHOOK_URL", "webhook_url", https_url),
    ]),
    Channel("slack", "channels.slack.BlocksSlackInput", [
        Var("SLACK_TOKEN", "slack_token", matches(r"xoxb-\S+", "must be the app's Bot User OAuth Token (xoxb-...)")),
        Var("SLACK_SIGNING_SECRET", "slack_signing_secret"),
    ]),
    Channel("facebook", "channels.facebook.QuickReplyFacebookInput", [
        Var("FACEBOOK_VERIFY", "verify"),
        Var("FACEBOOK_SECRET", "secret"),
        Var("FACEBOOK_PAGE_ACCESS_TOKEN", "page-access-token"),
    ]),
    Channel("twilio", "channels.twilio.NumberedTwilioInput", [
        Var("TWILIO_ACCOUNT_SID", "account_sid",
            matches(r"AC[0-9a-fA-F]{32}", "must be the Account SID from the Twilio console (AC and 32 hex digits)")),
        Var("TWILIO_AUTH_TOKEN", "auth_token"),
        Var("TWILIO_NUMBER", "twilio_number",
            matches(r"(whatsapp:)?\+[1-9][0-9]{6,14}",
                    "must be +<country code><number> for SMS or whatsapp:+<country code><number> for WhatsApp")),
        Var("TWILIO_WEBHOOK_URL", "webhook_url", https_url, required=False),
    ]),
]


def configure(environ: Mapping[str, str], base_text: str = "") -> Tuple[List[Tuple[Channel, Dict[str, str]]], List[str]]:
    """The channels to switch on with their credentials, and the problems found (one per line)."""
    defined = set(re.findall(r"^([A-Za-z0-9_.]+)\s*:", base_text, flags=re.M))
    enabled: List[Tuple[Channel, Dict[str, str]]] = []
    problems: List[str] = []
    for channel in CHANNELS:
        values = {v.env: environ.get(v.env, "").strip() for v in channel.variables}
        if not any(values.values()):
            continue
        if defined & {channel.name, channel.connector}:
            problems.append(f"channel {channel.name} is already configured in the base credentials file; "
                            f"the {channel.name.upper()}_* variables are ignored")
            continue
        credentials: Dict[str, str] = {}
        found = []
        for var in channel.variables:
            value = values[var.env]
            if not value:
                if var.required:
                    found.append(f"{var.env} is not set")
                continue
            problem = var.check(value)
            if problem:
                found.append(f"{var.env} {problem}")
            else:
                credentials[var.key] = value.lstrip("@") if var.env == "TELEGRAM_VERIFY" else value
        if found:
            problems += [f"channel {channel.name} is off: {p}" for p in found]
        else:
            enabled.append((channel, credentials))
    return enabled, problems


def render(base_text: str, enabled: Sequence[Tuple[Channel, Dict[str, str]]]) -> str:
    if not enabled:
        return base_text
    lines = [base_text.rstrip("\n"), "",
             "# Messaging channels: written by scripts/credentials.py from environment variables (README.md,",
             "# 'Messaging channels'). Generated at each start; do not edit, never commit."]
    for channel, credentials in enabled:
        lines.append(f"{channel.connector}:")
        lines += [f"  {key}: {json.dumps(value)}" for key, value in credentials.items()]
    return "\n".join(lines) + "\n"


def write_private(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        os.fchmod(out.fileno(), 0o600)
        out.write(text)
    os.replace(temporary, path)


def main(argv: Optional[Sequence[str]] = None, environ: Optional[Mapping[str, str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, default=ROOT / "credentials.yml", help="channels that are always on")
    parser.add_argument("--out", type=Path, default=ROOT / ".secrets" / "credentials.yml", help="file to write")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a channel is partly configured or invalid")
    args = parser.parse_args(argv)
    environ = os.environ if environ is None else environ
    try:
        base_text = args.base.read_text(encoding="utf-8")
    except OSError as error:
        print(f"credentials: cannot read {args.base}: {error.strerror}", file=sys.stderr)
        return 2
    enabled, problems = configure(environ, base_text)
    write_private(args.out, render(base_text, enabled))
    for problem in problems:
        print(problem, file=sys.stderr)
    for channel, credentials in enabled:
        url = credentials.get("webhook_url") or f"https://<your host>{channel.path}"
        print(f"channel {channel.name} is on: webhook {channel.path} (public URL {url})")
    return 1 if problems and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
