"""Links to a conversation's summary PDF: ``GET /summary/<token>.pdf`` on the Rasa server.

The token is a Fernet token (cryptography): the conversation id encrypted with AES and signed
with HMAC-SHA256, with the time it was made. So it is unguessable, cannot be altered or forged
without the secret, does not show the conversation id (on SMS that is a phone number), and
expires ``SUMMARY_LINK_HOURS`` (default 24) hours after it was made. It opens that one
conversation's summary and nothing else.

The secret is ``SUMMARY_LINK_SECRET`` (any string) when set, otherwise a random one generated
once into ``.secrets/summary-key`` in the project folder, which the action server (that makes
the links) and the Rasa server (that checks them) share. Several machines need the variable.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from cryptography.fernet import Fernet, InvalidToken

ROOT = Path(__file__).resolve().parents[1]
KEY_FILE = ROOT / ".secrets" / "summary-key"
DEFAULT_HOURS = 24.0


class BadLink(Exception):
    """Forged, altered or not a token at all (403)."""


class ExpiredLink(Exception):
    """A genuine token older than its lifetime (410)."""


@dataclass(frozen=True)
class Link:
    conversation_id: str
    issued_at: int  # seconds since the epoch (whole seconds: Fernet's resolution)


def link_hours() -> float:
    """SUMMARY_LINK_HOURS, or 24 when unset or not a positive number."""
    try:
        hours = float(os.environ.get("SUMMARY_LINK_HOURS", DEFAULT_HOURS))
    except ValueError:
        return DEFAULT_HOURS
    return hours if hours > 0 else DEFAULT_HOURS


def _secret(key_file: Path = KEY_FILE) -> str:
    secret = os.environ.get("SUMMARY_LINK_SECRET", "").strip()
    if secret:
        return secret
    if not key_file.exists():
        key_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = key_file.with_name(f".{key_file.name}.{os.getpid()}")
        temporary.write_text(secrets.token_urlsafe(32))
        temporary.chmod(0o600)
        try:
            os.link(temporary, key_file)  # atomic: if two processes race, the first one's key wins
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    return key_file.read_text().strip()


def _fernet(secret: Optional[str]) -> Fernet:
    key = hashlib.sha256((secret if secret is not None else _secret()).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def link_url(token: str) -> str:
    """The link as people open it: on RASA_PUBLIC_URL (the Rasa server as browsers reach it),
    else on localhost at RASA_PORT."""
    base = os.environ.get("RASA_PUBLIC_URL", "").strip().rstrip("/")
    base = base or f"http://localhost:{os.environ.get('RASA_PORT', '5005')}"
    return f"{base}/summary/{token}.pdf"


def make_token(conversation_id: str, secret: Optional[str] = None, now: Optional[float] = None) -> str:
    token = _fernet(secret).encrypt_at_time(conversation_id.encode(), int(now if now is not None else time.time()))
    return token.decode().rstrip("=")  # no padding in URLs; read_token puts it back


def read_token(
    token: str, secret: Optional[str] = None, now: Optional[float] = None, hours: Optional[float] = None
) -> Link:
    """The conversation a token opens; :class:`BadLink` or :class:`ExpiredLink` otherwise."""
    fernet = _fernet(secret)
    text = (token or "").strip()
    raw = (text + "=" * (-len(text) % 4)).encode()
    try:
        if base64.urlsafe_b64encode(base64.urlsafe_b64decode(raw)) != raw:
            raise ValueError("not in canonical base64")  # another spelling of a token is not that token
        issued = fernet.extract_timestamp(raw)  # checks the signature first
        conversation = fernet.decrypt_at_time(raw, ttl=10**9, current_time=issued)
    except (InvalidToken, ValueError, TypeError):  # binascii.Error is a ValueError
        raise BadLink("this link is not valid") from None
    now = now if now is not None else time.time()
    if issued > now + 60:
        raise BadLink("this link is not valid")  # made in the future: not by this server's clock
    if now - issued > (hours or link_hours()) * 3600:
        raise ExpiredLink("this link has expired")
    return Link(conversation.decode(), issued)
