"""Rasa's own checks on the project: data validation and the conversation tests."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).parent / "rasa")
MODEL = ROOT / "models" / "symptom-checker.tar.gz"
pytestmark = pytest.mark.rasa_cli


def rasa(*args: str, cwd: Path = ROOT, timeout: int = 600) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false")
    return subprocess.run([RASA, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def test_rasa_data_validate():
    result = rasa("data", "validate", "--fail-on-warnings")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_conversation_stories(tmp_path):
    out = tmp_path / "results"
    result = rasa("test", "core", "--model", str(MODEL), "--stories", "tests/test_stories.yml",
                  "--fail-on-prediction-errors", "--out", str(out), "--no-plot")
    failed = (out / "failed_test_stories.yml")
    detail = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, detail + result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def agent():
    from rasa.core.agent import Agent

    return Agent.load(str(MODEL))


def story_messages():
    import yaml

    stories = yaml.safe_load((ROOT / "tests" / "test_stories.yml").read_text(encoding="utf-8"))["stories"]
    return [(s["user"].strip(), s["intent"]) for story in stories for s in story["steps"] if "user" in s]


def test_story_messages_are_understood_as_their_intent(agent):
    """`rasa test core` takes a story's intent as given; this checks the trained NLU reads it too."""
    import asyncio

    wrong = []
    for text, intent in story_messages():
        parsed = asyncio.run(agent.parse_message(text))
        if parsed["intent"]["name"] != intent:
            wrong.append((text, intent, parsed["intent"]["name"]))
    assert not wrong, wrong
