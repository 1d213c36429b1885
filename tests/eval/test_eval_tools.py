"""eval/merge_blind_set.py (writers' folders into one blind set) and eval/table.py (the README's table)."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.modules import load

VIGNETTE = """  - id: {id}
    condition: {condition}
    source: https://www.nhs.uk/
    answer_with: buttons
    opening: "{opening}"
    expect:
      conditions: [{condition}]
      triage_min: self_care
      triage_max: see_doctor
      emergency_first: false
"""


def _writer(folder, ids, intent_lines):
    folder.mkdir()
    body = "".join(VIGNETTE.format(id=i, condition="hives", opening=f"itchy welts {i}") for i in ids)
    (folder / "vignettes.yml").write_text(
        f"# BLIND HELD-OUT SET 9\nvignettes:\n\n  # --- hives\n{body}", encoding="utf-8"
    )
    nlu = 'version: "3.1"\nnlu:\n' + "".join(
        f"- intent: {intent}\n  examples: |\n" + "".join(f"    - {line}\n" for line in lines)
        for intent, lines in intent_lines
    )
    (folder / "nlu.yml").write_text(nlu, encoding="utf-8")
    (folder / "sources.md").write_text(
        f"| page | publisher | copy? | ids |\n|---|---|---|---|\n| https://www.nhs.uk/ | NHS | no | {ids[0]} |\n",
        encoding="utf-8",
    )
    return folder


def test_two_writers_folders_become_one_blind_set(tmp_path):
    merge = load("eval/merge_blind_set.py", "merge_blind_set").merge
    a = _writer(
        tmp_path / "out9a",
        ["hives_terse_01", "hives_parent_02"],
        [("describe_symptoms", ["itchy welts"]), ("greet", ["hi"])],
    )
    b = _writer(tmp_path / "out9b", ["hives_older_03"], [("describe_symptoms", ["raised blotches", "hives again"])])
    out = tmp_path / "eval"
    out.mkdir()
    assert merge(9, "2026-12-01", "Two writers.", [a, b], out) == {"vignettes": 3, "nlu_messages": 4}
    vignettes = yaml.safe_load((out / "vignettes_blind9.yml").read_text(encoding="utf-8"))["vignettes"]
    assert [v["id"] for v in vignettes] == ["hives_terse_01", "hives_parent_02", "hives_older_03"]
    assert (
        (out / "vignettes_blind9.yml")
        .read_text(encoding="utf-8")
        .startswith("# BLIND HELD-OUT SET 9 (written 2026-12-01")
    )
    nlu = yaml.safe_load((out / "nlu_test_blind9.yml").read_text(encoding="utf-8"))["nlu"]
    assert [(b["intent"], b["examples"].count("- ")) for b in nlu] == [("describe_symptoms", 3), ("greet", 1)]
    sources = (out / "blind_sources" / "blind9.md").read_text(encoding="utf-8")
    assert "from the writer of out9a" in sources and "hives_older_03" in sources
    with pytest.raises(SystemExit, match="exists already"):  # a blind set is merged, and first played, once
        merge(9, "2026-12-01", "Two writers.", [a, b], out)


def test_vignette_ids_that_clash_are_refused(tmp_path):
    merge = load("eval/merge_blind_set.py", "merge_blind_set").merge
    a = _writer(tmp_path / "a", ["hives_terse_01"], [("greet", ["hi"])])
    b = _writer(tmp_path / "b", ["hives_terse_01"], [("greet", ["hello"])])
    with pytest.raises(SystemExit, match="hives_terse_01"):
        merge(9, "2026-12-01", "Two writers.", [a, b], tmp_path)
    assert not (tmp_path / "vignettes_blind9.yml").exists()


def _summary(**changes):
    summary = {
        "vignettes": 10,
        "top1_accuracy_pct": 90.0,
        "top3_accuracy_pct": 100.0,
        "triage_safe_pct": 100.0,
        "triage_in_range_pct": 95.0,
        "questions_median": 3,
        "red_flags_escalated_first": {"escalated": 2, "of": 2},
        "outside": {"expected": 0, "recognised": 0},
        "calibration": {"brier": 0.05, "bands": [{"n": 0, "right_pct": None}] * 4 + [{"n": 8, "right_pct": 87.5}]},
    }
    summary.update(changes)
    return summary


def test_the_table_puts_the_missed_targets_in_bold():
    row = load("eval/table.py", "eval_table").row
    assert (
        row("vignettes_blind46", _summary())
        == "| blind 46 | 90.0 / 100.0 % |  | 100 / 95.0 % | 2 / 2 | 3 | 0.050 / 87.5 % (8) |"
    )
    # the seed's sets keep 90 / 98 %; the others 85 / 95 %
    assert "**89.0** / **97.0** %" in row("vignettes_blind2", _summary(top1_accuracy_pct=89.0, top3_accuracy_pct=97.0))
    assert "89.0 / 97.0 %" in row("vignettes_blind46", _summary(top1_accuracy_pct=89.0, top3_accuracy_pct=97.0))
    unsafe = row(
        "vignettes_blind40", _summary(triage_safe_pct=98.1, red_flags_escalated_first={"escalated": 1, "of": 2})
    )
    assert "**98.1** / 95.0 %" in unsafe and "**1 / 2**" in unsafe
    outside = row("vignettes_blind47", _summary(outside={"expected": 10, "recognised": 7}))
    assert "| blind 47 |  | **7/10** |" in outside


def test_the_table_orders_the_sets_as_make_eval_plays_them_and_totals_them(tmp_path):
    table = load("eval/table.py", "eval_table").table
    results = [
        {
            "outside_expected": False,
            "top1_hit": True,
            "top3_hit": True,
            "triage_safe": True,
            "triage_in_range": True,
            "questions_answered": 2,
        }
    ]
    for name in ["vignettes_blind10", "vignettes_blind2", "vignettes", "vignettes_blind", "vignettes_dev"]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "summary.json").write_text(
            json.dumps({"summary": _summary(), "results": results}), encoding="utf-8"
        )
    lines = table(tmp_path)
    assert lines[0].startswith("| set | top-1 / top-3 |") and lines[1].startswith("|---|")
    assert [line.split("|")[1].strip() for line in lines[2:7]] == [
        "`vignettes.yml` (10)",
        "dev (10)",
        "blind 1",
        "blind 2",
        "blind 10",
    ]
    assert lines[-1] == (
        "known conditions: top-1 5 and top-3 5 of 5; outside recognised 0 of 0; "
        "triage safe 5 and in range 5 of 5; mean questions 2.00"
    )
