"""The interview engine: questions, stopping, red flags, corrections, the assessment payload."""

from __future__ import annotations

import pytest

from symptomchecker.inference import ABSENT, PRESENT, UNKNOWN
from symptomchecker.interview import (
    MAX_ASKED,
    MAX_INTERVIEW,
    MAX_QUESTIONS,
    MAX_SCREENING,
    NO,
    UNSURE,
    YES,
    Observation,
    State,
)

INTERFACE_TRIAGE = {"self_care", "see_doctor", "urgent", "emergency"}


def said(**findings):
    return Observation(findings={k: v for k, v in findings.items()})


def answer(value):
    return Observation(answer=value, text=value)


def test_a_vague_opening_gets_a_question_with_buttons(checker):
    state, replies = checker.step(State(), Observation(text="I have bumps on my back"))
    assert [r.kind for r in replies] == ["question"]
    assert state.pending and not state.assessed
    assert replies[0].buttons, "questions offer buttons"


def test_yes_no_questions_offer_yes_no_not_sure(checker):
    state, replies = checker.step(State(), said(itching=PRESENT))
    yes_no = 0
    while not state.assessed:
        if not checker.question(state.pending).is_group:
            yes_no += 1
            assert [b["payload"] for b in replies[-1].buttons] == ["/affirm", "/deny", "/unsure"]
        state, replies = checker.step(state, answer("unsure"))
    assert yes_no >= 3, "the interview about itching asks yes / no questions"


def test_the_answer_sets_the_pending_finding(checker):
    state = State(pending="fever", asked=["fever"])
    for value, status in (("yes", PRESENT), ("no", ABSENT), ("unsure", UNKNOWN)):
        assert checker.observe(state, answer(value)).evidence["fever"] == status


def test_a_stated_finding_wins_over_the_yes_no_intent(checker):
    state = State(pending="fever", asked=["fever"])
    new = checker.observe(state, Observation(findings={"fever": ABSENT}, answer="yes"))
    assert new.evidence["fever"] == ABSENT


def test_group_question_answer_in_free_text(checker):
    state = State(pending="age_group", asked=["age_group"])
    assert checker.observe(state, Observation(text="35")).evidence["age_adult"] == PRESENT
    assert checker.observe(state, Observation(findings={"age_child": PRESENT})).evidence["age_child"] == PRESENT
    unsure = checker.observe(state, answer("unsure")).evidence
    assert unsure["age_adult"] == UNKNOWN


def test_bare_answers_to_open_questions(checker):
    state = State(pending="duration", asked=["duration"])
    assert checker.observe(state, Observation(text="years")).evidence["duration_months"] == PRESENT
    assert checker.observe(state, Observation(text="a few days")).evidence["duration_days"] == PRESENT


def test_an_answer_with_nothing_in_it_repeats_the_question(checker):
    state = State(pending="fever", asked=["fever"], evidence={"itching": PRESENT})
    new, replies = checker.step(state, Observation(text="blah"))
    assert (new.evidence, new.asked, new.pending) == (state.evidence, state.asked, state.pending)
    assert [r.kind for r in replies] == ["question"] and replies[0].text.startswith("Sorry")
    assert replies[0].text.endswith(checker.question("fever").text)


@pytest.mark.parametrize("pending", ["fever", "duration"])
def test_an_answer_not_understood_twice_in_a_row_is_left_unanswered_and_the_interview_goes_on(checker, pending):
    state = State(pending=pending, asked=[pending], evidence={"itching": PRESENT, "redness": PRESENT})
    state, replies = checker.step(state, Observation(text="blah"))
    assert state.pending == pending and replies[0].text.startswith("Sorry")
    state, replies = checker.step(state, Observation(text="blah blah"))
    assert state.pending != pending, "not the same question a third time"
    assert replies[0].kind == "text" and "move on" in replies[0].text
    assert replies[-1].kind in ("question", "assessment") and len(replies) == 2
    ids = [fid for fid, _ in checker.question(pending).options] or [pending]
    assert all(state.evidence[fid] == UNKNOWN for fid in ids), "recorded as unanswered"
    assert State.from_dict(state.to_dict()) == state


def test_only_answers_missed_in_a_row_count(checker):
    state = State(pending="fever", asked=["fever"], evidence={"itching": PRESENT, "redness": PRESENT})
    state, _ = checker.step(state, Observation(text="blah"))
    state, _ = checker.step(state, answer("no"))  # understood: the next question starts afresh
    assert state.evidence["fever"] == ABSENT and state.pending
    question = state.pending
    state, replies = checker.step(state, Observation(text="blah"))
    assert state.pending == question and replies[0].text.startswith("Sorry")


@pytest.mark.parametrize(
    "text, option",
    [
        ("years, she says it's always been there", "duration_months"),
        ("always", "duration_months"),
        ("forever", "duration_months"),
        ("as long as I remember", "duration_months"),
        ("she's had them for as long as she can remember", "duration_months"),
        ("she only just noticed it", "duration_days"),
        ("just noticed", "duration_days"),
        ("only just appeared", "duration_days"),
        ("today", "duration_days"),
        ("yesterday", "duration_days"),
        ("no idea, she only just noticed it", None),  # how long, nobody knows: unanswered, not days
        ("no idea", None),
    ],
)
def test_how_long_answered_in_everyday_words(checker, matcher, text, option):
    state = State(pending="duration", asked=["duration"], evidence={"itching": PRESENT})
    new, replies = checker.step(state, _read(matcher, text))
    assert not replies[0].text.startswith("Sorry")
    assert new.pending != "duration"
    options = [fid for fid, _ in checker.question("duration").options]
    expected = {fid: (PRESENT if fid == option else ABSENT) if option else UNKNOWN for fid in options}
    assert {fid: new.evidence.get(fid) for fid in options} == expected


def test_question_choice_separates_the_likely_conditions(checker):
    # small pale bumps: several causes fit; the question asked must be about something that splits
    # the likely ones (a finding, or an option of an open question, they differ on)
    state, replies = checker.step(State(), said(small_white_or_skin_coloured=PRESENT))
    assert state.pending is not None
    question = checker.question(state.pending)
    ids = [fid for fid, _ in question.options] if question.is_group else [question.id]
    likely = list(checker.assessment(state)["conditions"])[:3]
    spread = max(
        max(checker.kb.likelihood(c["id"], f) for c in likely) - min(checker.kb.likelihood(c["id"], f) for c in likely)
        for f in ids
    )
    assert spread > 0.1, (question.id, [c["id"] for c in likely])


def test_clear_picture_stops_early_with_an_assessment(checker):
    state, replies = checker.step(
        State(),
        said(
            rough_sandpaper=PRESENT,
            upper_arms_thighs=PRESENT,
            duration_months=PRESENT,
            small_white_or_skin_coloured=PRESENT,
        ),
    )
    assert replies[-1].kind == "assessment"
    assessment = replies[-1].custom["assessment"]
    assert assessment["conditions"][0]["id"] == "keratosis_pilaris"
    assert assessment["triage"] in INTERFACE_TRIAGE


def test_the_interview_is_bounded(checker):
    state, replies = checker.step(State(), Observation(text="bumps"))
    turns = 0
    while not state.assessed:
        state, replies = checker.step(state, answer("unsure"))
        turns += 1
        assert turns <= MAX_INTERVIEW
    assert replies[-1].kind == "assessment"


def _unanswered(checker, n):
    """The first n yes / no questions of the knowledge, each answered 'not sure'."""
    ids = [q.id for q in checker._questions.values() if not q.is_group][:n]
    return State(evidence={q: UNKNOWN for q in ids}, asked=ids)


def test_a_not_sure_does_not_use_up_the_questions(checker):
    """A 'not sure' tells nothing: after MAX_QUESTIONS of them the most useful question is still
    asked (the picture is no clearer than at the start), up to MAX_ASKED questions in all."""
    state, replies = checker.next(_unanswered(checker, MAX_QUESTIONS))
    assert replies[-1].kind == "question" and "__screening__" not in state.asked, replies[-1].text
    state, replies = checker.next(_unanswered(checker, MAX_ASKED))
    assert replies[-1].kind == "assessment" or "__screening__" in state.asked, replies[-1].text


def test_answers_that_tell_something_end_the_interview_at_max_questions(checker):
    ids = [q.id for q in checker._questions.values() if not q.is_group][:MAX_QUESTIONS]
    state = State(evidence={q: ABSENT for q in ids}, asked=ids)
    assert checker.questions_answered(state) == MAX_QUESTIONS
    state, replies = checker.next(state)
    assert replies[-1].kind == "assessment" or "__screening__" in state.asked, replies[-1].text


def test_assessment_payload_follows_the_interface(checker):
    state = State(evidence={"itching_worse_at_night": PRESENT, "household_itchy": PRESENT, "fever": ABSENT})
    a = checker.assessment(state)
    assert a["triage"] in INTERFACE_TRIAGE
    assert 1 <= len(a["conditions"]) <= 3
    likelihoods = [c["likelihood"] for c in a["conditions"]]
    assert likelihoods == sorted(likelihoods, reverse=True)
    for c in a["conditions"]:
        assert set(c) >= {"id", "name", "likelihood", "because", "against"}
    assert a["evidence"] == {
        "present": ["household_itchy", "itching_worse_at_night"],
        "absent": ["fever"],
        "unknown": [],
    }
    assert a["red_flags"] == [] and a["sources"]


def test_the_payload_says_in_words_what_fits_and_what_does_not(checker, kb):
    """A widget renders the causes from the payload: the findings' ids and their names as the text gives them."""
    state = State(
        evidence={
            "itching_worse_at_night": PRESENT,
            "household_itchy": PRESENT,
            "burrow_lines": PRESENT,
            "hands_wrists_waist": PRESENT,
            "fever": ABSENT,
        }
    )
    a = checker.assessment(state)
    for c in a["conditions"]:
        assert len(c["fits"]) == len(c["because"]) and len(c["does_not_fit"]) == len(c["against"])
    scabies = next(c for c in a["conditions"] if c["id"] == "scabies")
    assert scabies["fits"][scabies["because"].index("household_itchy")] == kb.findings["household_itchy"].label
    chickenpox = checker.assessment(
        State(
            evidence={
                "fever": ABSENT,
                "fluid_blisters": PRESENT,
                "scabs_crusts": PRESENT,
                "spreading_all_over": PRESENT,
            }
        )
    )["conditions"]
    against = next(c for c in chickenpox if "fever" in c["against"])
    assert against["does_not_fit"][against["against"].index("fever")] == "no fever"


def test_red_flag_in_the_middle_of_an_interview_comes_first_and_stops_the_questions(checker):
    state, _ = checker.step(State(), said(itching=PRESENT))
    assert state.pending
    state, replies = checker.step(state, said(swelling_face_lips_throat=PRESENT))
    assert replies[0].kind == "alert"
    assert replies[0].text.startswith("EMERGENCY")
    assert replies[0].custom["assessment"]["triage"] == "emergency"
    assert "severe_allergic_reaction" in replies[0].custom["assessment"]["red_flags"]
    # an alert, like every alert (a widget shows it as one), that ends the interview (so it is the assessment too)
    assert replies[0].custom["alert"] == {"triage": "emergency", "red_flags": ["severe_allergic_reaction"]}
    assert len(replies) == 1


