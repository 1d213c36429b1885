"""eval/annotation_vocabularies.yml: every NLU test set's annotators' vocabulary resolves to real finding ids."""

from __future__ import annotations

from pathlib import Path

import yaml

from symptomchecker.knowledge import load_knowledge
from tests.modules import load

ROOT = Path(__file__).resolve().parents[2]


def _nlu_scores():
    return load("eval/nlu_scores.py", "nlu_scores")


def test_every_vocabulary_resolves_and_extends_what_it_names():
    data = yaml.safe_load((ROOT / "eval" / "annotation_vocabularies.yml").read_text(encoding="utf-8"))
    scores = _nlu_scores()
    known = set(load_knowledge().findings)
    for name, entry in data["vocabularies"].items():
        ids = scores.vocabulary_ids(data["vocabularies"], name)
        assert ids and ids <= known, (name, sorted(ids - known))
        if isinstance(entry, dict):
            assert scores.vocabulary_ids(data["vocabularies"], entry["extends"]) < ids or not entry.get("adds")
    for test_file, name in data["files"].items():
        assert (ROOT / test_file).exists() and name in data["vocabularies"], test_file
    assert scores.annotation_vocabulary("eval/nlu_test_blind13.yml") == (
        scores.vocabulary_ids(data["vocabularies"], "session6") | {"young_baby"}
    )
