"""Read findings, conditions and question topics out of free text, with negation and uncertainty.

The vocabulary comes from the knowledge base (finding synonyms, condition aliases), so adding a
synonym to ``knowledge/findings.yml`` teaches the matcher a new phrase. The matcher works on
spaCy tokens (the blank English tokenizer: no downloadable model is needed) and adds:

- normalisation: lower case, contractions ("doesn't" -> "does not"), light plural stemming (a
  synonym's word marked "+", "small bumps+", matches only the plural; marked "=", "lump=", only the
  singular); "the" is optional inside a phrase ("lump under skin" reads as "lump under the skin");
- typo correction: a word that is neither in the vocabulary nor ordinary English (pyspellchecker's
  word list) is corrected to the closest vocabulary word within one edit (two for long words),
  when exactly one candidate is that close;
- NegEx-style negation ("no fever", "it doesn't itch") and uncertainty ("not sure if it's
  spreading"), scoped to the clause;
- ages and durations written as numbers ("I'm 72", "for 3 weeks").

Usable without Rasa: ``SymptomMatcher(default_knowledge()).extract("no fever but itchy")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Set, Tuple

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spellchecker import SpellChecker

from symptomchecker.interview import age_group_option
from symptomchecker.knowledge import KnowledgeBase

PRESENT, ABSENT, UNKNOWN = "present", "absent", "unknown"

# fmt: off
#: Phrases that name what a question about a condition is about (entity ``info_topic``).
INFO_TOPICS: Dict[str, List[str]] = {
    "contagious": ["contagious", "infectious", "catching", "catch it", "catch it from", "spread to others",
                   "spread to other people", "spread to my", "pass it on", "pass it to", "give it to",
                   "transmit", "transmitted", "transmissible", "spread from person to person", "spread it"],
    "treatment": ["treat", "treated", "treatment", "treatments", "cure", "cured", "get rid of", "manage",
                  "managed", "remedy", "remedies", "medicine for", "medication for", "heal", "fix it",
                  "what can i do about", "how do i deal with", "therapy"],
    "cause": ["cause", "causes", "caused", "why do i get", "why do people get", "reason for",
              "where does it come from", "what triggers", "trigger", "triggers", "how do you get", "how do you catch",
              "why are", "why is", "why do", "why does", "why have", "why would"],
    "symptoms": ["symptom", "symptoms", "look like", "looks like", "signs of", "what does it look"],
    "see_doctor": ["see a doctor", "see the doctor", "see a gp", "go to the doctor", "need a doctor",
                   "see a dermatologist", "when should i see", "need to see someone"],
    "prevention": ["prevent", "prevention", "prevented", "avoid getting", "stop it coming back", "stop getting"],
    "risk_factors": ["who gets", "who can get", "risk factor", "risk factors", "at risk", "more likely to get"],
    "overview": ["what is", "what are", "tell me about", "tell me more about", "explain", "information on",
                 "info on", "what does it mean", "whats"],
    "urgent_help": ["urgent", "urgently", "emergency", "right away", "a and e", "when should i worry",
                    "seek help", "get help", "medical help", "immediately"],
}

_NEGATIONS = {"no", "not", "never", "without", "none", "nor", "neither", "nothing", "nobody", "noone", "denies", "deny",
              "nope", "nah", "zero", "lack", "lacks", "lacking", "absence", "negative"}
_UNCERTAIN = [("not", "sure"), ("unsure",), ("do", "not", "know"), ("not", "know"), ("not", "certain"), ("no", "idea"),
              ("maybe",), ("might",), ("may", "be"), ("possibly",), ("perhaps",), ("can", "not", "tell"),
              ("not", "certain"), ("wonder", "if"), ("wondering", "if"), ("could", "be"), ("hard", "to", "tell"),
              ("dunno",), ("idk",), ("not", "clear"), ("unclear",), ("do", "not", "think", "so", "but", "maybe"),
              ("thought", "it", "was"), ("thought", "it", "might"), ("thought", "it", "could"),
              ("took", "it", "for"), ("took", "them", "for"), ("assumed", "it", "was"), ("thought", "they", "were"),
              ("assumed", "they", "were")]
_NEGATION_PHRASES = [("too", "young", "for"), ("not", "had"), ("never", "had"), ("free", "of"), ("no", "sign", "of"),
                     ("no", "signs", "of"), ("not", "got")]
_DURATIONS = {"duration_days", "duration_weeks", "duration_months"}
_ABSENT_FINDING = "finding (absent)"  # the entity of a phrase that says a finding is not there
_OWN_BACK = re.compile(r"\bmy (?:lower |upper )?(?:back|skin|spine|shoulder blades?)\b", re.IGNORECASE)
_BARE_BABY = re.compile(r"(?:the |my |a |our )?bab(?:y|ies)$", re.IGNORECASE)
_ITS_DURATION = re.compile(r"\s*(?:(?:for|since)(?:\s+(?:about|around|nearly|almost|over|the last|the past))?)?\s*$")
# symptoms of the whole person: a duration right after one of them is theirs ("a fever for 3 days")
_SYSTEMIC = {"fever", "high_fever", "headache", "cold_symptoms_cough", "sore_throat", "tiredness"}
# "taken my temperature", "checked her temp": a measurement, whose result the words do not give
_FEVER = {"fever", "high_fever"}
#: "her temperature is normal", "a normal temperature": no fever
_NORMAL_AFTER = re.compile(
    r"\s*(?:is|was|'s|has been|seems|looks|stays|stayed)?\s*(?:normal|fine|ok|okay|alright|all right)\b", re.I
)
_NORMAL_BEFORE = re.compile(r"\bnormal\s*$", re.I)
_UNMEASURED = {
    (verb, whose)
    for verb in ("taken", "take", "taking", "took", "checked", "check", "checking", "measured", "measure", "done")
    for whose in ("my", "his", "her", "their", "your", "the", "a")
}
#: "no it's sore, not itchy": a "no" before a pronoun (or "like") answers the question; it negates nothing after it
_PSEUDO_NEGATIONS = [("not", "only"), ("not", "just"), ("no", "doubt"), ("nothing", "but")] + [
    (answer, pronoun)
    for answer in ("no", "nah", "nope", "naw")
    for pronoun in ("it", "its", "he", "she", "they", "i", "we", "that", "this")
] + [
    # "no more like warts" (asked "is it a mole?"): the answer, then what it is like
    (answer, *like)
    for answer in ("no", "nah", "nope", "naw")
    for like in (("more", "like"), ("like",), ("looks",), ("look",), ("rather",), ("more", "of", "a"))
]
_TERMINATORS = {"but", "however", "although", "though", "yet", "except", "apart", "besides", "still",
                "whereas", "while", "otherwise", "instead", "just", "only"}
_AND_STOPPERS = {"i", "it", "my", "he", "she", "they", "there", "his", "her", "their", "the", "we", "our",
                 "is", "are", "was", "am", "have", "has", "also", "now", "then", "today", "suddenly"}
_LIST_WORDS = {"and", "or", "nor", "no", "any"}
_HARD_BOUNDARIES = {".", "!", "?", ";", "\n", ":", "\n\n"}
_SCOPE = 8
_AUXILIARIES = {"has", "have", "had", "is", "are", "was", "were", "does", "do", "did", "get", "gets", "got"}
_AUX_QUESTION = {"is", "are", "does", "do", "can", "could", "will", "would", "should", "might", "may",
                 "has", "have", "did", "was", "were", "am"}
#: Words people write apart or together: matched as one ("chicken pox" = "chickenpox").
_COMPOUNDS = {("chicken", "pox"): "chickenpox", ("chicken", "pock"): "chickenpox"}
_CONTRACTIONS = {"n't": "not", "nt": "not", "ca": "can", "wo": "will", "'m": "am", "m": "am", "'s": "is",
                 "'re": "are", "'ve": "have", "'ll": "will", "'d": "would", "im": "i am", "ive": "i have",
                 "&": "and", "w/": "with", "w/o": "without", "u": "you", "ur": "your", "bc": "because",
                 "pls": "please", "coz": "because", "cuz": "because", "wont": "will not", "dont": "do not",
                 "doesnt": "does not", "cant": "can not", "cannot": "can not", "isnt": "is not", "hiv+": "hiv positive",
                 "didnt": "did not", "havent": "have not", "hasnt": "has not", "arent": "are not",
                 # misspelt ("it dosent hurt" is a no)
                 "dosent": "does not", "dosnt": "does not", "doesent": "does not", "didint": "did not",
                 "dint": "did not"}
#: Common words that must never be "corrected" into a symptom (sure -> sore, ever -> fever).
_COMMON_WORDS = set(
    """sure ever never have back body skin feel feels felt like look looks looking week weeks days month
    months year years start started starting little small big near arms legs things thing stuff about
    think thought know night light right tight might sight worse worst better best bumpy lumpy though
    through there their where were here hear heard weird wired fine five dive drive rather either
    other mother brother sister father daughter also last past fast first child kids wife life left
    lift gift cover clover river liver fewer fever""".split()
)
_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NUMBER_WORDS = {word: n for n, word in enumerate(_UNITS)}
_NUMBER_WORDS.update({word: 10 * n for n, word in enumerate(_TENS) if word})
_NUMBER_WORDS.update({f"{_TENS[t]} {_UNITS[u]}": 10 * t + u for t in range(2, 10) for u in range(1, 10)})
_NUMBER_WORDS.update({f"{_TENS[t]}-{_UNITS[u]}": 10 * t + u for t in range(2, 10) for u in range(1, 10)})
_VAGUE_NUMBERS = {"a": 1, "an": 1, "few": 3, "couple": 2, "couple of": 2, "several": 4}
_NUMBER_WORDS.update(_VAGUE_NUMBERS)


def _number_pattern(words) -> str:
    return r"(?:\d{1,3}|" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + r")"


#: a number written in digits or words ("72", "fifty two", "seventy-one", "a few")
_NUM = _number_pattern(_NUMBER_WORDS)
#: a person's age after "I'm", "aged", "turned": not "a" or "few" ("I'm a nurse")
_AGE_NUM = _number_pattern(set(_NUMBER_WORDS) - set(_VAGUE_NUMBERS))
_AGE_OPTIONS = {"age_baby", "age_child", "age_teen", "age_adult", "age_older"}
_KINDS = {"kind_rash", "kind_lump", "kind_growth", "kind_patches"}
# findings read even inside the words for what kind of thing it is ("lots of little red spots")
_SAID_OF_A_RASH = {"redness", "itching"}
#: a family word right after one of these is someone the writer speaks of, not the person with the bumps
_TO_SOMEONE = re.compile(r"\b(?:to|with|from|near|around)\s+(?:(?:my|our|the)\s+)?$", re.IGNORECASE)
_SEX = {"sex_male", "sex_female"}
#: who the person is: never one of the symptoms listed after a negation ("no fever, my son itches")
_WHO = _AGE_OPTIONS | {"newborn"} | _SEX
#: words that name someone else ("my son", "he"): the person asked about only when the writer
#: does not speak of themselves ("my nephew had it and now I have spots" is about the writer)
_OTHER_PERSON = {"my", "he", "his", "him", "she", "her", "hers"}
_FIRST_PERSON = {"i", "me", "myself", "mine"}
#: after "my", words for a person ("my son", "my 5 year old"); anything else is the writer's ("my back")
_PEOPLE = {"son", "daughter", "husband", "wife", "boyfriend", "girlfriend", "partner", "dad", "father", "mum", "mom",
           "mother", "brother", "sister", "grandfather", "grandmother", "grandpa", "grandma", "grandad", "granny",
           "nan", "grandson", "granddaughter", "baby", "child", "kid", "boy", "girl", "little", "toddler", "teenage",
           "teenager", "teen", "nephew", "niece", "cousin", "aunt", "uncle", "friend", "eldest", "oldest", "youngest",
           "older", "younger", "elderly", "newborn", "infant", "new", "twin", "step", "stepson", "stepdaughter"}
# family words that say who is meant but not how old ("my son", "his grandma"): a stated age, or a
# second age group in the message, wins over them
_WEAK_AGE_WORDS = {"son", "daughter", "boy", "girl", "kid", "child", "children", "my son", "my daughter",
                   "my child", "my kid", "my little one", "a child", "kids", "my kids", "my children", "my little ones",
                   "grandma", "grandpa", "grandmother", "grandfather", "granny", "grandad", "granddad", "nan", "nana"}
# fmt: on


_UNIT_DAYS = {"day": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30, "year": 365, "yr": 365}


def _duration_option(days: float) -> str:
    return "duration_days" if days < 7 else "duration_weeks" if days <= 42 else "duration_months"


def _number(text: str) -> int:
    text = text.lower()
    return int(text) if text.isdigit() else _NUMBER_WORDS.get(text, 2)


#: An English word seen at least this often in pyspellchecker's frequency list is never "corrected".
ENGLISH_MIN_FREQUENCY = 50


@lru_cache(maxsize=1)
def english_words() -> frozenset:
    """Ordinary English words (pyspellchecker's bundled frequency list), so that typo
    correction leaves "rugby" or "tracking" alone instead of turning them into symptoms."""
    frequencies = SpellChecker(language="en").word_frequency.dictionary
    return frozenset(w for w, n in frequencies.items() if n >= ENGLISH_MIN_FREQUENCY)


@dataclass(frozen=True)
class Match:
    """Something the matcher found in the text."""

    entity: str  # "finding", "condition" or "info_topic"
    value: str  # the canonical id
    start: int  # character offsets in the original text
    end: int
    status: str = PRESENT  # for findings: present / absent / unknown


@dataclass
class _Token:
    norm: str
    start: int
    end: int
    boundary: str = ""  # "hard", "comma" or "" (a word)
    corrected: bool = False  # read as a typo of another word ("flappy" -> "floppy")
    plural: str = ""  # written as a plural ("bumps"): its norm with "+" ("bump+"), what "bumps+" in a synonym matches


def _stem(word: str) -> str:
    if word in STOP_WORDS:
        return word
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "ous")):
        return word[:-1]
    return word


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Edits (insert, delete, substitute, swap two neighbours) from a to b; limit + 1 when over limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if before is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def _word_matches(word: str, token: _Token) -> bool:
    """Does a synonym's word match the token? "lump" matches "lump" and "lumps", "bump+" only the
    plural, "lump=" only the singular."""
    if word.endswith("="):
        return word[:-1] == token.norm and not token.plural
    return word in (token.norm, token.plural)


class SymptomMatcher:
    """Finds findings (with status), condition names and info topics in text."""

    def __init__(self, kb: KnowledgeBase, nlp: Optional["spacy.Language"] = None):
        self.kb = kb
        self.nlp = nlp or spacy.blank("en")
        self._phrases: Dict[str, List[Tuple[Tuple[str, ...], str, str]]] = {}
        for finding in kb.findings.values():
            for synonym in finding.synonyms:
                self._add(synonym, "finding", finding.id)
            for synonym in finding.absent_synonyms:  # "breathing is fine": read as the finding, absent
                self._add(synonym, _ABSENT_FINDING, finding.id)
        for condition in kb.conditions.values():
            for alias in {condition.name.lower(), *condition.aliases}:
                self._add(alias, "condition", condition.id)
        for topic, phrases in INFO_TOPICS.items():
            for phrase in phrases:
                self._add(phrase, "info_topic", topic)
        # "keeps coming back" is a recurring boil only in a sentence that names the boils
        self._only_with = {
            f.id: {t.norm for t in self._tokens(" ".join(f.only_with), correct=False)}
            for f in kb.findings.values()
            if f.only_with
        }
        # findings that raise a red flag by themselves, without a likely condition (or imply one that
        # does): never read from typos alone (an or_if_any finding raises one only with another finding,
        # and so does each of two or more findings a flag needs all of)
        flagged = {
            f
            for flag in kb.red_flags.values()
            if not flag.if_likely and len(flag.all_of) < 2
            for f in flag.any_of + flag.all_of
        }
        self._red_flag_findings = {
            f.id for f in kb.findings.values() if f.id in flagged or flagged.intersection(f.implies)
        }
        self._vocabulary = {
            w.rstrip("+=") for entries in self._phrases.values() for p, _, _ in entries for w in p if w != "*"
        }
        self._single_word_values: Dict[str, Set[Tuple[str, str]]] = {}
        for entries in self._phrases.values():
            for pattern, entity, value in entries:
                if len(pattern) == 1:
                    self._single_word_values.setdefault(pattern[0].rstrip("+="), set()).add((entity, value))
        self._fuzzy_targets = sorted(w for w in self._vocabulary if len(w) >= 4 and w.isalpha())
        self._known = self._vocabulary | {_stem(w) for w in STOP_WORDS | _COMMON_WORDS | english_words()}
        self._corrections: Dict[str, str] = {}

    # -- vocabulary ------------------------------------------------------------------------
    def _add(self, phrase: str, entity: str, value: str) -> None:
        tokens: Tuple[str, ...] = ()
        for n, part in enumerate(phrase.split("*")):  # "*": up to three words in between
            # "bumps+": only the plural ("small bumps" are many; "a small bump" is one); "lump=": only
            # the singular ("itchy red lumps" are a rash's raised bumps, "a lump" is one under the skin)
            plural_only = {_stem(w[:-1]) for w in part.split() if w.endswith("+")}
            singular_only = {_stem(w[:-1]) for w in part.split() if w.endswith("=")}
            # "the" is optional inside a phrase: "lump under the skin" also reads "lump under skin"
            words = [
                t.norm
                for t in self._tokens(part.replace("+", " ").replace("=", " "), correct=False)
                if not t.boundary and t.norm != "the"
            ]
            marked = (w + "+" if w in plural_only else w + "=" if w in singular_only else w for w in words)
            tokens += (("*",) if n else ()) + tuple(marked)
        if tokens:
            entry = (tokens, entity, value)
            bucket = self._phrases.setdefault(tokens[0].rstrip("+="), [])
            if entry not in bucket:
                bucket.append(entry)

    def _tokens(self, text, correct: bool = True) -> List[_Token]:
        doc = text if not isinstance(text, str) else self.nlp.make_doc(text.replace("\u2019", "'"))
        tokens: List[_Token] = []
        for tok in doc:
            raw = tok.text.lower().replace("\u2019", "'")
            if tok.is_space:
                if "\n" in raw:
                    tokens.append(_Token("\n", tok.idx, tok.idx + len(tok), "hard"))
                continue
            if raw in _HARD_BOUNDARIES or raw in {"...", "!!", "??", "?!"}:
                tokens.append(_Token(raw, tok.idx, tok.idx + len(tok), "hard"))
                continue
            if raw == ",":
                tokens.append(_Token(raw, tok.idx, tok.idx + len(tok), "comma"))
                continue
            if tok.is_punct and raw not in {"&", "/"}:
                continue
            for part in _CONTRACTIONS.get(raw, raw).split():
                word = _stem(part)
                fixed = self._correct(word) if correct else word
                plural = fixed + "+" if word != part and part.endswith("s") else ""
                tokens.append(_Token(fixed, tok.idx, tok.idx + len(tok), corrected=fixed != word, plural=plural))
        return self._join_compounds(tokens)

    @staticmethod
    def _join_compounds(tokens: List[_Token]) -> List[_Token]:
        joined: List[_Token] = []
        for token in tokens:
            previous = joined[-1] if joined else None
            compound = _COMPOUNDS.get((previous.norm, token.norm)) if previous and not previous.boundary else None
            if previous and compound and not token.boundary:
                joined[-1] = _Token(
                    compound,
                    previous.start,
                    token.end,
                    corrected=previous.corrected or token.corrected,
                    plural=compound + "+" if token.plural else "",
                )
            else:
                joined.append(token)
        return joined

    def is_typo(self, word: str) -> bool:
        """Is the word read as a misspelling of the vocabulary ("itchey" for "itchy")?"""
        stem = _stem(word.lower())
        return self._correct(stem) != stem

    def _correct(self, word: str) -> str:
        if word in self._known or len(word) < 4 or not word.isalpha():
            return word
        if word not in self._corrections:
            if len(self._corrections) > 50_000:  # hostile input must not grow memory without bound
                self._corrections.clear()
            limit = 1 if len(word) < 8 else 2
            scored = sorted((_edit_distance(word, target, limit), target) for target in self._fuzzy_targets)
            best = [t for d, t in scored if d <= limit and d == scored[0][0]] if scored else []
            if len(best) > 1:  # a tie: keep the same first letter, then accept words that mean the same
                best = [t for t in best if t[0] == word[0]] or best
                if (
                    len({frozenset(self._single_word_values.get(t, ())) for t in best}) == 1
                    and best[0] in self._single_word_values
                ):
                    best = best[:1]
            self._corrections[word] = best[0] if len(best) == 1 else word
        return self._corrections[word]

    # -- matching --------------------------------------------------------------------------
    def _match_at(self, tokens: List[_Token], i: int, pattern: Sequence[str]) -> int:
        """End index (exclusive) of pattern matched at tokens[i], or -1."""
        j = i
        k = 0
        while k < len(pattern):
            if pattern[k] == "*":
                stars = 1  # each "*" is up to three words: "lips * * swollen" allows six
                while pattern[k + stars] == "*":
                    stars += 1
                nxt = pattern[k + stars]
                for gap in range(0, 3 * stars + 1):
                    if gap and tokens[j + gap - 1].norm in _NEGATIONS:
                        return -1  # "partner * itching" must not read "partner is not itching"
                    if j + gap < len(tokens) and not tokens[j + gap].boundary and _word_matches(nxt, tokens[j + gap]):
                        j = j + gap + 1
                        k += stars + 1
                        break
                    if j + gap >= len(tokens) or tokens[j + gap].boundary == "hard":
                        return -1
                else:
                    return -1
                continue
            if k and j < len(tokens) and tokens[j].norm == "the":
                j += 1  # "lump under the skin" for "lump under skin"
                continue
            if j >= len(tokens) or tokens[j].boundary:
                return -1
            if not _word_matches(pattern[k], tokens[j]):
                return -1
            j += 1
            k += 1
        return j

    @staticmethod
    def _more_like_before(tokens: List[_Token], than: int) -> bool:
        """'more like A than B' (B is not what it looks like): "more like" in the clause before "than"."""
        words = [t.norm for t in tokens[max(0, than - 8) : than] if not t.boundary]
        return any(words[i : i + 2] == ["more", "like"] for i in range(len(words) - 1))

    def extract(self, text) -> List[Match]:
        """All matches in the text (a string or a spaCy Doc), in order."""
        tokens = self._tokens(text)
        raw_text = text if isinstance(text, str) else text.text
        # the person's sex is read apart, so that "my baby boy" still says "my baby"
        writer = self._writer_speaks_of_themselves(tokens)
        matches = self._phrase_matches(tokens, sex=False) + [
            (start, end, entity, value)
            for start, end, entity, value in self._phrase_matches(tokens, sex=True)
            if self._names_the_person(tokens, start, writer)
        ]
        result: List[Match] = []
        in_findings = {
            t
            for start, end, entity, value in matches
            if entity == "finding" and value not in _WHO
            for t in range(start, end)
        }
        spans = [(start, end) for start, end, entity, value in matches if entity == "finding" and value not in _WHO]
        said_absent = []  # what absent_synonyms read
        rather_than: Set[int] = set()  # results absent only as the second of "A rather than B"
        for start, end, entity, value in matches:
            if entity == _ABSENT_FINDING:
                said_absent.append(Match("finding", value, tokens[start].start, tokens[end - 1].end, ABSENT))
                continue
            # another finding that overlaps this one does not shield it from a negation in their
            # shared words ("it doesn't move when I push it": hard and fixed, and not movable)
            shared = {t for s, e in spans if s < end and start < e and (s, e) != (start, end) for t in range(s, e)}
            barriers = in_findings - shared
            # "nope, he has not": the negation is about a symptom, not about who "he" is
            status = self._status(tokens, start, barriers) if entity == "finding" and value not in _SEX else PRESENT
            if value in _FEVER and start >= 2 and (tokens[start - 2].norm, tokens[start - 1].norm) in _UNMEASURED:
                status = UNKNOWN  # "I have not taken my temperature": nobody knows, not "no fever"
            if value in _FEVER and (
                _NORMAL_AFTER.match(raw_text[tokens[end - 1].end :])
                or _NORMAL_BEFORE.search(raw_text[: tokens[start].start])
            ):
                status = ABSENT  # "her temperature is normal", "a normal temperature"
            if (
                entity == "finding"
                and value not in _SEX
                and tokens[end - 1].norm in _AUXILIARIES
                and end < len(tokens)
                and tokens[end].norm in {"not", "never"}
            ):
                status = ABSENT
            if entity == "finding" and [t.norm for t in tokens[end : end + 2]] == ["rather", "than"]:
                status = PRESENT  # "no, itch rather than pain": the itch is there, the pain is not
            elif entity == "finding" and (
                [t.norm for t in tokens[max(0, start - 2) : start]] == ["rather", "than"]
                or (start and tokens[start - 1].norm == "than" and self._more_like_before(tokens, start - 1))
            ):
                status = ABSENT  # ... unless said to be there too ("an itch ... it burns rather than itches")
                rather_than.add(len(result))
            result.append(Match(entity, value, tokens[start].start, tokens[end - 1].end, status))
        # Words that say a finding is not there never outweigh words in the same message that say it
        # is, whichever comes last (the safer reading): for absent phrases ("it has stayed the same ...
        # but it has got darker") and for red-flag signs ("my lips are swelling up, no swelling in my
        # face"). Otherwise the last statement wins ("it itches ... well, not really itchy").
        said_present = {m.value for m in result if m.entity == "finding" and m.status == PRESENT}
        # the B of "A rather than B" is outweighed also by a finding that implies it ("a maddening itch")
        outweighs_rather_than = said_present | {
            i for v in said_present if v in self.kb.findings for i in self.kb.findings[v].implies
        }

        def outweighed(n: int, m: Match) -> bool:
            if m.status != ABSENT:
                return False
            if n in rather_than:
                return m.value in outweighs_rather_than
            return m.value in self._red_flag_findings and m.value in said_present

        result = [m for n, m in enumerate(result) if not outweighed(n, m)]
        result += [m for m in said_absent if m.value not in said_present]
        # ages and durations written with numbers; the longer of two overlapping readings wins
        # ("5 year old" over "year"; "more than 6 weeks" over "6 weeks")
        phrases = [m for m in result if m.value not in _SEX]
        for number in self._numbers(raw_text):
            overlapping = [m for m in phrases if m.start < number.end and number.start < m.end]
            if all(m.end - m.start < number.end - number.start for m in overlapping):
                result = [m for m in result if m not in overlapping] + [number]
        result.sort(key=lambda m: m.start - m.end)  # longest first
        kept: List[Match] = []
        for m in result:
            if not any(
                k.entity == m.entity and k.value == m.value and k.start < m.end and m.start < k.end for k in kept
            ):
                kept.append(m)
        result = kept
        # "my son" says a child is meant, but not when a stated age says otherwise ("my teenage
        # daughter", "our 18 day old daughter") or the words belong to another finding ("my
        # daughter had chickenpox" is a contact, not the patient's age)
        ages = {m.value for m in result if m.value in _AGE_OPTIONS or m.value == "newborn"}

        # "my daughter spotted a bump on my back": the daughter is not the person with the bump
        own_back = bool(_OWN_BACK.search(raw_text))

        def weak_age(m: Match) -> bool:
            return m.value in _AGE_OPTIONS and raw_text[m.start : m.end].lower() in _WEAK_AGE_WORDS

        def in_another_finding(m: Match) -> bool:
            return any(
                o.entity == "finding" and o.value not in _WHO and o.start < m.end and m.start < o.end for o in result
            )

        def someone_else(m: Match) -> bool:
            # "I've got a patch on my back ... I'll give it to my kids": the kids are not the person
            return writer and bool(_TO_SOMEONE.search(raw_text[: m.start]))

        def about_the_person(m: Match) -> bool:
            if m.value in _SEX:  # "my daughter had chickenpox": a contact, not the person asked about
                return not in_another_finding(m)
            return not weak_age(m) or (
                len(ages) == 1 and not in_another_finding(m) and not own_back and not someone_else(m)
            )

        result = [m for m in result if about_the_person(m)]
        # "I'm 12 weeks pregnant ... scared this could hurt the baby": the baby is not the person asked about
        if any(m.value == "pregnant" and m.status == PRESENT for m in result):
            result = [m for m in result if not (m.value == "age_baby" and _BARE_BABY.match(raw_text[m.start : m.end]))]
        # a definite statement is not undone by a question naming the same finding in the same
        # message ("31M ... can you even get it as an adult??")
        definite = {m.value for m in result if m.entity == "finding" and m.status != UNKNOWN}
        result = [m for m in result if not (m.entity == "finding" and m.status == UNKNOWN and m.value in definite)]
        # "a lump ... not like the soft fatty lump my dad had": a comparison does not take back the
        # kind of thing the message says it is
        kinds = {m.value for m in result if m.value in _KINDS and m.status == PRESENT}
        result = [m for m in result if not (m.value in kinds and m.status == ABSENT)]
        # "a fever since last night": how long the fever has lasted, not the spots
        result = [
            m
            for m in result
            if not (
                m.value in _DURATIONS
                and any(
                    o.value in _SYSTEMIC and o.end <= m.start and _ITS_DURATION.match(raw_text[o.end : m.start])
                    for o in result
                )
            )
        ]
        return sorted(result, key=lambda m: (m.start, m.entity, m.value))

    def _phrase_matches(self, tokens: List[_Token], sex: bool) -> List[Tuple[int, int, str, str]]:
        """(token start, token end, entity, value) of the vocabulary's phrases: the person's sex
        (``sex``) or everything else."""
        matches: List[Tuple[int, int, str, str]] = []
        for i in range(len(tokens)):
            best_end, best = -1, []
            for pattern, entity, value in self._phrases.get(tokens[i].norm, []):
                if (value in _SEX) != sex:
                    continue
                end = self._match_at(tokens, i, pattern)
                if end > i and entity in ("finding", _ABSENT_FINDING) and not self._readable(tokens, i, end, value):
                    continue
                if end > best_end:
                    best_end, best = end, [(entity, value)]
                elif end == best_end and end > 0:
                    best.append((entity, value))
            # overlapping phrases both count ("very itchy at night": intense itching and itching at
            # night), but not one inside another ("sore" inside "sore throat"), except the colour and
            # the itch inside the words for a rash ("lots of tiny itchy bumps": a rash, and itchy)
            said_of_a_rash = {value for _, value in best} <= _SAID_OF_A_RASH
            if best_end > i and not any(
                s <= i and best_end <= e and not (v in _KINDS and said_of_a_rash) for s, e, _, v in matches
            ):
                for entity, value in best:
                    matches.append((i, best_end, entity, value))
        return matches

    @staticmethod
    def _names_the_person(tokens: List[_Token], start: int, writer: bool) -> bool:
        """Do the words for a sex at tokens[start] name the person asked about? "I'm a man" does;
        "my son" or "he" only when the writer does not speak of themselves, and not someone who
        had it or passed it on ("my husband had it", "caught it off him")."""
        if tokens[start].norm not in _OTHER_PERSON:
            return True
        after = {t.norm for t in tokens[start + 1 : start + 4]}
        return not writer and "had" not in after and (start == 0 or tokens[start - 1].norm not in {"from", "off"})

    @staticmethod
    def _writer_speaks_of_themselves(tokens: List[_Token]) -> bool:
        """ "I", "me", or "my" before anything but a person ("my back", not "my son")."""
        for n, token in enumerate(tokens):
            if token.norm in _FIRST_PERSON:
                return True
            if token.norm == "my" and n + 1 < len(tokens):
                following = tokens[n + 1].norm
                if following not in _PEOPLE and not following.isdigit() and following not in _NUMBER_WORDS:
                    return True
        return False

    def _readable(self, tokens: List[_Token], start: int, end: int, finding_id: str) -> bool:
        """May tokens[start:end], matched as a synonym, be read as the finding here? Not when the
        finding needs a word the sentence lacks ("keeps coming back" without boils), nor a red-flag
        finding whose words, but for stop words, were all corrected ("flappy" read as "floppy"), whether
        they would say it is there or that it is not."""
        if finding_id in self._only_with:
            sentence = tokens[slice(*self._sentence(tokens, start))]
            if not any(t.norm in self._only_with[finding_id] for t in sentence):
                return False
        words = [t for t in tokens[start:end] if not t.boundary]
        if finding_id in self._red_flag_findings and any(t.corrected for t in words):
            return any(not t.corrected and t.norm not in STOP_WORDS for t in words)
        return True

    @staticmethod
    def _sentence(tokens: List[_Token], i: int) -> Tuple[int, int]:
        """Token indices (start, end exclusive) of the sentence around tokens[i]."""
        start = end = i
        while start > 0 and tokens[start - 1].boundary != "hard":
            start -= 1
        while end < len(tokens) and tokens[end].boundary != "hard":
            end += 1
        return start, end

    def _status(self, tokens: List[_Token], start: int, in_findings: Set[int]) -> str:
        """present / absent / unknown for the finding that starts at tokens[start]."""
        sentence_start, sentence_end = self._sentence(tokens, start)
        # "does it spread?" asks; it does not tell
        if (
            sentence_end < len(tokens)
            and tokens[sentence_end].norm in {"?", "??", "?!"}
            and tokens[sentence_start].norm in _AUX_QUESTION
        ):
            return UNKNOWN
        words: List[str] = []  # the clause before the finding, nearest last
        k = start - 1
        while k >= sentence_start and len(words) < _SCOPE:
            tok = tokens[k]
            if tok.boundary == "comma":
                # "no fever, cough or headache": a list right after the comma continues the negation
                between = [
                    t.norm
                    for n, t in enumerate(tokens[k + 1 : start], k + 1)
                    if not t.boundary and n not in in_findings
                ]
                if not all(w in _LIST_WORDS for w in between):
                    break
                k -= 1
                continue
            if tok.norm in _TERMINATORS:
                break
            if tok.norm == "and" and k + 1 < len(tokens) and tokens[k + 1].norm in _AND_STOPPERS:
                break
            words.insert(0, "<finding>" if k in in_findings else tok.norm)
            k -= 1
        status, nearest = PRESENT, -1
        for pattern in _UNCERTAIN:
            for pos in range(len(words) - len(pattern) + 1):
                if tuple(words[pos : pos + len(pattern)]) == pattern and pos + len(pattern) - 1 > nearest:
                    status, nearest = UNKNOWN, pos + len(pattern) - 1
        for pattern in _NEGATION_PHRASES:
            for pos in range(len(words) - len(pattern) + 1):
                if tuple(words[pos : pos + len(pattern)]) == pattern and pos + len(pattern) - 1 > nearest:
                    status, nearest = ABSENT, pos + len(pattern) - 1
        ahead = words + [tokens[start].norm]  # "no more like warts": the finding's "like" counts here
        for pos, word in enumerate(words):
            if word in _NEGATIONS and pos > nearest:
                pseudo = any(tuple(ahead[pos : pos + len(p)]) == p for p in _PSEUDO_NEGATIONS)
                in_uncertain = any(
                    tuple(words[max(0, pos - 2) : pos + 2])[i : i + len(p)] == p for p in _UNCERTAIN for i in range(3)
                )
                if not pseudo and not in_uncertain:
                    status, nearest = ABSENT, pos
        return status

    # -- numbers -----------------------------------------------------------------------------
    # "I'm", "she's", "my dad who is": what comes before a person's age ("my dad who is 78")
    _WHO_IS = (
        r"(?:i am|i'm|im|he is|he's|hes|she is|she's|shes|they are|they're|(?:son|daughter|child|kid|boy|girl|baby"
        r"|toddler|infant|lad|lass|little one|grandson|granddaughter|nephew|niece"
        r"|newborn|husband|wife|partner|mum|mom|dad|mother|father|brother|sister|grandma|grandpa|grandmother"
        r"|grandfather)(?:'s| is| who is| who's))"
    )
    _AGE = re.compile(
        rf"\b(?:(?P<n>{_NUM})\s*(?:-|\s)?(?:years?|yrs?|yr)[\s-]*old|(?P<n2>\d{{1,3}})\s*(?:y/?o|yo)\b"
        rf"|aged\s+(?:over\s+)?(?P<n3>{_AGE_NUM})|turned\s+(?P<n5>{_AGE_NUM})"
        rf"|(?P<n8>{_AGE_NUM})\s*years?\s+of\s+age"
        r"|(?P<n6>[1-9]\d)\s?(?P<sex>m|f|male|female)\b"
        r"|(?P<sex2>male|female)\s*,?\s*(?P<n7>[1-9]\d)\b"
        rf"|{_WHO_IS}\s+(?:only\s+|just\s+|(?:well\s+)?over\s+)?(?P<n4>{_AGE_NUM})\b"
        r"(?!\s*(?:%|day|week|month|year|hour|min|kg|lb|cm|st\b|weeks? pregnant|months? pregnant)))",
        re.IGNORECASE,
    )
    # "3 months old", or an age without "old" after the person ("my baby boy is 11 months")
    _BABY = re.compile(
        rf"\b(?:(?P<n>{_NUM})\s*[- ]?(?P<unit>day|week|month)s?[\s-]*old\b"
        rf"|{_WHO_IS}\s+(?:only\s+|just\s+)?(?P<n2>{_NUM})\s*[- ]?(?P<unit2>day|week|month)s?\b"
        r"(?!\s*(?:ago|pregnant|now|later|into)))",
        re.IGNORECASE,
    )
    # what comes before "2 weeks old" when it is the rash's age, not the person's
    _THING_IS = re.compile(
        r"\b(?:rash|rashes|spots?|bumps?|lumps?|moles?|patch|patches|it|they|these|those|this|that)"
        r"(?:'s|\s+(?:is|are|was|were|has been|have been|looks|look))\s+(?:only\s+|just\s+|about\s+|around\s+)?$",
        re.IGNORECASE,
    )
    _DECADE = re.compile(
        r"\bin (?:my|his|her|their) "
        r"(?P<d>teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|[2-9]0s)\b",
        re.IGNORECASE,
    )
    _DURATION = re.compile(
        rf"\b(?P<n>{_NUM})\s*(?:\+\s*)?(?P<unit>day|week|month|year|wk|yr|fortnight)s?\b(?![\s-]*old)(?!\s*pregnant)"
        r"(?!\s+of\s+age)",
        re.IGNORECASE,
    )
    # "Pregnant, about 22 weeks": how far along the pregnancy is, not how long the bumps have been there
    _PREGNANT_BEFORE = re.compile(
        r"pregnan\w*\W*(?:about|around|roughly|nearly|almost|just over|just under|over|under)?\s*$", re.IGNORECASE
    )
    # "since I was 12", "since she was a baby": a long time, not the person's age now
    _SINCE_AGE = re.compile(
        r"\bsince (?:i was|he was|she was|they were|age)\s+"
        rf"(?:(?:a |an )?(?:baby|little|small|kid|child|toddler|teenager|teen)\b|{_NUM}\b)",
        re.IGNORECASE,
    )
    _TEMPERATURE = re.compile(
        r"\b(?P<t>3[6-9]|4[0-2]|9[7-9]|10[0-6])(?:[.,]\d)?\s*(?P<u>°\s*[cf]?|degrees?(?:\s*[cf]\b)?|[cf]\b)?",
        re.IGNORECASE,
    )
    _TEMPERATURE_WORDS = re.compile(r"temp|fever|thermometer|febrile", re.IGNORECASE)
    _DECADES = {
        "teens": 15,
        "twenties": 25,
        "thirties": 35,
        "forties": 45,
        "fifties": 55,
        "sixties": 65,
        "seventies": 75,
        "eighties": 85,
        "nineties": 95,
    }

    def _numbers(self, text: str) -> List[Match]:
        covered: List[Tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in covered)

        found: List[Match] = []

        def add(value: str, start: int, end: int, status: str = PRESENT) -> None:
            if free(start, end):
                found.append(Match("finding", value, start, end, status))
                covered.append((start, end))

        for m in self._BABY.finditer(text):
            n = _number(m.group("n") or m.group("n2"))
            unit = (m.group("unit") or m.group("unit2")).lower()
            if self._THING_IS.search(text[max(0, m.start() - 30) : m.start()]):
                # "the rash is 2 weeks old": how long it has been there, not an age
                add(_duration_option(n * _UNIT_DAYS[unit]), m.start(), m.end())
                continue
            newborn = (unit == "day" and n < 28) or (unit == "week" and n < 4)
            if free(m.start(), m.end()) and n * _UNIT_DAYS[unit] < 90:
                found.append(Match("finding", "young_baby", m.start(), m.end()))  # under 3 months
            add(
                "newborn" if newborn else ("age_baby" if unit != "month" or n < 12 else "age_child"), m.start(), m.end()
            )
        for m in self._AGE.finditer(text):
            n = _number(
                next(
                    g
                    for g in (
                        m.group("n"),
                        m.group("n2"),
                        m.group("n3"),
                        m.group("n4"),
                        m.group("n5"),
                        m.group("n6"),
                        m.group("n7"),
                        m.group("n8"),
                    )
                    if g
                )
            )
            if n <= 120:
                add(age_group_option(n), m.start(), m.end())
            sex = m.group("sex") or m.group("sex2")
            if sex:  # "31M", "Male, 31"
                found.append(Match("finding", "sex_male" if sex[0] in "mM" else "sex_female", m.start(), m.end()))
        for m in self._DECADE.finditer(text):
            d = m.group("d").lower()
            add(age_group_option(self._DECADES.get(d) or int(d[0]) * 10 + 5), m.start(), m.end())
        for m in self._SINCE_AGE.finditer(text):
            add("duration_months", m.start(), m.end())
        for m in self._DURATION.finditer(text):
            if self._PREGNANT_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
                continue
            n = _number(m.group("n"))
            unit = m.group("unit").lower()
            add(_duration_option(n * _UNIT_DAYS[unit]), m.start(), m.end())
        for m in self._TEMPERATURE.finditer(text):
            sentence = re.split(r"[.!?\n]", text[: m.start()])[-1] + re.split(r"[.!?\n]", text[m.end() :])[0]
            t = float(m.group(0).strip(" °cCfFdegrs").replace(",", "."))
            # "I got 38.2": a number with a tenth between 37 and 43 is a temperature in °C
            celsius_reading = "." in m.group(0).replace(",", ".") and t < 43
            if not m.group("u") and not self._TEMPERATURE_WORDS.search(sentence) and not celsius_reading:
                continue  # a number that is not a temperature
            celsius = t if t < 50 else (t - 32) * 5 / 9
            if celsius >= 38:
                add("high_fever" if celsius >= 39 else "fever", m.start(), m.end())
            elif celsius < 37.5:
                add("fever", m.start(), m.end(), ABSENT)  # "her temperature was 36.8": no fever
        return found

    # -- helpers for callers ------------------------------------------------------------------
    def findings(self, text) -> Dict[str, str]:
        """finding id -> status, the last definite statement about a finding winning."""
        result: Dict[str, str] = {}
        for m in self.extract(text):
            if m.entity == "finding":
                result[m.value] = m.status
        return result

    @property
    def vocabulary(self) -> Set[str]:
        return set(self._vocabulary)
