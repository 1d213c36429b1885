"""Property-based tests of the symptom matcher: any text, no crash, sane output."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.symptom_matcher import ABSENT, PRESENT, UNKNOWN

WORDS = st.sampled_from(["no", "not", "itchy", "fever", "bumps", "back", "lower", "never", "maybe", "3", "weeks",
                         "I'm", "72", ",", ".", "?", "blisters", "hot", "tub", "doesn't", "itch", "and", "but"])


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=400))
def test_any_text(matcher, text):
    for m in matcher.extract(text):
        assert 0 <= m.start < m.end <= len(text)
        assert m.status in (PRESENT, ABSENT, UNKNOWN)
        assert m.entity in ("finding", "condition", "info_topic")


@settings(max_examples=300, deadline=None)
@given(words=st.lists(WORDS, max_size=25))
def test_symptom_like_text(matcher, words):
    text = " ".join(words)
    findings = matcher.findings(text)
    assert set(findings) <= set(matcher.kb.findings)
