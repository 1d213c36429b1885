"""Shared fixtures: the knowledge base, the interview engine and the symptom matcher."""
from __future__ import annotations

from pathlib import Path

import pytest

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
def matcher(kb):
    return SymptomMatcher(kb)
