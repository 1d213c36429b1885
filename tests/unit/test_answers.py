"""The word-by-word reading of short yes / no answers (symptomchecker/answers.py)."""
from __future__ import annotations

import pytest

from symptomchecker.answers import MAX_WORDS, NO, UNSURE, YES, checked_answer, leading_answer, words_say


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


@pytest.mark.parametrize("text, answer", [
    ("no, it's pink, not brown", NO), ("yes there's a little dark plug on top", YES), ("not really, it moves a bit", NO),
    # a qualified yes is a yes (blind set 31: "Do the bumps itch?" "a tiny bit" was asked again, then left unknown)
    ("a tiny bit", YES), ("a little", YES), ("slightly", YES), ("sometimes, when I get hot", YES), ("kind of", YES),
    ("no idea", None), ("a bit like a wart, yes", YES), ("maybe", None), ("it's on my lower back", None),
    # hedged, and a yes after the words it answers (asked again, then left unknown, in blind sets 42 to 46)
    ("I think so, it looks bigger than in a photo from last summer", YES), ("think so, im a hairy bloke", YES),
    ("I don't think so, my partner thinks it's been there a while", NO), ("dont think so, they look the same", NO),
    ("not that I've seen, I photographed them next to a ruler", NO), ("some are bigger than that, yes", YES),
    ("waxy and smooth, yes, no blood vessels though", YES), ("they showed up on a hot sticky holiday, so yes", YES),
    ("the middle is paler, yes, but it's hard", YES), ("it isn't red, yes it itches", None), ("I think it's acne", None),
])
def test_leading_answer(text, answer):
    assert leading_answer(text) == answer
