"""The brief for blind-set writers (eval/make_blind_brief.py), written from the checkout alone."""

from __future__ import annotations

from symptomchecker.knowledge import load_knowledge
from tests.modules import load


def test_the_brief_names_every_question_finding_id_condition_and_triage_level(tmp_path):
    load("eval/make_blind_brief.py", "make_blind_brief").main(tmp_path)
    kb = load_knowledge()
    brief = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert set(brief) == {"README.md", "format.md", "questions.md", "finding_ids.md", "conditions.md"}
    for finding in kb.findings.values():
        assert f"`{finding.id}`" in brief["finding_ids.md"]
        assert not finding.question or finding.question in brief["questions.md"]
    for group in kb.groups.values():
        assert group.question in brief["questions.md"]
    assert all(f"`{cid}`" in brief["conditions.md"] for cid in kb.conditions)
    assert all(f"`{level}`" in brief["conditions.md"] for level in kb.triage)