def test_a_red_flag_is_announced_once_and_keeps_the_triage_up(checker):
    state, _ = checker.step(State(), said(trouble_breathing=PRESENT))
    state, replies = checker.step(state, said(itching=PRESENT, rough_sandpaper=PRESENT, duration_months=PRESENT))
    everything = list(replies)
    while not any(r.kind == "assessment" for r in replies):  # the person answers the questions that follow
        state, replies = checker.step(state, answer("unsure"))
        everything += replies
        assert len(everything) <= MAX_INTERVIEW + 1
    assert all(r.kind != "alert" for r in everything)
    assert replies[-1].custom["assessment"]["triage"] == "emergency"


def test_urgent_red_flag_alerts_then_continues(checker):
    state, replies = checker.step(State(), said(sudden_large_swelling=PRESENT))
    assert replies[0].kind == "alert" and replies[0].text.startswith("URGENT")
    assert len(replies) == 2


def test_correction_after_the_assessment_updates_it(checker):
    state = State(
        evidence={"single_large_lump_pus": PRESENT, "pain_tenderness": PRESENT, "fever": ABSENT},
        assessed=True,
        asked=["x"] * 3,
    )
    state, replies = checker.step(state, said(fever=PRESENT))
    assert state.evidence["fever"] == PRESENT
    triage = [(r.custom.get("assessment") or r.custom["alert"])["triage"] for r in replies if r.custom]
    assert "urgent" in triage, "a boil with a fever needs same-day advice"


def test_nothing_new_after_the_assessment_does_not_repeat_it(checker):
    state = State(evidence={"itching": PRESENT}, assessed=True)
    state, replies = checker.step(state, Observation(text="ok"))
    assert [r.kind for r in replies] == ["text"]


def test_state_round_trips_through_json(checker):
    import json

    state, _ = checker.step(State(), said(itching=PRESENT))
    assert State.from_dict(json.loads(json.dumps(state.to_dict()))) == state
    assert State.from_dict(None) == State()
    assert State.from_dict("garbage") == State()


def test_an_emergency_mentioned_again_is_announced_again(checker):
    state, first = checker.step(State(), said(swelling_face_lips_throat=PRESENT))
    assert first[0].kind == "alert"
    state, again = checker.step(state, said(swelling_face_lips_throat=PRESENT, trouble_breathing=PRESENT))
    assert again[0].kind == "alert" and again[0].text.startswith("EMERGENCY")


def test_an_urgent_sign_mentioned_again_after_the_assessment_repeats_its_advice(checker):
    evidence = dict(band_one_side=PRESENT, pain_before_rash=PRESENT, fluid_blisters=PRESENT, near_eye=PRESENT)
    state, replies = checker.step(State(), said(**evidence))
    while not state.assessed:
        state, replies = checker.step(state, answer("no"))
    assert "rash_near_eye" in state.raised
    state, again = checker.step(state, Observation(findings={"near_eye": PRESENT}, text="my eye has started hurting"))
    assert again[0].kind == "alert" and "eye" in again[0].text
    assert again[0].custom["alert"]["triage"] == "urgent"
    assert "assessment" not in again[0].custom, (
        "only the assessment (or an emergency, which ends the interview) carries it"
    )


def test_likely_chickenpox_screens_the_age_before_concluding(checker):
    evidence = dict(
        fluid_blisters=PRESENT, scabs_crusts=PRESENT, spreading_all_over=PRESENT, fever=PRESENT, itching=PRESENT
    )
    state, replies = checker.step(State(), said(**evidence))
    asked = []
    while not state.assessed and len(asked) < 12:
        asked.append(state.pending)
        state, replies = checker.step(
            state, answer("unsure") if state.pending != "age_group" else Observation(text="31")
        )
    assert "age_group" in asked
    assert "newborn" not in asked, "an adult is not asked whether they are a newborn"
    assert replies[-1].custom["assessment"]["triage"] == "urgent", "chickenpox in an adult: same-day advice"


#: A boil as its owner answers: a red, pus-filled lump for a few days; "no" to everything else.
BOIL = {
    "pus_filled": "yes",
    "redness": "yes",
    # a button's finding, as the actions pass it on
    "duration": {"duration_days": PRESENT},
    "lesion_kind": {"kind_lump": PRESENT},
    "location": {"location_upper_back": PRESENT},
}


def _a_boil(checker):
    state, replies = checker.step(State(), said(single_large_lump_pus=PRESENT, pain_tenderness=PRESENT))
    asked = []
    while not state.assessed and len(asked) < 15:
        asked.append(state.pending)
        reply = BOIL.get(state.pending, "no")
        if isinstance(reply, dict):
            observation = said(**reply)
        else:
            observation = answer(reply) if reply in ("yes", "no") else Observation(text=reply)
        state, replies = checker.step(state, observation)
    return state, replies, asked


def test_self_care_advice_comes_only_after_every_red_flag_screen_that_applies(checker):
    """A boil is self-care, but boils have at least as many red-flag screens (sudden swelling, fever,
    a cluster or boils coming back) as MAX_SCREENING: all are asked before self-care advice."""
    boil_flags = [f for f in checker.kb.red_flags.values() if "boils" in f.screen_when_likely]
    assert len(boil_flags) >= MAX_SCREENING
    state, replies, asked = _a_boil(checker)
    assessment = replies[-1].custom["assessment"]
    assert assessment["conditions"][0]["id"] == "boils"
    assert assessment["triage"] == "self_care"
    for flag in boil_flags:
        questions = {checker.kb.findings[f].group or f for f in flag.any_of}
        assert questions & set(asked), (flag.id, asked)


def _read(matcher, text, answer=None):
    """An observation as the actions build it from the matcher's findings."""
    findings = {m.value: m.status for m in matcher.extract(text) if m.entity == "finding"}
    return Observation(findings=findings, answer=answer, text=text)


def _interview(checker, matcher, opening, facts):
    """Play a conversation: the opening, then each question answered from facts (default no)."""
    state, replies = checker.step(State(), _read(matcher, opening))
    for _ in range(20):
        if state.assessed:
            break
        reply = facts.get(state.pending, "no")
        state, replies = checker.step(state, _read(matcher, reply, reply if reply in (YES, NO) else None))
    assert state.assessed
    return state, replies[-1].custom["assessment"]


def test_extensive_weeping_contact_dermatitis_needs_a_doctor(checker, matcher):
    """NHS: severe contact dermatitis, or one covering a large area, is for a GP, not self-care."""
    opening = (
        "red, swollen, weeping blisters over the whole lower back, creeping up the sides after an aromatherapy oil"
    )
    facts = {"rash_where_product_touched": YES, "vaccinated": YES, "had_chickenpox_before": YES, "age_group": "34"}
    state, assessment = _interview(checker, matcher, opening, facts)
    assert assessment["conditions"][0]["id"] == "allergic_contact_dermatitis"
    assert assessment["triage"] != "self_care"
    assert "extensive_contact_dermatitis" in state.raised


def test_a_small_contact_dermatitis_is_still_self_care(checker, matcher):
    facts = {
        "rash_where_product_touched": YES,
        "new_product_contact": YES,
        "itching": YES,
        "age_group": "34",
        "location": "upper back",
    }
    state, assessment = _interview(
        checker, matcher, "itchy red patch under my bra strap since a new body lotion", facts
    )
    assert assessment["conditions"][0]["id"] == "allergic_contact_dermatitis"
    assert assessment["triage"] == "self_care"


def test_hives_spreading_after_a_new_medicine_needs_medical_advice_today(checker, matcher):
    """NHS hives: a rash that is spreading, or hives with a high temperature, is for an urgent GP
    appointment or NHS 111, not self-care."""
    opening = "hives after starting antibiotics, spreading over my back and stomach"
    state, assessment = _interview(checker, matcher, opening, {"age_group": "34"})
    assert assessment["conditions"][0]["id"] == "hives"
    assert "hives_spreading_or_with_fever" in state.raised
    assert assessment["triage"] == "urgent"
    state, assessment = _interview(checker, matcher, "itchy welts that come and go on my back, and a temperature", {})
    assert "hives_spreading_or_with_fever" in state.raised
    assert assessment["triage"] == "urgent"


def test_hives_spreading_with_a_temperature_are_urgent_even_beside_the_rashes_of_fevers(kb):
    """NHS hives: hives spreading over the body with a high temperature and shivering need an urgent
    GP appointment. With measles and chickenpox beside them (a fever and a spreading rash), hives
    were 22 % likely, under the flag's 30 %: the person was told to see a doctor in the next few days
    (blind set 54, first run). The flag now counts hives from 20 %, as a condition's own triage does."""
    from symptomchecker.inference import triggered_red_flags

    evidence = {"welts_come_and_go": PRESENT, "spreading_all_over": PRESENT, "fever": PRESENT}
    flags = triggered_red_flags(kb, evidence, {"hives": 0.22, "measles": 0.17, "chickenpox": 0.12})
    assert "hives_spreading_or_with_fever" in [f.id for f in flags]
    assert "hives_spreading_or_with_fever" not in [f.id for f in triggered_red_flags(kb, evidence, {"hives": 0.15})]


#: Hives as their owner answers: itchy red welts that come and go, a rash on the back; "no" to the rest.
HIVES = {"welts_come_and_go": YES, "itching": YES, "redness": YES, "lesion_kind": "a rash", "age_group": "42",
         # hives can come up anywhere, and itch a lot (NHS, AAD)
         "intense_itching": YES, "upper_arms_thighs": YES}


def test_hives_lasting_weeks_need_a_doctor(checker, matcher):
    """NHS hives: hives that do not improve after 2 days are for a GP."""
    opening = "itchy red welts on my back that come and go, new ones every day, for 3 weeks now"
    state, assessment = _interview(checker, matcher, opening, HIVES)
    assert assessment["conditions"][0]["id"] == "hives"
    assert "hives_not_settling" in state.raised
    assert assessment["triage"] == "see_doctor"


def test_hives_since_yesterday_are_self_care_once_spreading_and_a_temperature_are_asked(checker, matcher):
    """Hives since yesterday, not spreading and without a temperature, are self-care; but the
    interview asks about spreading and a temperature before it says so."""
    state, assessment = _interview(checker, matcher, "itchy red welts on my back since yesterday, they come and go", HIVES)
    assert assessment["conditions"][0]["id"] == "hives"
    assert "spreading_all_over" in state.asked and "fever" in state.asked, state.asked
    assert not {"hives_not_settling", "hives_spreading_or_with_fever"} & set(state.raised)
    assert assessment["triage"] == "self_care"


#: Folliculitis as its owner answers: spots around hairs, some with pus, after shaving; "no" to the rest.
FOLLICULITIS = {
    "around_hair_follicles": YES,
    "pus_filled": YES,
    "after_shaving_waxing": YES,
    "redness": YES,
    "lesion_kind": "lots of small spots",
    "duration": "4 days",
    "age_group": "45",
}


def test_folliculitis_in_someone_with_diabetes_needs_a_doctor(checker, matcher):
    """Folliculitis that keeps coming back in a person with diabetes was answered with self-care."""
    opening = "I keep getting folliculitis on my back, little red pus spots round the hairs. I'm diabetic"
    state, assessment = _interview(checker, matcher, opening, FOLLICULITIS)
    assert assessment["conditions"][0]["id"] == "folliculitis"
    assert "skin_infection_with_weakened_immunity" in state.raised
    assert assessment["triage"] in ("see_doctor", "urgent")


