"""The spaCy-based symptom matcher: vocabulary from the knowledge, negation, uncertainty, typos, numbers."""
from __future__ import annotations

import pytest

from nlu.symptom_matcher import ABSENT, PRESENT, UNKNOWN


@pytest.mark.parametrize(
    "text, expected",
    [
        ("itchy red bumps on my lower back, worse at night, my partner itches too",
         {"itching": PRESENT, "redness": PRESENT, "location_lower_back": PRESENT, "itching_worse_at_night": PRESENT,
          "household_itchy": PRESENT}),
        ("no fever", {"fever": ABSENT}),
        ("it doesn't itch", {"itching": ABSENT}),
        ("It doesnt itch", {"itching": ABSENT}),
        ("not sure if it's spreading", {"spreading_all_over": UNKNOWN}),
        ("I don't have a fever but it's really itchy", {"fever": ABSENT, "itching": PRESENT}),
        ("no fever but it itches like crazy", {"fever": ABSENT, "intense_itching": PRESENT}),
        ("No fever, headache or cough", {"fever": ABSENT, "headache": ABSENT, "cold_symptoms_cough": ABSENT}),
        ("no itching, just red bumps", {"itching": ABSENT, "redness": PRESENT}),
        ("I have a rash and no fever", {"fever": ABSENT}),
        ("maybe a fever", {"fever": UNKNOWN}),
        ("It's not itchy at all and it doesnt hurt", {"itching": ABSENT, "pain_tenderness": ABSENT}),
        ("never been in a hot tub", {"hot_tub_pool": ABSENT}),
        ("actually I do have a fever", {"fever": PRESENT}),
        ("we went in a hot tub last weekend", {"hot_tub_pool": PRESENT}),
        ("my lips are swelling and I can't breathe", {"swelling_face_lips_throat": PRESENT, "trouble_breathing": PRESENT}),
        ("the rash doesn't fade when I press a glass on it", {"rash_not_fading": PRESENT}),
        # a negation inside one finding's words still reaches a finding that overlaps it
        ("its hard and doesnt move when i push it", {"lump_hard_fixed": PRESENT, "soft_movable_lump": ABSENT}),
        ("it moves when I push it", {"soft_movable_lump": PRESENT}),
    ],
)
def test_findings_and_their_status(matcher, text, expected):
    found = matcher.findings(text)
    for fid, status in expected.items():
        assert found.get(fid) == status, f"{fid} in {text!r}: {found}"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Itchey bumps on my uper back", {"itching", "location_upper_back"}),
        ("blistres all over", {"fluid_blisters", "spreading_all_over"}),
        ("really painfull lump", {"deep_painful_lumps"}),
    ],
)
def test_common_typos_are_understood(matcher, text, expected):
    assert expected <= set(matcher.findings(text))


def test_ordinary_words_are_not_corrected_into_symptoms(matcher):
    assert matcher.findings("I'm not sure") == {}
    assert matcher.findings("I never ever go there") == {}


@pytest.mark.parametrize(
    "text, finding",
    [
        ("I'm 72", "age_older"),
        ("my 5 year old", "age_child"),
        ("she is 15", "age_teen"),
        ("a 6 month old baby", "age_baby"),
        ("my 2 week old", "newborn"),
        ("for 3 days", "duration_days"),
        ("about two weeks", "duration_weeks"),
        ("More than 6 weeks", "duration_months"),
        ("1 to 6 weeks", "duration_weeks"),
        ("for years", "duration_months"),
        ("in my forties", "age_adult"),
    ],
)
def test_ages_and_durations(matcher, text, finding):
    assert matcher.findings(text).get(finding) == PRESENT


def test_pregnancy_weeks_are_not_an_age_or_a_duration(matcher):
    assert matcher.findings("I am 20 weeks pregnant") == {"pregnant": PRESENT}


def test_a_yes_no_question_about_a_symptom_does_not_report_it(matcher):
    assert matcher.findings("does it spread?").get("spreading_all_over") == UNKNOWN


def test_every_button_title_is_understood(kb, matcher):
    for group in kb.groups.values():
        for option in group.options:
            assert matcher.findings(option.button).get(option.id) == PRESENT, option.button


def test_condition_names_and_topics(matcher):
    matches = {(m.entity, m.value) for m in matcher.extract("Is scabies contagious?")}
    assert {("condition", "scabies"), ("info_topic", "contagious")} <= matches
    matches = {(m.entity, m.value) for m in matcher.extract("how is KP treated?")}
    assert {("condition", "keratosis_pilaris"), ("info_topic", "treatment")} <= matches


def test_every_condition_alias_is_recognised(kb, matcher):
    for condition in kb.conditions.values():
        for alias in condition.aliases:
            values = {m.value for m in matcher.extract(f"tell me about {alias}") if m.entity == "condition"}
            assert condition.id in values, f"{alias!r} -> {values}"


def test_offsets_point_at_the_words(matcher):
    text = "really bad itching at night"
    for m in matcher.extract(text):
        assert text[m.start:m.end].strip() == text[m.start:m.end] and m.end > m.start


@pytest.mark.parametrize("text", ["", "   ", "🙂🙂", "<script>alert(1)</script>", "x" * 5000, "\x00\x01", "/inform{\"x\":1}"])
def test_odd_input_does_not_crash(matcher, text):
    assert isinstance(matcher.extract(text), list)


@pytest.mark.parametrize("text, expected", [
    ("31M, caught chickenpox off my nephew", {"age_adult": PRESENT, "chickenpox_contact": PRESENT}),
    ("my daughter had chickenpox last week", {"chickenpox_contact": PRESENT}),
    ("my teenage daughter has pimples", {"age_teen": PRESENT, "pimples": PRESENT}),
])
def test_whose_age_it_is(matcher, text, expected):
    found = matcher.findings(text)
    for fid, status in expected.items():
        assert found.get(fid) == status
    assert not ({"age_child"} & set(found)), found


@pytest.mark.parametrize("text, present, not_found", [
    # an age in months or weeks without "old" is an age, not how long the bumps have been there
    ("my baby boy is 11 months and has spots", {"age_baby"}, {"duration_months"}),
    ("she's 3 weeks and has a rash", {"newborn"}, {"duration_weeks"}),
    ("she's 22 weeks pregnant", {"pregnant"}, {"newborn", "age_baby"}),
    # how many moles someone has is not a rash spreading all over
    ("He is very pale and has lots of moles everywhere", {"mole_like", "sun_damage"}, {"spreading_all_over"}),
    # molluscum's bumps are many; one dome-shaped bump (a cyst is one too) is not them
    ("a little dome shaped bump on my shoulder blade", {"location_upper_back"}, {"dimpled_pearly_bumps"}),
    ("no, my wife and children no itching", set(), {"itching", "age_child"}),
    ("I'm 15 and keep getting new moles on my back", {"mole_like"}, {"changing_spot"}),
    # a baby under 3 months (a fever at that age is an emergency); the rash's age is not the person's
    ("my baby girl is 7 weeks old", {"age_baby", "young_baby"}, {"newborn"}),
    ("my 2 month old has spots", {"age_baby", "young_baby"}, set()),
    ("my 4 month old has spots", {"age_baby"}, {"young_baby"}),
    ("he is 50 days old", {"young_baby"}, {"newborn"}),
    ("my 13 week old has spots", {"age_baby"}, {"young_baby"}),
    ("the rash is 2 weeks old and I have a fever", {"duration_weeks", "fever"}, {"age_baby", "young_baby"}),
    # a bra band is a place, not a band-shaped rash; hives' patches joining up are not a carbuncle;
    # welts that go while new ones come up elsewhere (blind set 11, first run)
    ("mostly where the rucksack and my bra band sat", set(), {"band_one_side"}),
    ("a painful rash in a band round my left side", {"band_one_side"}, set()),
    ("some small bumps and some joined up into bigger patches", set(), {"boil_cluster"}),
    ("the ones I saw at breakfast have gone and new ones have popped up in other places", {"welts_come_and_go"}, set()),
    # "74 years of age" is an age, not how long; a basal cell carcinoma in a person's words (blind set 11)
    ("I am 74 years of age and was a market gardener all my working life", {"age_older", "sun_damage"},
     {"duration_months"}),
    ("pink, with a shiny surface rather like a pearl button, fine red threads running across it",
     {"pearly_shiny_bump"}, set()),
    # the middle of the back is the upper of the two halves the location question offers
    ("middle of the back, slightly to the left", {"location_upper_back"}, set()),
    # prickly heat as tiny clear beads "just under the skin" is a rash, not a lump: a lump needs a
    # lump word (blind sets 11 and 13)
    ("his back is covered in very tiny clear beads, like droplets of water sitting just under the skin",
     {"fluid_blisters"}, {"kind_lump"}),
    ("a soft lump under the skin", {"soft_movable_lump"}, set()),
    # foul matter from a cyst in more words
    ("now red puffy and sore and smelly yellow gunk came out", {"cheesy_discharge", "pain_tenderness"}, set()),
    ("pus came out of the lump and it smells awful", {"cheesy_discharge", "pus_filled"}, set()),
    # "HIV+" is HIV positive
    ("34M, HIV+. loads of small firm pearly bumps", {"weakened_immunity"}, set()),
    # "chicken pox" written apart is chickenpox; whose it was decides contact or history
    ("his big sister had chicken pox", {"chickenpox_contact"}, {"had_chickenpox_before"}),
    ("I had chicken pox as a child", {"had_chickenpox_before"}, {"chickenpox_contact"}),
    # a person who feels hot has a fever; a lump that feels hot does not
    ("he's grumpy and feels hot", {"fever"}, {"burning_stinging"}),
    ("the lump feels hot", set(), {"fever"}),
    # others at home itching (scabies) versus the person's own itch
    ("my partner and I have both been really itchy at night", {"household_itchy", "itching_worse_at_night"}, set()),
    ("her big brother has started scratching too", {"household_itchy"}, set()),
    ("my son is scratching his back", {"itching"}, {"household_itchy"}),
    ("between my fingers is really itchy too", {"hands_wrists_waist"}, {"household_itchy"}),
    # "really itchy" is itching; intense itching needs more ("itches like crazy")
    ("a really itchy rash", {"itching"}, {"intense_itching"}),
    # eyes, a neck and an upper back that are not the rash's redness, location or spread
    ("red watery eyes", {"red_watery_eyes"}, {"redness"}),
    ("his neck is stiff", {"drowsy_confused_stiff_neck"}, {"face_chest_shoulders"}),
    ("red spots all over my upper back", {"location_upper_back"}, {"spreading_all_over"}),
    # someone else's age and how they seem
    ("I'm helping my dad who is 78", {"age_older"}, set()),
    ("he has a temperature and doesn't seem himself at all", {"fever", "very_unwell"}, set()),
    ("ive had eczema since i was a baby", {"duration_months"}, {"age_baby"}),
    ("he was playing with his cousin who has measles", {"measles_contact"}, set()),
    ("she's getting worse really quickly and will hardly take her bottle", {"very_unwell", "loss_of_appetite"}, set()),
    ("everyone in the house is scratching", {"household_itchy"}, set()),
    ("I think I've caught something off my nephew, he had chickenpox last week", {"chickenpox_contact"}, {"had_chickenpox_before"}),
    ("he had chickenpox as a child", {"had_chickenpox_before"}, {"chickenpox_contact"}),
    ("woke up with a massive swollen lump, it was not there when I went to bed", {"sudden_large_swelling"}, set()),
    ("it hurts like hell", {"pain_tenderness"}, {"intense_itching"}),
    # a lump with several heads is a carbuncle (a red flag: see a doctor)
    ("a big lump with like 4 heads on it oozing pus", {"boil_cluster"}, set()),
])
def test_everyday_wording(matcher, text, present, not_found):
    found = matcher.findings(text)
    assert {f for f in present if found.get(f) == PRESENT} == present, found
    assert not (not_found & set(found)), found


