"""A second reading of short yes / no answers, from their words alone.

The intent classifier reads "absolutely not" or "afraid not" as a yes now and then (they share
words with "absolutely" and "I'm afraid so"), and a yes read as a no, or a no as a yes, changes
what the interview concludes. So a short answer is also read word by word: when the words
plainly say no or yes and the classifier heard something else, the answer counts for nothing
and the question is asked again, rather than either reading being guessed; words that say
"don't know" count as not sure.
"""

from __future__ import annotations

import re
from typing import List, Optional

from symptomchecker.interview import NO, UNSURE, UNSURE_WORDS, YES

#: Words that say yes on their own ("yeah"), or when nothing in the answer says no ("definitely").
_PLAIN_YES = {"yes", "yeah", "yep", "yup", "yea", "ya", "yah", "yess", "yesss", "aye", "ye"}
_STRONG_YES = {"definitely", "definately", "defo", "absolutely", "affirmative", "certainly", "correct", "indeed"}
# fmt: off
_NO = {"no", "nope", "nah", "naw", "nay", "not", "never", "none", "negative", "incorrect", "nuh", "nothing",
       "neither", "nor", "nada", "cannot"}
_NT_WORDS = {"dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "havent", "hasnt", "hadnt", "cant",
             "wont", "wouldnt", "shouldnt", "couldnt"}
# fmt: on
_YEAH_NAH = re.compile(r"\byeah,? nah\b")  # Australian and New Zealand English for "no"
#: Longer messages are descriptions, not answers: only the classifier reads them.
MAX_WORDS = 6


def _says_no(words: List[str]) -> bool:
    """Does any of the words say no ("no", "never", "dont", "doesn't")?"""
    return any(w in _NO or w in _NT_WORDS or w.endswith("n't") for w in words)


def words_say(text: str) -> Optional[str]:
    """yes / no / unsure when a short answer's words say so plainly; None when they do not."""
    text = (text or "").lower().replace("\u2019", "'")
    if text.startswith("/"):
        return None  # a button's payload: the button says what it means
    words = re.findall(r"[a-z']+", text)
    if not words or len(words) > MAX_WORDS:
        return None
    if UNSURE_WORDS.search(text):
        return UNSURE
    if _YEAH_NAH.search(text):
        return NO
    no = _says_no(words)
    plain_yes = any(w in _PLAIN_YES for w in words)
    strong_yes = any(w in _STRONG_YES for w in words)
    if no and not plain_yes:
        return NO  # "absolutely not", "afraid not", "i don't believe so"
    if (plain_yes or strong_yes) and not no:
        return YES
    return None


def checked_answer(classified: Optional[str], text: str) -> Optional[str]:
    """The classifier's yes / no / unsure, checked against the words: "don't know" in so many
    words is unsure; a plain yes or no the classifier heard otherwise is None (ask again)."""
    if classified is None:
        return None
    said = words_say(text)
    if said is None or said == classified:
        return classified
    return UNSURE if said == UNSURE else None


#: A reply that starts by answering ("no, it's pink", "yes there's a little dark plug on top",
#: "not really, it moves a bit"): the first words say yes or no, the rest adds detail. A qualified
#: yes ("a tiny bit", "sometimes") is a yes.
_LEADING = re.compile(
    r"^\W*(?:(?P<yes>yes|yeah|yep|yup|yea|ya|aye|definitely|absolutely|it does|they do|there is|there are"
    r"|a (?:tiny |little |wee |small )?bit|a little|slightly|mildly|sometimes|occasionally|kind of|kinda|sort of"
    r"|(?:i )?think so|(?:i )?believe so|(?:i )?guess so)"
    r"|(?P<no>no|nope|nah|not really|not at all|definitely not|it doesn'?t|they don'?t|there isn'?t"
    r"|there aren'?t|none|(?:i )?(?:don'?t|do not) think so|(?:i )?(?:don'?t|do not) believe so"
    r"|not that i(?:'ve| have)? (?:seen|noticed|know)))\b"
    r"(?!\s+(?:idea|clue|sure))",
    re.IGNORECASE,
)


#: A yes after the words it answers ("pink, yes", "some are bigger than that, yes", "it came on
#: holiday, so yes"): the words before it must not say no.
_ECHOED_YES = re.compile(r"^(?P<echo>[^.!?;]{1,60}?),\s*(?:so\s+)?(?:yes|yeah|yep|yup)\b", re.IGNORECASE)


def leading_answer(text: str) -> Optional[str]:
    """yes / no when a reply starts by saying so (or says yes after a few words that echo the
    question), whatever its length; None otherwise."""
    text = (text or "").replace("\u2019", "'")
    if text.startswith("/") or UNSURE_WORDS.search(text.lower()):
        return None
    match = _LEADING.match(text)
    if match:
        return YES if match.group("yes") else NO
    echoed = _ECHOED_YES.match(text)
    if echoed:
        if not _says_no(re.findall(r"[a-z']+", echoed.group("echo").lower())):
            return YES
    return None
