"""The NLU training data (data/nlu.yml): what the intents are taught."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from actions.actions import asks_to_forget

NLU = Path(__file__).resolve().parents[2] / "data" / "nlu.yml"


@pytest.fixture(scope="module")
def examples():
    """intent -> its examples, lower case, entity annotations stripped."""
    out = {}
    for block in yaml.safe_load(NLU.read_text(encoding="utf-8"))["nlu"]:
        if "intent" in block:
            lines = [line.strip()[2:] for line in block["examples"].splitlines() if line.strip().startswith("- ")]
            out[block["intent"]] = {re.sub(r"\[([^\]]*)\]\s*(\{[^}]*\}|\([^)]*\))", r"\1", t).lower() for t in lines}
    return out


@pytest.mark.parametrize("text", ["forget everything i said", "forget what i said", "forget what i told you",
                                  "wipe what i told you", "forget everything"])
def test_asking_to_forget_is_taught_as_delete_data(examples, text):
    """A person who asks to forget what they said is offered the erasure, not a restart that keeps it."""
    assert text in examples["delete_data"]
    assert text not in examples["start_over"]


def test_no_restart_example_asks_to_forget(examples):
    assert not [t for t in examples["start_over"] if asks_to_forget(t)]
