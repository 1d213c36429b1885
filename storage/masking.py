"""Mask personal identifiers a person may type before a conversation is stored.

E-mail addresses, phone numbers and names are replaced by ``[email]``, ``[phone]`` and
``[name]``. Symptoms, dates, ages, temperatures and durations are left alone: the interview
needs them, and they identify nobody on their own. So only what looks like one is masked:

- a phone number: at least 9 digits, with an optional leading +, and spaces, dashes or brackets
  between the groups; not a date ("12/03/2025", "2025-03-12 10:30", "12 03 2025"), not decimals
  ("38.5 39.2 40.1"), not a run of small numbers ("39 40 39 40 38");
- a name after "my name is" / "I'm called" (a capitalised word, or any word but a very common
  one: not "my name is not important"), after "call me" (not a common English word: not "call me
  if it gets worse"), and after "this is" only when capitalised and not a common word ("this is
  Priya", not "this is really itchy"). A word of the symptom vocabulary is never a name ("This
  is Itchy").

Plain Python, no Rasa.
"""

from __future__ import annotations

import re
from functools import lru_cache

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# digit groups joined by up to 3 spaces / dashes or by a bracketed group: "+44 (0)20 7946 0958",
# "(555) 123-4567"; never dots or slashes (dates, decimals). Each repetition starts with a
# separator, so there is no backtracking blow-up on long digit runs.
_PHONE = re.compile(r"(?<![\w.,/+-])(?:\+ ?)?(?:\(\d+\) ?)?\d+(?:(?:[ -]{1,3}|[ -]?\(\d+\)[ -]?)\d+)*(?![\w/:]|[.,]\d)")
_DATE = re.compile(r"\b(?:\d{1,2}[ -]\d{1,2}[ -](?:19|20)\d\d|(?:19|20)\d\d[ -]\d{1,2}[ -]\d{1,2})\b")
_NAME = re.compile(
    r"(?i:\b(my name is|(?:my )?name['’]s|i am called|i['’]?m called|call me|this is))"
    r"(\s+)([A-Za-z][\w'’-]*)(?:(\s+)([A-Z][\w'’-]*))?"
)
#: an English word at least this frequent in pyspellchecker's list is a word, not a name, after
#: "this is" / "call me" (Jane, John, Tom are rarer; most first names are not in the list at all)
COMMON_WORD_FREQUENCY = 10000
#: after "my name is", a lower-case word at least this frequent is not a name ("not", "important")
LITTLE_WORD_FREQUENCY = 300000


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if len(digits) < 9:
        return False
    if candidate.startswith("+"):
        return True
    if _DATE.search(candidate):
        return False
    # a phone number has a group of 3 or more digits, or starts with 0 ("06 12 34 56 78")
    groups = re.findall(r"\d+", candidate)
    return any(len(g) >= 3 for g in groups) or groups[0].startswith("0") and len(groups[0]) >= 2


@lru_cache(maxsize=1)
def _symptom_words() -> frozenset:
    """Every word of the knowledge's vocabulary: the findings' synonyms, the conditions' names."""
    from symptomchecker.knowledge import default_knowledge

    kb = default_knowledge()
    findings = list(kb.findings.values()) + [o for g in kb.groups.values() for o in g.options]
    phrases = [s for f in findings for s in f.synonyms] + [f.label for f in findings]
    phrases += [c.name for c in kb.conditions.values()] + [a for c in kb.conditions.values() for a in c.aliases]
    return frozenset(w for p in phrases for w in re.findall(r"[a-z']+", p.lower()))


@lru_cache(maxsize=1)
def _word_frequency():
    from spellchecker import SpellChecker

    return SpellChecker(language="en").word_frequency


def _common_word(word: str, frequency: int = COMMON_WORD_FREQUENCY) -> bool:
    """An English word at least `frequency` common, or a word of the symptom vocabulary."""
    word = word.lower()
    return word in _symptom_words() or _word_frequency()[word] >= frequency


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not word.isupper()


def _is_name(intro: str, word: str) -> bool:
    intro = " ".join(intro.lower().split())
    if intro == "this is":
        return _capitalised(word) and not _common_word(word)
    if intro == "call me":
        return not _common_word(word)
    # "my name is Mark" (a name even if it is also a word: "Mark", "Rash"), "I'm called priya",
    # but not "my name is not important"
    if _capitalised(word):
        return True
    return not _common_word(word, frequency=LITTLE_WORD_FREQUENCY)


def _mask_name(match: re.Match) -> str:
    intro, space, first, space2, second = match.groups()
    if not _is_name(intro, first):
        return match.group(0)
    if second and _capitalised(second) and not _common_word(second):  # a surname: "Jane Smith"
        return f"{intro}{space}[name]"
    return f"{intro}{space}[name]{space2 or ''}{second or ''}"


def mask_personal_data(text: str) -> str:
    """The text with e-mail addresses, phone numbers and self-introduced names masked."""
    if not text:
        return text
    text = _EMAIL.sub("[email]", text)
    text = _PHONE.sub(lambda m: "[phone]" if _is_phone(m.group(0)) else m.group(0), text)
    return _NAME.sub(_mask_name, text)
