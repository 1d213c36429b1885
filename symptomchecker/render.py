"""Words for people: questions, red-flag alerts, the assessment and answers about conditions.

Every text is built from the knowledge base; nothing medical is written here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, List, Optional

from symptomchecker.knowledge import KnowledgeBase, RedFlag

if TYPE_CHECKING:  # pragma: no cover
    from symptomchecker.interview import Question, Reply

DISCLAIMER = (
    "I'm an information tool, not a doctor, and this is not a diagnosis. If you are worried, or "
    "things get worse, contact a doctor or pharmacist. In an emergency call your local emergency number."
)
ALREADY_ASSESSED = (
    "I've given you my assessment above. You can tell me anything new or correct an answer (for "
    'example "actually I do have a fever"), ask about a condition, or say "restart".'
)
NOT_UNDERSTOOD_ANSWER = "Sorry, I didn't catch that. You can answer in your own words (in English) or use the buttons."
LEFT_UNANSWERED = "Sorry, I still couldn't read that. No problem: let's leave that question open and move on."
YES_NO_BUTTONS = [
    {"title": "Yes", "payload": "/affirm"},
    {"title": "No", "payload": "/deny"},
    {"title": "Not sure", "payload": "/unsure"},
]
#: The info topics a person can ask about a condition, and how they are named in answers.
CONDITION_TOPICS = {
    "overview": "What it is",
    "cause": "What causes it",
    "symptoms": "What it looks like",
    "contagious": "Is it contagious?",
    "treatment": "Treatment",
    "see_doctor": "When to see a doctor",
    "prevention": "Prevention",
    "risk_factors": "Who gets it",
}


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def question(q: "Question") -> "Reply":
    from symptomchecker.interview import Reply

    if q.is_group:
        buttons = [{"title": title, "payload": title} for _, title in q.options]
        buttons.append({"title": "Not sure", "payload": "/unsure"})
        return Reply(q.text, buttons=buttons, kind="question")
    return Reply(q.text, buttons=list(YES_NO_BUTTONS), kind="question")


def red_flag_alert(kb: KnowledgeBase, flags: List[RedFlag]) -> str:
    lines = []
    for flag in flags:
        if flag.triage == "emergency":
            lines.append(f"EMERGENCY: {kb.triage['emergency'].advice}\n{flag.advice}")
        elif flag.triage == "urgent":
            lines.append(f"URGENT: {flag.advice}")
        else:
            lines.append(f"Please note: {flag.advice}")
    return "\n\n".join(lines)


def finding_label(kb: KnowledgeBase, finding_id: str, absent: bool) -> str:
    """A finding as people read it: "fever", or "no fever" when it is absent."""
    finding = kb.findings[finding_id]
    if absent:
        if finding.absent_label:
            return finding.absent_label
        # "not a lump under the skin", "not on the lower back"; "no fever"
        article = finding.label.startswith(("a ", "an ", "on ", "in ", "where ", "started ", "appeared "))
        return f"not {finding.label}" if finding.group or article else f"no {finding.label}"
    return finding.label


OUTSIDE_KNOWLEDGE = (
    "What you describe does not fit well any of the conditions I know about, so I can't say what "
    "it is likely to be. A doctor can look at it and tell you."
)


def assessment_text(kb: KnowledgeBase, assessment: dict) -> str:
    """The assessment for people, from its payload (every piece of advice is in ``advice``)."""
    triage = assessment["triage"]
    advice = assessment["advice"]
    outside = assessment.get("outside_knowledge", False)
    parts = []
    if triage == "emergency":
        parts.append(f"EMERGENCY: {kb.triage['emergency'].advice}")
    parts.append("Here is what your answers point to. This is not a diagnosis.")
    if outside:
        parts.append(OUTSIDE_KNOWLEDGE)
        for r in assessment.get("resembles", [])[:1]:
            lookalike = kb.lookalikes[r["id"]]
            parts.append(
                f"It has some of the signs of something I do not cover in detail: {lookalike.name}. {lookalike.summary}"
            )
    ranked = []
    for index, c in enumerate(assessment["conditions"], start=1):
        line = f"{index}. {c['name']} ({round(c['likelihood'] * 100)}% likely)"
        if c["fits"]:
            line += "\n   Fits: " + ", ".join(c["fits"][:4])
        if c["does_not_fit"]:
            line += "\n   Does not fit: " + ", ".join(c["does_not_fit"][:3])
        ranked.append(line)
    heading = "The closest I know, none of them a good fit:" if outside else "Most likely causes:"
    parts.append(heading + "\n" + "\n".join(ranked))
    parts.append(f"What to do now: {advice['what_to_do']}")
    for text in advice["red_flag_advice"]:
        parts.append(f"Important: {text}")
    top = kb.conditions[assessment["conditions"][0]["id"]]
    if advice["self_care"]:
        parts.append(f"Self-care if it is {top.name.lower()}:\n" + _bullets(advice["self_care"]))
    if advice["see_doctor_if"]:
        parts.append("See a doctor if:\n" + _bullets(advice["see_doctor_if"]))
    parts.append("Sources: " + " ".join(assessment["sources"][:4]))
    parts.append("You can ask me about any of these conditions, add details, or say 'restart'. " + DISCLAIMER)
    return "\n\n".join(parts)


def condition_answer(kb: KnowledgeBase, condition_id: str, topic: Optional[str]) -> str:
    """Answer a question about a condition from the knowledge base, with its sources."""
    c = kb.conditions[condition_id]
    topic = topic if topic in CONDITION_TOPICS else "overview"
    if topic == "overview":
        body = f"{c.summary}\n\n{c.appearance}"
    elif topic == "cause":
        body = c.cause
    elif topic == "symptoms":
        body = f"{c.appearance}\n\nWhere it appears:\n{_bullets(c.locations)}"
    elif topic == "contagious":
        body = c.contagiousness.how
    elif topic == "treatment":
        body = "What you can do:\n" + _bullets(c.self_care)
        body += "\n\nTreatment:\n" + _bullets(
            t.text + (" (a doctor decides on this)" if t.needs_doctor else "") for t in c.treatment
        )
    elif topic == "see_doctor":
        body = "See a doctor if:\n" + _bullets(c.see_doctor_if)
    elif topic == "prevention":
        body = _bullets(c.prevention) if c.prevention else f"There is no known way to prevent {c.name.lower()}."
    else:  # risk_factors
        body = "More likely with:\n" + _bullets(c.risk_factors)
    sources = " ".join(kb.source_urls(c.sources))
    return (
        f"{c.name}: {CONDITION_TOPICS[topic]}\n\n{body}\n\nSources: {sources}\n\n"
        "This is general information, not a diagnosis."
    )


def topic_answer(kb: KnowledgeBase, topic_id: str) -> str:
    t = kb.topics[topic_id]
    sources = " ".join(kb.source_urls(t.sources))
    return f"{t.title}\n\n{t.text}\n\nSources: {sources}\n\nThis is general information, not a diagnosis."
