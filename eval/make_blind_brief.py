# ruff: noqa: E501  (the brief quotes YAML lines as they are written)
"""Write the brief that blind-set writers work from.

    python eval/make_blind_brief.py OUT_DIR

A blind set is written by someone who has seen neither the code, the vocabulary (synonyms), the
training data nor any other set. What they may see is what a person using the bot sees, plus what
the scoring needs: the question texts and buttons (to write answers the simulator can match), the
condition ids and triage levels (shared/interfaces.md, in the knowledge's words), and the finding
ids with their labels (to annotate NLU messages). This script writes exactly that, from the
validated knowledge (``load_knowledge``), into OUT_DIR (keep it outside the checkout). Blind sets 25
to 30 were written from the version at commit 53f4c19, whose conditions.md quoted sections 3 and 4
of shared/interfaces.md, a file outside this repository:

    README.md       the task and the rules
    format.md       the vignette and NLU formats
    questions.md    every question the bot asks, with its buttons
    finding_ids.md  every finding id with its label (no synonyms)
    conditions.md   the condition ids with their names, and the four triage levels
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script from anywhere

from symptomchecker.knowledge import KnowledgeBase, load_knowledge

README = """# Brief for writing a blind test set for a back-bump symptom checker

You write test material for a conversational symptom checker about bumps, spots, lumps and rashes
on the back. It is measured on descriptions its authors never see, so:

- Do NOT read any file outside this brief folder and your own output folder. In particular do not
  open /work/main or any other checkout, vocabulary, training data or earlier test set.
- Every vignette follows one public-health page (NHS and NHS boards, nidirect, NHS 111 Wales, AAD,
  DermNet, Mayo Clinic, CDC, NICE, Cancer Research UK, British Association of Dermatologists, MSD
  Manuals) that you read with the `search` tool, corpus `pages`. Cite the page's address; when you
  read the publisher's text on another site, say so ("copy"). Never cite a page you did not read.
- Write like real people: terse, rambling, anxious, a parent, a partner, an older person, a
  teenager, typos, English as a second language. Use everyday words, not the labels below; vary
  them; do not copy sentences from the pages.
- Files: see format.md. The questions the bot may ask are in questions.md; the ids in
  finding_ids.md and conditions.md.
- When you finish, report ONLY the files you wrote and how many vignettes / messages each holds.
  Do not describe the cases.
"""

FORMAT = """# Formats

## Vignettes (YAML)

```yaml
# BLIND HELD-OUT SET <n> (written <date> by a session that did not see the bot's vocabulary, training data, test sets or other blind sets). Use only to measure.
vignettes:
  - id: scabies_rambling_01        # unique; <condition>_<style>_<nn>; red-flag cases end in _rf;
                                   #   outside descriptions: outside_<what>_<style>_<nn>
    condition: scabies             # the condition id (conditions.md), or `outside`
    source: https://...            # the page the case follows
    answer_with: buttons           # buttons: the person clicks Yes / No / Not sure (or the best
                                   #   matching button of an open question); text: types answers
    opening: "..."                 # the first message, in the person's own words
    facts:                         # what the person says if asked
      - {about: [bumps itch], answer: "yes"}
      - {about: [have a fever], answer: "no, no temperature"}
    where: "lower back"            # free-text answers to "Where on the back...", "How long have...",
    how_long: "about three weeks"  #   "How old is...", "Which is closest to what you see?"
    age: "34"                      #   (optional; without one the person answers "not sure")
    kind: "a lump under the skin"
    later:                         # optional: said once after N answers (something new, e.g. a
      after_answers: 2             #   red flag appearing mid-conversation)
      message: "oh and now my lips are swelling up"
    expect:
      conditions: [scabies]        # acceptable condition ids; [] for an outside description
      triage_min: see_doctor       # lowest SAFE triage (self_care < see_doctor < urgent < emergency)
      triage_max: see_doctor       # highest REASONABLE triage
      emergency_first: false       # true: the first reply to the message with the red flag must be
                                   #   an emergency
      outside_knowledge: false     # true: the description fits none of the 30 conditions
```