# -- issue 12 -------------------------------------------------------------------------------------
CHICKENPOX_ADULT = (
    "31M, apparently never had chickenpox as a kid. My nephew had it about 2 weeks ago and now I've got itchy "
    "spots all over my back and chest, some blistering ... fever and headache. Can you even get it as an adult??"
)


def test_a_definite_statement_is_not_undone_by_a_question_in_the_same_message(matcher):
    found = matcher.findings(CHICKENPOX_ADULT)
    assert found.get("age_adult") == PRESENT, found
    assert matcher.findings("I have a fever. Could it be a fever?").get("fever") == PRESENT
    assert matcher.findings("no fever. would a fever matter?").get("fever") == ABSENT
    # a question alone still tells nothing
    assert matcher.findings("can you get it as an adult?").get("age_adult") == UNKNOWN


@pytest.mark.parametrize("text, age", [
    ("I'm a 31 year old man", "age_adult"),
    ("I'm a nurse and have spots on my back", None),
    ("she's a teacher", None),
])
def test_a_or_an_after_i_am_is_not_an_age(matcher, text, age):
    ages = {f for f, s in matcher.findings(text).items() if f.startswith("age_") and s == PRESENT}
    assert ages == ({age} if age else set())


@pytest.mark.parametrize("text, sex", [
    ("I'm a 31 year old man with spots on my back", {"sex_male"}),
    ("31M, spots on my back", {"sex_male"}),
    ("Male, 31, spots on my back", {"sex_male"}),
    ("28F, itchy back", {"sex_female"}),
    ("I'm a woman in my thirties", {"sex_female"}),
    ("my son has spots on his back", {"sex_male"}),
    ("my husband has a rash on his back", {"sex_male"}),
    ("my grandmother has blisters on her back", {"sex_female"}),
    ("He has a rash on his back and a fever", {"sex_male"}),
    ("she has itchy spots", {"sex_female"}),
    # someone else named by a person speaking about themselves is not the patient
    ("My nephew had it about 2 weeks ago and now I've got itchy spots", set()),
    ("my husband had chickenpox and now I have blisters", set()),
    ("my son had chickenpox last week, now my back is covered in spots", set()),
    ("I think I caught it from him", set()),
    ("my daughter had chickenpox last week", set()),
    # nor is someone who had it or passed it on (an answer to "has anyone around had chickenpox?")
    ("yes, my husband had it last month", set()),
    ("Itchy spots everywhere. He had chickenpox a fortnight ago", set()),
    ("probably caught it off him", set()),
    # words that disagree are both kept, so that nothing is ruled out
    ("my wife has spots on her back, he says they itch", {"sex_male", "sex_female"}),
    ("I'm 31 and have spots", set()),
])
def test_sex_given_in_words(matcher, text, sex):
    found = matcher.findings(text)
    assert {f for f in ("sex_male", "sex_female") if found.get(f) == PRESENT} == sex, found


def test_words_for_who_it_is_do_not_carry_a_negation_on(matcher):
    # "no fever, my son ..." lists no more symptoms after the comma: the itch is there
    assert matcher.findings("no fever, my son itches").get("itching") == PRESENT
    assert matcher.findings("no fever, she itches").get("itching") == PRESENT
    assert matcher.findings("no fever, cough or headache").get("headache") == ABSENT


@pytest.mark.parametrize("text, recurring", [
    ("itchy patch in the middle of my back keeps coming back", False),
    ("my back acne keeps coming back", False),
    ("I'll come back later", False),
    ("it's a recurring rash", False),
    ("these boils keep coming back", True),
    ("these lumps keep coming back", True),
    ("a boil on my lower back that keeps coming back", True),
    ("I keep getting boils on my back, a new one every couple of months", True),
    ("I get painful lumps with pus that come back again and again", True),
    ("I've had boils before", True),
])
def test_recurring_boils_need_boils_or_lumps_named(matcher, text, recurring):
    assert (matcher.findings(text).get("recurring_boils") == PRESENT) is recurring, matcher.findings(text)


@pytest.mark.parametrize("text, expected", [
    ("tiny red purple spots on my back, about 104 of them", None),
    ("there are 102 spots", None),
    ("about 103 little bumps", None),
    ("my temperature is 104", "high_fever"),
    ("a fever of 103", "high_fever"),
    ("it's 102 f", "high_fever"),
    ("39 degrees", "high_fever"),
])
def test_a_bare_number_is_not_a_fever(matcher, text, expected):
    found = {f for f, s in matcher.findings(text).items() if f in ("fever", "high_fever") and s == PRESENT}
    assert (expected in found) if expected else not found, matcher.findings(text)


@pytest.mark.parametrize("text, age", [
    ("I have over 60 spots on my back", None),
    ("there are under 1 cm", None),
    ("I'm over 60", "age_older"),
    ("she is over 70 and has blisters", "age_older"),
    ("aged over 60", "age_older"),
])
def test_a_bare_number_is_not_an_age(matcher, text, age):
    ages = {f for f, s in matcher.findings(text).items() if f.startswith("age_") and s == PRESENT}
    assert ages == ({age} if age else set())


def red_flag_findings(kb):
    """Findings that raise a red flag by themselves (a flag that also needs a likely condition,
    such as blisters with a likely contact dermatitis, is raised by the condition's evidence, and
    one that needs two findings at once, such as blisters after a new medicine, by both)."""
    return {
        f
        for flag in kb.red_flags.values()
        if not flag.if_likely and len(flag.all_of) < 2
        for f in flag.any_of + flag.all_of
    }


def test_a_word_about_the_skin_raises_no_red_flag(kb, matcher):
    for text in ("little soft flappy bits of skin hanging off my back",
                 "little soft floppy bits of skin hanging off my back",
                 "I'm fit and healthy, just these spots",
                 # "faint" as a colour, not a feeling (blind 36: a Becker naevus got an emergency)
                 "it started as a faint tan-ish mark around when I was 12",
                 "the mark is very faint"):
        found = matcher.findings(text)
        assert not red_flag_findings(kb) & {f for f, s in found.items() if s == PRESENT}, (text, found)
    for text in ("my baby is floppy", "a floppy baby with a rash", "he has gone all floppy", "she had a fit"):
        assert matcher.findings(text).get("drowsy_confused_stiff_neck") == PRESENT, text
    for text in ("I feel faint", "she fainted", "I felt faint and dizzy", "I think I'm going to faint"):
        assert matcher.findings(text).get("faint_dizzy") == PRESENT, text


def _typo_of(matcher, word):
    """A one-edit misspelling of word that is not English and that the matcher corrects back to it."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    candidates = [word[:i] + word[i] + word[i:] for i in range(len(word))]  # a doubled letter
    candidates += [word[:i] + word[i + 1:] for i in range(1, len(word))]  # a dropped letter
    candidates += [word[:i] + c + word[i + 1:] for i in range(1, len(word)) for c in letters]  # a wrong letter
    for candidate in candidates:
        if candidate != word and matcher.is_typo(candidate) and matcher._correct(candidate) == word:
            return candidate
    return None


def test_no_red_flag_finding_comes_from_corrected_words_alone(kb, matcher):
    """Every red-flag synonym with each of its words misspelt (each one corrected back to the
    synonym): the red-flag finding is not produced. A typo must not raise an emergency."""
    from spacy.lang.en.stop_words import STOP_WORDS

    tried = 0
    for fid in sorted(red_flag_findings(kb)):
        for synonym in kb.findings[fid].synonyms:
            words = [t.norm for t in matcher._tokens(synonym.replace("*", " "), correct=False) if not t.boundary]
            if fid not in matcher.findings(" ".join(words)):
                continue  # only a context makes it (e.g. a number pattern): nothing to mutate
            content = [w for w in words if w not in STOP_WORDS]
            if fid in matcher.findings(" ".join(w for w in words if w in STOP_WORDS)):
                continue  # its words left as written say it already ("does not move")
            typos = {w: _typo_of(matcher, w) for w in content}
            if not content or None in typos.values():
                continue  # a short word is never corrected, so the synonym cannot come from typos alone
            text = " ".join(typos.get(w, w) for w in words)
            assert fid not in matcher.findings(text), (synonym, text, matcher.findings(text))
            tried += 1
    assert tried >= 200, tried


def test_a_red_flag_finding_from_a_typo_alone_is_left_to_the_questions(matcher):
    # the interview asks about a fever when it matters (the red-flag screening questions)
    assert "fever" not in matcher.findings("got a feverr")


def test_a_typo_inside_a_red_flag_phrase_still_counts(matcher):
    """The other words of the phrase are read as written, so it is not a typo alone."""
    assert matcher.findings("my lips are swolen").get("swelling_face_lips_throat") == PRESENT
    assert matcher.findings("his neck is really stif").get("drowsy_confused_stiff_neck") == PRESENT


@pytest.mark.parametrize("text", [
    "he's gone really floppy and sleepy, I can barely wake him up",
    "she has gone all floppy",
    "we can't wake her properly",
])
def test_a_floppy_or_unrousable_child_is_read_in_everyday_words(matcher, text):
    """A late message in a measles case went unread (a regression: 'floppy' alone had become too
    broad for skin tags): these must raise the drowsy / stiff-neck emergency sign."""
    assert matcher.findings(text).get("drowsy_confused_stiff_neck") == PRESENT


def test_a_floppy_skin_tag_is_not_a_floppy_child(matcher):
    assert "drowsy_confused_stiff_neck" not in matcher.findings("the skin tag is all floppy")


def test_feeling_rough_is_the_person_and_rough_skin_is_the_skin(matcher):
    """'34M ... now they're blistering. feel rough.' read as sandpaper skin ruled chickenpox out."""
    assert matcher.findings("now they're blistering. feel rough.").get("tiredness") == PRESENT
    assert "rough_sandpaper" not in matcher.findings("now they're blistering. feel rough.")
    assert matcher.findings("my back feels rough").get("rough_sandpaper") == PRESENT
    # blind set 4: "a fever since last night and feel really rough" was read as rough skin
    assert matcher.findings("a fever since last night and feel really rough").get("tiredness") == PRESENT
    assert "rough_sandpaper" not in matcher.findings("a fever since last night and feel really rough")
    assert matcher.findings("my back feels really rough").get("rough_sandpaper") == PRESENT


