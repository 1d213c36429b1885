"""NLU scores on the held-out sets (eval/nlu_test*.yml), ours beside Rasa's default pipeline.

    python eval/nlu_scores.py [--model models/symptom-checker.tar.gz] [--out eval/results]
                              [--crossval] [--default] [--default-crossval]

- intent: accuracy and macro F1 over the held-out messages (a message sent to nlu_fallback
  counts as wrong);
- the same intent figures over the "unseen" messages only: those whose words (lower case,
  punctuation dropped) are not also a training example. Short replies ("thanks", "yes") are
  often written the same way by everyone, so a set written blind can still share them with the
  training data; the unseen figures show how the classifier does on wording it never saw;
- symptom entities: micro precision / recall / F1 over (finding id, role) pairs per message, so
  a negated symptom read as present is both a false positive and a false negative; findings
  added to the knowledge after a set was written are left out of its scores
  (eval/annotation_vocabularies.yml says which ids each set's annotators could use);
- --crossval: 5-fold cross-validation of our pipeline over data/nlu.yml (`rasa test nlu`);
- --default: trains Rasa's default pipeline (eval/config_default.yml) on the same data and scores
  it the same way; --default-crossval also cross-validates it (slow: about 40 minutes here).

eval/nlu_test.yml was written with the training data and its errors were looked at while
improving the NLU; the blind sets (eval/nlu_test_blind*.yml) were each written by someone who had
not seen the bot's vocabulary or training data, and each one's first run is the honest measure.

Prints a table and writes <out>/nlu_scores.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("LOG_LEVEL", "WARNING")  # Rasa's per-message debug lines would drown the table
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
RASA = str(Path(sys.executable).parent / "rasa")


def load_examples(path: Path):
    from rasa.shared.nlu.training_data.loading import load_data

    return load_data(str(path)).training_examples


def plain(text: str) -> str:
    """A message's words: lower case, punctuation dropped (to find test messages that are also training examples)."""
    return " ".join(re.sub(r"[^\w\s]", "", text.lower()).split())


def training_texts() -> set:
    return {plain(example.get("text")) for example in load_examples(ROOT / "data" / "nlu.yml")}


def gold_findings(example) -> set:
    return {(e["value"], e.get("role") or "present") for e in example.get("entities") or [] if e["entity"] == "finding"}


def predicted_findings(parsed: dict) -> set:
    """(finding, role) pairs the bot read. Findings added after a set was written (who the person
    is, sex_male / sex_female, among them) are left out by its annotation vocabulary (below)."""
    return {
        (e["value"], e.get("role") or "present") for e in parsed.get("entities") or [] if e.get("entity") == "finding"
    }


def macro_f1(pairs: List[Tuple[str, str]]) -> float:
    labels = sorted({g for g, _ in pairs})
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores)


def annotation_vocabulary(test_file: str):
    """The finding ids the set's annotators could use (eval/annotation_vocabularies.yml), or None: all."""
    import yaml

    with open(ROOT / "eval" / "annotation_vocabularies.yml", encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    name = data["files"].get(str(test_file))
    return vocabulary_ids(data["vocabularies"], name) if name else None


def vocabulary_ids(vocabularies: dict, name: str) -> set:
    """A vocabulary's ids: its list, or the one it `extends` and the ids it `adds`."""
    entry = vocabularies[name]
    if isinstance(entry, dict):
        return vocabulary_ids(vocabularies, entry["extends"]) | set(entry.get("adds") or [])
    return set(entry)


def score_model(model: Path, test_file: Path, seen: set, vocabulary=None) -> Dict[str, float]:
    import logging

    from rasa.core.agent import Agent
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # Rasa logs every parse at debug level otherwise

    agent = Agent.load(str(model))
    intents, unseen, tp, fp, fn, errors = [], [], 0, 0, 0, []
    for example in load_examples(test_file):
        text = example.get("text")
        parsed = asyncio.run(agent.parse_message(text))
        predicted = parsed["intent"]["name"]
        intents.append((example.get("intent"), predicted))
        if plain(text) not in seen:
            unseen.append((example.get("intent"), predicted))
        gold, pred = gold_findings(example), predicted_findings(parsed)
        if vocabulary is not None:  # a finding added after the set was written could not be annotated
            pred = {(value, role) for value, role in pred if value in vocabulary}
        if example.get("intent") == "describe_symptoms" or gold:
            tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
            if gold != pred:
                errors.append({"text": text, "missed": sorted(gold - pred), "wrong": sorted(pred - gold)})
        if predicted != example.get("intent"):
            errors.append({"text": text, "intent": example.get("intent"), "predicted": predicted})
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "intent_accuracy": sum(1 for g, p in intents if g == p) / len(intents),
        "intent_macro_f1": macro_f1(intents),
        "entity_precision": precision,
        "entity_recall": recall,
        "entity_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "messages": len(intents),
        "unseen_messages": len(unseen),
        "unseen_intent_accuracy": sum(1 for g, p in unseen if g == p) / len(unseen) if unseen else None,
        "unseen_intent_macro_f1": macro_f1(unseen) if unseen else None,
        "errors": errors,
    }


