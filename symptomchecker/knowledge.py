"""Load and validate the condition knowledge in ``knowledge/``.

The knowledge is plain YAML, edited by people; this module is the only reader. Everything is
checked at load time against the models below and across files (every finding, condition, red
flag and source a file names must exist). An invalid file raises :class:`KnowledgeError` whose
message names the file, the entry and the field, e.g.::

    knowledge/conditions/scabies.yml: condition 'scabies', field 'findings.itchin': unknown finding

Nothing here imports Rasa.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Literal, Optional, Union

import yaml
from pydantic import BaseModel, Extra, ValidationError, root_validator, validator

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "knowledge"
#: libyaml's safe loader where PyYAML was built with it (about 10 times faster), else PyYAML's own
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

TriageLevel = Literal["self_care", "see_doctor", "urgent", "emergency"]
TRIAGE_ORDER: List[str] = ["self_care", "see_doctor", "urgent", "emergency"]

Strength = Literal["always", "typical", "common", "sometimes", "rare", "never"]
#: P(finding present | condition) for each qualitative strength used in conditions/*.yml.
STRENGTH_PROBABILITY: Dict[str, float] = {
    "always": 0.95,
    "typical": 0.8,
    "common": 0.5,
    "sometimes": 0.25,
    "rare": 0.06,
    "never": 0.01,
}
Prevalence = Literal["very_common", "common", "uncommon", "rare"]
#: Prior weight of a condition among people asking about bumps on the back.
PREVALENCE_PRIOR: Dict[str, float] = {"very_common": 4.0, "common": 2.0, "uncommon": 1.0, "rare": 0.4}
DEFAULT_BASE_RATE = 0.1


class KnowledgeError(ValueError):
    """The knowledge files are invalid; the message names file, entry and field."""


class _Model(BaseModel):
    class Config:
        extra = Extra.forbid
        allow_mutation = False


def _nonblank(value: str) -> str:
    if not value or not value.strip():
        raise ValueError("must not be empty")
    return value.strip()


class Finding(_Model):
    id: str
    label: str
    absent_label: Optional[str] = None  # how its absence reads; default "no <label>"
    question: Optional[str] = None
    button: Optional[str] = None
    synonyms: List[str] = []
    absent_synonyms: List[str] = []  # phrases that say it is not there ("breathing is fine")
    only_with: List[str] = []  # words of which one must be in the sentence for a synonym to count
    not_asked_if_any: List[str] = []  # findings that make its question inapplicable ("is he pregnant?")
    contradicts: List[str] = []  # findings that cannot be true together with it
    base_rate: float = DEFAULT_BASE_RATE
    implies: List[str] = []
    #: present findings that account for this one whatever the cause (feeling unwell beside a
    #: fever): while one of them is present, this finding is neither counted nor asked about
    explained_by: List[str] = []
    of_a_lump: Optional[str] = None  # the finding it means instead in a conversation about a lump under the skin
    of_inflamed_skin: Optional[str] = None  # the finding it means instead when said of red, hot, swollen skin
    of_a_growth: Optional[str] = None  # the finding it means instead when said of a growth on the skin (a mole, a tag)
    group: Optional[str] = None  # filled in for group options

    _ids = validator("id", "label", allow_reuse=True)(_nonblank)

    @validator("base_rate")
    def _rate(cls, v: float) -> float:
        if not 0 < v < 1:
            raise ValueError("must be between 0 and 1 (exclusive)")
        return v

    @validator("synonyms", "absent_synonyms", "only_with", each_item=True)
    def _synonym(cls, v: str) -> str:
        v = str(v).strip()
        if not v:
            raise ValueError("empty synonym")
        if any("+" in word[:-1] or word == "+" for word in v.split()):
            raise ValueError(f"'+' marks a word that must be a plural, at its end ('small bumps+'): {v!r}")
        return v.lower()


class Group(_Model):
    id: str
    question: str
    exclusive: bool
    options: List[Finding]

    @validator("options")
    def _two_or_more(cls, v: List[Finding]) -> List[Finding]:
        if len(v) < 2:
            raise ValueError("a group needs at least two options")
        for option in v:
            if not option.button:
                raise ValueError(f"option '{option.id}' needs a button title")
        return v


class Source(_Model):
    id: str
    title: str
    publisher: str
    url: str

    @validator("url")
    def _url(cls, v: str) -> str:
        if not v.startswith("https://") and not v.startswith("http://"):
            raise ValueError("must be an http(s) URL")
        return v


class Treatment(_Model):
    text: str
    needs_doctor: bool = False  # prescription or a procedure: only a professional decides

    _text = validator("text", allow_reuse=True)(_nonblank)


class Contagion(_Model):
    contagious: bool
    how: str


class Form(_Model):
    """A distinct presentation of a condition whose findings come together (eczema infected with the
    cold sore virus: a fever, painful clustered blisters). Naive Bayes multiplies findings as if they
    came independently, so a presentation unlike the condition's usual picture pays for each of its
    signs; as a form it is a hypothesis of its own, summed into its condition (a mixture)."""

    id: str
    name: str
    share: float  # of the condition's prior weight: how often the condition shows this way (0 to 0.5)
    findings: Dict[str, Strength]  # what differs from the condition's own findings
    sources: List[str]
    #: considered only when one of these findings is present (eczema herpeticum: in someone who has eczema)
    requires_any: List[str] = []

    @validator("share")
    def _a_minority(cls, v: float) -> float:
        if not 0 < v <= 0.5:
            raise ValueError("must be above 0 and at most 0.5 (a form is a less usual presentation)")
        return v


class Condition(_Model):
    id: str
    name: str
    aliases: List[str]
    summary: str
    cause: str
    appearance: str
    locations: List[str]
    contagiousness: Contagion
    prevalence: Prevalence
    triage: TriageLevel
    findings: Dict[str, Strength]
    risk_factors: List[str]
    self_care: List[str]
    treatment: List[Treatment]
    see_doctor_if: List[str]
    prevention: List[str] = []
    sources: List[str]
    forms: List[Form] = []

    _text = validator("id", "name", "summary", "cause", "appearance", allow_reuse=True)(_nonblank)

    @root_validator(skip_on_failure=True)
    def _complete(cls, values: dict) -> dict:
        for name in ("aliases", "locations", "risk_factors", "self_care", "treatment", "see_doctor_if", "sources"):
            if not values.get(name):
                raise ValueError(f"field '{name}' must list at least one item")
        if len(values.get("findings") or {}) < 4:
            raise ValueError("field 'findings' must name at least four findings")
        return values


class Lookalike(_Model):
    """Something that can look like a back bump but that the bot does not cover in detail (a
    pilonidal sinus, a keloid scar, ...): enough for the inference to recognise a description that
    fits none of the conditions, never enough to name it as the cause or to give self-care.
    Everything a lookalike says must come from its sources, like a condition's facts."""

    id: str
    name: str
    summary: str  # one or two sentences: what it is and who should look at it
    prevalence: Prevalence
    triage: TriageLevel  # the lowest safe level for it (at least see_doctor: nobody assesses it here)
    findings: Dict[str, Strength]
    sources: List[str]
    #: considered only when one of these findings is present: for a rare, alarming lookalike whose
    #: defining signs are needed before it is named at all (necrotising fasciitis and its
    #: out-of-proportion pain; a red flag gives the emergency advice for those signs)
    requires_any: List[str] = []

    _text = validator("id", "name", "summary", allow_reuse=True)(_nonblank)

    @validator("triage")
    def _seen_by_someone(cls, v: str) -> str:
        if v == "self_care":
            raise ValueError("must be at least see_doctor: the bot gives no self-care for what it does not cover")
        return v

    @root_validator(skip_on_failure=True)
    def _complete(cls, values: dict) -> dict:
        if not values.get("sources"):
            raise ValueError("field 'sources' must list at least one item")
        if len(values.get("findings") or {}) < 3:
            raise ValueError("field 'findings' must name at least three findings")
        return values