def test_folliculitis_asks_about_a_weakened_immune_system_before_self_care(checker, matcher):
    """Nobody said anything about their health: the interview asks before self-care, and without
    a weakened immune system the same folliculitis is still self-care."""
    opening = "little red pus spots round the hairs on my back since I shaved it"
    state, assessment = _interview(checker, matcher, opening, FOLLICULITIS)
    assert assessment["conditions"][0]["id"] == "folliculitis"
    assert "weakened_immunity" in state.asked, state.asked
    assert assessment["triage"] == "self_care"


def test_possible_cellulitis_in_someone_on_chemotherapy_needs_advice_today(checker):
    """NHS cellulitis: with a weakened immune system (for example chemotherapy or diabetes), get
    advice from 111 now."""
    evidence = {"red_hot_swollen_area": PRESENT, "pain_tenderness": PRESENT, "redness": PRESENT,
                "weakened_immunity": PRESENT}
    state, replies = checker.step(State(), said(**evidence))
    assert replies[0].kind == "alert"
    assert "cellulitis_with_weakened_immunity" in state.raised
    assert replies[0].custom["alert"]["triage"] == "urgent"


def test_pityriasis_versicolor_is_for_a_gp(checker, matcher):
    """NHS pityriasis versicolor: see a GP if patches of skin have changed colour (it usually only
    goes away if treated, and the patches may be something else, such as vitiligo)."""
    opening = "back from 2 weeks in thailand and my tan is patchy. pale round spots on my upper back that didnt tan"
    facts = {"lighter_darker_patches": YES, "dry_scaly": YES, "oily_skin_sweat": YES, "age_group": "28",
             "lesion_kind": "flat patches", "duration": "1 to 2 weeks"}
    state, assessment = _interview(checker, matcher, opening, facts)
    assert assessment["conditions"][0]["id"] == "pityriasis_versicolor"
    assert assessment["triage"] == "see_doctor"


def test_no_fever_means_no_question_about_a_high_temperature(checker):
    """A finding that implies another cannot be present once that one is absent: after "no
    fever" the bot does not ask whether the temperature is 39 °C or more."""
    high = checker.question("high_fever")
    assert not checker._open(State(evidence={"fever": ABSENT}), high)
    assert checker._open(State(evidence={"fever": PRESENT}), high) and checker._open(State(), high)


def test_a_soft_lump_that_moves_is_not_asked_whether_it_is_hard_and_fixed(checker, matcher):
    """Findings that contradict each other: once one is said, the other's question does not apply."""
    hard, soft = checker.question("lump_hard_fixed"), checker.question("soft_movable_lump")
    assert not checker._open(State(evidence={"soft_movable_lump": PRESENT}), hard)
    assert not checker._open(State(evidence={"lump_hard_fixed": PRESENT}), soft)
    assert checker._open(State(evidence={"soft_movable_lump": ABSENT}), hard)
    assert checker._open(State(), hard) and checker._open(State(), soft)
    state, replies = checker.step(State(), _read(matcher, "a soft squishy lump on my back that moves when i press it"))
    assert state.evidence.get("soft_movable_lump") == PRESENT
    asked = []
    while not state.assessed and len(asked) < 15:
        asked.append(state.pending)
        state, replies = checker.step(state, _read(matcher, "no", NO))
    assert "lump_hard_fixed" not in asked, asked


def test_a_description_that_fits_nothing_known_says_so(checker):
    """Open world: when no known condition fits, the assessment says so plainly, sends the person
    to a doctor, shows no confident likelihood and gives no self-care for a cause that does not fit."""
    kb = checker.kb
    typical = {
        f for c in kb.conditions.values() for f, strength in c.findings.items() if strength in ("always", "typical")
    }
    state = State(evidence={f: ABSENT for f in typical if not kb.findings[f].group}, asked=["x"] * MAX_ASKED)
    state, replies = checker.step(state, Observation(text="none of those"))
    assessment = replies[-1].custom["assessment"]
    assert assessment["outside_knowledge"] is True
    assert assessment["triage"] in ("see_doctor", "urgent", "emergency")
    assert all(c["likelihood"] < 0.5 for c in assessment["conditions"])
    assert assessment["advice"]["self_care"] == []
    assert "does not fit well any of the conditions I know" in replies[-1].text
    assert "Self-care" not in replies[-1].text


def test_the_assessment_carries_its_advice_as_data(checker):
    state, replies, _ = _a_boil(checker)
    assessment = replies[-1].custom["assessment"]
    assert assessment["outside_knowledge"] is False
    advice = assessment["advice"]
    assert set(advice) == {"what_to_do", "self_care", "see_doctor_if", "red_flag_advice"}
    assert advice["self_care"] == checker.kb.conditions["boils"].self_care
    for text in [advice["what_to_do"], *advice["self_care"], *advice["see_doctor_if"]]:
        assert text in replies[-1].text, "the text is rendered from the payload"


def test_question_gains_equal_the_brute_force_expectation(checker):
    """The matrix form of the information gain equals recomputing the posterior for every
    possible answer (the definition), on random evidence. The entropy is over what the bot
    tells apart: each known condition and "something else" as one; the answer's probability
    weighs every hypothesis, each lookalike apart."""
    import random

    from symptomchecker.inference import beliefs, entropy, model

    kb = checker.kb
    m = model(kb)
    rng = random.Random(7)

    def brute(state, question):
        now = beliefs(kb, state.evidence)
        p = list(m.vector(now))
        expected = 0.0
        outcomes = (
            [[(fid, PRESENT)] + [(o, ABSENT) for o, _ in question.options if o != fid] for fid, _ in question.options]
            if question.is_group
            else [[(question.id, PRESENT)], [(question.id, ABSENT)]]
        )
        for outcome in outcomes:
            evidence = {**state.evidence, **dict(outcome)}
            after = beliefs(kb, evidence)
            fid, status = outcome[0]
            j = m.column[fid]
            if question.is_group:
                columns = m.group_columns[question.id]
                likely = m.likelihood[:, j] / m.likelihood[:, columns].sum(axis=1)
            else:
                likely = m.likelihood[:, j] if status == PRESENT else 1 - m.likelihood[:, j]
            p_outcome = float(sum(pi * li for pi, li in zip(p, likely)))
            expected += p_outcome * float(
                entropy(np.array([after.conditions[c] for c in m.conditions] + [after.other]))
            )
        return float(entropy(np.array([now.conditions[c] for c in m.conditions] + [now.other]))) - expected

    import numpy as np

    checked = 0
    for _ in range(25):
        evidence = {f: rng.choice([PRESENT, ABSENT, UNKNOWN]) for f in rng.sample(list(kb.findings), rng.randint(0, 6))}
        state = State(evidence=evidence)
        gains = checker.gains(state, beliefs(kb, evidence))
        for qid, gain in gains.items():
            assert gain == pytest.approx(brute(state, checker.question(qid)), abs=1e-9), qid
            checked += 1
    assert checked > 1000


# -- issue 12 -------------------------------------------------------------------------------------
def test_a_question_or_a_not_sure_does_not_undo_what_was_said(checker):
    state = State(evidence={"age_adult": PRESENT, "fever": ABSENT})
    new = checker.observe(state, said(age_adult=UNKNOWN, fever=UNKNOWN, itching=UNKNOWN))
    assert new.evidence == {"age_adult": PRESENT, "fever": ABSENT, "itching": UNKNOWN}
    # a definite statement still corrects an earlier one
    assert checker.observe(state, said(fever=PRESENT)).evidence["fever"] == PRESENT
    # "not sure" to a question does not erase what was said before it
    state = State(evidence={"fever": PRESENT}, pending="fever", asked=["fever"])
    assert checker.observe(state, answer("unsure")).evidence["fever"] == PRESENT
    state = State(evidence={"age_adult": PRESENT}, pending="age_group", asked=["age_group"])
    assert checker.observe(state, answer("unsure")).evidence["age_adult"] == PRESENT


def _interview_saying_no(checker, matcher, text):
    """Play a whole interview from an opening message, answering "no" to every question."""
    state, replies = checker.step(State(), Observation(findings=matcher.findings(text), text=text))
    asked, alerts = [], [r for r in replies if r.kind == "alert"]
    while not state.assessed and len(asked) < 15:
        asked.append(state.pending)
        state, replies = checker.step(state, answer("no"))
        alerts += [r for r in replies if r.kind == "alert"]
    assert state.assessed
    return state, asked, alerts, replies[-1].custom["assessment"]


CHICKENPOX_ADULT = (
    "31M, apparently never had chickenpox as a kid. My nephew had it about 2 weeks ago and now I've got itchy "
    "spots all over my back and chest, some blistering ... fever and headache. Can you even get it as an adult??"
)


def test_an_adult_with_chickenpox_who_asks_about_adults_is_not_self_care(checker, matcher):
    state, asked, alerts, assessment = _interview_saying_no(checker, matcher, CHICKENPOX_ADULT)
    assert assessment["conditions"][0]["id"] == "chickenpox"
    assert "chickenpox_in_an_adult" in state.raised
    assert alerts and "adult" in alerts[0].text
    assert assessment["triage"] != "self_care"
    assert "pregnant" not in asked, "a man is not asked whether he is pregnant"


CHICKENPOX = "itchy blistering spots all over the back and chest, now scabbing, with a fever"


def test_a_man_is_not_asked_whether_he_is_pregnant(checker, matcher):
    for who in ("I'm a 31 year old man.", "31M.", "My husband is 31.", "He is 31."):
        _, asked, _, _ = _interview_saying_no(checker, matcher, f"{who} {CHICKENPOX}")
        assert "pregnant" not in asked, (who, asked)


def test_a_woman_or_someone_unknown_is_asked_whether_she_is_pregnant(checker, matcher):
    for who in ("I'm a 31 year old woman.", "I'm 31.", "", "My wife is 31, he thinks it is chickenpox."):
        _, asked, _, _ = _interview_saying_no(checker, matcher, f"{who} {CHICKENPOX}")
        assert "pregnant" in asked, (who, asked)


def test_feeling_unwell_is_not_asked_once_a_fever_is_known(checker):
    """Beside a fever, feeling unwell counts for nothing (``explained_by``): the question would be
    wasted."""
    tired = checker.question("tiredness")
    assert checker._open(State(evidence={"fever": ABSENT}), tired)
    assert not checker._open(State(evidence={"fever": PRESENT}), tired)
    assert not checker._open(State(evidence={"high_fever": PRESENT}), tired)


def test_the_pregnancy_question_is_ruled_out_by_sex_or_age(checker):
    pregnant = checker.question("pregnant")
    for evidence in (
        {"sex_male": PRESENT},
        {"age_child": PRESENT},
        {"age_baby": PRESENT},
        {"age_older": PRESENT},
        {"sex_male": PRESENT, "age_teen": PRESENT},
    ):
        assert not checker._open(State(evidence=evidence), pregnant), evidence
    for evidence in (
        {},
        {"sex_female": PRESENT},
        {"sex_male": PRESENT, "sex_female": PRESENT},
        {"age_teen": PRESENT},
        {"sex_male": ABSENT},
        {"sex_male": UNKNOWN},
    ):
        assert checker._open(State(evidence=evidence), pregnant), evidence


def test_an_emergency_assessment_gives_no_self_care(checker):
    """Anaphylaxis signs, then answers until the assessment: the person is told to call the
    emergency number, never given self-care for the skin condition beside it."""
    state, replies = checker.step(State(), said(pimples=PRESENT, blackheads=PRESENT, trouble_breathing=PRESENT))
    assert replies[0].text.startswith("EMERGENCY")
    state, replies = checker.step(state, said(oily_skin_sweat=PRESENT))
    for _ in range(15):
        if replies[-1].kind == "assessment":
            break
        state, replies = checker.step(state, answer("no"))
    assessment = replies[-1].custom["assessment"]
    assert assessment["triage"] == "emergency"
    assert assessment["advice"]["self_care"] == []
    assert "Self-care" not in replies[-1].text