@pytest.mark.parametrize("text", [
    "I'm diabetic",
    "I have type 2 diabetes",
    "type 1 diabetic",
    "I'm on chemo",
    "I'm having chemotherapy",
    "I take steroids",
    "I'm on steroid tablets",
    "I take prednisolone every day",
    "I have HIV",
    "I had a kidney transplant",
    "I'm on immunosuppressants",
    "I'm immunosuppressed",
    "my immune system is weak",
    "I have a low immune system",
    "I keep getting folliculitis on my back, I'm diabetic",
])
def test_a_weakened_immune_system_is_read_from_everyday_words(kb, matcher, text):
    """NHS cellulitis: a weakened immune system (chemotherapy, diabetes) makes a skin infection
    more urgent, so people's own words for it must be read (chemotherapy is its own finding, which
    implies a weakened immune system)."""
    found = matcher.findings(text)
    implied = {i for f, status in found.items() if status == PRESENT for i in kb.findings[f].implies}
    assert found.get("weakened_immunity") == PRESENT or "weakened_immunity" in implied, (text, found)


@pytest.mark.parametrize("text, status", [
    ("I'm not diabetic", ABSENT),
    ("I used a steroid cream on it", None),
    ("hydrocortisone cream helped a bit", None),
    ("I'm fit and healthy", None),
])
def test_a_steroid_cream_or_no_diabetes_is_not_a_weakened_immune_system(matcher, text, status):
    assert matcher.findings(text).get("weakened_immunity") == status, (text, matcher.findings(text))

# -- red-flag signs in the words people use (NHS sepsis, meningitis, anaphylaxis, "when to call 999") --
@pytest.mark.parametrize("text, finding", [
    # breathing: NHS "difficulty breathing, breathlessness or breathing very fast", "struggling for breath",
    # grunting, the tummy sucking in under the ribs
    ("he's breathing really fast now and seems to be struggling to get his breath", "trouble_breathing"),
    ("she is breathing very fast", "trouble_breathing"),
    ("he's breathing quickly", "trouble_breathing"),
    ("her breathing is rapid", "trouble_breathing"),
    ("rapid breathing and a fever", "trouble_breathing"),
    ("I can't get my breath", "trouble_breathing"),
    ("he can't get his breath", "trouble_breathing"),
    ("my dad is fighting for breath", "trouble_breathing"),
    ("she was gasping for air", "trouble_breathing"),
    ("making grunting noises when he breathes", "trouble_breathing"),
    ("her tummy is sucking in under her ribs", "trouble_breathing"),
    ("he can hardly breathe", "trouble_breathing"),
    ("she can barely breathe", "trouble_breathing"),
    ("his breathing is laboured", "trouble_breathing"),
    ("he's wheezing a bit", "trouble_breathing"),
    ("difficulty in breathing", "trouble_breathing"),
    ("can't catch his breath", "trouble_breathing"),
    ("struggling for air", "trouble_breathing"),
    ("too breathless to talk", "trouble_breathing"),
    ("I'm really out of breath just sitting here", "trouble_breathing"),
    ("breathing faster than normal", "trouble_breathing"),
    # swelling of the lips, tongue or throat; trouble swallowing (NHS anaphylaxis)
    ("my throat feels like it's closing", "swelling_face_lips_throat"),
    ("throat closing up", "swelling_face_lips_throat"),
    ("I can't swallow", "swelling_face_lips_throat"),
    ("her tongue is swelling up", "swelling_face_lips_throat"),
    ("difficulty swallowing", "swelling_face_lips_throat"),
    ("my throat feels swollen", "swelling_face_lips_throat"),
    ("his lips have blown up", "swelling_face_lips_throat"),
    ("her eyes are swollen shut", "swelling_face_lips_throat"),
    ("my mouth feels swollen", "swelling_face_lips_throat"),
    # fainting, collapsing
    ("she keeps passing out", "faint_dizzy"),
    ("I feel like I'm going to pass out", "faint_dizzy"),
    ("he collapsed in the kitchen", "faint_dizzy"),
    ("she lost consciousness", "faint_dizzy"),
    ("he's unconscious", "faint_dizzy"),
    ("I feel woozy", "faint_dizzy"),
    ("the room is spinning", "faint_dizzy"),
    # drowsy, hard to wake, confused, stiff neck (NHS meningitis and sepsis)
    ("he won't wake up", "drowsy_confused_stiff_neck"),
    ("she's hard to wake", "drowsy_confused_stiff_neck"),
    ("he is very sleepy and not himself", "drowsy_confused_stiff_neck"),
    ("we can't wake him up", "drowsy_confused_stiff_neck"),
    ("he's barely awake", "drowsy_confused_stiff_neck"),
    ("she's not responding to me", "drowsy_confused_stiff_neck"),
    ("he's gone limp", "drowsy_confused_stiff_neck"),
    ("his speech is slurred", "drowsy_confused_stiff_neck"),
    ("she's talking nonsense", "drowsy_confused_stiff_neck"),
    ("he doesn't know where he is", "drowsy_confused_stiff_neck"),
    ("she is disorientated", "drowsy_confused_stiff_neck"),
    ("he seems completely out of it", "drowsy_confused_stiff_neck"),
    ("she can't touch her chin to her chest", "drowsy_confused_stiff_neck"),
    ("sleepier than normal and not interested in anything", "drowsy_confused_stiff_neck"),
    # the glass test
    ("the rash doesn't go away when I roll a glass over it", "rash_not_fading"),
    ("the spots are still there under the glass", "rash_not_fading"),
    ("they don't go white when I press them", "rash_not_fading"),
    ("the rash doesn't blanch", "rash_not_fading"),
    ("I can still see the spots through the glass", "rash_not_fading"),
    # session 10, from the NLU messages of blind sets 6 to 34 that the matcher missed
    ("tiny purple spots on his back that stay when i press a glass on them", "rash_not_fading"),
    ("the dots stay there when I press them", "rash_not_fading"),
    ("purple spots that dont go when i press a glass on them", "rash_not_fading"),
    ("my lips are blowing up and I'm struggling to get my breath", "swelling_face_lips_throat"),
    ("a red lump that pours with blood if i catch it", "bleeds_heavily"),
    ("it bleeds like mad if my bra catches it", "bleeds_heavily"),
    # very unwell (NHS sepsis: "feels very unwell or like there's something seriously wrong")
    ("she's really not right", "very_unwell"),
    ("he seems seriously unwell", "very_unwell"),
    ("I've never felt this ill", "very_unwell"),
    ("I feel like I'm dying", "very_unwell"),
    ("I think something is seriously wrong", "very_unwell"),
    # a high fever, spreading redness
    ("a really high temperature", "high_fever"),
    ("very high temp since last night", "high_fever"),
    ("the redness has doubled in size", "spreading_redness_hot_skin"),
    ("the redness is creeping out from the lump", "spreading_redness_hot_skin"),
])
def test_red_flag_signs_in_everyday_words(matcher, text, finding):
    found = matcher.findings(text)
    assert found.get(finding) == PRESENT, f"{finding} in {text!r}: {found}"


@pytest.mark.parametrize("text, finding", [
    ("no swelling in my face and breathing's fine", "swelling_face_lips_throat"),
    ("no swelling in my face and breathing's fine", "trouble_breathing"),
    ("my lips and tongue are fine and I'm breathing ok", "swelling_face_lips_throat"),
    ("my lips and tongue are fine and I'm breathing ok", "trouble_breathing"),
    ("lips and tongue aren't swollen", "swelling_face_lips_throat"),
    ("I can breathe ok", "trouble_breathing"),
    ("no swelling in my lips and breathing is fine", "swelling_face_lips_throat"),
    # one colour, said of a mole
    ("no, just very dark all over", "several_colours"),
    ("it's all one even brown and nice and round", "several_colours"),
    ("No, it is the same all over, no clear middle.", "several_colours"),
    # the ABCDE signs said to be absent, in a mole's description
    ("it's still round with a smooth edge", "irregular_edge"),
    ("smaller than a pencil rubber", "larger_than_7mm"),
])
def test_a_sign_said_to_be_absent_in_everyday_words(matcher, text, finding):
    """"Breathing's fine", "lips and tongue are fine", a mole "dark all over": the person says the
    sign (a red flag, or one of a mole's ABCDE signs) is not there."""
    found = matcher.findings(text)
    assert found.get(finding) == ABSENT, f"{finding} in {text!r}: {found}"
    # and "the face" in "no swelling in my face" is not a place the spots are said not to be, nor
    # a mole "dark all over" a rash all over the body
    assert found.get("face_chest_shoulders") != ABSENT and "spreading_all_over" not in found


@pytest.mark.parametrize("text, finding", [
    # Out of breath after exercise is normal. The NHS signs are breathlessness that is severe, at rest, or
    # very fast breathing ("difficulty breathing, breathlessness or breathing very fast"); a bare
    # "out of breath" is not read as trouble breathing, only with words that say it is not exertion.
    ("I was out of breath after the gym", "trouble_breathing"),
    ("I get back acne from sweating at the gym and running", "trouble_breathing"),
    ("it hurts to swallow, I've got a sore throat", "swelling_face_lips_throat"),
    ("the rash faded when I pressed a glass on it", "rash_not_fading"),
    ("the bump feels limp and squishy", "drowsy_confused_stiff_neck"),
    ("I walk with a limp since my knee op", "drowsy_confused_stiff_neck"),
    ("it doesn't go away when I scrub it", "rash_not_fading"),
    ("sorry I'm rubbish at describing it, it's just a spot", None),
    ("I go running and my heart beats fast", None),
])
def test_harmless_words_raise_no_red_flag_sign(kb, matcher, text, finding):
    found = {f for f, s in matcher.findings(text).items() if s == PRESENT}
    if finding:
        assert finding not in found, (text, found)
    else:
        flagged = {f for flag in kb.red_flags.values() if not flag.if_likely for f in flag.any_of + flag.all_of}
        assert not found & flagged, (text, found)


