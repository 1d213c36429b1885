"""Shared fixtures: the knowledge base, the interview engine and the symptom matcher."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from nlu.symptom_matcher import SymptomMatcher
from symptomchecker.interview import SymptomChecker
from symptomchecker.knowledge import default_knowledge

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def kb():
    return default_knowledge()


@pytest.fixture(scope="session")
def checker(kb):
    return SymptomChecker(kb)


@pytest.fixture(scope="session")
def training_words():
    """Words of the NLU training data, as the trained SymptomExtractor knows them."""
    data = yaml.safe_load((ROOT / "data" / "nlu.yml").read_text(encoding="utf-8"))
    words = set()
    for block in data.get("nlu", []):
        words.update(re.findall(r"[a-z]+", str(block.get("examples", "")).lower()))
    return words


@pytest.fixture(scope="session")
def matcher(kb, training_words):
    return SymptomMatcher(kb, known_words=training_words)
