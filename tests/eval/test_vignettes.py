"""The evaluation vignettes (eval/vignettes*.yml) and the simulated patient's reading of questions.

Fast checks, no server: the file's shape, its coverage (conditions, red flags), that no opening
leaks from the NLU training data, and that eval/simulate.py recognises the bot's real question
texts (knowledge/findings.yml) and picks the right buttons.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tests.modules import load

ROOT = Path(__file__).resolve().parents[2]
VIGNETTES = ROOT / "eval" / "vignettes.yml"
TRIAGE = ["self_care", "see_doctor", "urgent", "emergency"]
SEED_CONDITIONS = {
    "keratosis_pilaris", "chickenpox", "shingles", "pseudomonas_folliculitis", "back_acne", "cystic_acne",
    "dermatitis_herpetiformis", "scabies", "boils", "cherry_hemangioma", "allergic_contact_dermatitis", "measles",
}
#: shared/interfaces.md, section 3: the conditions added beyond the seed
ADDED_CONDITIONS = {
    "melanoma", "non_melanoma_skin_cancer", "epidermoid_cyst", "lipoma", "seborrheic_keratosis", "skin_tag",
    "common_mole", "insect_bites", "hives", "heat_rash", "psoriasis", "eczema", "pityriasis_rosea",
    "pityriasis_versicolor", "folliculitis", "molluscum_contagiosum", "cellulitis", "ringworm",
}
CONDITIONS = SEED_CONDITIONS | ADDED_CONDITIONS
OUTSIDE = "outside"  # a vignette written for a bump none of the conditions covers
ANSWERS = {"yes", "no", "unsure"}
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's: the vignette files are large


def _load(path: Path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=SAFE_LOADER)


@pytest.fixture(scope="module")
def vignettes():
    data = _load(VIGNETTES)
    assert isinstance(data, dict) and isinstance(data.get("vignettes"), list), "eval/vignettes.yml needs a `vignettes:` list"
    return data["vignettes"]


@pytest.fixture(scope="module", params=sorted(p.name for p in (ROOT / "eval").glob("vignettes*.yml")))
def any_vignettes(request):
    """Each vignette file in turn: the shape checks hold for the blind sets too."""
    return _load(ROOT / "eval" / request.param)["vignettes"]


@pytest.fixture(scope="module")
def simulate():
    return load("eval/simulate.py", "eval_simulate")


@pytest.fixture(scope="module")
def findings():
    return _load(ROOT / "knowledge" / "findings.yml")


@pytest.fixture(scope="module")
def questions(findings):
    """finding or group id -> the question text the bot asks."""
    asked = {f["id"]: f["question"] for f in findings["findings"] if f.get("question")}
    asked.update({g["id"]: g["question"] for g in findings["groups"]})
    return asked


def _normal(text: str) -> str:
    return " ".join(str(text).lower().split())


def _training_examples(path: Path) -> set:
    """Every example of an NLU file, annotations stripped, normalised."""
    examples = set()
    for block in _load(path).get("nlu") or []:
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                text = re.sub(r"\[([^\]]*)\]\s*(\{[^}]*\}|\([^)]*\))", r"\1", line[2:])
                examples.add(_normal(text))
    return examples


# --- the file ---------------------------------------------------------------------------------------
def test_every_vignette_has_the_required_fields(any_vignettes):
    assert any_vignettes
    for v in any_vignettes:
        where = v.get("id", v)
        assert isinstance(v.get("id"), str) and re.fullmatch(r"[a-z0-9_]+", v["id"]), where
        assert v.get("condition") in CONDITIONS | {OUTSIDE}, where
        assert str(v.get("source", "")).startswith(("https://", "http://")), where  # the address as it was read
        assert v.get("answer_with") in ("buttons", "text"), where
        assert isinstance(v.get("opening"), str) and v["opening"].strip(), where
        assert isinstance(v.get("facts"), list) and v["facts"], where
        for fact in v["facts"]:
            assert isinstance(fact.get("about"), list) and fact["about"], (where, fact)
            assert all(isinstance(k, str) and k == k.lower() and k.strip() for k in fact["about"]), (where, fact)
            # a bare yes / no in YAML is a boolean; an answer may be the person's own words (with
            # buttons the simulator clicks Yes / No when they start so, else types them: reply_to)
            answer = fact.get("answer")
            assert answer in ANSWERS or (isinstance(answer, str) and answer.strip()), (where, fact)
        for key in ("where", "how_long", "age", "kind"):
            assert v.get(key) is None or (isinstance(v[key], str) and v[key].strip()), (where, key)
        if v.get("later") is not None:
            assert isinstance(v["later"].get("after_answers"), int) and v["later"]["after_answers"] >= 0, where
            assert isinstance(v["later"].get("message"), str) and v["later"]["message"].strip(), where
        expect = v.get("expect") or {}
        assert isinstance(expect.get("outside_knowledge", False), bool), where
        if v["condition"] == OUTSIDE:
            assert expect.get("outside_knowledge") is True, where
            assert set(expect.get("conditions") or []) <= CONDITIONS, where
        else:
            assert not expect.get("outside_knowledge"), where
            assert expect.get("conditions") and set(expect["conditions"]) <= CONDITIONS, where
            assert v["condition"] in expect["conditions"], where
        assert expect.get("triage_min") in TRIAGE and expect.get("triage_max") in TRIAGE, where
        assert TRIAGE.index(expect["triage_min"]) <= TRIAGE.index(expect["triage_max"]), where
        assert isinstance(expect.get("emergency_first"), bool), where
        if expect["emergency_first"]:
            assert expect["triage_min"] == "emergency", where


def test_ids_are_unique(any_vignettes):
    ids = Counter(v["id"] for v in any_vignettes)
    assert not [i for i, n in ids.items() if n > 1]


def test_sources_and_red_flags_come_from_the_knowledge(vignettes):
    urls = {s["url"] for s in _load(ROOT / "knowledge" / "sources.yml")["sources"]}
    flags = {f["id"] for f in _load(ROOT / "knowledge" / "red_flags.yml")["red_flags"]}
    for v in vignettes:
        assert v["source"] in urls, (v["id"], v["source"])
        assert v.get("red_flag") is None or v["red_flag"] in flags, (v["id"], v.get("red_flag"))


def test_at_least_five_vignettes_per_condition(vignettes):
    counts = Counter(v["condition"] for v in vignettes)
    assert {c: counts.get(c, 0) for c in SEED_CONDITIONS if counts.get(c, 0) < 5} == {}
    assert len(vignettes) >= 72


def test_at_least_twelve_red_flag_vignettes(vignettes):
    red = [v for v in vignettes if v.get("red_flag") and v["expect"]["triage_min"] in ("urgent", "emergency")]
    assert len(red) >= 12
    assert sum(1 for v in vignettes if v["expect"]["emergency_first"]) >= 4


def test_the_styles_are_varied(vignettes):
    assert {v["answer_with"] for v in vignettes} == {"buttons", "text"}
    assert sum(1 for v in vignettes if v.get("later")) >= 3
    assert sum(1 for v in vignettes if v.get("where") == "lower back") >= 10
    assert sum(1 for v in vignettes for f in v["facts"] if f["answer"] == "unsure") >= 40


def test_no_opening_or_later_message_is_in_the_nlu_training_data(any_vignettes):
    training = _training_examples(ROOT / "data" / "nlu.yml")
    held_out = _training_examples(ROOT / "eval" / "nlu_test.yml")
    assert len(training) > 100
    for v in any_vignettes:
        for text in [v["opening"]] + ([v["later"]["message"]] if v.get("later") else []):
            assert _normal(text) not in training, (v["id"], text)
            assert _normal(text) not in held_out, (v["id"], text)


def test_every_fact_names_a_question_the_bot_can_ask(any_vignettes, questions):
    texts = [q.lower() for q in questions.values()]
    for v in any_vignettes:
        keywords = [k for fact in v["facts"] for k in fact["about"]]
        assert not [k for k, n in Counter(keywords).items() if n > 1], (v["id"], "a keyword is listed twice")
        for k in keywords:
            matching = [t for t in texts if k in t]
            assert matching, (v["id"], f"{k!r} is in no question of knowledge/findings.yml")
            # one question per keyword, so a fact never answers a question it was not written for
            assert len(matching) == 1, (v["id"], f"{k!r} is in several questions: {matching}")


# --- the simulator's reading of questions -------------------------------------------------------------
PATIENT = {
    "facts": [
        {"about": ["bumps itch"], "answer": "yes"},
        {"about": ["intense"], "answer": "no"},
        {"about": ["worse at night"], "answer": "unsure"},
        {"about": ["fever", "hot and shivery"], "answer": "no"},
        {"about": ["anyone you live with"], "answer": "yes"},
    ],
    "where": "lower back",
    "how_long": "about three weeks",
    "age": "34",
}


@pytest.mark.parametrize(
    "question_id, kind, value",
    [
        ("itching", "fact", "yes"),
        ("intense_itching", "fact", "no"),
        ("itching_worse_at_night", "fact", "unsure"),
        ("fever", "fact", "no"),
        ("household_itchy", "fact", "yes"),
        ("age_group", "age", "34"),
        ("duration", "how_long", "about three weeks"),
        ("location", "where", "lower back"),
        ("gluten_link", "none", "unsure"),
        ("hands_wrists_waist", "none", "unsure"),  # "itchy bumps between the fingers" is not "bumps itch"
    ],
)
def test_the_simulator_recognises_the_bots_questions(simulate, questions, question_id, kind, value):
    answer = simulate.recognise_question(questions[question_id], PATIENT)
    assert (answer.kind, answer.value) == (kind, value)


def test_a_reprompted_question_is_still_recognised(simulate, questions):
    text = "Sorry, I didn't catch that. You can answer in your own words or use the buttons. " + questions["fever"]
    assert simulate.recognise_question(text, PATIENT).value == "no"
    assert simulate.same_question(text, questions["fever"])
    assert not simulate.same_question(questions["itching"], questions["fever"])


def test_an_open_question_without_an_answer_gets_not_sure(simulate, questions):
    answer = simulate.recognise_question(questions["age_group"], {"facts": []})
    assert (answer.kind, answer.value) == ("age", "unsure")


def test_the_longest_keyword_wins(simulate):
    vignette = {"facts": [{"about": ["itch"], "answer": "yes"}, {"about": ["worse at night"], "answer": "no"}]}
    assert simulate.recognise_question("Is the itching worse at night?", vignette).value == "no"


@pytest.fixture(scope="module")
def group_buttons(findings):
    return {
        g["id"]: [{"title": o["button"], "payload": o["button"]} for o in g["options"]] + [{"title": "Not sure", "payload": "/unsure"}]
        for g in findings["groups"]
    }


@pytest.mark.parametrize(
    "group, kind, text, title",
    [
        ("age_group", "age", "34", "Adult (20 to 59)"),
        ("age_group", "age", "she's 11", "Child (1 to 12)"),
        ("age_group", "age", "12", "Child (1 to 12)"),
        ("age_group", "age", "13", "Teenager (13 to 19)"),
        ("age_group", "age", "12 days old", "Baby (under 1)"),
        ("age_group", "age", "10 months", "Baby (under 1)"),
        ("age_group", "age", "80", "60 or over"),
        ("duration", "how_long", "since yesterday", "Less than a week"),
        ("duration", "how_long", "a few hours", "Less than a week"),
        ("duration", "how_long", "about three weeks", "1 to 6 weeks"),
        ("duration", "how_long", "over a week", "1 to 6 weeks"),  # "less than" excludes its bound
        ("duration", "how_long", "a month", "1 to 6 weeks"),
        ("duration", "how_long", "a couple of months", "More than 6 weeks"),
        ("duration", "how_long", "years", "More than 6 weeks"),
        ("location", "where", "lower back", "Lower back"),
        ("location", "where", "upper back and shoulders", "Upper back"),
        ("location", "where", "all over his back", "All over the back"),
        ("location", "where", "between my shoulder blades", None),  # no title fits: the patient types it
    ],
)
def test_free_text_answers_pick_the_right_button(simulate, group_buttons, group, kind, text, title):
    button = simulate.best_button(simulate.Answer(kind, text), group_buttons[group])
    assert (button or {}).get("title") == title


def test_yes_no_answers_click_the_payloads(simulate):
    buttons = [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}, {"title": "Not sure", "payload": "/unsure"}]
    assert simulate.reply_to(simulate.Answer("fact", "no"), buttons, "buttons", "k") == ("/deny", "button")
    assert simulate.reply_to(simulate.Answer("none", "unsure"), buttons, "buttons", "k") == ("/unsure", "button")
    typed, how = simulate.reply_to(simulate.Answer("fact", "yes"), buttons, "text", "k")
    assert how == "typed" and typed in simulate.TYPED["yes"]
    assert simulate.reply_to(simulate.Answer("where", "small of my back"), buttons, "text", "k") == ("small of my back", "typed")


def test_an_assessment_is_told_from_a_red_flag_alert(simulate):
    assessment = {"triage": "urgent", "conditions": [{"id": "shingles", "name": "Shingles", "likelihood": 0.8}]}
    alert = [{"text": "URGENT: A rash near the eye ... needs medical advice today.", "custom": {"assessment": assessment}},
             {"text": "Is the rash in a band or stripe on just one side of the body?", "buttons": [{"title": "Yes", "payload": "/affirm"}]}]
    whole = [{"text": "Here is what your answers point to.\n\nMost likely causes:\n1. Shingles (80% likely)", "custom": {"assessment": assessment}}]
    split = [{"text": "Here is what your answers point to."}, {"text": "Most likely causes:\n1. Shingles (80% likely)"},
             {"custom": {"assessment": assessment}}]  # Rasa's stock REST channel
    assert [simulate.is_full_assessment(t, a) for t, a, _ in simulate.utterances(alert) if a] == [False]
    assert [simulate.is_full_assessment(t, a) for t, a, _ in simulate.utterances(whole) if a] == [True]
    assert [simulate.is_full_assessment(t, a) for t, a, _ in simulate.utterances(split) if a] == [True]
    assert simulate.find_question(alert)[0].startswith("Is the rash in a band")
