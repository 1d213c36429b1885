"""Lookalikes (knowledge/lookalikes/): a description in everyday words that fits one is recognised
as outside the knowledge, with that lookalike leading the resemblances."""

from __future__ import annotations

import pytest

from symptomchecker.inference import PRESENT, beliefs


def _evidence(kb, matcher, text):
    """The findings read from the text, with what they imply (as the interview records them)."""
    evidence = dict(matcher.findings(text))
    todo = [f for f, status in evidence.items() if status == PRESENT]
    while todo:
        for implied in kb.findings[todo.pop()].implies:
            if evidence.get(implied) != PRESENT:
                evidence[implied] = PRESENT
                todo.append(implied)
    return evidence


@pytest.mark.parametrize(
    "lookalike, text",
    [
        ("sunburn", "I fell asleep in the sun yesterday and now my back is bright red, sore and starting to peel"),
        ("solar_lentigo", "my mum is 70 and has lots of flat brown age spots on her upper back"),
        (
            "secondary_syphilis",
            "I've had a rash all over my back and on the palms of my hands for two weeks, it's not itchy, "
            "I had unprotected sex a while ago",
        ),
        (
            "rubella",
            "my daughter has a pink spotty rash that started behind her ears and she has swollen glands in her neck",
        ),
        (
            "roseola",
            "my 10 month old had a high fever for three days and when the fever went a pink rash came out on his back",
        ),
        ("newborn_rash", "my 5 day old baby has milk spots and a blotchy red rash on her back"),
        ("drug_rash", "I got a rash all over my back and chest a week after starting antibiotics, it's a bit itchy"),
        (
            "cafe_au_lait_spots",
            "my son has a couple of flat coffee coloured birthmarks on his back, he was born with them",
        ),
        ("becker_naevus", "I'm 17 and I have a big hairy brown patch on my shoulder and upper back"),
    ],
)
def test_lookalikes_marks_and_infections_are_recognised_from_everyday_words(kb, matcher, lookalike, text):
    b = beliefs(kb, _evidence(kb, matcher, text))
    assert next(iter(b.lookalikes)) == lookalike, (list(b.lookalikes.items())[:3], list(b.conditions.items())[:3])
    assert b.other >= 0.3