def test_a_rash_not_responding_to_a_cream_is_not_a_person_not_responding(matcher):
    assert "drowsy_confused_stiff_neck" not in matcher.findings("the rash is not responding to the cream")
    assert matcher.findings("he is not responding to us").get("drowsy_confused_stiff_neck") == PRESENT


@pytest.mark.parametrize("text, finding", [
    ("his lips are turning blue", "blue_grey_blotchy_skin"),
    ("she looks mottled and pale", "blue_grey_blotchy_skin"),
    ("he's gone grey and clammy", "blue_grey_blotchy_skin"),
    ("blue around his mouth", "blue_grey_blotchy_skin"),
    ("a weak high-pitched cry", "weak_high_pitched_cry"),
    ("her hands and feet are freezing", "cold_hands_feet"),
    ("it hurts way more than it looks", "pain_out_of_proportion"),
    ("much more painful than you'd expect for a small cut", "pain_out_of_proportion"),
    ("the skin around the cut is going black", "skin_turning_dark"),
    ("dark blotches on the swollen area", "skin_turning_dark"),
    ("the skin is coming off in sheets", "skin_peeling_off"),
    ("it looks like a burn", "skin_peeling_off"),
    ("blisters in her mouth and on her lips", "sores_mouth_eyes_lips"),
    ("my eyes are burning", "sores_mouth_eyes_lips"),
    ("a bed sore at the bottom of his back", "pressure_sore"),
    ("she has a pressure ulcer on her tailbone", "pressure_sore"),
])
def test_new_red_flag_findings_in_everyday_words(matcher, text, finding):
    assert matcher.findings(text).get(finding) == PRESENT, (text, matcher.findings(text))


@pytest.mark.parametrize("text, finding, status", [
    ("lots of little red spots with white heads", "blackheads", PRESENT),
    ("had a fever for days and my eyes are sore and watery", "red_watery_eyes", PRESENT),
    ("tiny purpleish red bumps, kinda like blood blisters but firm", "bright_red_dots", PRESENT),
    ("we're thinking about trying for a baby and my back has spots", "age_baby", None),
    ("the skin on my chest feels tight and shiny", "trouble_breathing", None),
    ("my chest feels tight and I'm wheezing", "trouble_breathing", PRESENT),
])
def test_everyday_words_from_the_seed_sets_with_forty_conditions(matcher, text, finding, status):
    """Words that the seed's vignettes use and that, with the lookalikes' vocabulary beside them,
    were read as something else or not at all."""
    assert matcher.findings(text).get(finding) == status, (text, matcher.findings(text))


@pytest.mark.parametrize("text, finding", [
    ("now loads of smaller pink spots on my back that slope downwards like branches", "oval_patches_along_ribs"),
    ("it started with one patch, then lots of smaller ones", "herald_patch"),
    ("salmon coloured flaky spots on my back that join up", "lighter_darker_patches"),
])
def test_pityriasis_rosea_and_versicolor_in_everyday_words(matcher, text, finding):
    """NHS: pityriasis rosea starts with one patch, then smaller ones sloping like a Christmas
    tree; pityriasis versicolor's patches can be pink, brown or tan, or lighter than the skin."""
    assert matcher.findings(text).get(finding) == PRESENT, (text, matcher.findings(text))


# Words the vignettes of session 7 (the seed sets, blind sets 6 to 23 and the helpers' own tries) were
# read wrongly or not at all: (text, finding, status); None means the finding is not read at all.
EVERYDAY_WORDS_SESSION_7 = [
    # "nobody else ... is itchy" is about the household, not the person's own itch
    ("really itchy rash on my lower back. Nobody else at home is itchy.", "itching", PRESENT),
    ("really itchy rash on my lower back. Nobody else at home is itchy.", "household_itchy", ABSENT),
    ("no one else in the house is scratching", "household_itchy", ABSENT),
    ("No tummy problems that I know of", "gut_symptoms", ABSENT),
    # a baby rubbing herself on the sheet is itchy; it is not a rash where clothes rub
    ("she keeps rubbing herself on the cot sheet", "itching", PRESENT),
    ("she keeps rubbing herself on the cot sheet", "where_skin_rubs", None),
    ("spots where my rucksack straps are rubbing", "where_skin_rubs", PRESENT),
    # contact dermatitis: where the thing touched, and a new oil
    ("red itchy rash on my lowr back were my belt bukle touches", "rash_where_product_touched", PRESENT),
    ("woke up with red itchy bumps everywhere I'd rubbed it in", "rash_where_product_touched", PRESENT),
    ("had a massage with some new oil an hour ago", "new_product_contact", PRESENT),
    # NHS insect bites and stings: wasps, bees and hornets sting
    ("a wasp got me on the back at a picnic", "bite_exposure", PRESENT),
    ("got stung by a bee on my shoulder blade", "bite_exposure", PRESENT),
    # a patch the size of a palm is not a lump bigger than 5 cm
    ("a round red patch about the size of my palm", "lump_over_5cm", None),
    ("a lump the size of a golf ball", "lump_over_5cm", PRESENT),
    # Grover's disease: the middle of the back and the chest, with words between
    ("itchy red spots down the middle of my back and on my chest", "middle_of_back_and_chest", PRESENT),
    # a pressure sore named by where it is, or by someone who cannot move about
    ("dad has a sore at the bottom of his spine from lying in bed", "pressure_sore", PRESENT),
    ("my mum is mostly in bed since her stroke and has an open sore at the bottom of her back", "pressure_sore", PRESENT),
    # how far along a pregnancy is, is not how long the spots have been there
    ("Pregnant, about 22 weeks. Itchy spots on my back", "duration_months", None),
    ("Pregnant, about 22 weeks. Itchy spots on my back", "duration_weeks", None),
    ("itchy spots on my back for 3 weeks", "duration_weeks", PRESENT),
    # a niece who had chickenpox at the weekend is a contact, not the person's own history
    ("my niece had chickenpox at the weekend", "had_chickenpox_before", None),
    ("my niece had chickenpox at the weekend", "chickenpox_contact", PRESENT),
    ("I had chickenpox at age 6", "had_chickenpox_before", PRESENT),
    # "I have not taken my temperature" says nothing about a fever (blind set 11: it undid "a little shivery")
    ("I feel a little shivery but I have not taken my temperature", "fever", PRESENT),
    ("I haven't checked her temperature", "fever", UNKNOWN),
    ("no temperature", "fever", ABSENT),
    # people with psoriasis usually know it (blind set 15: a pustular flare with a fever was read as back acne)
    ("I've had psoriasis patches on my back for years", "known_psoriasis", PRESENT),
    ("my psoriasis has flared up on my back", "known_psoriasis", PRESENT),
    ("I don't have psoriasis", "known_psoriasis", ABSENT),
    ("is psoriasis contagious?", "known_psoriasis", None),
    # how long the fever has lasted is not how long the spots have been there
    ("ive had a fever since last night and feel really rough", "duration_days", None),
    ("a temperature for 2 days and now spots", "duration_days", None),
    ("itchy spots for 3 weeks", "duration_weeks", PRESENT),
    ("spots since yesterday and a fever", "duration_days", PRESENT),
    # a new medicine with words between
    ("I started a new epilepsy tablet about two weeks ago, then got a rash", "rash_after_new_medicine", PRESENT),
    ("started new blood pressure tablets last week and now a rash on my back", "rash_after_new_medicine", PRESENT),
    # hives' welts move around; a soft lump moves when pushed
    ("raised itchy welts that move around my body", "soft_movable_lump", None),
    ("a soft lump, it moves around when I push it", "soft_movable_lump", PRESENT),
    ("the skin around it is hot and red and it's spreading", "spreading_redness_hot_skin", PRESENT),
    ("the skin around it is hot and red and it's spreading", "spreading_all_over", None),
    ("ring shaped patches after playing with the neighbour's cat", "animal_or_sports_contact", PRESENT),
    ("he's been scratching his back all night", "itching_worse_at_night", PRESENT),
    ("little red bumps after a hot bath", "after_heat_sweating", PRESENT),
    ("had my back waxed 3 days ago, now red spots with white heads everywhere it was waxed", "after_shaving_waxing",
     PRESENT),
    ("had my back waxed 3 days ago, now red spots with white heads everywhere it was waxed", "spreading_all_over", None),
    ("rough brown raised spots that look like they're sitting on top of his skin", "stuck_on_warty", PRESENT),
    ("his mum had loads too", "family_history_same", PRESENT),
    ("I thought it was a bit of eczema but none of my creams have touched it", "dry_skin_eczema", UNKNOWN),
    ("I thought it was a bit of eczema but none of my creams have touched it", "rash_not_helped_by_creams", PRESENT),
    ("the creams haven't touched it", "rash_not_helped_by_creams", PRESENT),
    ("it's been there since the spring", "duration_months", PRESENT),
    ("My lips and mouth are getting sore too", "sores_mouth_eyes_lips", PRESENT),
    # a tattoo can start an allergy or let an infection in (blind set 17: read only as something new)
    ("got a new tattoo on my shoulder blade and the skin round it is red hot and swollen", "broken_skin_before", PRESENT),
    ("got a new tattoo on my shoulder blade and the skin round it is red hot and swollen", "new_product_contact",
     PRESENT),
    # DermNet dermatofibroma: a firm bump that dimples when pinched (blind set 6: read as a common mole)
    ("hard little brownish bump, been there ages. if i pinch the skin round it, it sort of sinks in",
     "dimples_when_pinched", PRESENT),
    ("hard little brownish bump, been there ages. if i pinch the skin round it, it sort of sinks in",
     "hard_button_in_skin", PRESENT),
    ("hard little brownish bump, been there ages. if i pinch the skin round it, it sort of sinks in",
     "duration_months", PRESENT),
    # seborrhoeic keratoses and pityriasis versicolor in a partner's words
    ("lots of brown, rough, waxy bumps on his back that look stuck on", "dimpled_pearly_bumps", None),
    ("lots of brown, rough, waxy bumps on his back", "stuck_on_warty", PRESENT),
    ("light brown and pinkish blotches across her back", "lighter_darker_patches", PRESENT),
    ("they stood out more once she got a tan", "lighter_darker_patches", PRESENT),
    ("since a holiday somewhere really hot and sticky", "after_heat_sweating", PRESENT),
    ("they appeared during this hot spell", "after_heat_sweating", PRESENT),
    # NHS neurofibromatosis type 1 (blind set 16: read as pityriasis versicolor)
    ("he's got a few soft little bumps coming up on his back. He's also always had some light brown patches on his "
     "skin since he was tiny", "many_soft_bumps_nerves", PRESENT),
    ("he's got a few soft little bumps coming up on his back. He's also always had some light brown patches on his "
     "skin since he was tiny", "cafe_au_lait_patches", PRESENT),
    ("the whole area has gone much redder and sorer", "redness", PRESENT),
    ("the whole area has gone much redder and sorer", "pain_tenderness", PRESENT),
    # emergency signs
    ("his tongue feels huge and his voice has gone funny", "swelling_face_lips_throat", PRESENT),
    ("my baby is 6 weeks old and feels really hot", "fever", PRESENT),
    ("my baby is 6 weeks old and feels really hot", "young_baby", PRESENT),
    ("the lump came up in an hour and is massive", "sudden_large_swelling", PRESENT),
    # a sore that bleeds when dried is not dry skin
    ("a sore that bleeds every time i dry myself and has been there months", "spots_bleed", PRESENT),
    ("a sore that bleeds every time i dry myself and has been there months", "duration_months", PRESENT),
    ("a sore that bleeds every time i dry myself and has been there months", "dry_scaly", None),
    # blind set 23: the daughter who spots a bump on "my back" is not the person with it
    ("My daughter spotted a raised dark bump on my back. It wasn't there at Easter.", "age_child", None),
    ("My daughter spotted a raised dark bump on my back. It wasn't there at Easter.", "mole_like", PRESENT),
    ("My daughter spotted a raised dark bump on my back. It wasn't there at Easter.", "changing_spot", PRESENT),
    ("my daughter has spots on her back", "age_child", PRESENT),
]


