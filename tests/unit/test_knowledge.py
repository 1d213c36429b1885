"""The knowledge base: schema, completeness, sources, the interface's ids, clear errors."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from symptomchecker.knowledge import DEFAULT_DIR, TRIAGE_ORDER, KnowledgeError, load_knowledge

INTERFACE_IDS = {
    "keratosis_pilaris", "chickenpox", "shingles", "pseudomonas_folliculitis", "back_acne", "cystic_acne",
    "dermatitis_herpetiformis", "scabies", "boils", "cherry_hemangioma", "allergic_contact_dermatitis", "measles",
}
DOSE = re.compile(r"\d+(\.\d+)?\s?(mg|mcg|ml|g|%|iu)\b|\b(once|twice|three times|four times) (a|per) day|\bevery \d+ hours", re.I)


def test_every_condition_of_the_interface_is_in_the_knowledge(kb):
    assert INTERFACE_IDS <= set(kb.conditions)


def test_triage_levels_are_the_four_of_the_interface(kb):
    assert list(kb.triage) == TRIAGE_ORDER == ["self_care", "see_doctor", "urgent", "emergency"]


@pytest.mark.parametrize("condition_id", sorted(INTERFACE_IDS))
def test_condition_is_complete(kb, condition_id):
    c = kb.conditions[condition_id]
    assert c.summary and c.cause and c.appearance and c.contagiousness.how
    assert c.self_care and c.treatment and c.see_doctor_if and c.risk_factors and c.locations
    assert len(c.sources) >= 2, "cite at least two sources"
    # the discriminating findings the interview relies on are stated, not left to base rates
    for fid in ("itching", "fever", "duration_days", "duration_weeks", "duration_months", "age_child", "age_adult"):
        assert fid in c.findings, f"{condition_id} does not say how often '{fid}' occurs"


def test_every_source_is_cited_and_every_citation_resolves(kb):
    cited = {s for c in kb.conditions.values() for s in c.sources}
    cited |= {s for r in kb.red_flags.values() for s in r.sources}
    cited |= {s for t in kb.topics.values() for s in t.sources}
    assert cited <= set(kb.sources)
    for source in kb.sources.values():
        assert source.url.startswith("https://"), source.id


def test_no_medicine_doses_anywhere(kb):
    texts = []
    for c in kb.conditions.values():
        texts += [c.summary, c.cause, c.appearance, c.contagiousness.how, *c.self_care, *c.see_doctor_if, *c.prevention]
        texts += [t.text for t in c.treatment]
    texts += [r.advice for r in kb.red_flags.values()] + [t.text for t in kb.topics.values()]
    offenders = [t for t in texts if DOSE.search(t)]
    assert not offenders, offenders


def test_every_red_flag_finding_can_be_recognised(kb):
    for flag in kb.red_flags.values():
        for fid in flag.any_of + flag.all_of:
            assert kb.findings[fid].synonyms, f"{flag.id}: finding {fid} has no synonyms"


def test_anaphylaxis_is_an_emergency(kb):
    flag = kb.red_flags["severe_allergic_reaction"]
    assert flag.triage == "emergency"
    assert {"swelling_face_lips_throat", "trouble_breathing", "faint_dizzy"} <= set(flag.any_of)


@pytest.fixture
def broken_copy(tmp_path: Path):
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def _edit_yaml(path: Path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_error_names_file_condition_and_field_for_an_unknown_finding(broken_copy):
    path = broken_copy / "conditions" / "scabies.yml"
    _edit_yaml(path, lambda d: d["findings"].update({"itchin": "typical"}))
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(broken_copy)
    message = str(err.value)
    assert "scabies.yml" in message and "'scabies'" in message and "findings" in message and "itchin" in message


def test_error_names_the_field_for_a_bad_value(broken_copy):
    path = broken_copy / "conditions" / "measles.yml"
    _edit_yaml(path, lambda d: d.update({"triage": "whenever"}))
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(broken_copy)
    assert "measles.yml" in str(err.value) and "'measles'" in str(err.value) and "triage" in str(err.value)


def test_error_for_a_missing_required_field(broken_copy):
    path = broken_copy / "conditions" / "boils.yml"
    _edit_yaml(path, lambda d: d.pop("self_care"))
    with pytest.raises(KnowledgeError, match=r"boils\.yml.*'boils'.*self_care"):
        load_knowledge(broken_copy)


def test_error_for_an_unknown_source(broken_copy):
    _edit_yaml(broken_copy / "conditions" / "shingles.yml", lambda d: d["sources"].append("my_blog"))
    with pytest.raises(KnowledgeError, match=r"shingles\.yml.*sources.*my_blog"):
        load_knowledge(broken_copy)


@pytest.mark.parametrize("change, message", [
    ({"screen": ["itching"]}, r"screen.*only about the flag's own findings.*itching"),
    ({"or_if_any": ["dry_skin_eczema"]}, r"or_if_any.*if_likely"),
    ({"screen_when_any": ["fevr"]}, r"screen_when_any.*fevr"),
])
def test_error_for_a_red_flag_screen_or_alternative_that_cannot_work(broken_copy, change, message):
    def edit(data):
        flag = next(f for f in data["red_flags"] if f["id"] == "meningitis_or_sepsis_signs")
        flag.update(change)
    _edit_yaml(broken_copy / "red_flags.yml", edit)
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(broken_copy)


@pytest.mark.parametrize("change, message", [
    ({"share": 0.8}, r"eczema\.yml.*eczema.*forms.*share"),
    ({"findings": {"fevr": "common"}}, r"eczema\.yml.*forms\.eczema_herpeticum\.findings.*fevr"),
    ({"requires_any": ["eczma"]}, r"eczema\.yml.*forms\.eczema_herpeticum\.requires_any.*eczma"),
])
def test_error_for_a_form_of_a_condition_that_cannot_work(broken_copy, change, message):
    _edit_yaml(broken_copy / "conditions" / "eczema.yml", lambda d: d["forms"][0].update(change))
    with pytest.raises(KnowledgeError, match=message):
        load_knowledge(broken_copy)


def test_error_for_invalid_yaml(broken_copy):
    (broken_copy / "red_flags.yml").write_text("red_flags: [\n  - id: x\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"red_flags\.yml: not valid YAML"):
        load_knowledge(broken_copy)


def test_adding_a_condition_is_a_data_change(broken_copy):
    data = yaml.safe_load((broken_copy / "conditions" / "boils.yml").read_text(encoding="utf-8"))
    data.update(id="carbuncle_test", name="Carbuncle (test)")
    (broken_copy / "conditions" / "carbuncle_test.yml").write_text(yaml.safe_dump(data), encoding="utf-8")
    kb = load_knowledge(broken_copy)
    assert "carbuncle_test" in kb.conditions


def test_every_topic_of_every_condition_is_answered_from_the_knowledge(kb):
    """'Is ringworm contagious?', 'how is a lipoma treated?', ...: each of the thirty conditions
    answers each question topic with its own words and its sources, never a blank section."""
    from symptomchecker.render import CONDITION_TOPICS, condition_answer

    for cid, condition in kb.conditions.items():
        for topic in CONDITION_TOPICS:
            text = condition_answer(kb, cid, topic)
            assert text.startswith(f"{condition.name}: {CONDITION_TOPICS[topic]}"), (cid, topic)
            body = text.split("\n\n", 1)[1].split("\n\nSources:")[0]
            assert len(body.strip()) > 20, (cid, topic, body)
            assert all(url in text for url in kb.source_urls(condition.sources)), (cid, topic)
    assert len(kb.conditions) == 30


@pytest.mark.parametrize("written, mistyped, error", [
    # a finding's of_a_lump names a finding that exists
    ("of_a_lump: lump_growing", "of_a_lump: lump_grwoing", r"'changing_spot'.*of_a_lump.*lump_grwoing"),
    # a synonym's "+" marks a word that must be a plural, at its end
    ("small bumps+,", "small +bumps,", r"lesion_kind.*synonyms.*small \+bumps"),
])
def test_error_names_file_entry_and_field_for_a_mistyped_finding_field(broken_copy, written, mistyped, error):
    path = broken_copy / "findings.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(written, mistyped, 1), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"findings\.yml.*" + error):
        load_knowledge(broken_copy)


def test_a_contradiction_declared_on_one_side_goes_both_ways(broken_copy):
    """An editor declares 'contradicts' on one finding; the other finding contradicts it too."""
    path = broken_copy / "findings.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: itching\n", "  - id: itching\n    contradicts: [fever]\n", 1), encoding="utf-8")
    kb = load_knowledge(broken_copy)
    assert "fever" in kb.findings["itching"].contradicts and "itching" in kb.findings["fever"].contradicts
