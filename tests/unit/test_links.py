"""Summary links (symptomchecker/links.py): signed, bound to one conversation, expiring."""
from __future__ import annotations

import pytest

from symptomchecker import links
from symptomchecker.links import BadLink, ExpiredLink, make_token, read_token

SECRET = "test-secret"
NOW = 1_800_000_000


def test_a_token_opens_its_conversation_only_and_does_not_show_its_id():
    token = make_token("+15551234567", SECRET, now=NOW)
    link = read_token(token, SECRET, now=NOW + 60)
    assert link.conversation_id == "+15551234567" and link.issued_at == NOW
    assert "5551234567" not in token and "=" not in token
    assert make_token("+15551234567", SECRET, now=NOW) != token, "unguessable: random each time"


@pytest.mark.parametrize("position", [0, 10, 40, -5, -1])
def test_an_altered_token_is_refused(position):
    token = make_token("alice", SECRET, now=NOW)
    characters = list(token)
    characters[position] = "A" if characters[position] != "A" else "B"
    altered = "".join(characters)
    with pytest.raises(BadLink):
        read_token(altered, SECRET, now=NOW)


@pytest.mark.parametrize("token", ["", "x", "not-a-token", "gAAAAA" * 20, "../../etc/passwd", "é" * 30])
def test_a_forged_token_is_refused(token):
    with pytest.raises(BadLink):
        read_token(token, SECRET, now=NOW)


def test_a_token_made_with_another_secret_is_refused():
    with pytest.raises(BadLink):
        read_token(make_token("alice", "another secret", now=NOW), SECRET, now=NOW)


def test_a_token_expires_after_24_hours_by_default_or_summary_link_hours(monkeypatch):
    token = make_token("alice", SECRET, now=NOW)
    monkeypatch.delenv("SUMMARY_LINK_HOURS", raising=False)
    assert read_token(token, SECRET, now=NOW + 23.9 * 3600).conversation_id == "alice"
    with pytest.raises(ExpiredLink):
        read_token(token, SECRET, now=NOW + 24.1 * 3600)
    monkeypatch.setenv("SUMMARY_LINK_HOURS", "1")
    with pytest.raises(ExpiredLink):
        read_token(token, SECRET, now=NOW + 1.1 * 3600)
    monkeypatch.setenv("SUMMARY_LINK_HOURS", "nonsense")
    assert links.link_hours() == 24


def test_the_secret_is_generated_once_into_a_private_file(tmp_path, monkeypatch):
    monkeypatch.delenv("SUMMARY_LINK_SECRET", raising=False)
    key_file = tmp_path / ".secrets" / "summary-key"
    first = links._secret(key_file)
    assert len(first) >= 32 and links._secret(key_file) == first
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    monkeypatch.setenv("SUMMARY_LINK_SECRET", "from the environment")
    assert links._secret(key_file) == "from the environment"
