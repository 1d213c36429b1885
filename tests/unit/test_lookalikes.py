"""Lookalikes (knowledge/lookalikes/): a description in everyday words that fits one is taken
outside the knowledge, with that lookalike leading the resemblances."""

from __future__ import annotations

import pytest

from symptomchecker.inference import ABSENT, PRESENT, beliefs
from symptomchecker.interview import Observation, State

# fmt: off
RASHES = [
    ("grovers_disease", "I'm 67 and have had small itchy red bumps in the middle of my back and chest for a few weeks, worse after I get sweaty"),
    ("seborrhoeic_dermatitis", "red flaky patches on my upper back and chest with greasy yellowish scales, and I have bad dandruff too"),
    ("vitiligo", "I have patches on my back that have gone completely white, they have lost all their colour, and the hair in them turned white"),
    ("lichen_planus", "small shiny purple bumps that are flat topped on my lower back and on my inner wrists, really itchy"),
    ("impetigo", "my son has sores on his back that burst and left golden crusts, like cornflakes stuck to his skin"),
    ("lyme_disease", "I found a tick on my back after hiking and now there is a red circle around the bite that keeps getting bigger, like a bullseye"),
    ("erythema_ab_igne", "I use a hot water bottle on my lower back every night and now there is a brown net-like pattern on the skin"),
    ("notalgia_paresthetica", "I have had an itchy spot under my shoulder blade for years, it burns and I can not reach it, there is a darker patch from scratching"),
    ("bullous_pemphigoid", "my grandmother is 82 and has big tense blisters on her back and arms, some with blood in them, very itchy"),
    ("stretch_marks", "I have purple lines across my lower back since my growth spurt, are these stretch marks?"),
    ("scarlet_fever", "my daughter has a high temperature and a sore throat, and now a rash on her chest and back that feels like sandpaper, and a strawberry tongue"),
    ("slapped_cheek", "my son had bright red cheeks like he was slapped and now a lacy rash on his back and arms"),
    ("polymorphic_light_eruption", "every spring after being in the sun I get an itchy red rash of little bumps on my chest, shoulders and back"),
    ("acanthosis_nigricans", "the skin on the back of my neck and upper back is dark and velvety and thick, it looks dirty but does not wash off"),
]
# fmt: on


@pytest.mark.parametrize("lookalike, text", RASHES, ids=[r[0] for r in RASHES])
def test_lookalikes_rashes_are_recognised_from_everyday_words(kb, checker, matcher, lookalike, text):
    assert lookalike in kb.lookalikes
    state = checker.observe(State(), Observation(findings=matcher.findings(text), text=text), answers_pending=False)
    b = beliefs(kb, state.evidence)
    assert next(iter(b.lookalikes)) == lookalike, (state.evidence, b.lookalikes)
    assert b.other >= 0.3


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


# --- lumps, growths, scars, birthmarks ---------------------------------------------------------
_LUMPS = [
    ("pilonidal_sinus", "I've got a painful lump at the top of my bum crack that leaks pus and it hurts to sit down"),
    ("dermatofibroma", "there's a hard little bump on my back, brownish, and it dimples when I pinch it"),
    ("keloid", "the scar from my back piercing is raised and bigger than the original wound, and it itches"),
    ("neurofibromatosis", "my 8 year old has lots of coffee coloured patches on his back and freckles in his armpits"),
    ("pyogenic_granuloma", "a bright red fleshy lump came up on my back in a couple of weeks and it bleeds a lot"),
    (
        "actinic_keratosis",
        "rough scaly patches on my upper back and on my face and hands too, I'm 70 and worked outdoors",
    ),
    ("hidradenitis_suppurativa", "I keep getting painful boils in my armpits and groin and now one on my lower back"),
    ("infantile_haemangioma", "my 3 month old has a raised strawberry mark on her back that's getting bigger"),
    (
        "congenital_dermal_melanocytosis",
        "my baby has a blue grey patch on her lower back and bum, she was born with it",
    ),
]


@pytest.mark.parametrize("lookalike, text", _LUMPS, ids=[case[0] for case in _LUMPS])
def test_lookalikes_lumps_are_recognised_from_everyday_words(kb, matcher, lookalike, text):
    b = beliefs(kb, _evidence(kb, matcher, text))
    assert next(iter(b.lookalikes)) == lookalike, (text, list(b.lookalikes.items())[:3])
    assert b.other >= 0.3, (text, b.other, list(b.conditions.items())[:3])


