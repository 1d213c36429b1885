"""The README's picture of a summary page: docs/summary-page.png (and the PDF beside it in build/).

    .venv/bin/python scripts/summary_picture.py [--out docs/summary-page.png]

A scripted conversation goes through symptomchecker with the spaCy matcher (no Rasa, no servers):
a first description, then the interview's questions answered as the person would. Its summary's
PDF (symptomchecker/summary.py) is rasterised by Chromium (the system's, through Playwright, as
the browser tests use it): neither fpdf2 nor the project's other libraries can draw a PDF, and
poppler's pdftoppm is not among the programs `make install` sets up. The page is shown in
Chromium's PDF viewer, so this needs its new headless mode.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import os
import shutil
import sys
from pathlib import Path

from nlu.symptom_matcher import SymptomMatcher
from storage.masking import mask_personal_data
from symptomchecker import summary
from symptomchecker.interview import NO, YES, Observation, State, SymptomChecker

ROOT = Path(__file__).resolve().parents[1]
DESCRIPTION = (
    "Itchy red bumps on my lower back for about three weeks, much worse at night. "
    "My partner has started itching too. My name is Sam, call me on 07700 900123"
)
#: the answers, by words of the question; any other question is answered "no"
ANSWERS = {"between the fingers": YES, "itching intense": YES, "closest to what you see": "Many small spots or a rash"}


def conversation() -> dict:
    checker = SymptomChecker()
    matcher = SymptomMatcher(checker.kb)

    def said(text: str, answer=None) -> Observation:
        found = {m.value: m.status for m in matcher.extract(text) if m.entity == "finding"}
        return Observation(findings=found, answer=answer, text=text)

    state, replies = checker.step(State(), said(DESCRIPTION))
    for _ in range(20):
        if state.assessed:
            break
        question = replies[-1].text
        reply = next((a for words, a in ANSWERS.items() if words in question), NO)
        state, replies = checker.step(state, said(reply, reply if reply in (YES, NO) else None))
    assert state.assessed, "the scripted conversation did not reach an assessment"
    return summary.build(
        checker.kb, state, checker.assessment(state), mask_personal_data(DESCRIPTION), date=dt.date(2025, 1, 15)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(ROOT / "docs" / "summary-page.png"))
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM") or shutil.which("chromium") or "chromium")
    args = parser.parse_args()
    document = summary.pdf(conversation())
    (ROOT / "build").mkdir(exist_ok=True)
    (ROOT / "build" / "summary-example.pdf").write_bytes(document)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--headless=new", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 700, "height": 990})
        # the viewer fits the page's width; toolbar off; the data: URL needs no server
        page.goto("data:application/pdf;base64," + base64.b64encode(document).decode() + "#toolbar=0&view=FitH")
        page.wait_for_timeout(3000)
        page.screenshot(path=args.out)
        browser.close()
    size = Path(args.out).stat().st_size
    print(f"wrote {args.out} ({size / 1024:.0f} KB) from a {len(document) / 1024:.0f} KB PDF")
    if size > 300 * 1024:
        sys.exit("the picture is over 300 KB")


if __name__ == "__main__":
    main()
