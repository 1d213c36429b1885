"""The interview: merge what the person said, raise red flags, choose the next question or stop.

Everything a conversation needs to remember lives in :class:`State`, a small JSON-able value
that the Rasa action keeps in a slot. :meth:`SymptomChecker.step` takes a state and what the
latest message said (:class:`Observation`) and returns the new state and the replies to send.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Dict, List, Mapping, Optional, Tuple

import numpy as np

from symptomchecker import render
from symptomchecker.inference import (
    ABSENT,
    PRESENT,
    UNKNOWN,
    Beliefs,
    beliefs,
    entropy,
    explain,
    highest,
    model,
    triggered_red_flags,
)
from symptomchecker.knowledge import TRIAGE_ORDER, KnowledgeBase, TriageLevel, default_knowledge

#: Stop asking once the most likely condition (or "something I do not know") reaches this
#: probability: stated likelihoods of 80 % and more were right 92 to 100 % of the time on every
#: vignette set (`make eval`'s calibration table), so more questions there mostly cost time
#: (0.85 until session 9: the same accuracy, 0.5 to 1.5 more questions per median) ...
STOP_CONFIDENCE = 0.8
#: ... or after this many answers that told something (a "not sure" tells nothing: the next most
#: useful question is asked instead) ...
MAX_QUESTIONS = 8
#: ... or after this many questions, answered or not ...
MAX_ASKED = 10
#: ... or when no question is expected to teach us this much (bits of entropy).
MIN_GAIN = 0.04
#: Questions of an interview, red-flag screens included, at most: past it the assessment comes,
#: and never with self-care while a screening question that applies is unasked.
MAX_INTERVIEW = 12
#: Red-flag screening questions asked before an assessment, at most; but self-care advice is
#: only given once every screening question that applies has been asked.
MAX_SCREENING = 3
#: A condition at least this likely contributes its own triage level to the assessment.
TRIAGE_CONSIDER = 0.2
#: Below this top probability the picture is unclear: advise professional care.
UNSURE_BELOW = 0.5
#: An answer that cannot be read gets the question asked again this many times; then the question
#: is left unanswered (unknown) and the interview goes on, so nobody is stuck on it.
ASK_AGAIN = 1
#: From this probability of "something I do not know" (the lookalikes and inference.OTHER), the
#: assessment says plainly that the description fits none of the conditions the bot knows; but
#: only when the evidence made it more likely than it was before any (no answers, or only "not
#: sure", say nothing about fit: that is an unclear picture, not one outside the knowledge).
OUTSIDE_KNOWLEDGE = 0.3

YES, NO, UNSURE = "yes", "no", "unsure"
_SCREENING = "__screening__"  # marks, in State.asked, that the next question was a red-flag screen
#: replaces, in State.asked, a yes / no question that a message set aside (it told something else
#: and did not answer): the question counts as asked, and may be asked once more
_SET_ASIDE = "__set_aside__:"


@dataclass
class State:
    """What the conversation has established so far (JSON-able; kept in a Rasa slot)."""

    evidence: Dict[str, str] = field(default_factory=dict)
    asked: List[str] = field(default_factory=list)  # question ids (a finding or a group)
    pending: Optional[str] = None  # the question waiting for an answer
    raised: List[str] = field(default_factory=list)  # red flags already announced
    assessed: bool = False
    missed: int = 0  # answers in a row to the pending question that could not be read

    @classmethod
    def from_dict(cls, data: Optional[Mapping]) -> "State":
        data = data if isinstance(data, Mapping) else {}
        return cls(
            evidence={str(k): str(v) for k, v in dict(data.get("evidence") or {}).items()},
            asked=[str(q) for q in data.get("asked") or []],
            pending=data.get("pending") or None,
            raised=[str(r) for r in data.get("raised") or []],
            assessed=bool(data.get("assessed")),
            missed=data["missed"] if isinstance(data.get("missed"), int) else 0,
        )

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Observation:
    """What one message told us: findings the NLU read, and a yes/no/unsure answer if any."""

    findings: Dict[str, str] = field(default_factory=dict)
    answer: Optional[str] = None  # YES / NO / UNSURE
    text: str = ""


@dataclass
class Reply:
    """One bot message: text for people, optional buttons and a machine-readable payload."""

    text: str
    buttons: List[Dict[str, str]] = field(default_factory=list)
    custom: Optional[dict] = None
    kind: str = "text"  # text | alert | question | assessment


@dataclass(frozen=True)
class Question:
    id: str  # finding id or group id
    text: str
    options: Tuple[Tuple[str, str], ...] = ()  # (finding id, button title) for group questions

    @property
    def is_group(self) -> bool:
        return bool(self.options)


_BARE_DURATION = re.compile(
    r"^\W*(?:for\s+)?(?:a\s+few\s+|few\s+|several\s+|many\s+|some\s+)?(day|week|month|year)s?\W*$", re.I
)
#: Everyday answers to "how long?" that say nothing on their own ("always", "she only just noticed").
_LONG_AGO = re.compile(
    r"\b(?:years?(?!\s+old)|always|forever|ages|as long as (?:i|she|he|they|we)(?: can)? remember)\b", re.I
)
_RECENT = re.compile(r"\b(?:just noticed|only just|just appeared|today|yesterday|this morning|last night)\b", re.I)
#: "No idea" and the like: a reply that leaves the question unanswered.
UNSURE_WORDS = re.compile(
    r"\b(?:not sure|unsure|no idea|dunno|dno|idk|don'?t know|do not know|not certain|can'?t tell|cannot tell"
    r"|can'?t say|hard to say|hard to tell|no clue|not positive|wouldn'?t know|haven'?t the foggiest)\b"
)
_AGE_NUMBER = re.compile(r"^\D*?(\d{1,3})\s*(?:y(?:ea)?rs?|yo)?\.?\s*$")


def says_unsure(text: Optional[str]) -> bool:
    """Does the message say "no idea", "not sure" or the like?"""
    return bool(UNSURE_WORDS.search((text or "").lower().replace("\u2019", "'")))


def age_group_option(age: float) -> str:
    """The age_group option for an age in years."""
    for upper, option in ((1, "age_baby"), (13, "age_child"), (20, "age_teen"), (60, "age_adult")):
        if age < upper:
            return option
    return "age_older"


def is_emergency(reply: Reply) -> bool:
    """Is this an emergency alert (which ends the interview)?"""
    custom = reply.custom or {}
    return (custom.get("assessment") or {}).get("triage") == "emergency"


class SymptomChecker:
    """The interview engine over one knowledge base."""

    def __init__(self, kb: Optional[KnowledgeBase] = None):
        self.kb = kb or default_knowledge()
        self._questions: Dict[str, Question] = {}
        for group in self.kb.groups.values():
            self._questions[group.id] = Question(
                group.id, group.question, tuple((o.id, o.button or "") for o in group.options)
            )
        for finding in self.kb.findings.values():
            if finding.question and not finding.group:
                self._questions[finding.id] = Question(finding.id, finding.question)
        # findings that describe who the person is and weigh for no condition ("she", "my son"):
        # a reply made only of them does not answer a question
        used = {f for c in self.kb.conditions.values() for f in c.findings}
        used |= {f for lookalike in self.kb.lookalikes.values() for f in lookalike.findings}
        used |= {f for r in self.kb.red_flags.values() for f in r.any_of + r.all_of}
        self._context_only = {
            f.id for f in self.kb.findings.values() if f.id not in used and not f.question and not f.group
        }
        # a growth on the skin: said so, or a finding that implies it (a mole, a stuck-on growth, a tag)
        self._growth_signs = {"kind_growth", "mole_like"} | {
            f.id for f in self.kb.findings.values() if "kind_growth" in f.implies
        }

    # -- evidence --------------------------------------------------------------------------
    def question(self, question_id: str) -> Optional[Question]:
        return self._questions.get(question_id)

    def observe(self, state: State, observation: Observation, answers_pending: bool = True) -> State:
        """Merge a message into the evidence; a later statement about a finding wins, but a
        question about it or a "not sure" does not undo a yes or a no said before.

        With ``answers_pending`` the message is also taken as the answer to the question the
        bot asked last (a question the person asks back, say, is not).
        """
        evidence = dict(state.evidence)
        shorter = self._shorter(observation, evidence, state.pending)
        meant = self._in_context(observation.findings, evidence)
        for fid, status in meant.items():
            if fid in self.kb.findings and status in (PRESENT, ABSENT, UNKNOWN) and fid not in shorter:
                self._set(evidence, fid, status)
        observation = replace(observation, findings=meant)  # "it's bigger", asked if redness spreads: yes
        pending = self.question(state.pending) if state.pending else None
        if pending is not None and answers_pending:
            if self._sets_aside(state, pending, observation):
                # "sorry, I should say, since yesterday it's gone red and sore": no answer to the
                # question, which stays open, to be asked once more if it is still worth asking
                asked = list(state.asked)
                at = len(asked) - 1 - asked[::-1].index(pending.id)
                asked[at] = _SET_ASIDE + pending.id
                return State(evidence, asked, None, list(state.raised), state.assessed)
            self._answer(evidence, pending, observation)
            return State(evidence, list(state.asked), None, list(state.raised), state.assessed)
        return State(evidence, list(state.asked), state.pending, list(state.raised), state.assessed)

    @staticmethod
    def _sets_aside(state: State, question: "Question", observation: Observation) -> bool:
        """Does the message, instead of answering the yes / no question, tell something new (the
        first time the question is met so)?"""
        return (
            not question.is_group
            and observation.answer is None
            and question.id not in observation.findings
            and PRESENT in observation.findings.values()
            and not says_unsure(observation.text)
            and question.id in state.asked
            and _SET_ASIDE + question.id not in state.asked
        )

    def _in_context(self, findings: Dict[str, str], evidence: Mapping[str, str]) -> Dict[str, str]:
        """What the findings of a message mean in the conversation so far. Said of an area of red,
        hot, swollen skin (and no mole), a finding with ``of_inflamed_skin`` means that one instead
        ("red, hot and swollen ... it has got bigger": the redness is spreading, not a spot
        changing). In a conversation about a lump under the skin, and no spot, mole or growth on it,
        a finding with ``of_a_lump`` means that one instead ("a lump ... it has got bigger": the lump
        is growing; "a tiny hole on top of it": the lump's opening, not a dimpled bump). Said of a growth
        on the skin (a mole, a stuck-on growth, a skin tag), a finding with ``of_a_growth`` means that
        one ("a mole right under my bra strap": where the skin rubs, not a rash the strap brought on)."""
        said = {**evidence, **findings}
        no_mole = said.get("mole_like") != PRESENT
        inflamed = said.get("red_hot_swollen_area") == PRESENT and no_mole
        lump = said.get("kind_lump") == PRESENT and said.get("kind_growth") != PRESENT and no_mole
        growth = any(said.get(f) == PRESENT for f in self._growth_signs)
        if not (inflamed or lump or growth):
            return findings
        meant: Dict[str, str] = {}
        for fid, status in findings.items():
            finding = self.kb.findings.get(fid)
            if finding is not None and inflamed and finding.of_inflamed_skin:
                fid = finding.of_inflamed_skin
            elif finding is not None and lump and finding.of_a_lump:
                fid = finding.of_a_lump
            elif finding is not None and growth and finding.of_a_growth:
                fid = finding.of_a_growth
            if meant.get(fid) != PRESENT:  # "red, hot, getting bigger, spreading": present stays
                meant[fid] = status
        return meant

    def _shorter(self, observation: Observation, evidence: Mapping[str, str], pending: Optional[str]) -> List[str]:
        """Options a message gives beside the one that describes the bumps: of two durations the
        longest ("a lump I've had for ages, and this week it has gone red" has been there for
        months; the options run from the shortest), also against one said before, unless the
        message answers the question how long ("since yesterday it's gone red", said after "3
        weeks", is when it changed); an age group other than the one already given, unless the
        message answers the question how old ("yes, as a kid"); of two kinds the first named ("an
        old mole has turned into a raised lump" is a growth on the skin)."""
        skipped: List[str] = []
        durations = self.kb.groups.get("duration")
        if durations is not None:
            options = [o.id for o in durations.options]
            said = [o for o in options if observation.findings.get(o) == PRESENT]
            skipped += said[:-1]
            known = [o for o in options if evidence.get(o) == PRESENT]
            if said and known and pending != durations.id and options.index(said[-1]) < options.index(known[-1]):
                skipped.append(said[-1])
        # "31" and later "yes, as a kid" (had chickenpox before?): the age said stays
        ages = self.kb.groups.get("age_group")
        if ages is not None and pending != ages.id and any(evidence.get(o.id) == PRESENT for o in ages.options):
            skipped += [
                o.id
                for o in ages.options
                if observation.findings.get(o.id) == PRESENT and evidence.get(o.id) != PRESENT
            ]
        kinds = self.kb.groups.get("lesion_kind")
        if kinds is not None:
            kind_ids = {o.id for o in kinds.options}
            skipped += [f for f, s in observation.findings.items() if f in kind_ids and s == PRESENT][1:]
        return skipped

    def _set(self, evidence: Dict[str, str], fid: str, status: str) -> None:
        if status == UNKNOWN and evidence.get(fid) in (PRESENT, ABSENT):
            return  # "can you get it as an adult?" after "31M": still an adult
        evidence[fid] = status
        finding = self.kb.findings[fid]
        if status == PRESENT:
            for implied in finding.implies:
                self._set(evidence, implied, PRESENT)
            group = self.kb.groups.get(finding.group) if finding.group else None
            if group is not None and group.exclusive:
                for option in group.options:
                    if option.id != fid and evidence.get(option.id) == PRESENT:
                        del evidence[option.id]

    def _answer(self, evidence: Dict[str, str], question: Question, observation: Observation) -> None:
        if not question.is_group:
            if question.id in observation.findings:
                return  # the message itself said it ("no fever")
            status = {YES: PRESENT, NO: ABSENT, UNSURE: UNKNOWN}.get(observation.answer or "", UNKNOWN)
            self._set(evidence, question.id, status)
            return
        options = [fid for fid, _ in question.options]
        given = [fid for fid in options if observation.findings.get(fid) == PRESENT]
        if not given:
            contextual = self._contextual_option(question.id, observation.text)
            given = [contextual] if contextual else []
        if given:
            for fid in options:
                if fid not in given and fid not in observation.findings and evidence.get(fid) != PRESENT:
                    evidence[fid] = ABSENT
            for fid in given:
                self._set(evidence, fid, PRESENT)
        else:
            for fid in options:
                evidence.setdefault(fid, UNKNOWN)

    def understood(self, question: Question, observation: Observation) -> bool:
        """Did the message say anything at all we can use (a finding, yes / no / not sure, an age)?"""
        if set(observation.findings) - self._context_only or observation.answer or says_unsure(observation.text):
            return True
        return self._contextual_option(question.id, observation.text) is not None

    def _contextual_option(self, question_id: str, text: str) -> Optional[str]:
        """Answers that only mean something as a reply to the open question: "35", "years"."""
        if question_id == "age_group":
            return self._age_option(text)
        if question_id == "duration":
            match = _BARE_DURATION.match(text or "")
            if match:
                return {"day": "duration_days", "week": "duration_weeks"}.get(match.group(1).lower(), "duration_months")
            if says_unsure(text):
                return None  # "no idea, she only just noticed it": how long, nobody knows
            if _LONG_AGO.search(text or ""):
                return "duration_months"
            if _RECENT.search(text or ""):
                return "duration_days"
        return None

    @staticmethod
    def _age_option(text: str) -> Optional[str]:
        """A bare number answering "how old?" ("35", "72 years")."""
        match = _AGE_NUMBER.match(text or "")
        if not match:
            return None
        age = int(match.group(1))
        return age_group_option(age) if age <= 120 else None

    # -- choosing what to ask ----------------------------------------------------------------
    def _open(self, state: State, question: Question) -> bool:
        if question.id in state.asked or state.asked[-1:] == [_SET_ASIDE + question.id]:
            return False  # asked, or set aside just now (asked again later, not at once)
        if question.is_group:
            return not any(state.evidence.get(fid) in (PRESENT, UNKNOWN) for fid, _ in question.options)
        if question.id in state.evidence or self._ruled_out(question.id, state.evidence):
            return False
        if self._contradicts_present(question.id, state.evidence):
            return False  # "is it hard and fixed?" after "it is soft and moves"
        if any(state.evidence.get(f) == PRESENT for f in self.kb.findings[question.id].explained_by):
            return False  # "do you feel unwell?" after "I have a fever": the answer would count for nothing
        implies = self.kb.findings[question.id].implies
        if any(state.evidence.get(implied) == ABSENT for implied in implies):
            return False  # "is it 39 °C or more?" after "no fever"
        return not any(self._contradicted(implied, state.evidence) for implied in implies)

    def _ruled_out(self, finding_id: str, evidence: Mapping[str, str]) -> bool:
        """Its question cannot apply ("is he pregnant?" to a man, a child or an older person);
        words that contradict each other ("my wife ... he") rule nothing out."""
        present = {f for f, s in evidence.items() if s == PRESENT}
        return any(
            f in present and not present.intersection(self.kb.findings[f].contradicts)
            for f in self.kb.findings[finding_id].not_asked_if_any
        )

    def _contradicts_present(self, finding_id: str, evidence: Mapping[str, str]) -> bool:
        """A present finding cannot be true together with this one (``contradicts``; the knowledge
        makes it go both ways)."""
        return any(evidence.get(other) == PRESENT for other in self.kb.findings[finding_id].contradicts)

    def _contradicted(self, finding_id: str, evidence: Mapping[str, str]) -> bool:
        """Another option of the finding's exclusive group is present (a 'newborn' who is an adult)."""
        group = self.kb.groups.get(self.kb.findings[finding_id].group or "")
        return bool(
            group
            and group.exclusive
            and any(evidence.get(o.id) == PRESENT for o in group.options if o.id != finding_id)
        )

    def gains(self, state: State, beliefs: Beliefs) -> Dict[str, float]:
        """Expected drop in entropy (bits) over what the bot can tell apart (each known condition,
        and "outside the knowledge" as one: no question is spent telling apart two things the bot
        does not cover), from asking each open question. Naive Bayes makes each answer a
        column-wise update of the current posterior, so every yes / no question is scored in one
        matrix product."""
        m = model(self.kb)
        p = m.vector(beliefs)
        before = float(entropy(m.merged(p)))
        open_questions = [q for q in self._questions.values() if self._open(state, q)]
        gains: Dict[str, float] = {}
        binary = [q for q in open_questions if not q.is_group]
        if binary:
            columns = [m.column[q.id] for q in binary]
            expected = np.zeros(len(columns))
            # a yes can let in a lookalike that waits for that finding (requires_any): after such a
            # yes it is weighed as if it had been considered all along
            opened = m.opened_by(state.evidence, columns)
            free = m.distribution(state.evidence, gated=False) if opened.any() else p
            for answer, likelihood in enumerate((m.likelihood[:, columns], 1 - m.likelihood[:, columns])):
                joint = p[:, None] * likelihood  # P(hypothesis, answer)
                p_answer = joint.sum(axis=0)
                after = joint / p_answer
                if answer == 0 and opened.any():
                    weighed = np.where((p > 0)[:, None] | opened, free[:, None], 0.0) * likelihood
                    after = weighed / weighed.sum(axis=0)
                expected += p_answer * entropy(m.merged(after))
            gains.update(zip((q.id for q in binary), (before - expected).tolist(), strict=True))
        for question in (q for q in open_questions if q.is_group):
            columns = m.group_columns[question.id]
            options = m.likelihood[:, columns]
            answer_given = options / options.sum(axis=1, keepdims=True)  # P(this option | hypothesis)
            if m.exclusive_group[columns[0]] >= 0:
                update = options  # only the option given counts
            else:  # the others are absent
                update = np.stack(
                    [options[:, k] * np.prod(np.delete(1 - options, k, axis=1), axis=1) for k in range(len(columns))],
                    axis=1,
                )
            # options already answered "no" are replaced by the answer: take their factor out first
            said_no = [k for k, (fid, _) in enumerate(question.options) if state.evidence.get(fid) == ABSENT]
            base = p / np.prod(1 - options[:, said_no], axis=1) if said_no else p
            expected_h = 0.0
            for k in range(len(columns)):
                p_answer = float((p * answer_given[:, k]).sum())
                after = base * update[:, k]
                expected_h += p_answer * float(entropy(m.merged(after / after.sum())))
            gains[question.id] = before - expected_h
        return gains

    def best_question(self, state: State, beliefs: Beliefs) -> Tuple[Optional[Question], float]:
        gains = self.gains(state, beliefs)
        if not gains:
            return None, 0.0
        best = max(gains, key=lambda q: gains[q])  # the first of equals, in the knowledge's order
        return self._questions[best], gains[best]

    def screening_question(
        self, state: State, probabilities: Mapping[str, float], triage: Optional[str] = None
    ) -> Optional[Question]:
        """A red-flag question to ask before concluding, when a condition (or lookalike) it concerns is
        likely or a finding it names is present (the glass test for a rash with a fever). Given the
        ``triage`` the assessment would have, flags below it are not asked about: they could change
        neither the triage nor what to do first."""
        present = {f for f, s in state.evidence.items() if s == PRESENT}
        for flag in self.kb.red_flags.values():
            if triage is not None and TRIAGE_ORDER.index(flag.triage) < TRIAGE_ORDER.index(triage):
                continue
            if not (
                any(probabilities.get(c, 0) >= 0.25 for c in flag.screen_when_likely)
                or present.intersection(flag.screen_when_any)
            ):
                continue
            if present.intersection(flag.screen_unless_any) or not present.issuperset(flag.all_of):
                continue  # (without the findings it needs in any case, no answer could raise it)
            for fid in flag.screen or flag.any_of:
                group = self.kb.findings[fid].group
                question = self.question(group) if group else self.question(fid)
                if question is not None and self._open(state, question):
                    return question
        return None

    @staticmethod
    def questions_asked(state: State) -> int:
        """Questions asked so far, red-flag screening questions included."""
        return len([q for q in state.asked if q != _SCREENING])

    def questions_answered(self, state: State) -> int:
        """Questions asked so far whose answer said something: a yes or a no, or an option of a
        group question (not "not sure", and not a message that could not be read)."""
        answered = 0
        for qid in state.asked:
            question = self._questions.get(qid)
            if question is None or qid == state.pending:
                continue
            ids = [fid for fid, _ in question.options] if question.is_group else [question.id]
            answered += any(state.evidence.get(fid) in (PRESENT, ABSENT) for fid in ids)
        return answered

    # -- one turn ------------------------------------------------------------------------------
    def step(self, state: State, observation: Observation) -> Tuple[State, List[Reply]]:
        """Take in a message and produce the replies: red-flag alerts first, then a question or the assessment."""
        before = state
        pending = self.question(state.pending) if state.pending else None
        if pending is not None and not self.understood(pending, observation):
            return self.not_understood(state, pending)
        state = self.observe(state, observation)
        state, replies = self.alerts(state, observation)
        if any(is_emergency(r) for r in replies):
            state.assessed = True
            return state, replies
        if before.assessed and not before.pending and state.evidence == before.evidence:
            return state, replies or [Reply(render.ALREADY_ASSESSED)]  # advice repeated: nothing to add
        state, more = self.next(state)
        return state, replies + more

    def not_understood(self, state: State, question: Question) -> Tuple[State, List[Reply]]:
        """An answer to the question that could not be read: ask again; after ASK_AGAIN such
        answers in a row, record the question as unanswered (unknown) and go on."""
        if state.missed < ASK_AGAIN:
            reply = render.question(question)
            reply.text = f"{render.NOT_UNDERSTOOD_ANSWER} {reply.text}"
            return replace(state, missed=state.missed + 1), [reply]
        evidence = dict(state.evidence)
        self._answer(evidence, question, Observation())
        state, replies = self.next(State(evidence, list(state.asked), None, list(state.raised), state.assessed))
        return state, [Reply(render.LEFT_UNANSWERED)] + replies

    def alerts(self, state: State, observation: Optional[Observation] = None) -> Tuple[State, List[Reply]]:
        """Announce every red flag the evidence now triggers that was not announced before, and
        repeat one whose signs the message mentions again ("my lips are getting worse", "my eye
        has started hurting"): a worried person gets the advice again, not "see above".

        Every alert carries ``alert`` (its triage and red flags); an emergency ends the interview,
        so its alert carries the assessment too."""
        current = beliefs(self.kb, state.evidence)
        mentioned = {f for f, s in (observation.findings if observation else {}).items() if s == PRESENT}
        new = [
            f
            for f in triggered_red_flags(self.kb, state.evidence, current.likely)
            if f.id not in state.raised or mentioned.intersection(f.any_of + f.all_of)
        ]
        if not new:
            return state, []
        state.raised = state.raised + [f.id for f in new if f.id not in state.raised]
        assessment = self.assessment(state, current)
        custom: dict = {"alert": {"triage": assessment["triage"], "red_flags": [f.id for f in new]}}
        if assessment["triage"] == "emergency":
            custom["assessment"] = assessment
        return state, [Reply(render.red_flag_alert(self.kb, new), custom=custom, kind="alert")]

    def next(self, state: State) -> Tuple[State, List[Reply]]:
        """Ask the most useful question, or give the assessment when the picture is clear."""
        current = beliefs(self.kb, state.evidence)
        question: Optional[Question] = None
        if (
            self.questions_answered(state) < MAX_QUESTIONS
            and self.questions_asked(state) < MAX_ASKED
            and max(current.top, current.other) < STOP_CONFIDENCE
        ):
            candidate, gain = self.best_question(state, current)
            if gain >= MIN_GAIN:
                question = candidate
        if question is None:
            assessment = self.assessment(state, current)
            if state.asked.count(_SCREENING) < MAX_SCREENING or assessment["triage"] == "self_care":
                question = self.screening_question(state, current.likely, assessment["triage"])
                if question is not None and self.questions_asked(state) >= MAX_INTERVIEW:
                    # too many questions already: conclude, and never with self-care while a
                    # warning sign is still unasked
                    question = None
                    if assessment["triage"] == "self_care":
                        assessment = self.assessment(state, current, at_least="see_doctor")
                if question is not None:
                    state.asked = state.asked + [_SCREENING]
            if question is None:
                state.assessed = True
                text = render.assessment_text(self.kb, assessment)
                return state, [Reply(text, custom={"assessment": assessment}, kind="assessment")]
        state.pending = question.id
        state.asked = state.asked + [question.id]
        return state, [render.question(question)]

    # -- the assessment --------------------------------------------------------------------------
    def assessment(self, state: State, current: Optional[Beliefs] = None, at_least: TriageLevel = "self_care") -> dict:
        """The machine-readable assessment of shared/interfaces.md (its triage at least ``at_least``)."""
        current = current or beliefs(self.kb, state.evidence)
        probabilities = current.conditions
        flags = triggered_red_flags(self.kb, state.evidence, current.likely)
        # a red flag once raised keeps the triage up, even if later answers make its condition less likely
        levels = [f.triage for f in flags] + [
            self.kb.red_flags[r].triage for r in state.raised if r in self.kb.red_flags
        ]
        levels += [self.kb.conditions[c].triage for c, p in probabilities.items() if p >= TRIAGE_CONSIDER]
        levels.append(at_least)
        outside = current.other >= OUTSIDE_KNOWLEDGE and current.other > model(self.kb).prior_other + 1e-9
        # what it resembles, and the triage that calls for, when the description is outside the
        # knowledge (otherwise a known condition is the answer and its triage counts)
        resembles = [(h, p) for h, p in current.lookalikes.items() if p >= TRIAGE_CONSIDER] if outside else []
        levels += [self.kb.lookalikes[h].triage for h, _ in resembles]
        if current.top < UNSURE_BELOW or outside:
            levels.append("see_doctor")  # unclear, or nothing known fits: a professional should look
        conditions: List[Dict[str, Any]] = []
        for cid, p in list(probabilities.items())[:3]:
            because, against = explain(self.kb, cid, state.evidence)
            conditions.append(
                {
                    "id": cid,
                    "name": self.kb.conditions[cid].name,
                    "likelihood": round(p, 2),
                    "because": because,
                    "against": against,
                    "fits": [render.finding_label(self.kb, f, state.evidence.get(f) == ABSENT) for f in because],
                    "does_not_fit": [
                        render.finding_label(self.kb, f, state.evidence.get(f) == ABSENT) for f in against
                    ],
                }
            )
        # outside the knowledge, the pages about what it resembles come first (the text shows four)
        cited = (
            [self.kb.lookalikes[h].sources for h, _ in resembles]
            + [self.kb.conditions[c["id"]].sources for c in conditions]
            + [flag.sources for flag in flags]
        )
        sources = list(dict.fromkeys(url for ids in cited for url in self.kb.source_urls(ids)))
        triage = highest(levels)
        top = self.kb.conditions[conditions[0]["id"]]
        raised = flags + [
            self.kb.red_flags[r] for r in state.raised if r in self.kb.red_flags and r not in {f.id for f in flags}
        ]
        advice = {
            "what_to_do": f"{self.kb.triage[triage].title}. {self.kb.triage[triage].advice}",
            # no self-care for a cause that does not fit, nor beside an emergency
            "self_care": [] if outside or triage == "emergency" else list(top.self_care),
            "see_doctor_if": [] if outside else list(top.see_doctor_if),
            "red_flag_advice": [f.advice for f in raised],
        }
        return {
            "triage": triage,
            "outside_knowledge": outside,
            "conditions": conditions,
            "evidence": {
                status: sorted(f for f, s in state.evidence.items() if s == status)
                for status in (PRESENT, ABSENT, UNKNOWN)
            },
            "red_flags": [f.id for f in flags],
            # outside the knowledge: the things it may be that the bot does not cover in detail
            "resembles": [
                {"id": h, "name": self.kb.lookalikes[h].name, "likelihood": round(p, 2)} for h, p in resembles
            ],
            "advice": advice,
            "sources": sources,
        }