# --- round 2: lupus, morphoea, prurigo, target spots, skin lymphoma, mastocytosis, spider naevi, bruises, folds ---
_ROUND_TWO = [
    (
        "cutaneous_lupus",
        "I have red scaly ring shaped patches on my upper back and chest that came after being in the sun, "
        "and the old ones left scars",
    ),
    (
        "morphoea",
        "there's a patch of skin on my lower back that has gone hard and shiny, ivory coloured with a lilac edge",
    ),
    (
        "lichen_simplex_or_prurigo",
        "I've got hard itchy bumps on my upper back and arms that I keep picking at, some are scabbed",
    ),
    (
        "erythema_multiforme",
        "I had a cold sore last week and now I have spots like little targets on my hands, arms and back",
    ),
    (
        "mycosis_fungoides",
        "I'm 68 and have had dry scaly patches on my lower back and hips for years, told it was eczema "
        "but the steroid creams have not helped",
    ),
    (
        "urticaria_pigmentosa",
        "my 2 year old has lots of brown spots on his back and tummy that swell up and go red when you rub them",
    ),
    ("spider_naevus", "I have a small red dot on my upper back with tiny lines coming out of it like a spider"),
    ("bruising", "I banged my back on a door frame last week and now there's a bruise that's gone yellow and green"),
    (
        "intertrigo_or_candida",
        "I have a red, moist rash under my breasts and in my belly fold that itches and smells, "
        "with little spots around the edge",
    ),
]


@pytest.mark.parametrize("lookalike, text", _ROUND_TWO, ids=[case[0] for case in _ROUND_TWO])
def test_lookalikes_round_two_are_recognised_from_everyday_words(kb, matcher, lookalike, text):
    assert lookalike in kb.lookalikes
    b = beliefs(kb, _evidence(kb, matcher, text))
    assert next(iter(b.lookalikes)) == lookalike, (text, list(b.lookalikes.items())[:3])
    assert b.other >= 0.3, (text, b.other, list(b.conditions.items())[:3])


# --- emergencies and sores that red flags already escalate: as lookalikes, so that the bot does
# not also name a known condition with a confident likelihood (cellulitis "100 %")
_RED_FLAG_LOOKALIKES = [
    ("necrotising_fasciitis", "I grazed my back on a fence two days ago, now it is red and swollen and it hurts far more than it should, I feel really unwell"),
    ("stevens_johnson_syndrome", "a week after starting new tablets I had flu, now my skin is blistering and peeling off and I have sores in my mouth and sore eyes"),
    ("pressure_ulcer", "my dad is bed bound and has a bed sore at the base of his spine"),
]


@pytest.mark.parametrize("lookalike, text", _RED_FLAG_LOOKALIKES, ids=[r[0] for r in _RED_FLAG_LOOKALIKES])
def test_red_flag_conditions_are_lookalikes_not_a_confident_known_cause(kb, matcher, lookalike, text):
    b = beliefs(kb, _evidence(kb, matcher, text))
    assert next(iter(b.lookalikes)) == lookalike, b.lookalikes
    assert b.top < 0.8, "no confident likelihood for a known condition that does not fit"


@pytest.mark.parametrize("lookalike, known, text", [
    # blind set 45 (read in session 15): ended as cellulitis 83 %, the red, puffy hands read as
    # inflamed skin and the cracked lips as the rash's dry skin
    ("kawasaki_disease", "cellulitis",
     "my 3 year old has had a high temperature for 5 days that calpol and nurofen hardly touch, and now theres a "
     "blotchy red rash over her back and tummy. her eyes are really red but no gunk, her lips are dry and cracked "
     "and her hands look puffy and red. she's so cross and miserable"),
    # blind set 45: "a tick stuck on my back" had been read as a growth that looks stuck on (seborrhoeic
    # keratosis 45 %)
    ("lyme_disease", "seborrheic_keratosis",
     "about ten days ago I was walking in the New Forest and my partner found a tiny tick stuck on my lower back and "
     "pulled it off. Now there's a round red patch around where it was, with a lighter middle, and it seems to be "
     "slowly getting wider. It isn't itchy or hot."),
    # the dev set's viral wart (NHS warts and verrucas): seborrhoeic keratosis 88 % before the lookalike
    ("viral_wart", "seborrheic_keratosis",
     "got a rough little cauliflower looking bump on my upper back, skin coloured with tiny black dots in it. "
     "my little brother has warts on his hands if that matters"),
])
def test_a_description_that_fits_a_lookalike_names_no_known_cause_with_confidence(kb, matcher, lookalike, known, text):
    b = beliefs(kb, _evidence(kb, matcher, text))
    assert next(iter(b.lookalikes)) == lookalike, list(b.lookalikes.items())[:3]
    assert b.conditions[known] < 0.2 and b.top < 0.5, list(b.conditions.items())[:3]


