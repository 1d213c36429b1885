"""Lookalikes (knowledge/lookalikes/): a description in everyday words that fits one is recognised
as outside the knowledge, with that lookalike leading the resemblances."""

from __future__ import annotations

import pytest

from symptomchecker.inference import PRESENT, beliefs


def _evidence(kb, matcher, text: str) -> dict:
    """What the interview records from a first message: the matcher's findings and, for each one
    present, what it implies."""
    evidence = dict(matcher.findings(text))
    for fid, status in list(evidence.items()):
        if status == PRESENT:
            for implied in kb.findings[fid].implies:
                evidence.setdefault(implied, PRESENT)
    return evidence


# --- lumps, growths, scars, birthmarks ---------------------------------------------------------
_LUMPS = [
    ("pilonidal_sinus", "I've got a painful lump at the top of my bum crack that leaks pus and it hurts to sit down"),
    ("dermatofibroma", "there's a hard little bump on my back, brownish, and it dimples when I pinch it"),
    ("keloid", "the scar from my back piercing is raised and bigger than the original wound, and it itches"),
    ("neurofibromatosis", "my 8 year old has lots of coffee coloured patches on his back, about six of them"),
    ("pyogenic_granuloma", "a bright red fleshy lump came up on my back in a couple of weeks and it bleeds a lot"),
    ("actinic_keratosis", "rough scaly patches on my upper back and on my face and hands too, I'm 70 and worked outdoors"),
    ("hidradenitis_suppurativa", "I keep getting painful boils in my armpits and groin and now one on my lower back"),
    ("infantile_haemangioma", "my 3 month old has a raised strawberry mark on her back that's getting bigger"),
    ("congenital_dermal_melanocytosis", "my baby has a blue grey patch on her lower back and bum, she was born with it"),
]


@pytest.mark.parametrize("lookalike, text", _LUMPS, ids=[case[0] for case in _LUMPS])
def test_lookalikes_lumps_are_recognised_from_everyday_words(kb, matcher, lookalike, text):
    b = beliefs(kb, _evidence(kb, matcher, text))
    assert next(iter(b.lookalikes)) == lookalike, (text, list(b.lookalikes.items())[:3])
    assert b.other >= 0.3, (text, b.other, list(b.conditions.items())[:3])