def test_every_absent_finding_reads_as_english(kb):
    """'no fever', 'not a ring-shaped patch ...': never 'no a ...'."""
    from symptomchecker.render import finding_label

    for fid in kb.findings:
        text = finding_label(kb, fid, absent=True)
        assert not text.startswith(("no a ", "no an ", "no on ", "no in ", "no where ")), text


def test_an_interview_ends_within_its_budget_and_never_with_self_care_while_a_screen_is_unasked(checker):
    """A contact dermatitis with every answer 'not sure' has many warning signs to screen (an
    allergic reaction's three, a widespread reaction's four): the interview stops at
    MAX_INTERVIEW questions, and an unasked warning sign means at least 'see a doctor'."""
    state, replies = checker.step(State(), said(rash_where_product_touched=PRESENT, itching=PRESENT, dry_scaly=PRESENT))
    asked = 0
    while not state.assessed and asked < 30:
        state, replies = checker.step(state, answer("unsure"))
        asked += 1
    assert state.assessed and checker.questions_asked(state) <= 12, "MAX_INTERVIEW"  # it took 15 before
    assessment = replies[-1].custom["assessment"]
    unasked = checker.screening_question(state, {c["id"]: c["likelihood"] for c in assessment["conditions"]})
    assert unasked is None or assessment["triage"] != "self_care", unasked


def test_an_outside_description_names_what_it_resembles_without_self_care(tmp_path):
    """A description that fits a lookalike: the assessment says it is outside the knowledge, names
    the lookalike only as a resemblance (never among the conditions), gives its triage and no self-care."""
    import shutil

    from symptomchecker.interview import SymptomChecker, State
    from symptomchecker.knowledge import DEFAULT_DIR, load_knowledge
    from symptomchecker.render import assessment_text

    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    (target / "lookalikes").mkdir(exist_ok=True)
    (target / "lookalikes" / "pit.yml").write_text(
        "id: test_pit\nname: Test pit\nsummary: A made-up pit, for the test; a GP should look at it.\n"
        "prevalence: common\ntriage: urgent\n"
        "findings: {kind_lump: always, pus_filled: always, location_lower_back: always, itching: never, redness: typical}\n"
        "sources: [nhs_lipoma]\n",
        encoding="utf-8",
    )
    kb = load_knowledge(target)
    evidence = {"kind_lump": PRESENT, "pus_filled": PRESENT, "location_lower_back": PRESENT, "itching": ABSENT}
    assessment = SymptomChecker(kb).assessment(State(evidence=evidence))
    assert assessment["outside_knowledge"] is True
    assert assessment["resembles"][0]["id"] == "test_pit"
    assert "test_pit" not in [c["id"] for c in assessment["conditions"]]
    assert assessment["triage"] == "urgent" and assessment["advice"]["self_care"] == []
    assert "some of the signs of something I do not cover in detail: Test pit." in assessment_text(kb, assessment)
    # without it, the same answers do not name it (the real lookalikes may still be named)
    assert "test_pit" not in [r["id"] for r in SymptomChecker().assessment(State(evidence=evidence))["resembles"]]


def test_no_evidence_is_an_unclear_picture_not_one_outside_the_knowledge(checker):
    """ "spots on my back" and "not sure" to everything: nothing speaks against the known
    conditions, so the bot must not say that the description fits none of them; it is unclear,
    and a doctor should look."""
    unsure = {f: UNKNOWN for f in ("redness", "itching", "pus_filled", "mole_like")}
    for evidence in ({}, unsure, {**unsure, "duration_months": PRESENT}):
        assessment = checker.assessment(State(evidence=dict(evidence)))
        assert assessment["outside_knowledge"] is False, evidence
        assert assessment["triage"] == "see_doctor"


# -- emergencies and urgent conditions the bot does not cover (NHS pages), from everyday words --------
#: (opening message, then a later message, the flag it must raise, its triage)
UNCOVERED_EMERGENCIES = [
    # anaphylaxis (NHS), in a teenager's words (blind set 33, first run: escalated only after six questions)
    ("I've come up in massive itchy lumps all over my back after our chinese takeaway",
     "now my lips feel all big and tingly?? is this bad", "severe_allergic_reaction", "emergency"),
    # sepsis (NHS): blue, grey, pale or blotchy skin, lips or tongue; a weak, high-pitched cry; difficulty
    # breathing or breathing very fast with an infection
    ("my little boy has spots on his back", "his lips are turning blue and he looks mottled",
     "meningitis_or_sepsis_signs", "emergency"),
    ("a rash on my baby's back and a temperature", "she has a weak high pitched cry, not her normal cry",
     "meningitis_or_sepsis_signs", "emergency"),
    ("spots on his back and a high temperature", "he's breathing really fast now and struggling to get his breath",
     "sepsis_breathing_with_fever", "emergency"),
    ("my daughter has a fever and a rash on her back", "her hands and feet are freezing cold",
     "cold_hands_feet_with_fever", "urgent"),
    # necrotising fasciitis (NHS): pain much worse than expected; black, purple or grey blotches or blisters
    # near a cut or wound or a red, swollen area
    ("I cut my back on a fence two days ago", "it hurts way more than it looks, the pain is unbearable",
     "necrotising_fasciitis_pain", "emergency"),
    ("a red swollen patch on my lower back", "the skin in the middle is turning black",
     "necrotising_fasciitis_skin", "emergency"),
    # Stevens-Johnson syndrome (NHS): blisters and sores on the lips, in the mouth, on the eyes; the skin
    # peeling off; often after a new medicine
    ("a red rash all over my back since I started new tablets last week", "now there are blisters in my mouth",
     "serious_skin_reaction_sores", "emergency"),
    ("my back has come up in a rash", "the skin is peeling off in sheets and my eyes are burning",
     "serious_skin_reaction", "emergency"),
    # a baby under 3 months with a temperature of 38 °C or more (NHS Healthier Together: A&E or 999)
    ("my baby is 7 weeks old and has tiny red spots on her back", "I took her temperature and it says 38.3",
     "young_baby_with_fever", "emergency"),
    ("little spots on my 2 month old's back", "he feels really hot, temp of 38.5",
     "young_baby_with_fever", "emergency"),
    # infected pressure ulcer (NHS): a pressure ulcer with hot, red, swollen skin, pus or a high temperature
    ("my mum is bedbound and has a bed sore at the bottom of her back", "it's oozing pus and she has a temperature",
     "infected_pressure_sore", "urgent"),
    # Stevens-Johnson syndrome after a new medicine (NHS): a spreading rash that blisters, with sore eyes, or
    # crusted, raw lips (blind set 26, first run: read as chickenpox, urgent)
    ("a red rash spreading across my back since I started a new epilepsy tablet", "it's blistering now and my eyes are sore",
     "serious_skin_reaction_blisters", "emergency"),
    ("a rash on my back since starting new tablets last week", "my lips have gone crusted and raw",
     "serious_skin_reaction_sores", "emergency"),
]


@pytest.mark.parametrize("opening, later, flag, triage", UNCOVERED_EMERGENCIES)
def test_an_uncovered_emergency_is_raised_from_everyday_words_at_any_point(checker, matcher, opening, later, flag,
                                                                           triage):
    # said in the opening message
    state, replies = checker.step(State(), _read(matcher, f"{opening}. {later}"))
    assert replies[0].kind == "alert", [r.text for r in replies]
    assert flag in replies[0].custom["alert"]["red_flags"]
    assert replies[0].text.startswith("EMERGENCY" if triage == "emergency" else ("EMERGENCY", "URGENT"))
    # said in the middle of the interview (or, where the opening alone was clear enough for an
    # assessment, after it)
    # (the opening may raise a lower alert of its own: a rash spreading since a new medicine may be
    # hives that are spreading, urgent)
    state, replies = checker.step(State(), _read(matcher, opening))
    assert flag not in state.raised and (state.pending or state.assessed), [r.text for r in replies]
    assert not any(r.kind == "alert" and r.text.startswith("EMERGENCY") for r in replies), [r.text for r in replies]
    state, replies = checker.step(state, _read(matcher, later))
    assert replies[0].kind == "alert", [r.text for r in replies]
    assert flag in replies[0].custom["alert"]["red_flags"]
    if triage == "emergency":
        assert replies[0].text.startswith("EMERGENCY") and len(replies) == 1
        assessment = replies[0].custom["assessment"]
        assert assessment["triage"] == "emergency" and assessment["advice"]["self_care"] == []
    else:
        assert replies[0].custom["alert"]["triage"] in ("urgent", "emergency")


@pytest.mark.parametrize("text, flag", [
    ("I cut my back last week and it's a bit sore", "necrotising_fasciitis_pain"),
    ("my mole has turned black", "necrotising_fasciitis_skin"),
    ("a dark mole on my back that has gone darker and got bigger", "necrotising_fasciitis_skin"),
    ("my sunburn is peeling off", "serious_skin_reaction"),
    ("my skin is peeling after a sunburn on holiday", "serious_skin_reaction"),
    ("I get mouth ulcers when I'm run down", "serious_skin_reaction_sores"),
    ("chickenpox spots all over his back, a few in his mouth too", "serious_skin_reaction_sores"),
    ("I have cold hands and feet all the time, and spots on my back", "cold_hands_feet_with_fever"),
    ("my grandad is in a wheelchair and has spots on his back", "infected_pressure_sore"),
    ("a bed sore on my dad's lower back, the nurse is dressing it", "infected_pressure_sore"),
    ("she's got baby blue pyjamas and a rash on her back", "meningitis_or_sepsis_signs"),
    ("very pale patches on my back that don't tan", "meningitis_or_sepsis_signs"),
    ("I started new tablets last week and have a few blisters on my back", "serious_skin_reaction_blisters"),
    ("chickenpox blisters all over his back, a temperature and sore eyes", "serious_skin_reaction_blisters"),
])
def test_an_uncovered_emergency_is_not_raised_without_its_signs(checker, matcher, text, flag):
    state, replies = checker.step(State(), _read(matcher, text))
    raised = {f for r in replies if r.kind == "alert" for f in r.custom["alert"]["red_flags"]}
    assert flag not in raised, (text, matcher.findings(text))


def test_a_new_soft_lump_that_fits_a_lipoma_is_for_a_gp_to_confirm(checker, matcher):
    """NHS lipoma: see a GP about a lump, so a GP can confirm what it is; a 63-year-old's new
    soft, moving lump was answered with self-care (blind set 9, first run)."""
    opening = "I'm 63 and I've found a soft squashy lump on my shoulder blade, it slides about under my fingers and doesn't hurt"
    state, assessment = _interview(checker, matcher, opening, {"soft_movable_lump": YES})
    assert assessment["conditions"][0]["id"] == "lipoma"
    assert assessment["triage"] == "see_doctor"


