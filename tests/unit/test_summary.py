"""The summary for a doctor (symptomchecker/summary.py): its data, its text within each messaging
channel's limit, and its PDF (text extracted with pypdf)."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from storage.masking import mask_personal_data
from symptomchecker import summary
from symptomchecker.inference import ABSENT, PRESENT, UNKNOWN
from symptomchecker.interview import State

TYPED = "itchy red bumps on my lower back, worse at night. My name is Priya, priya.k@example.org, +44 20 7946 0958"
EVIDENCE = {
    "itching": PRESENT, "itching_worse_at_night": PRESENT, "household_itchy": PRESENT, "redness": PRESENT,
    "location_lower_back": PRESENT, "location_upper_back": ABSENT, "duration_weeks": PRESENT,
    "duration_days": ABSENT, "age_adult": PRESENT, "fever": ABSENT, "fluid_blisters": ABSENT,
    "hot_tub_pool": UNKNOWN,
}
HOT_TUB = "a hot tub, spa or swimming pool in the days before the rash"
CHANNEL_LIMITS = {"telegram": 4096, "slack": 3000, "facebook": 2000, "twilio": 1600}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def typical(checker):
    state = State(evidence=dict(EVIDENCE), assessed=True)
    return summary.build(checker.kb, state, checker.assessment(state), mask_personal_data(TYPED), dt.date(2026, 11, 30))


def test_the_summary_data_holds_what_was_said_in_plain_words(typical):
    assert typical["date"] == "2026-11-30"
    assert typical["description"].startswith("itchy red bumps on my lower back")
    assert "Priya" not in typical["description"] and "[name]" in typical["description"]
    assert "itching that is worse at night" in typical["findings"]["present"]
    assert "no fever" in typical["findings"]["absent"]
    assert typical["findings"]["unsure"] == [HOT_TUB]
    assert typical["duration"] == "for one to six weeks"
    assert typical["location"] == ["on the lower back"]
    assert typical["age_group"] == "an adult (20 to 59)"
    # the details are not repeated among the findings, nor the options ruled out by the answer
    assert not any("upper back" in f or "less than a week" in f for f in typical["findings"]["absent"])
    assert typical["causes"][0]["name"] == "Scabies" and typical["causes"][0]["fits"]
    assert typical["triage"]["level"] in ("see_doctor", "self_care", "urgent")
    assert typical["triage"]["reason"] and typical["triage"]["title"]
    assert typical["sources"] and all(u.startswith("https://") for u in typical["sources"])
    assert "not a diagnosis" in typical["disclaimer"] and "automated tool" in typical["disclaimer"]


def test_a_red_flag_raised_is_in_the_summary_with_its_advice_and_gives_the_reason(checker, kb):
    state = State(evidence={"sudden_large_swelling": PRESENT, "kind_lump": PRESENT}, raised=["sudden_large_swelling"], assessed=True)
    data = summary.build(kb, state, checker.assessment(state), "a lump that swelled up today")
    assert [f["id"] for f in data["red_flags"]] == ["sudden_large_swelling"]
    assert data["red_flags"][0]["advice"] == kb.red_flags["sudden_large_swelling"].advice
    assert data["triage"]["level"] == "urgent"
    assert kb.red_flags["sudden_large_swelling"].name in data["triage"]["reason"]
    assert kb.red_flags["sudden_large_swelling"].advice.split(".")[0] in flat(summary.text(data))


def test_the_pdf_holds_each_finding_the_triage_and_the_disclaimer_and_no_identifier(typical):
    data = summary.pdf(typical)
    assert data.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1, "a typical conversation fits one page"
    text = flat(pdf_text(data))
    for finding in typical["findings"]["present"] + typical["findings"]["absent"] + typical["findings"]["unsure"]:
        assert finding in text
    for detail in (typical["duration"], typical["age_group"], *typical["location"]):
        assert detail in text
    assert typical["triage"]["title"] in text and typical["triage"]["reason"] in text
    assert flat(summary.DISCLAIMER) in text
    for identifier in ("Priya", "example.org", "7946", "0958"):
        assert identifier not in text


def test_each_pdf_holds_only_its_own_conversation(checker, kb):
    """PDFs start from a shared copy of the loaded fonts: nothing of one may show in the next."""
    texts = []
    for words in ("zebra quartz description", "walrus vinyl description"):
        state = State(evidence={"itching": PRESENT}, assessed=True)
        texts.append(flat(pdf_text(summary.pdf(summary.build(kb, state, checker.assessment(state), words)))))
    assert "zebra quartz" in texts[0] and "walrus vinyl" in texts[1]
    assert "zebra" not in texts[1]


def test_a_5000_character_description_with_emoji_and_arabic_renders_whole(checker, kb):
    words = [f"word{i:04d}" for i in range(543)]
    description = " ".join(words) + " 😀 🦠 مرحبا بكم שלום"
    assert 4900 < len(description) <= 5000  # the REST channel reads at most 5,000 characters
    state = State(evidence=dict(EVIDENCE), assessed=True)
    data = summary.build(kb, state, checker.assessment(state), description)
    text = pdf_text(summary.pdf(data))
    found = set(re.findall(r"word\d{4}", text))
    assert found == set(words), "every word is there, none cut at a line end"
    assert summary.MISSING_GLYPH in text, "a character the font lacks (🦠) shows as a mark"
    assert "😀" in text  # DejaVu Sans draws the emoticons block
    assert set("مرحبا") <= set(text) and set("שלום") <= set(text)
    assert flat(summary.DISCLAIMER) in flat(text)


@pytest.mark.parametrize("channel", sorted(CHANNEL_LIMITS))
def test_the_text_fits_each_messaging_channel_without_cutting_a_word(checker, kb, channel):
    limit = CHANNEL_LIMITS[channel]
    state = State(evidence=dict(EVIDENCE), raised=["sudden_large_swelling"], assessed=True)
    state.evidence["sudden_large_swelling"] = PRESENT
    long_description = " ".join(f"detail{i}" for i in range(700))  # about 6,000 characters
    data = summary.build(kb, state, checker.assessment(state), long_description)
    full, fitted = summary.text(data), summary.text(data, limit)
    assert len(full) > limit
    assert len(fitted) <= limit
    for essential in (data["title"], data["triage"]["title"], data["disclaimer"], data["red_flags"][0]["name"]):
        assert essential in fitted
    whole_words = set(full.split())
    for word in fitted.split():
        assert word.rstrip(summary.ELLIPSIS) in whole_words or word == summary.ELLIPSIS, word


def test_clip_cuts_at_a_space():
    assert summary.clip("alpha beta gamma", 100) == "alpha beta gamma"
    assert summary.clip("alpha beta gamma", 12) == "alpha beta…"
    assert summary.clip("alphabetagamma", 5) == "…"


def test_no_line_of_the_pdf_starts_outside_the_page_margin(typical):
    """The footer (the disclaimer and the page number) is wider than one line: it wraps, centred,
    instead of running off both edges of the page."""
    starts = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            starts.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4], text))

    PdfReader(io.BytesIO(summary.pdf(typical))).pages[0].extract_text(visitor_text=visit)
    assert any("Page 1" in text for _, text in starts)
    margin = 15 * 72 / 25.4  # the PDF's 15 mm side margin, in points
    outside = [(round(x), text) for x, text in starts if x < margin - 1]
    assert not outside, outside


def test_an_outside_description_says_what_it_resembles_in_the_triage_reason(checker, kb):
    """A description outside the knowledge that fits a lookalike: the doctor reads that the tool
    does not cover it and what it has signs of."""
    evidence = {"buttock_cleft_tailbone": PRESENT, "pit_or_hole_in_skin": PRESENT, "kind_lump": PRESENT, "itching": ABSENT}
    state = State(evidence=evidence, assessed=True)
    assessment = checker.assessment(state)
    assert assessment["outside_knowledge"] and assessment["resembles"][0]["id"] == "pilonidal_sinus"
    reason = summary.build(kb, state, assessment, "a pit at the top of my bum crack")["triage"]["reason"]
    assert "fits none of the conditions" in reason and "Pilonidal sinus" in reason
    # the pages about what it resembles are cited first: the text shows the first four sources
    assert assessment["sources"][0] in kb.source_urls(kb.lookalikes["pilonidal_sinus"].sources)
