"""The README's table of every vignette set, from the summaries `make eval` wrote.

    python eval/table.py [eval/results]

One Markdown row per set (`eval/results/<set>/summary.json`, in the order `make eval` plays them),
with the figures that miss issue 13's targets in bold, then one line of totals over all sets:
vignettes of known conditions right first and in the top three, outside descriptions recognised,
triage at or above the lowest safe level and in range, and the mean number of questions.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

#: The seed's sets keep the targets they had before the thirty conditions.
SEED_SETS = {"vignettes", "vignettes_blind", "vignettes_blind2", "vignettes_blind3", "vignettes_blind4"}
TOP1, TOP3, SEED_TOP1, SEED_TOP3 = 85.0, 95.0, 90.0, 98.0
OUTSIDE, IN_RANGE, MEDIAN_QUESTIONS, BAND_RIGHT = 0.8, 90.0, 5, 80.0


#: The table's head, printed with it so that it can be pasted as it is (the README's table lost it once).
HEADER = (
    "| set | top-1 / top-3 | outside recognised | triage safe / in range | emergencies first | median q | Brier / 80-100 % right |",
    "|---|---|---|---|---|---|---|",
)


def order(name: str) -> Tuple[int, int]:
    """vignettes, vignettes_dev, then the blind sets by number (as scripts/eval.sh plays them)."""
    if name == "vignettes":
        return (0, 0)
    if name == "vignettes_dev":
        return (1, 0)
    number = re.search(r"(\d+)$", name)
    return (2, int(number.group(1)) if number else 1)


def label(name: str, vignettes: int) -> str:
    if name == "vignettes":
        return f"`vignettes.yml` ({vignettes})"
    if name == "vignettes_dev":
        return f"dev ({vignettes})"
    number = re.search(r"(\d+)$", name)
    return f"blind {number.group(1) if number else 1}"


def _bold(text: str, missed: bool) -> str:
    return f"**{text}**" if missed else text


def row(name: str, summary: Dict) -> str:
    """One row: | set | top-1 / top-3 | outside recognised | triage safe / in range | emergencies first |
    median q | Brier / 80-100 % right |"""
    top1_target, top3_target = (SEED_TOP1, SEED_TOP3) if name in SEED_SETS else (TOP1, TOP3)
    outside = summary["outside"]
    accuracy = ""
    if summary["vignettes"] > outside["expected"]:
        top1, top3 = summary["top1_accuracy_pct"], summary["top3_accuracy_pct"]
        accuracy = f"{_bold(f'{top1:.1f}', top1 < top1_target)} / {_bold(f'{top3:.1f}', top3 < top3_target)} %"
    recognised = ""
    if outside["expected"]:
        recognised = _bold(
            f"{outside['recognised']}/{outside['expected']}", outside["recognised"] < OUTSIDE * outside["expected"]
        )
    safe, in_range = summary["triage_safe_pct"], summary["triage_in_range_pct"]
    triage = f"{_bold(f'{safe:g}', safe < 100)} / {_bold(f'{in_range:.1f}', in_range < IN_RANGE)} %"
    flags = summary["red_flags_escalated_first"]
    first = _bold(f"{flags['escalated']} / {flags['of']}", flags["escalated"] < flags["of"])
    median = summary["questions_median"]
    band = summary["calibration"]["bands"][-1]
    right = "–" if band["right_pct"] is None else _bold(f"{band['right_pct']:.1f} %", band["right_pct"] < BAND_RIGHT)
    brier = summary["calibration"]["brier"]
    brier_text = "–" if brier is None else f"{brier:.3f}"
    return (
        f"| {label(name, summary['vignettes'])} | {accuracy} | {recognised} | {triage} | {first} | "
        f"{_bold(f'{median:g}', median > MEDIAN_QUESTIONS)} | {brier_text} / {right} ({band['n']}) |"
    )


def totals(results: Sequence[Dict]) -> str:
    known = [r for r in results if not r.get("outside_expected")]
    outside = [r for r in results if r.get("outside_expected")]
    questions = [r["questions_answered"] for r in results]
    if not results:
        return "no results"

    def count(rows: Sequence[Dict], key: str) -> int:
        return sum(1 for r in rows if r.get(key))

    safe, in_range = count(results, "triage_safe"), count(results, "triage_in_range")
    return (
        f"known conditions: top-1 {count(known, 'top1_hit')} and top-3 {count(known, 'top3_hit')} of {len(known)}; "
        f"outside recognised {count(outside, 'outside_recognised')} of {len(outside)}; "
        f"triage safe {safe} and in range {in_range} of {len(results)}; "
        f"mean questions {statistics.mean(questions):.2f}"
    )


def table(results_dir: Path) -> List[str]:
    sets = sorted((p for p in results_dir.iterdir() if (p / "summary.json").is_file()), key=lambda p: order(p.name))
    lines, everything = list(HEADER), []
    for path in sets:
        data = json.loads((path / "summary.json").read_text(encoding="utf-8"))
        lines.append(row(path.name, data["summary"]))
        everything += data["results"]
    return lines + ["", totals(everything)]


def main(argv: Sequence[str] = ()) -> int:
    results_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent / "results"
    if not results_dir.is_dir():
        print(f"no results in {results_dir}: run `make eval` first", file=sys.stderr)
        return 2
    print("\n".join(table(results_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
