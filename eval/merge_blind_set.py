"""Merge the folders blind-set writers handed in into one blind set under eval/.

    python eval/merge_blind_set.py 50 --date 2026-12-02 \\
        --about "Two writers: part a (...) and part b (...)." /work/blind/out50a /work/blind/out50b

Each folder holds what the brief of eval/make_blind_brief.py asks for: vignettes.yml, nlu.yml and
sources.md. This writes eval/vignettes_blind<N>.yml (the writers' vignettes, in folder order, as
they wrote them), eval/nlu_test_blind<N>.yml (their NLU messages, grouped by intent) and
eval/blind_sources/blind<N>.md (their source tables, one after the other). It refuses to overwrite
a set that exists (a blind set's first run is recorded once) and to merge vignette ids that clash.
Afterwards, add the NLU file to eval/annotation_vocabularies.yml with the vocabulary the writers
were given, run `pytest tests/eval`, and play the set once before changing anything for it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Dict, List, Sequence

import yaml

EVAL = Path(__file__).resolve().parent
HELD_OUT = (
    "written {date} by a session that did not see the bot's vocabulary, training data, test sets or other blind sets"
)


def _vignette_block(text: str) -> str:
    """The writer's list of vignettes as written (comments kept), without the `vignettes:` key."""
    return text[text.index("vignettes:") + len("vignettes:") :].strip("\n")


def merge(number: int, date: str, about: str, folders: Sequence[Path], out: Path = EVAL) -> Dict[str, int]:
    targets = [
        out / f"vignettes_blind{number}.yml",
        out / f"nlu_test_blind{number}.yml",
        out / "blind_sources" / f"blind{number}.md",
    ]
    existing = [str(t) for t in targets if t.exists()]
    if existing:
        raise SystemExit(f"blind set {number} exists already: {', '.join(existing)}")
    header = f"BLIND HELD-OUT SET {number} ({HELD_OUT.format(date=date)}). Use only to measure."
    vignettes: List[dict] = []
    blocks: List[str] = []
    examples: Dict[str, List[str]] = {}
    sources: List[str] = []
    for folder in folders:
        text = (folder / "vignettes.yml").read_text(encoding="utf-8")
        vignettes += yaml.safe_load(text)["vignettes"]
        blocks.append(_vignette_block(text))
        for block in yaml.safe_load((folder / "nlu.yml").read_text(encoding="utf-8"))["nlu"]:
            lines = [line.strip() for line in str(block["examples"]).splitlines() if line.strip()]
            examples.setdefault(block["intent"], []).extend(lines)
        sources += [
            f"<!-- from the writer of {folder.name} -->",
            (folder / "sources.md").read_text(encoding="utf-8").strip(),
            "",
        ]
    ids = [v["id"] for v in vignettes]
    clashes = sorted({i for i in ids if ids.count(i) > 1})
    if clashes:
        raise SystemExit(f"vignette ids written twice: {', '.join(clashes)}")
    vignette_text = (
        "\n".join([f"# {header}", f"# {about} Sources: eval/blind_sources/blind{number}.md", "vignettes:", *blocks])
        + "\n"
    )
    if [v["id"] for v in yaml.safe_load(vignette_text)["vignettes"]] != ids:
        raise SystemExit("the writers' vignette lists do not join into one list (indentation?)")
    nlu_header = f"BLIND HELD-OUT SET {number} NLU messages ({HELD_OUT.format(date=date)}). Use only to measure."
    nlu = [f"# {nlu_header}", 'version: "3.1"', "nlu:"]
    for intent, lines in examples.items():
        nlu += [f"- intent: {intent}", "  examples: |", *(f"    {line}" for line in lines)]
    nlu_text = "\n".join(nlu) + "\n"
    yaml.safe_load(nlu_text)
    targets[0].write_text(vignette_text, encoding="utf-8")
    targets[1].write_text(nlu_text, encoding="utf-8")
    targets[2].parent.mkdir(parents=True, exist_ok=True)
    targets[2].write_text("\n".join([f"# Sources for blind held-out set {number}", "", *sources]), encoding="utf-8")
    return {"vignettes": len(ids), "nlu_messages": sum(len(lines) for lines in examples.values())}


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("number", type=int, help="the blind set's number")
    parser.add_argument("folders", nargs="+", type=Path, help="the writers' folders, in order")
    parser.add_argument("--date", required=True, help="when the writers wrote it (YYYY-MM-DD)")
    parser.add_argument("--about", required=True, help="one line: who wrote what")
    args = parser.parse_args(argv or None)
    counts = merge(args.number, args.date, args.about, args.folders)
    print(f"blind set {args.number}: {counts['vignettes']} vignettes, {counts['nlu_messages']} NLU messages")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