def rasa(*args: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2", RASA_TELEMETRY_ENABLED="false")
    subprocess.run([RASA, *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def crossval(config: str, out: Path) -> Dict[str, float]:
    rasa(
        "test",
        "nlu",
        "--nlu",
        "data/nlu.yml",
        "--config",
        config,
        "--cross-validation",
        "--folds",
        "5",
        "--runs",
        "1",
        "--out",
        str(out),
        "--no-plot",
    )
    report = json.loads((out / "intent_report.json").read_text())
    return {"intent_accuracy": report["accuracy"], "intent_macro_f1": report["macro avg"]["f1-score"]}


def default_test_sets() -> List[str]:
    """eval/nlu_test.yml and every eval/nlu_test_blind*.yml, in the order of their numbers."""
    blind = sorted(ROOT.glob("eval/nlu_test_blind*.yml"), key=lambda p: int(re.sub(r"\D", "", p.stem) or 1))
    return ["eval/nlu_test.yml"] + [str(p.relative_to(ROOT)) for p in blind]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="models/symptom-checker.tar.gz")
    parser.add_argument(
        "--test", nargs="+", default=default_test_sets(), help="held-out NLU files (each scored on its own)"
    )
    parser.add_argument("--out", default="eval/results")
    parser.add_argument("--crossval", action="store_true")
    parser.add_argument("--default", action="store_true")
    parser.add_argument("--default-crossval", action="store_true")
    args = parser.parse_args()
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)

    pipelines = {"ours (config.yml)": ROOT / args.model}
    results: Dict[str, Dict] = {"ours (config.yml)": {}}
    if args.default or args.default_crossval:
        model_dir = out / "default-model"
        rasa(
            "train",
            "nlu",
            "--config",
            "eval/config_default.yml",
            "--nlu",
            "data/nlu.yml",
            "--out",
            str(model_dir),
            "--fixed-model-name",
            "default",
        )
        pipelines["rasa default pipeline"] = model_dir / "default.tar.gz"
        results["rasa default pipeline"] = {}
    seen = training_texts()
    for name, model in pipelines.items():
        for test in args.test:
            results[name][test] = score_model(model, ROOT / test, seen, annotation_vocabulary(test))
    if args.crossval:
        results["ours (config.yml)"]["crossval_5"] = crossval("config.yml", out / "crossval-ours")
    if args.default_crossval:
        results["rasa default pipeline"]["crossval_5"] = crossval("eval/config_default.yml", out / "crossval-default")

    print(
        f"\n{'pipeline':<24} {'test set':<26} {'msgs':>5} {'intent acc':>10} {'intent F1':>10} {'entity P':>9} {'entity R':>9} {'entity F1':>10}"
        f" {'unseen':>7} {'unseen acc':>10} {'unseen F1':>10}"
    )
    for name, r in results.items():
        for test in args.test:
            h = r[test]
            print(
                f"{name:<24} {test:<26} {h['messages']:>5} {h['intent_accuracy']:>10.3f} {h['intent_macro_f1']:>10.3f} "
                f"{h['entity_precision']:>9.3f} {h['entity_recall']:>9.3f} {h['entity_f1']:>10.3f}"
                f" {h['unseen_messages']:>7} {h['unseen_intent_accuracy'] or 0:>10.3f} {h['unseen_intent_macro_f1'] or 0:>10.3f}"
            )
        if "crossval_5" in r:
            cv = r["crossval_5"]
            print(
                f"{name:<24} {'5-fold cross-validation':<26} {'':>5} {cv['intent_accuracy']:>10.3f} {cv['intent_macro_f1']:>10.3f}"
            )
    (out / "nlu_scores.json").write_text(json.dumps(results, indent=2))
    print(f"\nerrors and details: {out / 'nlu_scores.json'}")


if __name__ == "__main__":
    main()
