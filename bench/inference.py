"""How the interview's cost grows with the knowledge: CPU time of one turn, no servers.

    python -m bench.inference [--turns 300] [--scale 2.5]

Plays the same scripted conversations (an opening, then "no" to every question until the
assessment) through :class:`symptomchecker.interview.SymptomChecker` on

- the project's knowledge, and
- the same knowledge with every condition copied until there are ``--scale`` times as many
  (copies get new ids; their findings are the original's), so the cost of more conditions is
  measured with everything else equal;

and prints the median and p95 CPU time of one turn for each, and their ratio. With
``--compare REV`` it also runs the interview and inference modules of a git revision (for
example the commit before the matrix model) on the same knowledge, side by side. This is a
benchmark, not a test: it prints figures and never fails on them.
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, List, Optional

from symptomchecker.inference import PRESENT
from symptomchecker.knowledge import KnowledgeBase, default_knowledge

ROOT = Path(__file__).resolve().parent.parent

#: Openings as findings (what the matcher would read), one per conversation in turn.
OPENINGS = [
    {"itching": PRESENT, "itching_worse_at_night": PRESENT},
    {"pimples": PRESENT, "location_upper_back": PRESENT},
    {"single_large_lump_pus": PRESENT},
    {"redness": PRESENT},
    {"fluid_blisters": PRESENT, "fever": PRESENT},
    {"dry_scaly": PRESENT, "duration_months": PRESENT},
]


def scaled(kb: KnowledgeBase, factor: float) -> KnowledgeBase:
    """The knowledge with each condition copied (new ids) until there are factor times as many."""
    conditions = dict(kb.conditions)
    originals = list(kb.conditions.values())
    n = 0
    while len(conditions) < round(factor * len(originals)):
        c = originals[n % len(originals)]
        copy_id = f"{c.id}_copy{n // len(originals) + 1}"
        conditions[copy_id] = c.copy(update={"id": copy_id})
        n += 1
    return KnowledgeBase(**{**kb.__dict__, "conditions": conditions})


def turn_times(make_checker: Callable, observation, state_cls, kb: KnowledgeBase, turns: int) -> List[float]:
    """CPU seconds of each turn over as many scripted conversations as needed."""
    checker = make_checker(kb)
    times: List[float] = []
    conversation = 0
    while len(times) < turns:
        state = state_cls()
        message = observation(findings=dict(OPENINGS[conversation % len(OPENINGS)]), text="")
        for _ in range(20):
            start = time.process_time()
            state, _replies = checker.step(state, message)
            times.append(time.process_time() - start)
            if state.assessed:
                break
            message = observation(answer="no", text="no")
        conversation += 1
    return times[:turns]


def load_revision(rev: str):
    """symptomchecker.interview of a git revision, importable beside today's."""
    folder = Path(tempfile.mkdtemp(prefix="bench-inference-"))
    package = folder / "oldchecker"
    package.mkdir()
    for name in ("__init__", "inference", "interview", "render", "knowledge"):
        source = subprocess.run(["git", "show", f"{rev}:symptomchecker/{name}.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        (package / f"{name}.py").write_text(source.replace("symptomchecker", "oldchecker"))
    sys.path.insert(0, str(folder))
    spec = importlib.util.spec_from_file_location("oldchecker", package / "__init__.py", submodule_search_locations=[str(package)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["oldchecker"] = module
    spec.loader.exec_module(module)
    import oldchecker.interview as interview  # type: ignore  # noqa: E402

    return interview


def summary(label: str, times: List[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"{label:<52} median {1000 * statistics.median(times):7.2f} ms   p95 {1000 * p95:7.2f} ms   ({len(times)} turns)"


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=300)
    parser.add_argument("--scale", type=float, default=2.5)
    parser.add_argument("--compare", default=None, help="a git revision whose interview to run side by side")
    args = parser.parse_args(argv)

    from symptomchecker.interview import Observation, State, SymptomChecker

    kb = default_knowledge()
    big = scaled(kb, args.scale)
    rows = []
    medians = {}
    for label, knowledge in ((f"{len(kb.conditions)} conditions", kb), (f"{len(big.conditions)} conditions (x{args.scale})", big)):
        times = turn_times(SymptomChecker, Observation, State, knowledge, args.turns)
        medians[("now", label)] = statistics.median(times)
        rows.append(summary(f"now: {label}", times))
    if args.compare:
        old = load_revision(args.compare)
        old_kb_module = sys.modules["oldchecker.knowledge"]
        old_kb = old_kb_module.load_knowledge(kb.directory)
        old_big = scaled(old_kb, args.scale)
        for label, knowledge in ((f"{len(old_kb.conditions)} conditions", old_kb), (f"{len(old_big.conditions)} conditions (x{args.scale})", old_big)):
            times = turn_times(old.SymptomChecker, old.Observation, old.State, knowledge, args.turns)
            medians[("old", label)] = statistics.median(times)
            rows.append(summary(f"{args.compare}: {label}", times))
    print("\n".join(rows))
    for who in ("now", "old"):
        values = [v for (w, _), v in medians.items() if w == who]
        if len(values) == 2:
            name = "now" if who == "now" else args.compare
            print(f"{name}: x{args.scale} conditions costs {values[1] / values[0]:.2f} times as much per turn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