def test_a_lump_that_fits_a_skin_cyst_is_for_a_gp_to_confirm(checker, matcher):
    """NHS skin cyst: usually harmless, "but see a GP if you have an unexplained lump"; a chat cannot
    explain it, so a cyst (like a lipoma) is for a GP to confirm, even when nothing else is wrong.
    Cysts were answered with self-care in blind sets 5 and 31 (first runs)."""
    opening = "a smooth round lump on my upper back with a little black dot in the middle, it doesn't hurt"
    state, assessment = _interview(checker, matcher, opening, {"cheesy_discharge": YES})
    assert assessment["conditions"][0]["id"] == "epidermoid_cyst"
    assert assessment["triage"] == "see_doctor"
    assert not state.raised, state.raised  # from the condition itself, not a red flag


@pytest.mark.parametrize("opening", [
    "I scratched a bite on my back and now the skin round it is red, hot and swollen, and it has got bigger since this morning",
    "a red hot puffy area on my lower back after I squeezed a spot, sore, it's getting bigger every day",
])
def test_red_hot_swollen_skin_getting_bigger_is_redness_spreading(checker, matcher, opening):
    """Said of red, hot, swollen skin, "it has got bigger" is the redness spreading (NHS cellulitis:
    urgent), not a spot changing. Both cellulitis vignettes of blind set 42 (first run) were read
    as a changing spot and told to see a doctor within two weeks."""
    state, replies = checker.step(State(), _read(matcher, opening))
    assert state.evidence.get("spreading_redness_hot_skin") == PRESENT, state.evidence
    assert "changing_spot" not in state.evidence
    assert "spreading_infection" in {f for r in replies if r.kind == "alert" for f in r.custom["alert"]["red_flags"]}


def test_spreading_hot_swollen_skin_with_fever_and_dizziness_is_a_skin_infection_emergency(checker, matcher):
    """Blind set 44 (first run): red, swollen, hot skin that "has spread" and is "twice the size",
    with a fever and dizziness, was escalated with the anaphylaxis advice first; "spread" was read
    as a rash over the body. The spreading is the redness, and the first advice is the skin
    infection with signs of sepsis (NHS cellulitis: call 999)."""
    text = ("help, the red swollen hot patch on my back has spread since this morning, about twice the size now, "
            "temperature 38.7, shivering and I go dizzy when I stand")
    state, replies = checker.step(State(), _read(matcher, text))
    assert state.evidence.get("spreading_redness_hot_skin") == PRESENT
    assert "spreading_all_over" not in state.evidence and "changing_spot" not in state.evidence
    assert replies[0].kind == "alert" and replies[0].text.startswith("EMERGENCY")
    assert replies[0].custom["alert"]["red_flags"][0] == "skin_infection_with_sepsis_signs"


def test_it_is_bigger_answers_whether_the_redness_is_spreading(checker, matcher):
    """Asked whether the redness is spreading, "it's bigger than yesterday" is a yes."""
    pending = "spreading_redness_hot_skin"
    state = State(pending=pending, asked=[pending], evidence={"red_hot_swollen_area": PRESENT, "bite_exposure": PRESENT})
    state = checker.observe(state, _read(matcher, "it's bigger than yesterday"))
    assert state.evidence.get("spreading_redness_hot_skin") == PRESENT, state.evidence
    assert "changing_spot" not in state.evidence


def test_warty_growths_that_are_not_a_mole_to_the_person_are_still_seborrhoeic_keratoses(checker, matcher):
    """Seborrhoeic keratoses range from light tan or yellow to black (BAD, Mayo Clinic), and people
    asked "is it a mole, or a brown or black spot?" answer the first half: "no more like warts"
    (blind set 44, first run). That no must not rule them out."""
    replies = {"mole_like": ("no more like warts", NO), "age_group": ("56", None), "duration": ("a few years", None)}
    state, _ = checker.step(State(), _read(matcher, "rough brown bumpy things on my back, a few of them, my dad had them too"))
    for _ in range(20):
        if state.assessed:
            break
        text, answer = replies.get(state.pending, ("no", NO))
        state, out = checker.step(state, _read(matcher, text, answer))
    assessment = out[-1].custom["assessment"]
    assert assessment["conditions"][0]["id"] == "seborrheic_keratosis", assessment["conditions"]
    assert not assessment["outside_knowledge"]


def test_molluscum_with_a_weakened_immune_system_is_for_a_gp(checker, matcher):
    """NHS molluscum contagiosum: see a GP with a weakened immune system; a person having
    chemotherapy was answered with self-care (blind set 9, first run). Without it, self-care."""
    opening = "I'm 61 and having chemotherapy, I've got firm smooth pinky-white bumps on my back with a little dimple in the middle"
    state, assessment = _interview(checker, matcher, opening, {})
    assert assessment["conditions"][0]["id"] == "molluscum_contagiosum"
    assert "molluscum_with_weakened_immunity" in state.raised and assessment["triage"] == "see_doctor"
    state, assessment = _interview(checker, matcher, opening.replace("having chemotherapy", "otherwise well"), {})
    assert assessment["conditions"][0]["id"] == "molluscum_contagiosum"
    assert "molluscum_with_weakened_immunity" not in state.raised


def test_molluscum_is_for_a_gp_to_confirm(checker, matcher):
    """nidirect (NHS Northern Ireland): "See your GP if you notice the spots associated with MC",
    and Mayo Clinic: consult a doctor; spots that look like molluscum can be warts or a skin cancer.
    An adult with it was told self-care (blind set 40, first run; its writer followed Mayo Clinic)."""
    opening = "I'm 38, otherwise well, small firm smooth pinky-white bumps on my back with a little dimple in the middle"
    state, assessment = _interview(checker, matcher, opening, {})
    assert assessment["conditions"][0]["id"] == "molluscum_contagiosum"
    assert assessment["triage"] == "see_doctor", assessment["triage"]


def test_molluscum_in_someone_who_writes_hiv_plus_is_for_a_gp(checker, matcher):
    """"HIV+" is HIV positive: a weakened immune system (blind set 11, first run: self-care)."""
    opening = "34M, HIV+. loads of small firm pearly bumps w a dimple on my back, some bigger ones. few on my face now"
    state, assessment = _interview(checker, matcher, opening, {})
    assert "molluscum_with_weakened_immunity" in state.raised and assessment["triage"] != "self_care"


def test_a_sore_red_cyst_leaking_smelly_gunk_is_for_an_urgent_gp_appointment(checker, matcher):
    """NHS skin cyst: ask for an urgent GP appointment or call 111 for a sore or red lump; foul-smelling
    pus is a sign of infection. A teenager's inflamed cyst was answered with self-care as a boil once
    the pilonidal lookalike needed the buttock cleft (blind set 11)."""
    opening = ("My son is 16 and has had a small round lump in the middle of his back for ages, it never bothered him. "
               "The last few days it has gone red, puffy and sore, and this morning some yellowish gunk came out of it "
               "that smells horrible. He hasn't got a temperature.")
    state, assessment = _interview(checker, matcher, opening, {})
    assert assessment["triage"] in ("urgent", "emergency")
    assert "sore_or_red_cyst" in state.raised


@pytest.mark.parametrize("opening, flag, triage", [
    # each condition's own "see a doctor if" (knowledge/conditions/*.yml), from its pages
    ("rough little goosebump bumps on my back and the backs of my arms for years, dry skin. a patch of them has gone "
     "red, hot, swollen and really painful", "rash_looks_infected", "see_doctor"),
    ("my daughter has chickenpox, itchy blisters all over her back, and the skin around some blisters is now red, "
     "hot, swollen and painful", "chickenpox_skin_infected", "urgent"),
    ("my 3 year old has eczema, dry itchy cracked skin on her back and in the creases of her elbows, and now it is "
     "weeping and crusty and she has a fever", "eczema_with_fever", "urgent"),
    ("a little soft flap of skin hanging off my back on a stalk where my bra strap rubs, it has started bleeding",
     "growth_changing_or_bleeding", "see_doctor"),
    ("I have diabetes and a ring shaped scaly itchy patch on my back with a clear middle, we have a new kitten",
     "skin_infection_with_weakened_immunity", "see_doctor"),
])
def test_what_a_conditions_own_advice_sends_to_a_doctor_raises_the_triage(checker, matcher, opening, flag, triage):
    state, assessment = _interview(checker, matcher, opening, {})
    assert flag in state.raised
    order = ["self_care", "see_doctor", "urgent", "emergency"]
    assert order.index(assessment["triage"]) >= order.index(triage)


def test_folliculitis_whose_redness_spreads_with_a_fever_is_urgent(checker, matcher):
    """NHS cellulitis: red, hot, swollen skin with a high temperature needs advice today. A
    body-builder's shaving folliculitis whose redness 'spread loads' with shivers and 38.5 °C was
    told self-care (blind set 13, first run)."""
    opening = "shaved my back for a bodybuilding comp last week n got loads of itchy red spots round the hairs, some with pus in"
    later = ("actually just looked in the mirror n the redness round the spots on my left shoulder blade has spread loads "
             "since yday, its hot n really sore now and im shivery, temp 38.5, feel rubbish")
    state, replies = checker.step(State(), _read(matcher, opening))
    state, replies = checker.step(state, _read(matcher, later))
    assert replies[0].kind == "alert" and replies[0].custom["alert"]["triage"] in ("urgent", "emergency")
    assert "skin_infection_with_fever" in state.raised



def test_tiny_purple_red_dots_with_a_fever_in_a_flatmate_are_an_emergency_at_once(checker, matcher):
    """NHS meningitis / sepsis: tiny red or purple spots with a fever are an emergency, before
    they stop fading under a glass. "purple-red dots" are those spots, and "my flatmate has ..."
    names the person, not someone else at home who itches (blind set 16, first run: see a doctor)."""
    opening = "my housemate (19) has lots of tiny purple-red dots over her back, she's boiling hot and her head is killing her"
    findings = matcher.findings(opening)
    assert findings.get("bright_red_dots") == PRESENT and findings.get("headache") == PRESENT
    assert "household_itchy" not in findings
    state, replies = checker.step(State(), _read(matcher, opening))
    assert replies[0].kind == "alert" and replies[0].custom["alert"]["triage"] == "emergency"


def test_a_rash_with_a_fever_is_asked_the_glass_test_before_an_answer(checker, matcher):
    """NHS meningitis: with a rash and a fever, check whether the rash fades under a glass.
    Whatever the rash looks like, the interview asks it before it concludes; a lump with a fever
    is not asked about a rash under a glass."""
    state, _ = _interview(checker, matcher, "a spotty red rash on my back and I've got a temperature", {})
    assert "rash_not_fading" in state.asked
    state, _ = _interview(checker, matcher, "a red spotty rash on my back, no fever", {})
    assert "rash_not_fading" not in state.asked
    state, _ = _interview(checker, matcher, "a hard painful lump on my back with pus, and I have a fever", {})
    assert "rash_not_fading" not in state.asked
    state, _ = _interview(checker, matcher, "a scratch on my back has gone red, hot, swollen and painful, and I have a fever", {})
    assert "rash_not_fading" not in state.asked and "drowsy_confused_stiff_neck" in state.asked


def test_known_eczema_that_weeps_and_crusts_with_a_fever_is_urgent_whatever_else_it_looks_like(checker, matcher):
    """NHS atopic eczema: eczema that flares with a high temperature, weeping or crusting may be
    infected and needs help today. Golden crusts make impetigo (outside the knowledge) likely
    rather than eczema, so the flag also fires on the person's eczema (blind set 15, first run:
    see a doctor)."""
    opening = ("my 5 year old has always had eczema. a patch on her back is now oozing with honey coloured crusts "
               "and she feels hot")
    state, assessment = _interview(checker, matcher, opening, {})
    assert "eczema_with_fever" in state.raised
    assert assessment["triage"] in ("urgent", "emergency")