#: Session 8 (blind sets 25 and 26, first runs): (message, finding, its status, or None: not read)
EVERYDAY_WORDS_SESSION_8 = [
    # a comparison does not take back what kind of thing it is; it still says what this one is not
    ("a hard lump on my back, nothing like the soft fatty lump my mum had", "kind_lump", PRESENT),
    ("a hard lump on my back, not like the soft fatty lump my mum had that moved about", "soft_movable_lump", ABSENT),
    ("it's a rash, not a lump", "kind_lump", ABSENT),
    # a hard, fixed lump the size of a fruit (NHS Lothian, nidirect: 5 cm or more, deep, fixed)
    ("the lump is really solid and stuck in place", "lump_hard_fixed", PRESENT),
    ("it won't budge when I push it", "lump_hard_fixed", PRESENT),
    ("a lump about the size of a small lemon", "lump_over_5cm", PRESENT),
    # morphoea (BAD): waxy, hard, with a lilac edge; one oval patch alone is not the herald patch
    ("the middle is white like wax and the border is lilac", "hard_shiny_skin", PRESENT),
    ("I have one oval patch on my back", "herald_patch", None),
    ("it started with one oval patch first, then lots of small ones", "herald_patch", PRESENT),
    # Stevens-Johnson syndrome (NHS): crusted, raw lips
    ("his lips are crusted and raw", "sores_mouth_eyes_lips", PRESENT),
    # stretch marks after a growth spurt (NHS): not red streaks of an infection, not a growing spot or a 10 cm lump
    ("red lines going sideways across my lower back like ladder rungs", "stretch_lines", PRESENT),
    ("red lines going sideways across my lower back like ladder rungs", "spreading_redness_hot_skin", None),
    ("ive grown like 10cm this year", "fast_growth_or_weight_change", PRESENT),
    ("ive grown like 10cm this year", "lump_over_5cm", None),
    ("ive grown like 10cm this year", "changing_spot", None),
    # impetigo (NHS): blisters that burst and leave yellow crusts
    ("two have burst and left yellow crusty bits", "golden_crusts", PRESENT),
    # a temperature written as a bare number with a tenth
    ("she felt warm, I got 38.2", "fever", PRESENT),
    ("he is 38", "fever", None),
    # the person who writes about their partner's back does not say the partner is itchy too
    ("my husband has a mole on his back", "household_itchy", None),
    ("my wife has got a rash on her back", "household_itchy", None),
    ("my kids have spots", "household_itchy", None),
    ("my wife has the same rash", "household_itchy", PRESENT),
    ("my boyfriend has them too", "household_itchy", PRESENT),
    # skin round a pressure sore that is hot and puffy
    ("the skin all round it is hot and puffy", "red_hot_swollen_area", PRESENT),
    # skin cancer (NHS): a sore that heals and opens again; pityriasis versicolor: paler or darker than the skin
    ("a little sore that scabs over and then opens up again", "sore_not_healing", PRESENT),
    ("some are paler than his skin and some pinkish brown", "lighter_darker_patches", PRESENT),
    # one patch that has spread a bit wider has grown; it is not a rash spreading over the body
    ("the patch seems to have spread a bit wider", "changing_spot", PRESENT),
    ("the patch seems to have spread a bit wider", "spreading_all_over", None),
    ("the rash has spread", "spreading_all_over", PRESENT),
    # hives (NHS): each welt gone within a day while new ones come up elsewhere
    ("they're gone by the next morning but fresh ones pop up somewhere else", "welts_come_and_go", PRESENT),
    # sepsis (NHS): feeling that something is seriously wrong; a worry about what it means is not that
    ("he feels like something is seriously wrong", "very_unwell", PRESENT),
    ("I'm terrified it means something is seriously wrong inside me", "very_unwell", None),
    # "no, it's sore, not itchy" answers the itch question; it does not deny the soreness
    ("no its sore not itchy", "pain_tenderness", PRESENT),
    ("no its sore not itchy", "itching", ABSENT),
    # the red skin round a wound growing is spreading redness (cellulitis), not a spot changing
    ("just the red patch getting a bit bigger", "spreading_redness_hot_skin", PRESENT),
    ("the red bit is bigger than yesterday", "spreading_redness_hot_skin", PRESENT),
    # the kids the writer might pass it to are not the person with the patch (blind set 27)
    ("I've got a dry patch on my lower back and I'm scared I'll give it to my kids", "age_child", None),
    ("I play with my kids and have spots on my back", "age_child", None),
    ("my kids have spots on their backs", "age_child", PRESENT),
    ("spots on my son's back", "age_child", PRESENT),
    # NHS ringworm: antifungal treatment that has not cleared it after two weeks
    ("I used an antifungal cream for two weeks and it hasn't shifted it", "rash_not_helped_by_creams", PRESENT),
    # a normal temperature is no fever: a baby's "36.8" raised the emergency for a fever under 3 months (blind set 28)
    ("no, her temperature was 36.8", "fever", ABSENT),
    ("her temperature is normal", "fever", ABSENT),
    ("a normal temperature", "fever", ABSENT),
    ("temp 98.6F", "fever", ABSENT),
    ("her temperature was 38.2", "fever", PRESENT),
    ("she has a temperature", "fever", PRESENT),
    ("he is 36", "fever", None),
    # NHS ringworm: a raised, scaly border; heat rash (NHS): a baby wrapped up too warm
    ("a round dry patch darker than my skin with a raised scaly border", "ring_shaped", PRESENT),
    ("we had her bundled up in a fleece suit with the heating on", "after_heat_sweating", PRESENT),
    # eczema as people misspell it (blind set 11)
    ("hav had ezcema since i was a kid", "dry_skin_eczema", PRESENT),
    # hay fever is atopy, not the person's dry skin or eczema
    ("her dad has hay fever", "atopy", PRESENT),
    ("her dad has hay fever", "dry_skin_eczema", None),
    # basal cell carcinoma (NHS, DermNet): pearly, with tiny blood vessels, opening and scabbing again (blind set 27)
    ("a small bump, shiny like pearl, pink colour", "pearly_shiny_bump", PRESENT),
    ("I can see very small red lines on it", "pearly_shiny_bump", PRESENT),
    ("I can see very small red lines on it", "spreading_redness_hot_skin", None),
    ("sometimes it open in the middle and make scab, then close again", "sore_not_healing", PRESENT),
    # "37 weeks with my first baby" is a pregnancy, not a baby with the rash nor how long it has lasted (blind set 28)
    ("I'm 37 weeks with my first baby and I've got an itchy rash", "pregnant", PRESENT),
    ("I'm 37 weeks with my first baby and I've got an itchy rash", "age_baby", None),
    ("I'm 37 weeks with my first baby and I've got an itchy rash", "duration_months", None),
    ("it started in the stretch marks on my bump", "pregnant", PRESENT),
    # blind set 29: a wound after a mole was cut out, and redness spreading past a pen line (cellulitis, NHS)
    ("I had a mole cut out of my upper back last week", "broken_skin_before", PRESENT),
    ("I had a mole cut out of my upper back last week", "mole_like", None),
    ("I drew round the red bit with a pen and an hour later it has spread past the line", "spreading_redness_hot_skin", PRESENT),
    ("I drew round the red bit with a pen and an hour later it has spread past the line", "several_colours", None),
    ("the red area is a lot wider than this morning", "spreading_redness_hot_skin", PRESENT),
    ("the skin around it feels hot", "spreading_redness_hot_skin", PRESENT),
    ("he has used the cream every day for two weeks and it's no better at all", "rash_not_helped_by_creams", PRESENT),
    # the glass test only with a glass, pressing, or "at all": hives that "don't fade in a day" raised the
    # meningitis emergency (blind set 30)
    ("they're raised but they don't fade in a day, they stay", "rash_not_fading", None),
    ("some of the spots don't fade when I press a glass on them", "rash_not_fading", PRESENT),
    ("ive just pressed a glass on his back and the spots dont fade at all", "rash_not_fading", PRESENT),
    ("I pressed a glass on them and they don't fade", "rash_not_fading", PRESENT),
    # molluscum (NHS): shiny, waxy bumps with a little hole on top; not a cyst's opening, not morphoea
    ("small round bumps, pink and shiny like wax, with little hole on top", "dimpled_pearly_bumps", PRESENT),
    ("small round bumps, pink and shiny like wax, with little hole on top", "central_punctum", None),
    ("small round bumps, pink and shiny like wax, with little hole on top", "hard_shiny_skin", None),
    # notalgia paresthetica (DermNet): an itch by a shoulder blade; a lump or a mole there is only a place
    ("a maddening itch on my back beside the left shoulder blade", "itch_by_shoulder_blade", PRESENT),
    ("a hard lump under my shoulder blade that has got bigger", "itch_by_shoulder_blade", None),
    ("a tiny black thing stuck in my back just below my shoulder blade", "itch_by_shoulder_blade", None),
]


