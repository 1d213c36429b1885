"""A summary of the conversation to show a doctor: as data, as plain text and as a PDF.

:func:`build` takes the interview :class:`~symptomchecker.interview.State`, its assessment
payload (``SymptomChecker.assessment``) and the person's first description as it is stored
(masked: ``storage.masking``), and returns the summary as JSON-able data; :func:`text` writes it
for messaging channels within a length limit; :func:`pdf` makes a one-page PDF (fpdf2) with a
Unicode font, so every character a person may type renders or, when the font has no glyph for
it (an emoji), is replaced by a visible mark instead of failing.

No name, phone number or e-mail is added here: the description is the stored (masked) one,
and everything else comes from the knowledge base.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import io
from functools import lru_cache
from pathlib import Path
from typing import Dict, Iterable, List, Mapping, Optional, Tuple

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import TTFFont

from symptomchecker.inference import ABSENT, PRESENT, UNKNOWN
from symptomchecker.interview import State
from symptomchecker.knowledge import KnowledgeBase
from symptomchecker.render import finding_label

TITLE = "Summary for your doctor"
DISCLAIMER = (
    "This is not a diagnosis. It was made by an automated tool (an information tool, not a doctor) "
    "from what the person answered; a clinician should assess the person."
)
#: the open questions whose answer is shown on its own line rather than among the findings
DETAIL_GROUPS = ("duration", "location", "age_group")
MISSING_GLYPH = "\u25a1"  # a white square: shown in place of a character the font cannot draw
ELLIPSIS = "\u2026"


def build(
    kb: KnowledgeBase, state: State, assessment: dict, description: str = "", date: Optional[dt.date] = None
) -> dict:
    """The summary as data (docs/payload.md, ``summary``)."""
    evidence = state.evidence
    grouped = {o.id: g.id for g in kb.groups.values() for o in g.options}

    def labels(status: str) -> List[str]:
        return [
            finding_label(kb, fid, absent=status == ABSENT)
            for fid, s in sorted(evidence.items())
            if s == status and fid in kb.findings and fid not in grouped
        ]

    def chosen(group: str) -> List[str]:
        return [o.label for o in kb.groups[group].options if evidence.get(o.id) == PRESENT]

    # group answers other than the three details ("which is closest to what you see?") are findings too
    present = labels(PRESENT) + [
        kb.findings[fid].label
        for fid, s in sorted(evidence.items())
        if s == PRESENT and grouped.get(fid) and grouped[fid] not in DETAIL_GROUPS
    ]
    flags = [
        kb.red_flags[r]
        for r in dict.fromkeys(list(state.raised) + list(assessment.get("red_flags") or []))
        if r in kb.red_flags
    ]
    triage = assessment["triage"]
    return {
        "title": TITLE,
        "date": (date or dt.date.today()).isoformat(),
        "description": description or "",
        "findings": {"present": present, "absent": labels(ABSENT), "unsure": labels(UNKNOWN)},
        "duration": next(iter(chosen("duration")), None),
        "location": chosen("location"),
        "age_group": next(iter(chosen("age_group")), None),
        "red_flags": [{"id": f.id, "name": f.name, "advice": f.advice} for f in flags],
        "causes": [
            {
                "name": c["name"],
                "likelihood": c["likelihood"],
                "fits": list(c["fits"]),
                "does_not_fit": list(c["does_not_fit"]),
            }
            for c in assessment["conditions"]
        ],
        "triage": {
            "level": triage,
            "title": kb.triage[triage].title,
            "advice": kb.triage[triage].advice,
            "reason": triage_reason(kb, assessment, flags),
        },
        "sources": list(assessment.get("sources") or []),
        "disclaimer": DISCLAIMER,
    }


def triage_reason(kb: KnowledgeBase, assessment: dict, flags) -> str:
    """Why the triage is what it is, in one sentence (the rule of interview.assessment)."""
    triage = assessment["triage"]
    raising = [f for f in flags if f.triage == triage]
    if raising:
        return "A warning sign was reported: " + "; ".join(f.name for f in raising) + "."
    if assessment.get("outside_knowledge"):
        resembles = [r["name"] for r in assessment.get("resembles") or []]
        like = (
            f" (it has some of the signs of {', '.join(resembles)}, which the tool does not cover)" if resembles else ""
        )
        return (
            f"What was described fits none of the conditions the tool knows well{like}, so a professional should look."
        )
    top = assessment["conditions"][0]
    if top["likelihood"] < 0.5 and triage == "see_doctor":
        return "No single cause stands out from the answers, so a professional should look."
    matching = [
        c["name"]
        for c in assessment["conditions"]
        if c["likelihood"] >= 0.2 and kb.conditions[c["id"]].triage == triage
    ]
    names = ", ".join(matching or [top["name"]])
    return f"The level advised for the likely cause ({names})."


def conversation_at(events: Iterable[Mapping], until: Optional[float] = None) -> Tuple[State, str]:
    """The interview state and the person's first description in a conversation's events
    (Rasa's event dicts), as they were before ``until`` (a timestamp) when given. A restart
    ("start over", Rasa's /restart) starts both again. The description is the first message that
    describes symptoms (not a button's /payload)."""
    state, description = State(), ""
    for event in events:
        if until is not None and float(event.get("timestamp") or 0) >= until:
            break
        kind = event.get("event")
        if kind == "restart" or (kind == "action" and event.get("name") == "action_restart_interview"):
            state, description = State(), ""
        elif kind == "slot" and event.get("name") == "interview":
            state = State.from_dict(event.get("value"))
        elif kind == "user" and not description:
            text = str(event.get("text") or "")
            parsed = event.get("parse_data") or {}
            findings = [e for e in parsed.get("entities") or [] if e.get("entity") == "finding"]
            describes = (parsed.get("intent") or {}).get("name") == "describe_symptoms" or findings
            if describes and text.strip() and not text.startswith("/"):
                description = text
    return state, description


# -- plain text ---------------------------------------------------------------------------------
def clip(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a space (never mid-word) with an ellipsis."""
    text = " ".join(text.split()) if "\n" not in text else text
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ""
    cut = text[: limit - 1]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    return (cut[:space] if space > 0 else "").rstrip() + ELLIPSIS


def _sections(summary: dict) -> Dict[str, str]:
    triage = summary["triage"]
    sections = {
        "head": f"{summary['title']} ({summary['date']})",
        "triage": f"Advice: {triage['title']}. {triage['advice']}\nWhy: {triage['reason']}",
        "red_flags": "\n".join(f"Warning sign: {f['name']}. {f['advice']}" for f in summary["red_flags"]),
    }
    details = []
    if summary["age_group"]:
        details.append(f"Age: {summary['age_group']}")
    if summary["duration"]:
        details.append(f"How long: {summary['duration']}")
    if summary["location"]:
        details.append("Where: " + ", ".join(summary["location"]))
    findings = summary["findings"]
    for key, heading in (("present", "Reported"), ("absent", "Not present"), ("unsure", "Not sure")):
        if findings[key]:
            details.append(f"{heading}: " + ", ".join(findings[key]))
    sections["findings"] = "\n".join(details)
    causes = []
    for c in summary["causes"]:
        line = f"- {c['name']} ({round(c['likelihood'] * 100)}%)"
        if c["fits"]:
            line += "; fits: " + ", ".join(c["fits"])
        if c["does_not_fit"]:
            line += "; does not fit: " + ", ".join(c["does_not_fit"])
        causes.append(line)
    sections["causes"] = "Causes considered:\n" + "\n".join(causes) if causes else ""
    sections["description"] = f'In their own words: "{summary["description"]}"' if summary["description"] else ""
    sections["sources"] = "Sources: " + " ".join(summary["sources"]) if summary["sources"] else ""
    sections["disclaimer"] = summary["disclaimer"]
    return sections


#: the order sections are written in, and (below) the order they are given room when space is short
_ORDER = ("head", "description", "findings", "red_flags", "causes", "triage", "sources", "disclaimer")
_PRIORITY = ("head", "triage", "disclaimer", "red_flags", "findings", "causes", "description", "sources")


def text(summary: dict, limit: Optional[int] = None) -> str:
    """The summary as plain text; with ``limit``, within that many characters: the head, the
    triage and the disclaimer first, then the red flags, the findings, the causes, the description
    and the sources as far as they fit, each cut at a word (never mid-word) when it does not."""
    sections = {k: v for k, v in _sections(summary).items() if v}
    if limit is None:
        return "\n\n".join(sections[k] for k in _ORDER if k in sections)
    kept: Dict[str, str] = {}

    def length(parts: Dict[str, str]) -> int:
        return sum(len(p) for p in parts.values()) + 2 * max(len(parts) - 1, 0)

    for key in (k for k in _PRIORITY if k in sections):
        room = limit - length(kept) - (2 if kept else 0)
        if room <= 0:
            break
        piece = sections[key] if len(sections[key]) <= room else clip(sections[key], room)
        if piece and piece != ELLIPSIS:
            kept[key] = piece
    return "\n\n".join(kept[k] for k in _ORDER if k in kept)


# -- PDF ----------------------------------------------------------------------------------------
def font_files() -> Dict[str, Path]:
    """DejaVu Sans (regular and bold), the Unicode font matplotlib bundles (requirements.in)."""
    spec = importlib.util.find_spec("matplotlib")  # located, not imported: importing it is slow
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "the PDF summary needs matplotlib's bundled DejaVu Sans font: pip install -r requirements.lock"
        )
    folder = Path(list(spec.submodule_search_locations)[0]) / "mpl-data" / "fonts" / "ttf"
    return {"": folder / "DejaVuSans.ttf", "B": folder / "DejaVuSans-Bold.ttf"}


@lru_cache(maxsize=1)
def _drawable() -> frozenset:
    """The characters DejaVu Sans has glyphs for."""
    return frozenset(TTFont(str(font_files()[""]), lazy=True).getBestCmap())


def drawable(value: str) -> str:
    """``value`` with every character the font cannot draw (emoji, most scripts beyond DejaVu's)
    replaced by a visible square; line breaks and tabs kept as spaces / breaks."""
    cmap = _drawable()
    return "".join(ch if ch == "\n" or ord(ch) in cmap else (" " if ch.isspace() else MISSING_GLYPH) for ch in value)


class _Page(FPDF):
    def footer(self) -> None:
        self.set_y(-13)
        self.set_font("DejaVu", size=7)
        self.set_text_color(90)
        # wider than a line: wrapped and centred (a cell would run off both edges of the page)
        self.multi_cell(0, 3.2, drawable(f"{DISCLAIMER}  Page {self.page_no()}"), align="C")


@lru_cache(maxsize=4)
def _font_bytes(path: str) -> bytes:
    return Path(path).read_bytes()


@lru_cache(maxsize=1)
def _blank() -> _Page:
    """A document with the fonts loaded: parsing them is most of the work, so it is done once
    and each PDF starts from a copy of it (see :func:`pdf`)."""
    doc = _Page(format="A4")
    doc.set_margins(15, 14, 15)
    doc.set_auto_page_break(True, margin=16)
    for style, path in font_files().items():
        doc.add_font("DejaVu", style=style, fname=str(path))
    doc.set_title(TITLE)
    doc.set_creator("back-bump symptom checker")
    return doc


def pdf(summary: dict) -> bytes:
    """The summary as a PDF (A4; one page for a typical conversation)."""
    blank = _blank()
    # The glyph widths and ids of a font are only read (or filled with the same defaults) while
    # writing: every copy shares them, which makes the copy cheap. The font file itself is cut
    # down to the glyphs used when the PDF is written, in place: each copy gets its own.
    fonts = [f for f in blank.fonts.values() if isinstance(f, TTFFont)]
    shared = {id(table): table for font in fonts for table in (font.cw, font.glyph_ids)}
    doc = copy.deepcopy(blank, shared)
    for font in doc.fonts.values():
        assert isinstance(font, TTFFont)  # only the Unicode TTF fonts of _blank() are added
        font.ttfont = TTFont(io.BytesIO(_font_bytes(str(font.ttffile))), recalcTimestamp=False, lazy=True)
    doc.add_page()

    def heading(value: str) -> None:
        doc.ln(1.5)
        doc.set_font("DejaVu", "B", 10.5)
        doc.set_text_color(20)
        doc.multi_cell(0, 5.5, drawable(value), align="L", new_x="LMARGIN", new_y="NEXT")

    def para(value: str, size: float = 9.5) -> None:
        doc.set_font("DejaVu", "", size)
        doc.set_text_color(0)
        doc.multi_cell(0, size * 0.5, drawable(value), align="L", new_x="LMARGIN", new_y="NEXT")

    doc.set_font("DejaVu", "B", 15)
    doc.cell(0, 8, TITLE, new_x="LMARGIN", new_y="NEXT")
    para(f"Date: {summary['date']}.  {DISCLAIMER}", 8.5)

    triage = summary["triage"]
    heading(f"Advice given: {triage['title']}")
    para(f"{triage['advice']} Why: {triage['reason']}")
    for flag in summary["red_flags"]:
        heading(f"Warning sign raised: {flag['name']}")
        para(flag["advice"])

    if summary["description"]:
        heading("What the person first wrote (identifiers masked)")
        para(summary["description"])

    heading("What was reported")
    details = [
        ("Age", summary["age_group"]),
        ("How long", summary["duration"]),
        ("Where", ", ".join(summary["location"]) or None),
    ]
    for label, value in details:
        if value:
            para(f"{label}: {value}")
    findings = summary["findings"]
    for key, label in (("present", "Present"), ("absent", "Not present"), ("unsure", "Not sure")):
        para(f"{label}: " + (", ".join(findings[key]) or "none"))

    heading("Causes considered (by an automated tool, not a diagnosis)")
    for c in summary["causes"]:
        line = f"{c['name']}: {round(c['likelihood'] * 100)}% likely from the answers."
        if c["fits"]:
            line += " Fits: " + ", ".join(c["fits"]) + "."
        if c["does_not_fit"]:
            line += " Does not fit: " + ", ".join(c["does_not_fit"]) + "."
        para(line)

    if summary["sources"]:
        heading("Sources")
        para("\n".join(summary["sources"]), 8)
    return bytes(doc.output())
