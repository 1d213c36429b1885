"""Evidence -> likelihood of each condition, explanations, and red flags.

A naive-Bayes model over the findings: P(condition | evidence) is proportional to the
condition's prior times, for each finding with a known status, P(finding | condition) when it
is present or 1 - P(finding | condition) when it is absent. Options of an exclusive group (age,
duration, what kind of thing it is) are one categorical answer, so only the option given counts.

**Open world.** Beside the conditions in the knowledge there are two kinds of "something I do
not cover":

- the **lookalikes** (``knowledge/lookalikes/``): things that can look like a back bump but that
  the bot does not cover in detail (a pilonidal sinus, a keloid scar, ...). Each has a sketch of
  its findings, so a description that fits one is recognised as outside the knowledge on
  evidence, not only by elimination;
- the **leak** :data:`OTHER`: a hypothesis whose finding rates are the generic ones (each
  finding's ``base_rate``, what a condition that does not list the finding shows). It explains
  nothing especially well and nothing especially badly, so it gains ground exactly when every
  other hypothesis is contradicted by some of the evidence. Its prior weight
  :data:`OTHER_PRIOR` is in the units of ``PREVALENCE_PRIOR`` and was calibrated on the
  development vignettes (README, "Measuring it").

The two together are "outside the knowledge" (:attr:`Beliefs.other`).

The model is a matrix (hypotheses x findings) built once per knowledge base, so a posterior is
a sum of a few columns and the effect of every possible next answer is one matrix product.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Tuple

import numpy as np

from symptomchecker.knowledge import STRENGTH_PROBABILITY, TRIAGE_ORDER, KnowledgeBase, RedFlag

PRESENT, ABSENT, UNKNOWN = "present", "absent", "unknown"
STATUSES = (PRESENT, ABSENT, UNKNOWN)
Evidence = Mapping[str, str]  # finding id -> PRESENT / ABSENT / UNKNOWN

#: The id of the "something I do not know" hypothesis (never a condition id).
OTHER = "__other__"
#: Its prior weight, in the units of knowledge.PREVALENCE_PRIOR (a "common" condition weighs 2).
OTHER_PRIOR = 20.0
_FLOOR = 1e-9


@dataclass(frozen=True)
class Beliefs:
    """The posterior over the known conditions and what lies outside them."""

    conditions: Dict[str, float]  # known conditions, highest first; they sum to 1 - other
    other: float  # P(none of the known conditions): the lookalikes and the leak together
    lookalikes: Dict[str, float] = field(default_factory=dict)  # each lookalike, highest first
    #: every hypothesis in the order of Model.hypotheses (a condition's forms apart), when known
    rows: Optional[np.ndarray] = field(default=None, compare=False, repr=False)

    @property
    def likely(self) -> Dict[str, float]:
        """Every named hypothesis, conditions and lookalikes, with its probability (what a red
        flag's ``if_likely`` and ``screen_when_likely`` look at)."""
        return {**self.conditions, **self.lookalikes}

    @property
    def top(self) -> float:
        return next(iter(self.conditions.values()), 0.0)


class Model:
    """The knowledge base as arrays: rows are hypotheses (conditions, their forms, lookalikes, then
    OTHER), columns findings. A condition's forms (``Condition.forms``) are rows of their own whose
    probability counts for the condition."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.conditions: List[str] = list(kb.conditions)
        self.lookalikes: List[str] = list(kb.lookalikes)
        forms = [(c.id, form) for c in kb.conditions.values() for form in c.forms]
        self.forms: List[str] = [form.id for _, form in forms]
        self.hypotheses: List[str] = self.conditions + self.forms + self.lookalikes + [OTHER]
        self.findings: List[str] = list(kb.findings)
        self.column = {fid: j for j, fid in enumerate(self.findings)}
        #: column -> the columns that, present, account for it (``Finding.explained_by``)
        self.explained_by = {
            self.column[f.id]: [self.column[e] for e in f.explained_by] for f in kb.findings.values() if f.explained_by
        }
        n, k = len(self.conditions), len(self.forms)
        rates = np.array([kb.findings[f].base_rate for f in self.findings])
        condition_rows = [[kb.likelihood(c, f) for f in self.findings] for c in self.conditions]
        form_rows = [
            [
                STRENGTH_PROBABILITY[form.findings[f]] if f in form.findings else kb.likelihood(c, f)
                for f in self.findings
            ]
            for c, form in forms
        ]
        lookalike_rows = [[kb.likelihood(h, f) for f in self.findings] for h in self.lookalikes]
        likelihood = np.array(condition_rows + form_rows + lookalike_rows + [rates])
        # an exclusive group's options are one categorical answer: normalise them per hypothesis
        self.exclusive_group = np.full(len(self.findings), -1)
        self.group_columns: Dict[str, List[int]] = {}
        for g, group in enumerate(kb.groups.values()):
            columns = [self.column[o.id] for o in group.options]
            self.group_columns[group.id] = columns
            if group.exclusive:
                likelihood[:, columns] /= likelihood[:, columns].sum(axis=1, keepdims=True)
                self.exclusive_group[columns] = g
        self.likelihood = np.clip(likelihood, _FLOOR, 1 - _FLOOR)
        self.log_yes = np.log(self.likelihood)
        self.log_no = np.log(1 - self.likelihood)
        # a condition's prior weight is shared between its usual picture and its forms
        share = {c: sum(form.share for form in kb.conditions[c].forms) for c in self.conditions}
        priors = (
            [kb.prior(c) * (1 - share[c]) for c in self.conditions]
            + [kb.prior(c) * form.share for c, form in forms]
            + [kb.prior(h) for h in self.lookalikes]
            + [OTHER_PRIOR]
        )
        self.log_prior = np.log(np.array(priors, dtype=float))
        #: what each row counts for: its condition (0 .. n-1), or n for "outside the knowledge"
        counts_for = list(range(n)) + [self.conditions.index(c) for c, _ in forms] + [n] * (len(self.lookalikes) + 1)
        self._merge = np.zeros((n + 1, len(self.hypotheses)))
        self._merge[counts_for, np.arange(len(self.hypotheses))] = 1.0
        #: forms and lookalikes considered only when one of their findings is present: row -> columns
        self.required = {
            n + i: [self.column[f] for f in form.requires_any] for i, (_, form) in enumerate(forms) if form.requires_any
        }
        self.required.update(
            {
                n + k + i: [self.column[f] for f in kb.lookalikes[h].requires_any]
                for i, h in enumerate(self.lookalikes)
                if kb.lookalikes[h].requires_any
            }
        )
        #: P(outside the knowledge) before any evidence (what a gated form or lookalike never adds)
        ungated = [p for i, p in enumerate(priors) if i not in self.required]
        outside = [p for i, p in enumerate(priors) if i >= n + k and i not in self.required]
        self.prior_other = float(sum(outside) / sum(ungated))

    def distribution(self, evidence: Evidence, gated: bool = True) -> np.ndarray:
        """P(hypothesis | evidence), in the order of :attr:`hypotheses` (with ``gated=False``, as if
        every form's and lookalike's required finding were present)."""
        score = self.log_prior.copy()
        present_groups = {
            int(self.exclusive_group[self.column[f]]) for f, s in evidence.items() if s == PRESENT and f in self.column
        }
        present = {self.column[f] for f, s in evidence.items() if s == PRESENT and f in self.column}
        for fid, status in evidence.items():
            j = self.column.get(fid)
            if j is None or present.intersection(self.explained_by.get(j, ())):
                continue  # unknown, or accounted for by another finding (feeling unwell beside a fever)
            if status == PRESENT:
                score += self.log_yes[:, j]
            elif status == ABSENT and not (self.exclusive_group[j] >= 0 and self.exclusive_group[j] in present_groups):
                score += self.log_no[:, j]  # an option absent because another was given adds nothing
        if self.required and gated:
            for row, columns in self.required.items():
                if not present.intersection(columns):
                    score[row] = -np.inf
        weights = np.exp(score - score.max())
        return weights / weights.sum()

    def beliefs(self, evidence: Evidence) -> Beliefs:
        return self.beliefs_from(self.distribution(evidence))

    def beliefs_from(self, p: np.ndarray) -> Beliefs:
        n = len(self.conditions)
        merged = self.merged(p)
        order = np.argsort(-merged[:n], kind="stable")
        outside = p[n + len(self.forms) : -1]
        return Beliefs(
            {self.conditions[i]: float(merged[i]) for i in order},
            float(merged[n]),
            {self.lookalikes[i]: float(outside[i]) for i in np.argsort(-outside, kind="stable")},
            p,
        )

    def opened_by(self, evidence: Evidence, columns: List[int]) -> np.ndarray:
        """hypotheses x ``columns``: True where a yes to that finding would let a form or lookalike
        now shut out by ``requires_any`` be considered."""
        present = {self.column[f] for f, s in evidence.items() if s == PRESENT and f in self.column}
        opened = np.zeros((len(self.hypotheses), len(columns)), dtype=bool)
        for row, required in self.required.items():
            if not present.intersection(required):
                opened[row] = np.isin(columns, required)
        return opened

    def vector(self, beliefs: Beliefs) -> np.ndarray:
        """The posterior as a vector in the order of :attr:`hypotheses` (the inverse of :meth:`beliefs_from`;
        a condition's forms can only be split again when the beliefs came from :meth:`beliefs_from`)."""
        if beliefs.rows is not None and len(beliefs.rows) == len(self.hypotheses):
            return beliefs.rows
        if self.forms:
            raise ValueError("beliefs without their rows cannot be split into a condition's forms")
        lookalikes = [beliefs.lookalikes.get(h, 0.0) for h in self.lookalikes]
        return np.array(
            [beliefs.conditions[c] for c in self.conditions] + lookalikes + [beliefs.other - sum(lookalikes)]
        )

    def merged(self, p: np.ndarray) -> np.ndarray:
        """Probabilities over what the bot can tell apart: each condition (its forms added in), and
        "outside the knowledge" as one (lookalikes and the leak summed). Works on a vector or on the
        columns of a matrix."""
        return self._merge @ p


_MODELS: Dict[int, Model] = {}


def model(kb: KnowledgeBase) -> Model:
    """The arrays of one knowledge base, built once."""
    built = _MODELS.get(id(kb))
    if built is None or built.kb is not kb:
        if len(_MODELS) > 8:
            _MODELS.clear()
        built = _MODELS[id(kb)] = Model(kb)
    return built


def entropy(p: np.ndarray) -> np.ndarray:
    """Entropy in bits along the first axis (of a vector, or of each column of a matrix)."""
    p = np.clip(p, 1e-300, 1.0)
    return -(p * np.log2(p)).sum(axis=0)


def beliefs(kb: KnowledgeBase, evidence: Evidence) -> Beliefs:
    """P(each known condition | evidence) and P(none of them | evidence)."""
    return model(kb).beliefs(evidence)


def posterior(kb: KnowledgeBase, evidence: Evidence) -> Dict[str, float]:
    """P(condition | evidence) for every known condition, highest first. They sum to
    1 - P(something else): see :func:`beliefs` for that part."""
    return beliefs(kb, evidence).conditions


def explain(kb: KnowledgeBase, condition_id: str, evidence: Evidence) -> Tuple[List[str], List[str]]:
    """The findings that speak for and against a condition, strongest first.

    For: present findings the condition usually has (at least "common" and 1.5 times the base
    rate), and absent findings it rarely has. Against: present findings it rarely has (at most
    "rare", or under half the base rate), and absent findings it usually has. A finding the
    condition does not list is as common in it as in anyone (its base rate): neither. For a
    condition with forms, the findings are those of the form (or usual picture) the evidence fits best.
    """
    listed = _best_fitting_findings(kb, condition_id, evidence)
    scored_for, scored_against = [], []
    for fid, status in evidence.items():
        if status not in (PRESENT, ABSENT) or fid not in listed:
            continue
        p = STRENGTH_PROBABILITY[listed[fid]]
        base = kb.findings[fid].base_rate
        if status == PRESENT:
            if p >= 0.5 and p >= 1.5 * base:
                scored_for.append((p / base, fid))
            elif p <= 0.1 or p < base / 2:
                scored_against.append((p / base, fid))
        else:
            if p >= 0.5:
                scored_against.append(((1 - p) / (1 - base), fid))
            elif p <= 0.06 and base >= 0.2:
                scored_for.append(((1 - p) / (1 - base), fid))
    return [f for _, f in sorted(scored_for, reverse=True)], [f for _, f in sorted(scored_against)]


def _best_fitting_findings(kb: KnowledgeBase, condition_id: str, evidence: Evidence) -> Mapping[str, str]:
    """The findings (id -> strength) of the condition's usual picture, or of the form of it that
    explains the evidence best among those its ``requires_any`` lets in (lookalikes have no forms)."""
    hypothesis = kb.hypothesis(condition_id)
    present = {f for f, s in evidence.items() if s == PRESENT}
    profiles = [dict(hypothesis.findings)] + [
        {**hypothesis.findings, **form.findings}
        for form in getattr(hypothesis, "forms", [])
        if not form.requires_any or present.intersection(form.requires_any)
    ]
    if len(profiles) == 1:
        return profiles[0]

    def fit(profile: Mapping[str, str]) -> float:
        total = 0.0
        for fid, status in evidence.items():
            if fid not in kb.findings or status not in (PRESENT, ABSENT):
                continue
            p = STRENGTH_PROBABILITY[profile[fid]] if fid in profile else kb.findings[fid].base_rate
            total += float(np.log(p if status == PRESENT else 1 - p))
        return total

    return max(profiles, key=fit)


def triggered_red_flags(kb: KnowledgeBase, evidence: Evidence, probabilities: Mapping[str, float]) -> List[RedFlag]:
    """Red flags whose findings (and, where named, likely conditions) are present, highest triage first."""
    present = {f for f, s in evidence.items() if s == PRESENT}
    flags = []
    for flag in kb.red_flags.values():
        if flag.any_of and not present.intersection(flag.any_of):
            continue
        if not present.issuperset(flag.all_of):
            continue
        if (
            flag.if_likely
            and not any(probabilities.get(c, 0) >= flag.min_likelihood for c in flag.if_likely)
            and not present.intersection(flag.or_if_any)
        ):
            continue
        flags.append(flag)
    return sorted(flags, key=lambda f: -TRIAGE_ORDER.index(f.triage))


def highest(levels) -> str:
    """The highest of some triage levels (self_care when there are none)."""
    return max(levels, key=TRIAGE_ORDER.index, default="self_care")
