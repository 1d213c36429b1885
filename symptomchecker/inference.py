"""Evidence -> likelihood of each condition, explanations, and red flags.

A naive-Bayes model over the findings: P(condition | evidence) is proportional to the
condition's prior times, for each finding with a known status, P(finding | condition) when it
is present or 1 - P(finding | condition) when it is absent. Options of an exclusive group (age,
duration) are one categorical answer, so only the option given counts.
"""
from __future__ import annotations

import math
from typing import Dict, List, Mapping, Tuple

from symptomchecker.knowledge import TRIAGE_ORDER, KnowledgeBase, RedFlag

PRESENT, ABSENT, UNKNOWN = "present", "absent", "unknown"
STATUSES = (PRESENT, ABSENT, UNKNOWN)
Evidence = Mapping[str, str]  # finding id -> PRESENT / ABSENT / UNKNOWN


def _finding_factor(kb: KnowledgeBase, condition_id: str, finding_id: str, status: str, evidence: Evidence) -> float:
    finding = kb.findings[finding_id]
    group = kb.groups.get(finding.group) if finding.group else None
    p = kb.likelihood(condition_id, finding_id)
    if group is not None and group.exclusive:
        if status == ABSENT and any(evidence.get(o.id) == PRESENT for o in group.options):
            return 1.0  # implied by the option that was given
        total = sum(kb.likelihood(condition_id, o.id) for o in group.options)
        p = p / total
    return p if status == PRESENT else 1.0 - p


def posterior(kb: KnowledgeBase, evidence: Evidence) -> Dict[str, float]:
    """P(condition | evidence) for every condition, summing to 1, highest first."""
    log_scores = {}
    for cid in kb.conditions:
        score = math.log(kb.prior(cid))
        for fid, status in evidence.items():
            if status in (PRESENT, ABSENT) and fid in kb.findings:
                score += math.log(max(_finding_factor(kb, cid, fid, status, evidence), 1e-9))
        log_scores[cid] = score
    top = max(log_scores.values())
    weights = {cid: math.exp(s - top) for cid, s in log_scores.items()}
    total = sum(weights.values())
    return dict(sorted(((cid, w / total) for cid, w in weights.items()), key=lambda kv: -kv[1]))


def explain(kb: KnowledgeBase, condition_id: str, evidence: Evidence) -> Tuple[List[str], List[str]]:
    """The findings that speak for and against a condition, strongest first.

    For: present findings the condition usually has (at least "common" and 1.5 times the base
    rate), and absent findings it rarely has. Against: present findings it rarely has (at most
    "rare", or under half the base rate), and absent findings it usually has.
    """
    scored_for, scored_against = [], []
    for fid, status in evidence.items():
        if status not in (PRESENT, ABSENT) or fid not in kb.findings:
            continue
        p = kb.likelihood(condition_id, fid)
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


def triggered_red_flags(kb: KnowledgeBase, evidence: Evidence, probabilities: Mapping[str, float]) -> List[RedFlag]:
    """Red flags whose findings (and, where named, likely conditions) are present, highest triage first."""
    present = {f for f, s in evidence.items() if s == PRESENT}
    flags = []
    for flag in kb.red_flags.values():
        if flag.any_of and not present.intersection(flag.any_of):
            continue
        if not present.issuperset(flag.all_of):
            continue
        if flag.if_likely and not any(probabilities.get(c, 0) >= flag.min_likelihood for c in flag.if_likely):
            continue
        flags.append(flag)
    return sorted(flags, key=lambda f: -TRIAGE_ORDER.index(f.triage))


def highest(levels) -> str:
    """The highest of some triage levels (self_care when there are none)."""
    return max(levels, key=TRIAGE_ORDER.index, default="self_care")