class RedFlag(_Model):
    id: str
    name: str
    triage: TriageLevel
    advice: str
    any_of: List[str] = []  # at least one of these findings present
    all_of: List[str] = []  # every one of these findings present
    if_likely: List[str] = []  # and one of these conditions (or lookalikes) at least `min_likelihood` likely
    min_likelihood: float = 0.15
    or_if_any: List[str] = []  # ... or, instead of that, one of these findings present ("has had eczema for years")
    screen_when_likely: List[str] = []  # ask about `screen` before concluding when one of these conditions is likely
    screen_when_any: List[str] = []  # ... or when one of these findings is present (a rash with a fever)
    screen_unless_any: List[str] = []  # ... unless one of these findings is present
    screen: List[str] = []  # the findings asked about when screening (default: any_of)
    sources: List[str]

    @root_validator(skip_on_failure=True)
    def _has_trigger(cls, values: dict) -> dict:
        if not values.get("any_of") and not values.get("all_of"):
            raise ValueError("a red flag needs 'any_of' or 'all_of' findings")
        if values.get("or_if_any") and not values.get("if_likely"):
            raise ValueError("'or_if_any' is an alternative to 'if_likely', which is missing")
        own = {*(values.get("any_of") or []), *(values.get("all_of") or []), *(values.get("or_if_any") or [])}
        stray = set(values.get("screen") or []) - own
        if stray:
            raise ValueError(f"'screen' asks only about the flag's own findings, not {sorted(stray)}")
        return values