#: Session 9 (blind set 31, first run)
EVERYDAY_WORDS_SESSION_9 = [
    # "nah" / "nope" before a new clause answers the question; it does not deny the clause
    ("nah its been about the same for ages", "duration_months", PRESENT),
    ("nope it's been there for years", "duration_months", PRESENT),
    ("nah, not itchy", "itching", ABSENT),
    # English as a second language drops "the": a soft ball under skin is a soft, movable lump
    ("there is a ball under skin on my back", "kind_lump", PRESENT),
    # "the" is optional inside a phrase (Grover's disease, blind set 32: "middle of back and chest"), but
    # still ends a negation's reach ("no fever and the spots are itchy")
    ("itchy red spots middle of back and chest", "middle_of_back_and_chest", PRESENT),
    ("no fever and the spots are itchy", "itching", PRESENT),
    ("no pus and the lump is painful", "pain_tenderness", PRESENT),
    # anaphylaxis (NHS): swollen lips, in a teenager's words (blind set 33, first run: the emergency came
    # only after six questions)
    ("massive itchy lumps all over my back after our chinese takeaway and now my lips feel all big and tingly??",
     "swelling_face_lips_throat", PRESENT),
    ("my lips look huge", "swelling_face_lips_throat", PRESENT),
    ("her face has blown up", "swelling_face_lips_throat", PRESENT),
    # melanoma (NHS, CRUK): a mole that has gone darker and spread out at one side; a lump that was not there
    # in the summer (blind set 33, first run: neither was read)
    ("since about June it has gone much darker and sort of spread out at one side", "changing_spot", PRESENT),
    ("since about June it has gone much darker and sort of spread out at one side", "band_one_side", None),
    ("lump on my back. wasn't there in the summer. grown fast.", "changing_spot", PRESENT),
    # squamous cell carcinoma (NHS): a firm pink lump with a flat, crusted surface, not lichen planus
    ("He has a hard pink lump on his upper back with a crusty flat top.", "purple_flat_topped_bumps", None),
    ("I have small bump on the back near my shoulder, it is shiny and pink colour.", "pearly_shiny_bump", PRESENT),
    # one small bump is not "many small spots or a rash"; small bumps are (a synonym's word marked "+")
    ("I have small bump on the back near my shoulder, it is shiny and pink colour.", "kind_rash", None),
    # a seborrhoeic keratosis that catches on a bra strap (BAD, Mayo Clinic: they can catch on clothes)
    ("It keeps catching on the strap and this week it's gone red and sore.", "where_skin_rubs", PRESENT),
    ("small bumps all over my back", "kind_rash", PRESENT),
    ("my son has tiny spots on his tummy", "kind_rash", PRESENT),
    ("a tiny spot on my back", "kind_rash", None),
    ("I have two soft ball under skin on my back", "soft_movable_lump", PRESENT),
    ("doctor say before it is only fat lump", "soft_movable_lump", PRESENT),
    # one shiny bump is not molluscum's dimpled bumps (Mayo Clinic, basal cell carcinoma: a shiny,
    # pearly bump with tiny blood vessels)
    ("Small shiny bump on my upper back. Wife says you can see tiny red veins on it.", "dimpled_pearly_bumps", None),
    ("Small shiny bump on my upper back. Wife says you can see tiny red veins on it.", "pearly_shiny_bump", PRESENT),
    ("shiny little bumps with a dent in the middle", "dimpled_pearly_bumps", PRESENT),
    # seborrhoeic keratosis (BAD): looks like a wart
    ("Rough raised brown patch on my lower back, looks a bit like a wart.", "stuck_on_warty", PRESENT),
    # hives (NHS): each welt gone within a day, new ones elsewhere
    (
        "itchy raised red patches, there one evening and gone by the next afternoon and then back again somewhere else",
        "welts_come_and_go",
        PRESENT,
    ),
    # pityriasis versicolor (NHS): patches lighter than the skin around them, a fine, powdery scale
    ("some patches on my back which are lighter colour than my skin", "lighter_darker_patches", PRESENT),
    ("little bit powdery when I rub", "dry_scaly", PRESENT),
    ("blotchy tan and pinkish spots on my back, slowly joining up", "lighter_darker_patches", PRESENT),
    # molluscum (NHS): shiny little bumps, with or without the dent
    ("my daughter has got these shiny little bumps on her back", "pearly_shiny_bump", PRESENT),
    ("many small round bumps, pink-white, shiny, each one with small hole in the centre", "dimpled_pearly_bumps", PRESENT),
    ("many small round bumps, pink-white, shiny, each one with small hole in the centre", "central_punctum", None),
]
EVERYDAY_WORDS_SESSIONS_7_TO_9 = EVERYDAY_WORDS_SESSION_7 + EVERYDAY_WORDS_SESSION_8 + EVERYDAY_WORDS_SESSION_9


@pytest.mark.parametrize("text, kind_rash, inner", [
    # session 10: "many small spots" in more words, without swallowing what the words between say
    # (blind set 13's pustular flare of psoriasis lost its pus spots, and with them its red flag)
    ("now ive got loads of little red spots on my back", True, "redness"),
    ("lots of small itchy bumps across my shoulders", True, "itching"),
    # session 15: the colour and the itch inside those words are read too
    ("lots of tiny itchy bumps on my back", True, "itching"),
    ("loads of little red spots on my back", True, "redness"),
    ("it's come up in loads of tiny yellow pus spots all over the red skin", None, "pus_filled"),
    ("my mum is 70 and has lots of flat brown age spots on her upper back", None, "age_liver_sun_spots"),
])
def test_many_small_spots_in_more_words(matcher, text, kind_rash, inner):
    found = matcher.findings(text)
    assert (found.get("kind_rash") == PRESENT) == bool(kind_rash), found
    if inner:
        assert found.get(inner) == PRESENT, found


@pytest.mark.parametrize("text, present, not_found", [
    # a Becker naevus (blind set 36): the hairs grow, not the patch
    ("a big brown patch and now there are loads of thick dark hairs growing out of it", "hairy_brown_patch", "changing_spot"),
    ("brown patch on my shoulder blade thats grown thick dark hairs", "hairy_brown_patch", "changing_spot"),
    ("a small mole with a hair growing out of it", "mole_like", "changing_spot"),
    ("a massive brown patch, its gone way darker and now its growing thick hair", "hairy_brown_patch", None),
])
def test_hair_growing_on_a_spot_is_not_the_spot_growing(matcher, text, present, not_found):
    found = matcher.findings(text)
    assert found.get(present) == PRESENT and (not_found is None or not_found not in found), found


def test_a_mole_darker_than_remembered_is_a_changing_spot(matcher):
    """Blind set 13: a pregnant woman's mole "looks darker than I remember" (NHS: see a GP about a
    mole that changes colour) got self-care once "darker brown all over" was no longer a rash."""
    text = ("I've just noticed a mole on my upper back looks darker than I remember. it's still round with a "
            "smooth edge, smaller than a pencil rubber, just a darker brown all over")
    found = matcher.findings(text)
    assert found.get("changing_spot") == PRESENT and "spreading_all_over" not in found, found