def test_a_blistered_sunburn_is_sunburn_more_than_chickenpox(kb):
    """A bad sunburn blisters (NHS, nidirect: contact a GP or NHS 111 if there is blistering); a
    back burnt on the beach "come up in blisters" was ranked chickenpox (blind sets 22 and dev)."""
    said = {"sunburnt_recently": PRESENT, "redness": PRESENT, "fluid_blisters": PRESENT, "location_whole_back": PRESENT,
            "duration_days": PRESENT, "tiredness": PRESENT, "fever": ABSENT}
    b = beliefs(kb, said)
    assert b.lookalikes["sunburn"] > 0.5 > b.conditions["chickenpox"], (b.lookalikes, b.conditions)


def test_a_severe_sunburn_with_fever_dizziness_and_headache_is_not_confidently_chickenpox(kb):
    """NHS (Symptoms of sunburn): severe sunburn can cause blistering, chills, a high temperature and
    malaise, with heat exhaustion's dizziness, headache and nausea; a back burnt on the beach with
    big watery blisters, shivers, dizziness and a headache was stated as chickenpox 83 % (blind set 43)."""
    said = {"sunburnt_recently": PRESENT, "duration_days": PRESENT, "location_whole_back": PRESENT, "redness": PRESENT,
            "fluid_blisters": PRESENT, "fever": PRESENT, "tiredness": PRESENT, "faint_dizzy": PRESENT, "headache": PRESENT}
    b = beliefs(kb, said)
    assert b.conditions["chickenpox"] < 0.5 < b.lookalikes["sunburn"], (b.conditions, b.lookalikes)


def test_a_non_fading_rash_with_fever_and_drowsiness_is_meningitis_or_sepsis_not_a_known_cause(kb, matcher):
    """NHS meningitis symptoms: a high temperature, being very sleepy or hard to wake, and a rash of red
    or purple blotches that does not fade under a glass. A 2-year-old so described was stated as
    eczema 15 % and cellulitis 10 % behind the emergency alert (blind set 53, first run; blind 10, 16, 18, 49)."""
    text = ("my 2 year old has had a high temperature since this morning and has been sick twice, now she's really "
            "drowsy and hardly responding to me. I've just found blotchy red-purple spots on her back and they "
            "don't fade when I press a glass against them")
    b = beliefs(kb, matcher.findings(text))
    assert b.other > 0.5 and next(iter(b.lookalikes)) == "meningitis_or_sepsis", (b.other, list(b.lookalikes.items())[:3])
    assert b.top < 0.2


def test_flu_then_a_rash_and_mouth_sores_after_a_new_epilepsy_tablet_is_stevens_johnson_syndrome(kb, matcher):
    """NHS Stevens-Johnson syndrome: usually caused by certain medicines (epilepsy medicines among them),
    it can start like flu (a high temperature, sore throat, cough, joint pain), the rash starts on the
    upper body and is not usually itchy, with blisters and sores on the lips and in the mouth. So
    described it was stated as chickenpox 38 % (blind set 53, first run); sores inside the mouth are not
    measles' small white spots inside the cheeks."""
    said = {}
    for text in ("I started a new epilepsy tablet about two weeks ago. A few days ago I felt like I was coming down "
                 "with flu, temperature, sore throat, a cough and achy joints. Yesterday a rash came up on my upper back "
                 "and chest and today it's spreading onto my neck and arms. It isn't itchy.",
                 "I've got blisters and sores on my lips and inside my mouth, it hurts to swallow"):
        said.update(matcher.findings(text))
    assert "mouth_white_spots" not in said
    said["after_new_food_medicine"] = PRESENT  # rash_after_new_medicine implies it (the interview sets it)
    b = beliefs(kb, said)
    assert next(iter(b.lookalikes)) == "stevens_johnson_syndrome" and b.other > 0.8, (b.other, list(b.conditions.items())[:3])