class Topic(_Model):
    id: str
    title: str
    text: str
    conditions: List[str] = []
    sources: List[str]


class TriageAdvice(_Model):
    id: TriageLevel
    title: str
    advice: str


@dataclass(frozen=True)
class KnowledgeBase:
    """All knowledge, validated and cross-checked. Build it with :func:`load_knowledge`."""

    findings: Dict[str, Finding]
    groups: Dict[str, Group]
    conditions: Dict[str, Condition]
    red_flags: Dict[str, RedFlag]
    topics: Dict[str, Topic]
    sources: Dict[str, Source]
    triage: Dict[str, TriageAdvice]
    about: str
    directory: Path = field(default=DEFAULT_DIR)
    lookalikes: Dict[str, Lookalike] = field(default_factory=dict)

    def hypothesis(self, hypothesis_id: str) -> Union[Condition, Lookalike]:
        """The condition or lookalike with this id."""
        found = self.conditions.get(hypothesis_id)
        return found if found is not None else self.lookalikes[hypothesis_id]

    def likelihood(self, condition_id: str, finding_id: str) -> float:
        """P(finding present | condition or lookalike)."""
        strength = self.hypothesis(condition_id).findings.get(finding_id)
        if strength is None:
            return self.findings[finding_id].base_rate
        return STRENGTH_PROBABILITY[strength]

    def prior(self, condition_id: str) -> float:
        return PREVALENCE_PRIOR[self.hypothesis(condition_id).prevalence]

    def source_urls(self, source_ids: List[str]) -> List[str]:
        return [self.sources[s].url for s in source_ids]


def _read_yaml(path: Path):
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_SAFE_LOADER)
    except FileNotFoundError:
        raise KnowledgeError(f"{path}: file is missing") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from None


def _parse(model, data, path: Path, kind: str):
    entry = data.get("id", "?") if isinstance(data, dict) else "?"
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: {kind} entry must be a mapping, got {type(data).__name__}")
    try:
        return model.parse_obj(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"field '{'.'.join(str(p) for p in err['loc']) or '(entry)'}': {err['msg']}" for err in exc.errors()
        )
        raise KnowledgeError(f"{path}: {kind} '{entry}', {problems}") from None


def _unique(items, path: Path, kind: str) -> dict:
    result = {}
    for item in items:
        if item.id in result:
            raise KnowledgeError(f"{path}: {kind} '{item.id}' is defined twice")
        result[item.id] = item
    return result


def _list_of(data, key: str, path: Path) -> list:
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise KnowledgeError(f"{path}: expected a top-level '{key}:' list")
    return data[key]