def test_of_two_durations_in_one_message_the_longest_is_how_long_it_has_been_there(checker, matcher):
    """"A lump I've had for ages, and this week it has gone red": the lump has been there for
    months; the week is when it changed (blind set 15, first run: read as days)."""
    state, _ = checker.step(State(), _read(matcher, "a lump on my back I've had for ages and this week it has gone red and sore"))
    assert state.evidence.get("duration_months") == PRESENT and state.evidence.get("duration_days") != PRESENT
    state, _ = checker.step(State(), _read(matcher, "red itchy spots since yesterday"))
    assert state.evidence.get("duration_days") == PRESENT


@pytest.mark.parametrize("opening", [
    # known psoriasis that comes up in pus spots with a fever (generalised pustular psoriasis)
    "I've had psoriasis with silvery scaly patches on my back and elbows for years, and since yesterday the red skin "
    "is covered in tiny yellow pus spots and I'm shivery with a temperature",
    # pus spots all over with a fever, whatever they turn out to be
    "pus spots have come up all over my back, chest and arms in a day and I have a fever of 38.8",
])
def test_pus_spots_with_a_fever_on_psoriasis_or_all_over_are_urgent(checker, matcher, opening):
    """Generalised pustular psoriasis is a medical emergency needing urgent hospital referral
    (patient.info); widespread pus spots with a fever may be a spreading infection (NHS
    cellulitis). Both were told 'see a doctor' in blind sets 13 and 15."""
    state, assessment = _interview(checker, matcher, opening, {"spreading_all_over": YES})
    assert "widespread_pus_spots_with_fever" in state.raised
    assert assessment["triage"] in ("urgent", "emergency")


def test_a_likely_cyst_that_has_gone_sore_and_red_is_for_an_urgent_gp_appointment(checker, matcher):
    """NHS skin cyst: 'ask for an urgent GP appointment or get help from NHS 111 if you have a sore
    or red lump'. Without cheesy matter it was 'see a doctor' (blind sets 13 and 15, first runs)."""
    opening = ("a smooth round lump under the skin of my back with a tiny black dot in the middle, had it for years, "
               "this week it has gone red and sore")
    state, assessment = _interview(checker, matcher, opening, {})
    assert assessment["conditions"][0]["id"] == "epidermoid_cyst"
    assert "sore_or_red_cyst" in state.raised and assessment["triage"] == "urgent"


def test_cellulitis_is_screened_for_sepsis_and_dizziness_makes_it_an_emergency(checker, matcher):
    """NHS sepsis and cellulitis: a skin infection with confusion, drowsiness or feeling very dizzy
    or faint needs an ambulance. The interview asks before it concludes (blind set 15, first run:
    a 74-year-old with spreading redness, a fever and dizziness was told 'urgent')."""
    opening = "I'm 70. a scratch on my lower back has turned into a big red, hot, swollen, painful area that is getting bigger"
    state, assessment = _interview(checker, matcher, opening, {"faint_dizzy": YES, "fever": YES})
    assert "faint_dizzy" in state.asked
    assert "skin_infection_with_sepsis_signs" in state.raised and assessment["triage"] == "emergency"
    state, assessment = _interview(checker, matcher, opening, {"fever": YES})
    assert "skin_infection_with_sepsis_signs" not in state.raised and assessment["triage"] == "urgent"


def test_lips_that_come_up_in_blisters_after_a_new_medicine_are_an_emergency(checker, matcher):
    """NHS Stevens-Johnson syndrome: blisters on the lips or sore eyes after a new medicine need A&E.
    'my lips have come up in blisters' was not read (blind set 8, session 7 re-run: see a doctor)."""
    opening = "I started new epilepsy tablets two weeks ago and now a red rash has come up on my back and chest"
    later = "my lips have come up in blisters and my eyes are really sore and gunky"
    state, _ = checker.step(State(), _read(matcher, opening))
    state, replies = checker.step(state, _read(matcher, later))
    assert replies[0].kind == "alert" and replies[0].custom["alert"]["triage"] == "emergency"


def test_a_sore_mouth_and_lips_with_a_rash_after_a_new_medicine_is_an_emergency_on_the_first_reply(checker, matcher):
    """NHS Stevens-Johnson syndrome: flu-like symptoms, then a spreading, blistering rash and sores
    in the mouth or on the lips, after a new medicine: A&E now (blind set 18, first run: answered
    at once as a resemblance to erythema multiforme, see a doctor)."""
    opening = ("started new tablets for my epilepsy 10 days ago, felt fluey, now a blistering rash across my back "
               "and my lips and mouth are getting really sore")
    state, replies = checker.step(State(), _read(matcher, opening))
    assert replies[0].kind == "alert" and replies[0].custom["alert"]["triage"] == "emergency"


def test_of_two_kinds_in_one_message_the_first_named_is_the_bump(checker, matcher):
    """"An old flat mole has turned into a raised dark lump": a growth on the skin that changed,
    not a lump under the skin (blind set 17: read as a lump, ranked a seborrhoeic keratosis first)."""
    opening = "An old flat mole near my belt line has turned into a raised dark lump and it leaves blood on my vest"
    state, _ = checker.step(State(), _read(matcher, opening))
    assert state.evidence.get("kind_growth") == PRESENT and state.evidence.get("kind_lump") != PRESENT
    assert state.evidence.get("changing_spot") == PRESENT and state.evidence.get("spots_bleed") == PRESENT


def test_folliculitis_whose_spot_has_turned_into_a_swollen_sore_bump_is_for_a_gp(checker, matcher):
    """AAD and Mayo Clinic: see a doctor when folliculitis spreads or its spots become large,
    painful lumps (blind set 19, first run: self-care)."""
    opening = ("I'm 64. I've had a crop of small red pus spots on my lower back, each round a hair, and now one "
               "of them has turned into a bigger swollen sore bump")
    state, assessment = _interview(checker, matcher, opening, {"around_hair_follicles": YES, "pain_tenderness": YES})
    assert assessment["conditions"][0]["id"] in ("folliculitis", "boils")  # a boil is what it has become
    assert "folliculitis_turned_boil" in state.raised and assessment["triage"] != "self_care"


def test_swollen_lips_and_a_whistle_when_breathing_in_many_words_are_an_emergency(checker, matcher):
    """NHS anaphylaxis: swollen lips and wheezing. 'her lips have suddenly gone really swollen and
    she's making a funny whistly noise when she breathes' was not understood (blind set 19)."""
    state, _ = checker.step(State(), _read(matcher, "my daughter has raised itchy red blotches on her back"))
    later = "her lips have suddenly gone really swollen and she's making a funny whistly noise when she breathes"
    state, replies = checker.step(state, _read(matcher, later))
    assert replies[0].kind == "alert" and replies[0].custom["alert"]["triage"] == "emergency"


def test_target_patches_spreading_after_a_new_epilepsy_medicine_are_an_emergency_at_once(checker, matcher):
    """NHS Stevens-Johnson syndrome: flu-like symptoms, then circular patches darker in the middle
    spreading from the upper body, after a medicine such as lamotrigine: hospital at once (blind
    set 20, first run: answered at once with 'see a doctor')."""
    opening = ("I started carbamazepine 10 days ago, felt fluey for a couple of days, now a rash is spreading across "
               "my upper back and some spots look like little targets")
    state, replies = checker.step(State(), _read(matcher, opening))
    assert replies[0].kind == "alert" and replies[0].custom["alert"]["triage"] == "emergency"


def test_purple_shiny_flat_topped_bumps_are_not_molluscum_and_not_self_care(checker, matcher):
    """DermNet / NHS lichen planus: itchy, shiny, purple, flat-topped bumps with fine white lines, often on
    the wrists; outside the knowledge, for a GP (blind set 20, first run: molluscum, self-care)."""
    opening = "itchy purply shiny bumps on my lower back and the inside of my wrists, flat on top, some have tiny white lines"
    state, assessment = _interview(checker, matcher, opening, {})
    assert assessment["conditions"][0]["id"] != "molluscum_contagiosum" or assessment["outside_knowledge"]
    assert assessment["triage"] != "self_care"


def test_one_hard_waxy_patch_with_a_lilac_border_is_not_pityriasis_rosea_and_not_self_care(checker, matcher):
    """BAD morphoea: a painless patch, pink or bruise-like at first, then hard, waxy and pale in the middle
    with a lilac edge; for a GP. 'One oval patch' was read as the herald patch of pityriasis rosea and
    answered with self-care (blind set 26, first run)."""
    opening = ("I have one oval patch on my lower back, it started pinkish like a bruise and now the centre "
               "is pale like wax and firm when I pinch it, with a lilac border, no pain")
    state, assessment = _interview(checker, matcher, opening, {"duration": "for four months"})
    assert "herald_patch" not in state.evidence
    assert assessment["conditions"][0]["id"] != "pityriasis_rosea" or assessment["outside_knowledge"]
    assert assessment["triage"] != "self_care"


def test_a_lump_that_got_bigger_is_a_growing_lump_not_a_changing_spot(checker, matcher):
    """'a lump ... it has got bigger' is the lump growing (the soft tissue sarcoma warning), not a
    spot or mole changing (the melanoma warning; blind set 26, first run)."""
    state, replies = checker.step(State(), _read(matcher, "a lump under my shoulder blade, my wife says it has got bigger"))
    assert state.evidence.get("lump_growing") == PRESENT and "changing_spot" not in state.evidence
    assert "lump_to_check" in state.raised and "changing_spot" not in state.raised
    state, _ = checker.step(State(), _read(matcher, "a mole on my back that has got bigger"))
    assert state.evidence.get("changing_spot") == PRESENT


def test_a_hard_fixed_growing_lump_the_size_of_a_lemon_fits_nothing_known(checker, matcher):
    """NHS Lothian / nidirect soft tissue sarcoma: a lump that is growing, 5 cm or more, deep and
    fixed needs a GP and a scan. It was answered as a lipoma (blind set 26, first run)."""
    opening = ("a lump deep under my shoulder blade since the summer, it's bigger now, about the size of a small "
               "lemon, really solid and it won't budge, nothing like the soft fatty lump my dad had")
    state, assessment = _interview(checker, matcher, opening, {"age_group": "58"})
    assert assessment["outside_knowledge"] is True
    assert assessment["triage"] == "see_doctor"
    assert "soft_tissue_sarcoma" in [r["id"] for r in assessment["resembles"]]


def test_an_infected_pressure_sore_is_urgent_outside_the_knowledge_and_not_asked_the_glass_test(checker, matcher):
    """NHS pressure ulcers: discoloured skin that does not go pale when pressed, then an open wound; red,
    hot, swollen skin, pus or a high temperature: same-day advice. Answered as cellulitis (97 %), and
    with a fever the glass test was asked, whose 'yes' would have been read as meningitis (blind set 26)."""
    opening = ("my wife is bedbound and has a dark red patch at the bottom of her spine that doesn't go pale when I "
               "press it, it's broken open now and the skin round it is hot and puffy")
    facts = {"pus_filled": YES, "fever": "I got 38.2", "rash_not_fading": YES}
    state, assessment = _interview(checker, matcher, opening, facts)
    assert "rash_not_fading" not in state.asked
    assert assessment["triage"] == "urgent" and "infected_pressure_sore" in assessment["red_flags"]
    assert assessment["outside_knowledge"] is True


