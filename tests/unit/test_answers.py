"""The word-by-word reading of short yes / no answers (symptomchecker/answers.py)."""
from __future__ import annotations

import pytest

from symptomchecker.answers import MAX_WORDS, NO, UNSURE, YES, checked_answer, words_say


@pytest.mark.parametrize("text, said", [
    ("absolutely not", NO), ("afraid not", NO), ("i don't believe so", NO), ("certainly not", NO),
    ("definately not", NO), ("nuh uh", NO), ("not really", NO), ("no it doesnt", NO), ("yeah nah", NO),
    ("yes", YES), ("yep", YES), ("yeah definitely", YES), ("absolutely", YES), ("defo", YES),
    ("dunno", UNSURE), ("i dont know", UNSURE), ("no idea", UNSURE), ("I'm not sure", UNSURE), ("hard to say", UNSURE),
    ("yes, but not at night", None), ("I think so", None), ("sure", None), ("/affirm", None), ("", None),
    ("my back is itchy and it is not red at all", None),  # longer than an answer: only the classifier reads it
])
def test_words_say(text, said):
    assert words_say(text) == said


def test_long_messages_are_left_to_the_classifier():
    assert words_say(" ".join(["no"] * (MAX_WORDS + 1))) is None


@pytest.mark.parametrize("classified, text, answer", [
    (YES, "absolutely not", None), (NO, "yep", None), (NO, "dunno", UNSURE),
    (NO, "nope", NO), (YES, "yes", YES), (YES, "I think so", YES), (None, "no", None),
])
def test_checked_answer(classified, text, answer):
    assert checked_answer(classified, text) == answer
