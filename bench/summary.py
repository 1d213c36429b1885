"""PDF generation time of the summary for a doctor, for a typical conversation.

    python -m bench.summary [--runs 50]

Prints p50 / p95 / max over the runs (the first PDF, which loads the fonts, is timed apart).
Target (issue 15): p95 under 200 ms. `make bench` reports it too (bench/bench.py; `--summary-only`).
"""
from __future__ import annotations

import argparse
import statistics
import time

from symptomchecker import summary
from symptomchecker.interview import Observation, State, SymptomChecker

TYPICAL = {"itching": "present", "itching_worse_at_night": "present", "household_itchy": "present",
           "redness": "present", "location_lower_back": "present"}
DESCRIPTION = "itchy red bumps on my lower back, worse at night, my partner itches too. [name] here, for about three weeks"


def typical_summary(checker: SymptomChecker) -> dict:
    """A conversation played to its assessment: the opening, then "no" to every question."""
    state, _ = checker.step(State(), Observation(findings=dict(TYPICAL), text=DESCRIPTION))
    while not state.assessed:
        state, _ = checker.step(state, Observation(answer="no", text="no"))
    return summary.build(checker.kb, state, checker.assessment(state), DESCRIPTION)


TARGET_MS = 200.0  # p95


def measure(runs: int = 50) -> dict:
    """Times in ms: p50, p95 and max over ``runs`` PDFs of the typical summary, and the first
    (which loads the fonts) apart; the PDF's size in bytes."""
    data = typical_summary(SymptomChecker())
    start = time.perf_counter()
    first = summary.pdf(data)
    cold = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        summary.pdf(data)
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    return {"runs": runs, "bytes": len(first), "p50_ms": statistics.median(times) * 1000, "p95_ms": p95 * 1000,
            "max_ms": times[-1] * 1000, "first_ms": cold * 1000}


def report(result: dict) -> str:
    return (f"summary PDF ({result['bytes']:,} bytes), {result['runs']} runs: p50 {result['p50_ms']:.0f} ms, "
            f"p95 {result['p95_ms']:.0f} ms, max {result['max_ms']:.0f} ms; first (loads the fonts) "
            f"{result['first_ms']:.0f} ms; target p95 < {TARGET_MS:.0f} ms: "
            f"{'met' if result['p95_ms'] < TARGET_MS else 'MISSED'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    print(report(measure(args.runs)))


if __name__ == "__main__":
    main()