@pytest.mark.parametrize("text, finding, status", EVERYDAY_WORDS_SESSIONS_7_TO_9 + [
    # session 10: wording of blind sets 6 to 36's NLU messages that the matcher missed
    ("red ring on my back a week after rugby camp", "ring_shaped", PRESENT),
    ("a ring with a scaly edge and a clear middle", "ring_shaped", PRESENT),
    ("my nails have little pits in them", "nail_changes", PRESENT),
    ("my nails look normal", "nail_changes", ABSENT),
    ("itchy red bumps round the hairs", "around_hair_follicles", PRESENT),
    ("little pus spots each with a hair poking out the middle", "around_hair_follicles", PRESENT),
    ("pale patches that won't tan on my shoulders", "lighter_darker_patches", PRESENT),
    ("there's a red ring slowly spreading out round the bite", "bullseye_rash", PRESENT),
    ("it kills when I sit down", "pain_when_sitting", PRESENT),
    ("one scaly patch, and now I've got a bunch of smaller oval ones", "herald_patch", PRESENT),
    ("I've got smaller ones than that", "herald_patch", None),
    ("but the antifungal cream did nothing", "rash_not_helped_by_creams", PRESENT),
    # blind 16: once "steroid" was no longer (wrongly) a hormone trigger, this was read as nothing
    ("dry itchy pinkish patches lower back. 3 years. steroid creams not worked", "rash_not_helped_by_creams", PRESENT),
    # session 11: wording of blind set 37's first run
    ("a flat scaly patch that's been creeping bigger for a year", "changing_spot", PRESENT),
    ("my whole working life on building sites with my top off", "sun_damage", PRESENT),
    ("loads of little pink scaly spots on my back n stomach", "drop_shaped_spots", PRESENT),
    ("little pink bumps w a dot in the middle, like 10 of them", "dimpled_pearly_bumps", PRESENT),
    ("small round lump with a small dark point in the middle", "central_punctum", PRESENT),
    ("it is round, when I push it move little bit", "soft_movable_lump", PRESENT),
    ("dark red almost black, like a blood blister but hard", "mole_like", PRESENT),
    ("the colour is black and dark red", "several_colours", PRESENT),
    ("loads of small bumps between my shoulder blades, all about the same size", "uniform_small_bumps", PRESENT),
    ("I've been on antibiotics for my chest and then this rash came", "after_new_food_medicine", PRESENT),
    ("rash started a week after i began new epilepsy tablets", "rash_after_new_medicine", PRESENT),
    ("it started a week after the new antibiotics", "rash_after_new_medicine", PRESENT),
    # from the annotated symptoms of blind NLU sets 6 to 38
    ("a patch on my back that's red, hot, puffy and really sore", "red_hot_swollen_area", PRESENT),
    ("a swollen warm area round the cut", "red_hot_swollen_area", PRESENT),
    ("welts that come and go, itchy as anything", "intense_itching", PRESENT),
    ("the lump isnt getting any bigger and it moves", "changing_spot", ABSENT),
    ("just a normal brown mole, round and hasnt changed", "changing_spot", ABSENT),
    # a "no change" never outweighs a change said in the same message, whichever comes last
    ("it got darker but otherwise it has stayed the same", "changing_spot", PRESENT),
    # blind set 40 (session 12, first run): words its vignettes used that were not read, or misread
    ("I move to Dubai for my job two weeks ago, now many small clear bumps on my back", "after_heat_sweating", PRESENT),
    ("it's so hot and humid here", "after_heat_sweating", PRESENT),
    ("patches on his back that look more obvious since he's been out in the sun", "lighter_darker_patches", PRESENT),
    ("my GP said eczema and I've used the creams faithfully but they never really clear", "rash_not_helped_by_creams",
     PRESENT),
    # blind set 41: a toddler's spots that swell when he scratches them are not a red, hot, swollen area
    ("when he scratches them they go red and puffy for a while and then calm down", "swells_when_rubbed", PRESENT),
    ("when he's hot they go red", "after_heat_sweating", PRESENT),
    # blind set 42 (session 13, first run): words its vignettes used that were not read
    ("little bits of skin hanging near my bra line", "hanging_flap", PRESENT),
    ("soft brown things like a tiny bag on a string", "hanging_flap", PRESENT),
    ("he had bad tonsils a fortnight back", "recent_throat_infection", PRESENT),
    ("pink spots over her back as if someone flicked paint at her", "drop_shaped_spots", PRESENT),
    ("the hydrocortisone cream I tried did nothing", "rash_not_helped_by_creams", PRESENT),
    ("it's gone a bit bigger since last week", "changing_spot", PRESENT),
    # blind set 43 (first run): a teenager's height is not a lump's size, getting hurt is not pain,
    # a scar that outgrew an acne spot
    ("I grew about 12cm in a year", "lump_over_5cm", None),
    ("I grew about 12cm in a year", "fast_growth_or_weight_change", PRESENT),
    ("he got hurt at football but it doesn't hurt now", "pain_tenderness", ABSENT),
    ("firm lumps where I used to have acne", "after_skin_injury", PRESENT),
    ("the lump is now bigger than the spot was", "raised_scar", PRESENT),
    # blind NLU sets 42 and 43 (session 13): annotated signs that were not read, three of them red flags
    ("sores all over her lips and inside her mouth since the new tablets", "sores_mouth_eyes_lips", PRESENT),
    ("the mole is bleeding now and won't stop even though I've been pressing a cloth on it", "uncontrolled_bleeding",
     PRESENT),
    ("a scratch on my back but the pain is far worse than a scratch like that should be", "pain_out_of_proportion",
     PRESENT),
    ("no pets and nobody else at home is itchy", "household_itchy", ABSENT),
    ("a non itchy rash on my back", "itching", ABSENT),
    ("a doughy lump, it's not hard", "lump_hard_fixed", ABSENT),
    ("red bumps in a row of three across my back", "bites_in_line_or_cluster", PRESENT),
    ("it started where I picked a spot", "broken_skin_before", PRESENT),
    ("crusts like dried syrup on her back", "golden_crusts", PRESENT),
    ("her tongue is red and bumpy", "strawberry_tongue", PRESENT),
    ("a red patch at the base of his spine", "location_lower_back", PRESENT),
    ("the ring on my back has a clear middle", "ring_shaped", PRESENT),
    ("should I ring my GP about it", "ring_shaped", None),
    ("we used the hot tub every evening", "itching_worse_at_night", None),
    # blind set 44 (first run): asked "is it a mole?", "no more like warts" is a no, then warts
    ("no more like warts", "stuck_on_warty", PRESENT),
    ("nope, looks like a wart", "stuck_on_warty", PRESENT),
    ("no more itching since the cream", "itching", ABSENT),
    # blind NLU sets 46 and 47 (session 14, after their first run)
    ("lots of yellow topped spots on his back", "pus_filled", PRESENT),
    ("the skin round it is red, warm and throbbing", "red_hot_swollen_area", PRESENT),
    ("a round patch with a clear middle", "ring_shaped", PRESENT),
    ("little dents in my fingernails", "nail_changes", PRESENT),
    ("really bad sore throat a few weeks back", "recent_throat_infection", PRESENT),
    ("my dad had exactly the same", "family_history_same", PRESENT),
    ("light colour patches on my back", "lighter_darker_patches", PRESENT),
    ("lots of small spots all exactly the same size", "uniform_small_bumps", PRESENT),
    ("they join up and move around", "welts_come_and_go", PRESENT),
    ("it bleeds everywhere if it gets caught", "bleeds_heavily", PRESENT),
    ("I slipped and hit it on the bath", "knock_or_fall_before", PRESENT),
    # blind NLU sets 48 and 49 (session 14, after their first run)
    # a red flag read from its opposite (an NLU message of blind set 49)
    ("it's smaller than a golf ball", "lump_over_5cm", ABSENT),
    ("the lump is the size of a golf ball", "lump_over_5cm", PRESENT),
    # a misspelt no read as a yes
    ("it dosent hurt", "pain_tenderness", ABSENT),
    # signs of an emergency in everyday words
    ("my throat feels thick", "swelling_face_lips_throat", PRESENT),
    ("her skin looks blotchy and bluish", "blue_grey_blotchy_skin", PRESENT),
    ("a row of red itchy bumps", "bites_in_line_or_cluster", PRESENT),
    ("a row of red itchy bumps", "redness", PRESENT),
    ("she seems fine in herself", "tiredness", ABSENT),
    ("no blood", "spots_bleed", ABSENT),
    # blind set 45 (read in session 15)
    ("my partner found a tiny tick stuck on my lower back", "tick_bite", PRESENT),
    ("a round red patch with a lighter middle", "ring_shaped", PRESENT),
    ("it's round with a paler centre", "ring_shaped", PRESENT),
    ("her eyes are really red but no gunk", "red_watery_eyes", PRESENT),
    ("his eyes are very red", "red_watery_eyes", PRESENT),
    # Kawasaki disease's lips and hands (NHS); the swelling of lips stays the red flag it is
    ("her lips are dry and cracked", "red_cracked_lips", PRESENT),
    ("her hands look puffy and red", "red_swollen_hands_feet", PRESENT),
    ("her lips are swollen and cracked", "swelling_face_lips_throat", PRESENT),
    ("her hands and lips are swollen", "swelling_face_lips_throat", PRESENT),
    ("my lips are dry and cracked and my tongue is swollen", "swelling_face_lips_throat", PRESENT),
    ("her face has puffed up", "swelling_face_lips_throat", PRESENT),
    ("his lips puffed up after the bite", "swelling_face_lips_throat", PRESENT),
    ("purple spots like bruises all over his back", "rash_not_fading", PRESENT),
    ("one side sort of smudges out into the skin", "irregular_edge", PRESENT),
    ("It's darker, kind of two-toned", "several_colours", PRESENT),
    # AAD (ABCDEs of melanoma): E is a mole that looks different from the rest or is changing
    ("a mole on my upper back that looks nothing like my other ones", "changing_spot", PRESENT),
    ("one spot doesn't look like the others", "changing_spot", PRESENT),
    # NHS melanoma: a new mole; "new moles" in a teenager are not this
    ("a dark patch between his shoulder blades that I have never seen before", "changing_spot", PRESENT),
    ("a round lump with a tiny dark plug thing on top", "central_punctum", PRESENT),
    ("no, my wife and children no itching", "household_itchy", ABSENT),
    ("it's got bigger than the spot ever was", "raised_scar", PRESENT),
    ("My son is 7 and has a mole. His grandma insists moles with hairs are bad news?", "age_child", PRESENT),
    ("my grandma has a rash on her back", "age_older", PRESENT),
    ("nothing I put on it makes any difference", "rash_not_helped_by_creams", PRESENT),
    ("in bed under a big winter duvet with the heating right up since she had flu", "after_heat_sweating", PRESENT),
    ("had a high temperature for 3 days, it finally broke yesterday and this morning she's covered in little pink spots",
     "rash_after_fever_went", PRESENT),
    ("She says she can't feel them at all", "itching", ABSENT),
    ("She says she can't feel them at all", "pain_tenderness", ABSENT),
    ("he is 88 and in bed since he broke his hip. a red patch at the bottom of his spine over the bony bit",
     "pressure_sore", PRESENT),
    # blind set 2's cherry angiomas (session 15): more of them with age
    ("Red dots on my back, I seem to get more of them the older I get", "more_with_age", PRESENT),
    # blind set 33: pityriasis rosea's herald patch, tersely
    ("Rash on my back. Started as one patch.", "herald_patch", PRESENT),
    # eczema herpeticum's blisters in the eczema (BAD), as blind sets 11, 23 and 27 wrote them
    ("there are clusters of little blisters and some have burst into small round raw sores", "blisters_in_eczema", PRESENT),
    ("Since yesterday there are clusters of little blisters all over the eczema", "blisters_in_eczema", PRESENT),
    # NLU sets 50 and 51 (session 15)
    ("hives came up two days after I started amoxicillin, no swelling of my face and breathing's fine",
     "after_new_food_medicine", PRESENT),
    ("hives came up two days after I started amoxicillin, no swelling of my face and breathing's fine",
     "swelling_face_lips_throat", ABSENT),
    ("welts on and off for three months, they fade when I press a glass on them", "rash_not_fading", ABSENT),
    ("the spots don't fade when I press a glass on them", "rash_not_fading", PRESENT),
    ("tiny red bumps since I wrapped her up too warm in the pram", "after_heat_sweating", PRESENT),
    ("my nails have gone pitted and yellowish as well", "nail_changes", PRESENT),
    ("the edge of it is all jagged and smudgy", "irregular_edge", PRESENT),
    ("its one colour, round with a smooth edge and hasnt changed at all", "several_colours", ABSENT),
    # "I took it for eczema" is a guess, not a history of eczema
    ("I took it for a bit of eczema but nothing I put on it makes any difference", "dry_skin_eczema", UNKNOWN),
    # blind set 52 (read in session 16): a cyst's lump felt and rolled, what comes out of it; heat
    # from clothes and rooms; dry skin said mildly; a growth that turned black
    ("a small round bump just under the skin, I can roll it a bit", "kind_lump", PRESENT),
    ("a small round bump just under the skin, I can roll it a bit", "soft_movable_lump", PRESENT),
    ("Sometimes thick stuff comes out of a tiny hole on top.", "cheesy_discharge", PRESENT),
    ("I had been sitting in a very warm conservatory wearing a thermal vest and a wool jumper",
     "after_heat_sweating", PRESENT),
    ("my skin has always been on the dry side", "dry_skin_eczema", PRESENT),
    ("a NEW bump, raised like a little dome, reddish going black in the middle", "changing_spot", PRESENT),
    ("round the waist yes, not my hands or fingers", "hands_wrists_waist", PRESENT),
    # blind set 52 (session 16): hives after prawns; "A rather than B" says A and not B (B stays
    # present when the message says it elsewhere: "a maddening itch ... rather than itches")
    ("Had a prawn curry last night and this morning I've got raised itchy blotches", "after_new_food_medicine", PRESENT),
    ("My wife says the ones she saw at breakfast have gone and there are new ones now.", "welts_come_and_go", PRESENT),
    ("no, itch rather than pain", "itching", PRESENT),
    ("no, itch rather than pain", "pain_tenderness", ABSENT),
    ("yes, hot, swollen and painful, darker rather than red", "redness", ABSENT),
    ("it itches all the time. Sometimes it burns rather than itches.", "itching", PRESENT),
    ("pink spot on my back. raised. new this year. not dark at all.", "changing_spot", PRESENT),
    # blind set 54 (read in session 16): molluscum's dimple as a navel; versicolor's patches that stay pale
    ("small round bumps, skin coloured. Each one has a tiny dot in the top, like a little navel.",
     "dimpled_pearly_bumps", PRESENT),
    ("Everywhere else she's tanned but these bits stayed pale.", "lighter_darker_patches", PRESENT),
    ("loads of itchy little lumps all over his upper back and shoulders", "location_upper_back", PRESENT),
    ("tiny clear blisters on my back after a hot shift on site", "after_heat_sweating", PRESENT),
])
def test_everyday_words_of_the_blind_sets_are_read(matcher, text, finding, status):
    found = matcher.findings(text)
    assert found.get(finding) == status, (text, found)