def test_burst_blisters_with_yellow_crusts_on_a_child_resemble_impetigo(checker, matcher):
    """NHS impetigo: blisters that burst and leave yellow-brown crusts, in a well child (blind set 26,
    first run: chickenpox 13 %, not outside the knowledge)."""
    opening = "my 3 year old has a few big watery blisters on his back, some burst and left yellow crusty bits, he's fine otherwise"
    state, assessment = _interview(checker, matcher, opening, {})
    assert assessment["outside_knowledge"] is True
    assert "impetigo" in [r["id"] for r in assessment["resembles"]]


@pytest.mark.parametrize("opening, said, later, later_answer, kept, question, reply, given", [
    # "since yesterday it's gone red", after weeks, is when the lump changed (blind set 23: it became a
    # boil of a day, and the urgent advice for a sore, red cyst was not given)
    ("a small round lump on my back that moves a bit, had it 3 weeks", "duration_weeks",
     "oh and since yesterday it has gone red and sore", None, "duration_days", "duration", "only since yesterday",
     "duration_days"),
    # "31", then "yes as a kid" to "had chickenpox before?" made the person a child (blind set 23)
    ("I'm 31 and have had eczema all my life, now blisters on my back", "age_adult", "yes as a kid", YES, "age_child",
     "age_group", "she's a kid, 7", "age_child"),
])
def test_an_open_answer_said_stays_unless_the_question_itself_is_answered(checker, matcher, opening, said, later,
                                                                          later_answer, kept, question, reply, given):
    """A later message that names another duration or age group does not replace the one given;
    answering the question how long or how old does."""
    state, _ = checker.step(State(), _read(matcher, opening))
    state, _ = checker.step(state, _read(matcher, later, later_answer))
    assert state.evidence.get(said) == PRESENT and state.evidence.get(kept) != PRESENT
    state, _ = checker.step(State(), _read(matcher, "something on my back"))
    while state.pending and state.pending != question:
        state, _ = checker.step(state, _read(matcher, "not sure", UNSURE))
    state, _ = checker.step(state, _read(matcher, reply))
    assert state.evidence.get(given) == PRESENT


def test_a_lump_where_a_strap_sits_is_rubbed_not_a_contact_rash(checker, matcher):
    state, _ = checker.step(State(), _read(matcher, "a pea sized lump right where my bra strap sits"))
    assert state.evidence.get("where_skin_rubs") == PRESENT and "rash_where_product_touched" not in state.evidence
    state, _ = checker.step(State(), _read(matcher, "an itchy rash right where my bra strap sits"))
    assert state.evidence.get("rash_where_product_touched") == PRESENT


def test_a_small_movable_lump_of_weeks_that_turns_red_and_sore_gets_the_urgent_cyst_advice(checker, matcher):
    """NHS skin cyst (a smooth lump, perhaps with a dark dot in the middle): ask for an urgent GP
    appointment if it is red and sore (blind set 23, first run: 'see a doctor')."""
    opening = "a pea sized round lump under my bra strap with a tiny dark dot in the middle, there about a month"
    state, _ = checker.step(State(), _read(matcher, opening))
    facts = {"soft_movable_lump": YES}
    later = "since yesterday it has gone red and really sore"
    state, _ = checker.step(state, _read(matcher, later))
    for _ in range(20):
        if state.assessed:
            break
        reply = facts.get(state.pending, "no")
        state, replies = checker.step(state, _read(matcher, reply, reply if reply in (YES, NO) else None))
    assessment = replies[-1].custom["assessment"]
    assert assessment["triage"] == "urgent" and "sore_or_red_cyst" in assessment["red_flags"]


def test_ringworm_that_antifungal_cream_has_not_cleared_is_for_a_gp(checker, matcher):
    """NHS ringworm: see a GP if it has not improved after antifungal treatment from a pharmacy
    (blind set 27, first run: self-care, and the person's 'give it to my kids' made them a child)."""
    opening = ("I've got a round itchy patch on my lower back with a raised scaly ring and a clearer middle, "
               "and a second one next to it; I'm scared I'll give it to my kids")
    state, assessment = _interview(checker, matcher, opening, {"duration": "3 weeks", "age_group": "36"})
    assert assessment["conditions"][0]["id"] == "ringworm" and "ringworm_not_clearing" not in state.raised
    assert state.evidence.get("age_child") != PRESENT
    state, replies = checker.step(state, _read(matcher, "I've used an antifungal cream for two weeks and it hasn't shifted it"))
    assert "ringworm_not_clearing" in state.raised
    assert "ringworm_not_clearing" in replies[0].custom["alert"]["red_flags"]
    assert replies[0].custom["alert"]["triage"] in ("see_doctor", "urgent")


def test_ringworm_treated_with_a_steroid_cream_is_for_a_gp(checker, matcher):
    """CDC: steroid creams can make ringworm worse and change how it looks; talk to a healthcare
    provider. DermNet: tinea modified by a steroid usually needs antifungal tablets (blind set 35,
    first run: self-care for a patch 'eczema' steroid cream had made bigger and pustular)."""
    opening = ("I've got a round itchy patch on my lower back with a raised scaly ring and a clearer middle, "
               "our cat has a bald patch")
    state, assessment = _interview(checker, matcher, opening, {"duration": "5 weeks", "age_group": "38"})
    assert assessment["conditions"][0]["id"] == "ringworm" and "ringworm_not_clearing" not in state.raised
    state, replies = checker.step(state, _read(matcher, "I thought it was eczema so I've been putting my old steroid cream on it"))
    assert "ringworm_not_clearing" in state.raised
    assert replies[0].custom["alert"]["triage"] in ("see_doctor", "urgent")
    # a steroid cream is not a hormone ("flares with hormones" is an acne sign)
    assert matcher.findings("I put hydrocortisone steroid cream on it").get("hormonal_trigger") is None


def test_a_lump_there_for_ages_is_for_a_gp_even_when_the_answer_starts_with_nah(checker, matcher):
    """NHS lumps: a lump still there after two weeks is worth showing to a GP (blind set 31, first
    run: "nah its been about the same for ages", the answer to "is it getting bigger?", was read
    as denying a long duration, and a cyst a backpack strap rubs got self-care)."""
    opening = ("theres this round lump under the skin on my back, my backpack strap rubs on it. "
               "sometimes white stuff comes out of it and it STINKS lol. is that normal")
    facts = {"central_punctum": YES, "lump_growing": "nah its been about the same for ages", "age_group": "17"}
    state, assessment = _interview(checker, matcher, opening, facts)
    assert assessment["conditions"][0]["id"] == "epidermoid_cyst"
    assert state.evidence.get("duration_months") == PRESENT
    assert "lump_lasting" in assessment["red_flags"] and assessment["triage"] == "see_doctor"


def test_a_question_interrupted_by_news_is_set_aside_and_asked_once_more(checker, matcher):
    """Blind set 23: "is there a small dark dot ...?" answered with "sorry I should say, since
    yesterday it's gone red and really sore": the question was recorded as unknown and never asked
    again, and the inflamed cyst, whose dark dot would have told, got "see a doctor" instead of the
    urgent advice. Now the question is set aside (still counted as asked) and asked once more."""
    opening = "a pea sized lump right where my bra strap sits on my back, I can move it a bit, there 3 weeks"
    state, _ = checker.step(State(), _read(matcher, opening))
    state = State(state.evidence, state.asked + ["central_punctum"], "central_punctum", state.raised)
    asked = checker.questions_asked(state)
    later = "sorry I should say, since yesterday it's gone red and really sore where the strap rubs it"
    state, replies = checker.step(state, _read(matcher, later))
    assert "central_punctum" not in state.evidence and checker.questions_asked(state) >= asked
    for _ in range(12):
        if state.pending == "central_punctum" or state.assessed:
            break
        state, replies = checker.step(state, _read(matcher, "not sure", UNSURE))
    assert state.pending == "central_punctum", "the set-aside question was not asked again"
    state, replies = checker.step(state, _read(matcher, "yes", YES))
    assert "sore_or_red_cyst" in state.raised
    # the first time a question is met so, it is set aside; the second time, it is left unanswered
    first = State(dict(state.evidence), state.asked + ["itching"], "itching", list(state.raised))
    first, _ = checker.step(first, _read(matcher, "it's on my upper back"))
    assert "itching" not in first.evidence
    second = State(dict(first.evidence), first.asked + ["itching"], "itching", list(first.raised))
    second, _ = checker.step(second, _read(matcher, "it's on my upper back"))
    assert second.evidence.get("itching") == UNKNOWN


def test_clusters_of_painful_blisters_on_eczema_after_a_cold_sore_contact_rank_eczema(checker, matcher):
    """BAD eczema herpeticum: the cold sore virus in eczema skin, groups of painful blisters, often a
    high temperature and shivering; urgent. Ranked as chickenpox, shingles and cellulitis, eczema
    not among them (blind sets 11, 19, 23 and 27)."""
    opening = ("I've had eczema all my life, it's bad on my upper back at the moment, and my partner had a cold "
               "sore last week. Since yesterday there are clusters of small painful blisters on the eczema and I "
               "feel hot and shivery")
    facts = {"age_group": "27", "itching": YES, "had_chickenpox_before": YES}
    state, replies = checker.step(State(), _read(matcher, opening))
    while not state.assessed:  # what the person does not know, they say so
        reply = facts.get(state.pending, UNSURE)
        state, replies = checker.step(state, _read(matcher, reply, reply if reply in (YES, NO, UNSURE) else None))
    assessment = replies[-1].custom["assessment"]
    assert "eczema" in [c["id"] for c in assessment["conditions"][:3]]
    assert assessment["triage"] in ("urgent", "emergency") and "eczema_with_fever" in assessment["red_flags"]


@pytest.mark.parametrize("opening, later", [
    # a teenager's old lump gone red and sore, then redness spreading with hot skin (NHS skin cyst, cellulitis)
    ("my son is 17 and has had a small lump on his lower back for years, since Tuesday it's gone red, puffy and sore",
     "the red area is a lot wider than this morning and the skin around it feels hot"),
    # a wound after a mole was cut out, red and hot, the redness spreading past a pen line (NHS cellulitis)
    ("I had a mole cut out of my upper back last week and now the skin around the scar is red, puffy and hot",
     "I drew round the red bit with a pen and an hour later it has spread past the line"),
])
def test_redness_spreading_round_a_lump_or_a_wound_is_urgent_when_said_mid_interview(checker, matcher, opening, later):
    """Blind set 29, first run: both answered 'see a doctor' (the wound as a changing mole)."""
    state, _ = checker.step(State(), _read(matcher, opening))
    state, replies = checker.step(state, _read(matcher, later))
    assert replies[0].kind == "alert" and replies[0].custom["alert"]["triage"] in ("urgent", "emergency")
    assert "possible_melanoma" not in state.raised


def test_ringworm_no_better_after_two_weeks_of_cream_is_for_a_gp_at_once(checker, matcher):
    opening = ("my boyfriend has a red ring on his lower back that keeps spreading outwards, scaly and itchy round the "
               "edge; he has put antifungal cream on every day for two weeks and it's no better at all")
    state, assessment = _interview(checker, matcher, opening, {})
    assert assessment["conditions"][0]["id"] == "ringworm" and assessment["triage"] != "self_care"


