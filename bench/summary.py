"""PDF generation time of the summary for a doctor, for a typical conversation.

    python -m bench.summary [--runs 50]

Prints p50 / p95 / max over the runs (the first PDF, which loads the fonts, is timed apart).
Target (issue 15): p95 under 200 ms.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    data = typical_summary(SymptomChecker())
    start = time.perf_counter()
    first = summary.pdf(data)
    cold = time.perf_counter() - start
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        summary.pdf(data)
        times.append(time.perf_counter() - start)
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    print(f"summary PDF ({len(first):,} bytes), {args.runs} runs: p50 {statistics.median(times) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; first (loads the fonts) {cold * 1000:.0f} ms; "
          f"target p95 < 200 ms: {'met' if p95 < 0.2 else 'MISSED'}")


if __name__ == "__main__":
    main()
