"""The Rasa NLU components around the matcher: entities as Rasa sees them, and the language guard."""
from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu.rasa_components import EXTRACTOR_NAME, MAX_CHARS, LanguageGuard, SymptomExtractor


@pytest.fixture(scope="module")
def extractor():
    return SymptomExtractor(SymptomExtractor.get_default_config())


@pytest.fixture(scope="module")
def guard():
    return LanguageGuard(LanguageGuard.get_default_config(), None, None, words=["ok", "idk"])


def test_extractor_adds_findings_with_roles(extractor):
    message = Message(data={"text": "no fever but very itchy at night"})
    extractor.process([message])
    entities = {(e["entity"], e["value"], e.get("role")) for e in message.get("entities")}
    assert ("finding", "fever", "absent") in entities
    assert ("finding", "itching_worse_at_night", "present") in entities
    assert all(e["extractor"] == EXTRACTOR_NAME for e in message.get("entities"))


def test_extractor_reads_only_the_first_characters_of_a_huge_message(extractor):
    def findings(text):
        message = Message(data={"text": text})
        extractor.process([message])
        return message.get("entities")

    tail = "I also have a fever"
    assert {e["value"] for e in findings("itchy bumps on my back. " + tail)} >= {"itching", "fever"}
    entities = findings("itchy bumps on my back. " + "and so on, " * 50_000 + tail)
    assert "itching" in {e["value"] for e in entities}
    assert "fever" not in {e["value"] for e in entities}, "read past MAX_CHARS"
    assert max(e["end"] for e in entities) <= MAX_CHARS


@pytest.mark.parametrize("text", ["hola, tengo granos en la espalda", "asdkjh qwe zxcv", "🙂🙂🙂", "<>{}[]", "",
                                  "Ich habe Pickel auf dem Rücken"])  # "Pickel" looks like a typo of "nickel"
def test_guard_sends_unreadable_messages_to_fallback(guard, extractor, text):
    message = Message(data={"text": text, "intent": {"name": "describe_symptoms", "confidence": 0.9}})
    extractor.process([message])
    guard.process([message])
    assert message.get("intent")["name"] == "nlu_fallback"
    assert not message.get("entities"), "findings guessed from an unreadable message must not reach the actions"


@pytest.mark.parametrize("text", ["ok", "idk", "yep", "red bumps on my back", "Itchey spots", "itchey rashh"])
def test_guard_lets_english_and_findings_through(guard, extractor, text):
    message = Message(data={"text": text, "intent": {"name": "describe_symptoms", "confidence": 0.9}})
    extractor.process([message])
    guard.process([message])
    assert message.get("intent")["name"] == "describe_symptoms"