def test_a_tiny_hole_on_top_of_a_lump_is_its_opening_and_on_small_shiny_bumps_their_dimple(checker, matcher):
    state, _ = checker.step(State(), _read(matcher, "a pea sized lump under the skin between my shoulder blades"))
    state, _ = checker.step(state, _read(matcher, "theres like a tiny hole on top of it"))
    assert state.evidence.get("central_punctum") == PRESENT and "dimpled_pearly_bumps" not in state.evidence
    state, _ = checker.step(State(), _read(matcher, "my son has small round bumps, pink and shiny like wax, with a little hole on top"))
    assert state.evidence.get("dimpled_pearly_bumps") == PRESENT and "central_punctum" not in state.evidence


def test_blistering_sunburn_with_feeling_awful_is_urgent(checker, matcher):
    """NHS sunburn: blistering or swelling, chills, a high temperature, dizziness, a headache or
    feeling sick: GP or NHS 111 (blind set 22, first run: read as chickenpox, self-care)."""
    opening = "fell asleep on the beach yesterday and my whole back is bright red, now its come up in blisters and i feel awful"
    state, assessment = _interview(checker, matcher, opening, {})
    assert "severe_sunburn" in state.raised and assessment["triage"] in ("urgent", "emergency")


def test_a_pregnant_womans_baby_is_not_the_person_with_the_rash(checker, matcher):
    """'I'm 12 weeks pregnant ... scared this could hurt the baby' (blind set 21, first run: read as a
    baby's rash, so pityriasis rosea in pregnancy was not flagged)."""
    opening = ("I'm 12 weeks pregnant. Last week a scaly pink oval patch came up on my tummy and now there are loads of "
               "smaller pink spots on my back. I'm so scared this could hurt the baby")
    state, _ = checker.step(State(), _read(matcher, opening))
    assert state.evidence.get("pregnant") == PRESENT and state.evidence.get("age_baby") != PRESENT


def test_a_pressure_sore_is_asked_about_signs_of_infection_before_an_answer(checker, matcher):
    """NHS pressure ulcers: pus, a high temperature or red, hot, swollen skin need advice today. A bed
    sore recognised at once was answered 'see a doctor' without asking (blind sets 20 and 22, make eval
    of session 7)."""
    opening = "My mum is 84 and mostly in bed since her stroke. There's a patch at the bottom of her back that's now an open sore."
    state, assessment = _interview(checker, matcher, opening, {"pus_filled": YES})
    assert "pus_filled" in state.asked and "infected_pressure_sore" in state.raised
    assert assessment["triage"] in ("urgent", "emergency")


def _assert_first_reply_is_the_alert(checker, matcher, text, flag, triage):
    """The opening message alone gets the red flag's alert first, at its triage."""
    state, replies = checker.step(State(), _read(matcher, text))
    assert replies[0].kind == "alert", [r.text for r in replies]
    assert flag in replies[0].custom["alert"]["red_flags"], replies[0].custom["alert"]
    assert replies[0].custom["alert"]["triage"] == triage


@pytest.mark.parametrize("text, flag, triage", [
    # a red-flag sign said, then a "no" to part of it: the sign counts, whichever is said last
    ("itchy welts came up on my back an hour ago, my lips are swelling up, no swelling in my face though",
     "severe_allergic_reaction", "emergency"),
    ("I can't breathe properly now, no trouble breathing this morning though", "severe_allergic_reaction", "emergency"),
    # blind set 37's NLU messages (session 11): red streaks from a sore, skin coming off like a burn
    ("theres red lines going out from the sore on my back", "spreading_infection", "urgent"),
    ("the red patch on his back is spreading and hot", "spreading_infection", "urgent"),
    ("the skin on my back is peeling off like after a burn and i feel awful", "serious_skin_reaction", "emergency"),
    # blind sets 11 and 19's NLU messages, found by running every set's annotated red-flag signs
    ("nettle rash type thing all over my body, no fever, but I feel a bit faint", "severe_allergic_reaction", "emergency"),
    ("the spots on my back have turned into a red, hot, spreading patch and I'm shivery", "spreading_infection",
     "urgent"),
])
def test_a_red_flag_sign_is_not_undone_by_a_no_in_the_same_message(checker, matcher, text, flag, triage):
    _assert_first_reply_is_the_alert(checker, matcher, text, flag, triage)


def test_a_pilonidal_sinus_is_a_gps_and_an_infected_one_is_urgent(checker, matcher):
    """nidirect / NHS: see a GP about a pilonidal sinus; an infected one (painful, red, swollen, pus or
    blood) needs treating as soon as possible. Blind set 38 (first run): a painless tiny hole at the top
    of the buttock cleft was told urgent."""
    opening = "theres a tiny hole at the very top of my bum crack by my tailbone, doesnt hurt. im 17"
    state, assessment = _interview(checker, matcher, opening, {})
    assert assessment["outside_knowledge"] and assessment["triage"] == "see_doctor"
    assert "pilonidal_sinus_infected" not in state.raised
    for opening in (
        "a painful swollen lump at the top of my bum crack by my tailbone, leaking pus. im 19",
        # blind set 20: a painful lump is infected too (it had been urgent only as the lookalike's triage)
        "got a reeeally sore lump rite at the bottom of my back where my bum crack starts, cant even sit on my van seat",
    ):
        _assert_first_reply_is_the_alert(checker, matcher, opening, "pilonidal_sinus_infected", "urgent")


@pytest.mark.parametrize("text, flag, triage", [
    # blind red-flag messages 39 (session 11), missed on their first run
    ("hives came up all over her back, and now her tongue looks fat and she's breathing funny, sort of noisy",
     "severe_allergic_reaction", "emergency"),
    ("an itchy lumpy rash came up on my back and chest, I feel sick and really faint", "severe_allergic_reaction",
     "emergency"),
    ("rash on my back spread to my arms in an hour, no breathing problems but its getting hard to swallow",
     "severe_allergic_reaction", "emergency"),
    ("scraped my back on a fence, tiny scratch, but it hurts way more than a scratch should hurt",
     "necrotising_fasciitis_pain", "emergency"),
    ("our 3 yr old has chickenpox and now she's gone really pale with a mottled look on her legs and back",
     "meningitis_or_sepsis_signs", "emergency"),
    ("I'm on chemo, last dose 8 days ago, got a rash of small spots across my back and my temp is 38.2",
     "fever_during_chemotherapy", "emergency"),
    ("he had chickenpox last week, now the fever's back, a new red rash is spreading and he's more poorly than he was",
     "very_unwell_with_rash", "urgent"),
    ("a patch on her back gone red, warm and puffy, drew round it and this morning its way past the line",
     "spreading_infection", "urgent"),
    ("my 17 yr old has a small lump at the base of his spine, just above his bottom, it's really painful",
     "pilonidal_sinus_infected", "urgent"),
])
def test_red_flags_of_blind_set_39_in_everyday_words(checker, matcher, text, flag, triage):
    _assert_first_reply_is_the_alert(checker, matcher, text, flag, triage)


def test_a_fever_with_diabetes_is_not_the_chemotherapy_emergency(checker, matcher):
    state, replies = checker.step(State(), _read(matcher, "I have diabetes and a fever with spots on my back"))
    assert "fever_during_chemotherapy" not in state.raised


@pytest.mark.parametrize("text", [
    "a lump on my back caught on my belt and it's been bleeding for 40 minutes, I've pressed a towel on it, "
    "it's soaked through and it won't stop",
    "the red bump on his shoulder blade is spurting blood and pressing on it isn't stopping it",
    "my mole got scratched and now blood is pouring out and I can't get it to stop",
])
def test_bleeding_that_pressure_does_not_stop_is_an_emergency(checker, matcher, text):
    """Mayo Clinic (severe bleeding, first aid): uncontrolled bleeding can kill within minutes; call the
    local emergency number. Blind red-flag messages 39 (two of them) ended at see a doctor."""
    _assert_first_reply_is_the_alert(checker, matcher, text, "uncontrolled_bleeding", "emergency")


@pytest.mark.parametrize("text", [
    "a little red bump on my back bled a lot when I caught it with my nails, it stopped after a few minutes",
    "the mole on my back bled a bit last week",
    "it bleeds really easily when my bra strap rubs it",
])
def test_bleeding_that_stopped_or_is_slight_is_not_the_emergency(checker, matcher, text):
    state, replies = checker.step(State(), _read(matcher, text))
    assert "uncontrolled_bleeding" not in state.raised


def test_moving_about_is_a_lump_that_moves_or_welts_that_come_and_go(checker, matcher):
    """A bare "moves around" said of one lump under the skin is a lump that moves when pressed; of
    welts it is hives' welts. Blind set 40 (first run): "found a lump ... soft, moves around, doesnt
    hurt" was read as welts that come and go, and the lipoma was not among the causes."""
    state, _ = checker.step(State(), _read(matcher, "found a lump on my back a month ago. soft, moves around, doesnt hurt"))
    assert state.evidence.get("soft_movable_lump") == PRESENT and "welts_come_and_go" not in state.evidence
    state, _ = checker.step(State(), _read(matcher, "raised itchy red blotches on her back that seem to move about"))
    assert state.evidence.get("welts_come_and_go") == PRESENT and "soft_movable_lump" not in state.evidence
    state, _ = checker.step(State(), _read(matcher, "a hard lump under my shoulder blade, it doesn't move about"))
    assert state.evidence.get("soft_movable_lump") == ABSENT


def test_a_first_pityriasis_rosea_rash_is_worth_showing_to_a_gp(checker, matcher):
    """NHS: scaly spots can be psoriasis or eczema and a single round patch ringworm, "do not try to
    diagnose the problem yourself". Blind set 40 (first run) was told self-care."""
    opening = ("About 10 days ago a single pink oval scaly patch came up on my chest, now loads of smaller pink "
               "scaly patches all over my back. Bit itchy. I'm 21")
    state, assessment = _interview(checker, matcher, opening, {"herald_patch": YES, "oval_patches_along_ribs": YES})
    assert assessment["conditions"][0]["id"] == "pityriasis_rosea"
    assert assessment["triage"] == "see_doctor"


@pytest.mark.parametrize("text", [
    "rough brownish raised patches on my back that look stuck on. One sits under my bra strap and it gets caught",
    "a brown mole right where my bra strap goes, it gets caught and sore",
])
def test_a_growth_under_a_strap_is_where_skin_rubs_not_a_rash_where_something_touched(checker, matcher, text):
    """Said of a growth on the skin (a mole, a stuck-on growth, a skin tag), a bra strap is where the
    skin rubs, not a rash brought on by what touched it (blind sets 33 and 48: seborrhoeic keratoses
    under a bra strap ranked contact dermatitis first)."""
    state, _ = checker.step(State(), _read(matcher, text))
    assert state.evidence.get("where_skin_rubs") == PRESENT, state.evidence
    assert state.evidence.get("rash_where_product_touched") != PRESENT, state.evidence


def test_a_skin_tag_gone_dark_is_a_changing_growth_and_a_patch_gone_dark_is_not(checker, matcher):
    """Said of a growth, "gone dark" is a change of colour a GP should see: an older man's skin tag
    "gone dark, nearly black, in the last week" had been given self-care (blind set 52, first run).
    Said of skin ("the back of my neck has gone dark and velvety") it is not a changing spot."""
    text = "a wee soft tag of skin on my back, up by my collar, that's gone dark, nearly black, in the last week"
    state, _ = checker.step(State(), _read(matcher, text))
    assert state.evidence.get("changing_spot") == PRESENT and "changing_spot" in state.raised
    state, _ = checker.step(State(), _read(matcher, "the skin on the back of my neck has gone dark and velvety"))
    assert "changing_spot" not in state.evidence