How the simulated person answers: the bot asks one question at a time (questions.md). For an open
question it answers from `where`, `how_long`, `age` or `kind`. Otherwise it takes the fact whose
`about` keyword (plain lower-case words) occurs in the question text (the longest matching keyword
wins, a tie goes to the fact listed first) and gives its answer: "yes", "no", "unsure" (quote them)
or free text that says yes or no in the person's own words. With no matching fact the person says
"not sure". So give each fact a keyword that is a piece of one question's text, and give facts for
every question a real person with this condition could answer, both the yes and the no ones.

## NLU test messages (Rasa 3 YAML)

```yaml
# BLIND HELD-OUT SET <n> NLU messages (...). Use only to measure.
version: "3.1"
nlu:
- intent: describe_symptoms
  examples: |
    - [itchy]{"entity": "finding", "value": "itching", "role": "present"} spots on my [lower back]{"entity": "finding", "value": "location_lower_back", "role": "present"}, [no fever]{"entity": "finding", "value": "fever", "role": "absent"}
- intent: ask_info
  examples: |
    - is scabies contagious
```

Intents: greet, goodbye, thank, affirm (yes), deny (no), unsure (not sure), describe_symptoms,
ask_info (a question about a condition: is it contagious, how is it treated, ...), bot_challenge
("are you a real doctor?"), start_over, delete_data, get_summary (a summary for the doctor).
Entities in describe_symptoms: `finding`, value = a finding id (finding_ids.md), role = present or
absent. Mark the words that say it (the span), including negated ones ("[no fever]" absent).
"""


def _questions(kb: KnowledgeBase) -> str:
    lines = [
        "# Every question the bot may ask",
        "",
        "Yes / no questions have the buttons Yes, No, Not sure.",
        "",
        "## Open questions",
        "",
    ]
    for group in kb.groups.values():
        lines.append(f"- {group.question}")
        lines.extend(f"  - button: {option.button}" for option in group.options if option.button)
    lines += ["", "## Yes / no questions", ""]
    lines.extend(f"- {f.question}" for f in kb.findings.values() if f.question and not f.group)
    return "\n".join(lines) + "\n"


def _finding_ids(kb: KnowledgeBase) -> str:
    lines = ["# Finding ids (for NLU annotation)", "", "| id | meaning |", "|---|---|"]
    lines.extend(f"| `{f.id}` | {f.label} |" for f in kb.findings.values() if not f.group)
    for group in kb.groups.values():
        lines.extend(f"| `{o.id}` | {o.label} |" for o in group.options)
    return "\n".join(lines) + "\n"


def _conditions(kb: KnowledgeBase) -> str:
    """The condition ids with their names, and the triage levels with what a person is told (the
    knowledge's own words for shared/interfaces.md, sections 3 and 4)."""
    lines = ["# Conditions and triage levels", "", "## Condition ids", ""]
    lines.extend(f"- `{c.id}`: {c.name}" for c in kb.conditions.values())
    lines += ["", "## Triage levels, lowest to highest", "", "| id | what the person is told |", "|---|---|"]
    lines.extend(f"| `{t.id}` | {t.title}: {t.advice} |" for t in kb.triage.values())
    lines += [
        "",
        "A red flag (for example swelling of lips, tongue or throat, trouble breathing) raises the triage at",
        "once, wherever the conversation is, and the emergency advice is the first thing the person reads.",
    ]
    return "\n".join(lines) + "\n"


def main(out: Path) -> None:
    kb = load_knowledge()
    out.mkdir(parents=True, exist_ok=True)
    (out / "README.md").write_text(README, encoding="utf-8")
    (out / "format.md").write_text(FORMAT, encoding="utf-8")
    (out / "questions.md").write_text(_questions(kb), encoding="utf-8")
    (out / "finding_ids.md").write_text(_finding_ids(kb), encoding="utf-8")
    (out / "conditions.md").write_text(_conditions(kb), encoding="utf-8")
    print(f"brief written to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