def test_pits_in_the_nails_are_not_a_pit_in_the_skin(matcher):
    assert "pit_or_hole_in_skin" not in matcher.findings("my nails have little pits in them")


def test_every_absent_synonym_says_its_finding_is_absent(kb, matcher):
    """Each phrase of a finding's absent_synonyms, said alone (the "*" filled with a word), reads as
    that finding, absent, and as no other finding present."""
    checked = 0
    for finding in kb.findings.values():
        for phrase in finding.absent_synonyms:
            text = phrase.replace("*", "big")
            found = matcher.findings(text)
            assert found.get(finding.id) == ABSENT, (finding.id, text, found)
            assert PRESENT not in found.values(), (finding.id, text, found)
            checked += 1
    assert checked > 50


@pytest.mark.parametrize("text, not_found", [
    # blind set 37: asking about antibiotics is not having taken them (a hives note followed)
    ("now some went really red and itchy?? do i need antibiotics or smth. im 14", "after_new_food_medicine"),
    # a cluster of itchy lumps after gardening is not a cluster of boils (a carbuncle)
    ("Now I've got a cluster of itchy red lumps on my lower back", "boil_cluster"),
    # a mole that stays the same size is not many bumps of one size
    ("the mole has stayed the same size for years", "uniform_small_bumps"),
    # creeping bigger is one spot growing, not a rash spreading over the body
    ("it's been creeping bigger for a year", "spreading_all_over"),
    # blind set 21: clear blisters "like little drops of water" (miliaria) are not guttate psoriasis
    ("tiny clear blisters on my back, like little drops of water", "drop_shaped_spots"),
    # blind set 41 (session 12): spots that go red and puffy when scratched, "when he's hot"
    ("when he scratches them they go red and puffy for a while and then calm down", "red_hot_swollen_area"),
    ("when he's hot or he scratches them they go red", "fever"),
    # a 45-year-old's eczema "as a kid" is not the person's age now
    ("I had eczema as a kid, mostly on my hands, and it more or less went away. Now I'm 45", "age_child"),
    ("I went on sunbeds loads as a teenager", "age_teen"),
    # blind set 45 (read in session 15): a tick stuck on the back is not a growth that looks stuck on
    ("my partner found a tiny tick stuck on my lower back and pulled it off", "stuck_on_warty"),
    ("my partner found a tiny tick stuck on my lower back and pulled it off", "kind_growth"),
    # cracked lips (Kawasaki disease, scarlet fever) are not the rash's dry, cracked skin
    ("her lips are dry and cracked", "dry_scaly"),
    ("his lips are red and cracked and his tongue is red", "dry_scaly"),
    # blind set 51 (read in session 15): a bite that has puffed up is not a swollen face or throat
    # (an emergency anaphylaxis alert), a birthmark that looks like a bruise is not a rash of bruises
    # that does not fade (an emergency meningitis alert)
    ("one has puffed up bigger, maybe 3cm, red around it, and she says it's sore", "swelling_face_lips_throat"),
    ("he have a big grey-blue colour mark, flat. it look like bruise. it is there from when he is born", "rash_not_fading"),
    # blind set 50 (read in session 15): a mole's edge that smudges out on one side is not a band of
    # rash on one side of the body; a grandma who has an opinion is not the patient
    ("one side sort of smudges out into the skin", "band_one_side"),
    ("as I got older my eczema got better", "more_with_age"),
    # "comes and goes" is said of eczema, an itch or a scab too: not the welts of hives by itself
    ("my eczema comes and goes", "welts_come_and_go"),
    ("the itch comes and goes but the patch stays", "welts_come_and_go"),
    # seborrhoeic keratoses are "seborrhoeic warts" and warty: not a viral wart's cauliflower
    ("brown warty things on my back, my GP called them seborrhoeic warts", "cauliflower_wart"),
    # impetigo's crusts "like cornflakes stuck on" are not a growth that looks stuck on (blind set 51)
    ("Burst, now crusty yellow-brown scabs, look like cornflakes stuck on.", "stuck_on_warty"),
    ("Burst, now crusty yellow-brown scabs, look like cornflakes stuck on.", "kind_growth"),
    ("My son is 7 and has a dark brown raised mole. His grandma insists moles with hairs are bad news?", "age_older"),
    # blind set 52 (read in session 16): feeling a lump with the fingers is not bumps on the fingers;
    # welts long and wiggly like worms (hives) are not a scabies burrow; the word cyst alone is a
    # skin cyst's lump, not the deep painful lumps of cystic acne
    ("it slides about under my fingers", "hands_wrists_waist"),
    ("it stays red when I press it with my finger", "hands_wrists_waist"),
    ("raised welts on my back, some round and some long and wiggly like worms", "burrow_lines"),
    ("I've had a cyst on my back for a few years, a doctor told me that's what it was", "deep_painful_lumps"),
    # blind set 53 (session 16): sores inside the mouth (Stevens-Johnson syndrome) are not measles'
    # small white spots inside the cheeks; a surgical scar is not the scars of skin lupus
    ("I've got blisters and sores on my lips and inside my mouth, it hurts to swallow", "mouth_white_spots"),
    ("years ago I had a cyst cut out of my lower back and it left a scar", "scarring_lupus_patches"),
    # "all over his upper back" is the upper back, not a rash spreading over the body (blind set 52)
    ("loads of itchy little lumps all over his upper back and shoulders", "spreading_all_over"),
    # a cyst's dark dot on top is its opening, not molluscum's dimple
    ("a lump like a pea under the skin with a black dot on top", "dimpled_pearly_bumps"),
])
def test_words_of_the_blind_sets_that_are_not_a_finding(matcher, text, not_found):
    assert not_found not in matcher.findings(text)


@pytest.mark.parametrize("text, finding", [
    # blind set 38 (session 11): a toddler's age said as "lad is 15 months", not how long the rash has been there
    ("lad is 15 months. had a high temp for 3 days", "age_child"),
    ("my toddler is 18 months and has spots on his back", "age_child"),
    ("our little one is 9 months", "age_baby"),
    # roseola: the rash comes as the temperature goes
    ("temp finally went yesterday and this morning hes covered in little pink spots", "rash_after_fever_went"),
])
def test_a_small_childs_age_and_roseola_in_everyday_words(matcher, text, finding):
    found = matcher.findings(text)
    assert found.get(finding) == PRESENT, found
    assert "duration_months" not in found, found


@pytest.mark.parametrize("text, plural", [
    ("spots on my back", True),
    ("bumps on my back", True),
    ("a spot on my back", False),
    ("a lump on my back", False),
])
def test_spots_or_bumps_in_the_plural_are_read(matcher, text, plural):
    assert (matcher.findings(text).get("several_spots") == PRESENT) is plural, matcher.findings(text)


@pytest.mark.parametrize("text, lump", [
    ("my back came up in itchy red lumps", False),  # a rash's raised bumps (hives, bites)
    ("tiny itchy lumps all over my back", False),
    ("a lump on my back", True),
    ("the lump is soft and moves", True),
    ("two lumps under the skin", True),
    ("deep painful lumps", True),
])
def test_a_lump_under_the_skin_is_one_lump_or_lumps_said_to_be_under_the_skin(matcher, text, lump):
    found = matcher.findings(text)
    assert (found.get("kind_lump") == PRESENT) is lump, found
    if not lump:
        assert found.get("itching") == PRESENT, found


@pytest.mark.parametrize("text, sudden", [
    ("a big lump came up overnight on my back", True),
    ("the swelling came up within a few hours", True),
    ("it swelled up suddenly", True),
    # how fast a rash came or went is not a large swelling (blind set 25: hives told "urgent: a huge lump")
    ("itchy raised welts that come up and then go again within a few hours", False),
    ("an itchy rash came up in the last few hours", False),
])
def test_a_sudden_large_swelling_needs_a_lump_or_a_swelling(matcher, text, sudden):
    found = matcher.findings(text)
    assert (found.get("sudden_large_swelling") == PRESENT) is sudden, found


@pytest.mark.parametrize("text", ["a blotchy, raised, itchy rash on her back", "raised, red blotches that come up after nursery"])
def test_raised_blotches_are_welts_with_commas_between_the_words(matcher, text):
    """Blind set 27: "a blotchy, raised, itchy rash" (hives) was not read as welts, and ranked eczema."""
    found = matcher.findings(text)
    assert found.get("welts_come_and_go") == PRESENT, found
    assert found.get("itching") == PRESENT or "itchy" not in text, found