def load_knowledge(directory: Optional[Path] = None) -> KnowledgeBase:
    """Read and validate every knowledge file; raise KnowledgeError naming what is wrong."""
    directory = Path(directory or DEFAULT_DIR)

    path = directory / "findings.yml"
    raw = _read_yaml(path)
    findings = _unique((_parse(Finding, f, path, "finding") for f in _list_of(raw, "findings", path)), path, "finding")
    groups: Dict[str, Group] = {}
    for g in raw.get("groups") or []:
        group = _parse(Group, g, path, "group")
        groups[group.id] = group
        for option in group.options:
            if option.id in findings:
                raise KnowledgeError(f"{path}: finding '{option.id}' is defined twice")
            findings[option.id] = option.copy(update={"group": group.id})

    path = directory / "sources.yml"
    sources = _unique(
        (_parse(Source, s, path, "source") for s in _list_of(_read_yaml(path), "sources", path)), path, "source"
    )

    path = directory / "triage.yml"
    triage = _unique(
        (_parse(TriageAdvice, t, path, "triage level") for t in _list_of(_read_yaml(path), "levels", path)),
        path,
        "triage level",
    )
    missing = set(TRIAGE_ORDER) - set(triage)
    if missing:
        raise KnowledgeError(f"{path}: triage levels missing: {sorted(missing)}")

    conditions: Dict[str, Condition] = {}
    condition_files: Dict[str, Path] = {}
    for path in sorted((directory / "conditions").glob("*.yml")):
        condition = _parse(Condition, _read_yaml(path), path, "condition")
        if condition.id in conditions:
            raise KnowledgeError(f"{path}: condition '{condition.id}' is defined twice")
        conditions[condition.id] = condition
        condition_files[condition.id] = path
    if not conditions:
        raise KnowledgeError(f"{directory / 'conditions'}: no condition files found")

    # optional: a knowledge base without lookalikes has only the generic "something else"
    lookalikes: Dict[str, Lookalike] = {}
    lookalike_files: Dict[str, Path] = {}
    for path in sorted((directory / "lookalikes").glob("*.yml")):
        lookalike = _parse(Lookalike, _read_yaml(path), path, "lookalike")
        if lookalike.id in lookalikes or lookalike.id in conditions:
            raise KnowledgeError(f"{path}: lookalike '{lookalike.id}' is defined twice (or is a condition id)")
        lookalikes[lookalike.id] = lookalike
        lookalike_files[lookalike.id] = path

    path = directory / "red_flags.yml"
    red_flags = _unique(
        (_parse(RedFlag, r, path, "red flag") for r in _list_of(_read_yaml(path), "red_flags", path)), path, "red flag"
    )

    path = directory / "topics.yml"
    raw_topics = _read_yaml(path)
    topics = _unique((_parse(Topic, t, path, "topic") for t in _list_of(raw_topics, "topics", path)), path, "topic")
    about = raw_topics.get("about")
    if not isinstance(about, str) or not about.strip():
        raise KnowledgeError(f"{path}: field 'about' (what the bot is) must be a non-empty text")

    def check(ids, known, file, kind, entry, field_name, what):
        for i in ids:
            if i not in known:
                raise KnowledgeError(f"{file}: {kind} '{entry}', field '{field_name}': unknown {what} '{i}'")

    for f in findings.values():
        for name in ("implies", "not_asked_if_any", "contradicts", "explained_by"):
            check(getattr(f, name), findings, directory / "findings.yml", "finding", f.id, name, "finding")
        for name in ("of_a_lump", "of_inflamed_skin", "of_a_growth"):
            if getattr(f, name):
                check([getattr(f, name)], findings, directory / "findings.yml", "finding", f.id, name, "finding")
    # contradiction goes both ways: one side declaring it is enough
    for f in list(findings.values()):
        for other in f.contradicts:
            if f.id not in findings[other].contradicts:
                findings[other] = findings[other].copy(update={"contradicts": findings[other].contradicts + [f.id]})
    for c in conditions.values():
        file = condition_files[c.id]
        check(c.findings, findings, file, "condition", c.id, "findings", "finding")
        check(c.sources, sources, file, "condition", c.id, "sources", "source")
        for form in c.forms:
            check(form.findings, findings, file, "condition", c.id, f"forms.{form.id}.findings", "finding")
            check(form.sources, sources, file, "condition", c.id, f"forms.{form.id}.sources", "source")
            check(form.requires_any, findings, file, "condition", c.id, f"forms.{form.id}.requires_any", "finding")
        if sum(form.share for form in c.forms) > 0.5:
            raise KnowledgeError(f"{file}: condition '{c.id}', field 'forms': their shares add up to more than 0.5")
    for lookalike in lookalikes.values():
        file = lookalike_files[lookalike.id]
        check(lookalike.findings, findings, file, "lookalike", lookalike.id, "findings", "finding")
        check(lookalike.sources, sources, file, "lookalike", lookalike.id, "sources", "source")
        check(lookalike.requires_any, findings, file, "lookalike", lookalike.id, "requires_any", "finding")
    for r in red_flags.values():
        file = directory / "red_flags.yml"
        for name in ("any_of", "all_of", "or_if_any", "screen_when_any", "screen_unless_any", "screen"):
            check(getattr(r, name), findings, file, "red flag", r.id, name, "finding")
        for name in ("if_likely", "screen_when_likely"):
            named = {**conditions, **lookalikes}
            check(getattr(r, name), named, file, "red flag", r.id, name, "condition or lookalike")
        check(r.sources, sources, file, "red flag", r.id, "sources", "source")
    for t in topics.values():
        check(t.conditions, conditions, directory / "topics.yml", "topic", t.id, "conditions", "condition")
        check(t.sources, sources, directory / "topics.yml", "topic", t.id, "sources", "source")

    return KnowledgeBase(
        findings=findings,
        groups=groups,
        conditions=conditions,
        red_flags=red_flags,
        topics=topics,
        sources=sources,
        triage=triage,
        about=about.strip(),
        directory=directory,
        lookalikes=lookalikes,
    )


@lru_cache(maxsize=4)
def default_knowledge() -> KnowledgeBase:
    """The project's knowledge base, loaded once per process."""
    return load_knowledge(DEFAULT_DIR)
