"""The simulated patient: play every vignette against the running bot and score the results.

    python eval/simulate.py --url http://127.0.0.1:5005 [--vignettes eval/vignettes.yml] [--out eval/results]

For each vignette (see the comment block at the top of eval/vignettes.yml) the simulator talks to
the bot over Rasa's REST channel (POST /webhooks/rest/webhook, one sender id per vignette and run):

1. it sends the opening;
2. it reads the bot's question the way a person would, from the question TEXT only (never from
   internal ids): "how old" -> the vignette's `age`, "how long" -> `how_long`, "where on" ->
   `where`, "closest to what you see" -> `kind`; otherwise the fact whose `about` keyword occurs in the lower-cased question (the
   longest keyword wins; a tie goes to the fact listed first) gives a yes / no / unsure answer;
   with no match it answers "not sure";
3. with `answer_with: buttons` it sends the payload of the matching button (Yes / No / Not sure,
   or for an open question the button whose title best matches its free-text answer, else it
   types the text); with `answer_with: text` it types a natural answer ("yeah", "no it doesn't",
   "not sure", or the free text);
4. after `later.after_answers` answers it sends `later.message` once (a red flag mid-interview,
   say) before answering the next question, or right after the assessment if the bot concluded
   before then (the person adds what they had not said yet);
5. if the bot asks the same question again (it did not understand the answer), the patient falls
   back on "not sure" (the Not sure button, or typed); a question asked three times in a row
   ends the conversation ("stuck");
6. it stops at the full assessment (a message carrying `custom.assessment` whose text is the
   ranked assessment, not a red-flag alert), when the bot asks nothing more (for example after
   an emergency alert, which ends the interview), or after 15 turns.

The project's REST channel keeps each bot message whole (text and `custom` together); Rasa's stock
REST channel splits one utterance into several messages (its text at every blank line, the
`custom` payload on its own). The simulator reads either: a `custom` message goes together with
the text messages just before it ("the utterance"). The red-flag
check is reported twice: on the first utterance of the reply to the message that mentions the red
flag (the `later` message if the vignette has one, else the opening), and strictly on the very
first JSON message of that reply.

Outputs: one line per vignette and a summary on stdout; every message both ways in
<out>/transcripts.jsonl (one vignette per line); the summary and the per-vignette results in
<out>/summary.json. The exit code is 0, or 2 when the server cannot be reached.
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import uuid
import zlib
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
TRIAGE_ORDER = ["self_care", "see_doctor", "urgent", "emergency"]
MAX_TURNS = 15
TIMEOUT = 60  # seconds per HTTP request

YES, NO, UNSURE = "yes", "no", "unsure"
BUTTON_TITLES = {YES: ["yes"], NO: ["no"], UNSURE: ["not sure", "unsure", "don't know", "dont know"]}
TYPED = {
    YES: ["yeah", "yes", "yep, they do", "yes I think so", "yeah definitely"],
    NO: ["no", "no it doesn't", "nope", "not really", "no, none of that"],
    UNSURE: ["not sure", "I don't know", "hmm not sure", "no idea to be honest"],
}
NOT_SURE_TEXT = "not sure"


class ServerUnreachable(Exception):
    """The bot's HTTP server did not answer at all."""


# --- reading the bot's question ---------------------------------------------------------------------
class Answer:
    """What the simulated patient will say to one question."""

    def __init__(self, kind: str, value: str, keyword: Optional[str] = None):
        self.kind = kind  # age | how_long | where | kind | fact | none | retry
        self.value = value  # yes / no / unsure for facts and "none"; free text otherwise
        self.keyword = keyword  # the `about` keyword that matched (facts only)

    @property
    def is_free_text(self) -> bool:
        return self.kind in ("age", "how_long", "where", "kind") and self.value != UNSURE

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Answer({self.kind!r}, {self.value!r}, {self.keyword!r})"


def recognise_question(question_text: str, vignette: Dict[str, Any]) -> Answer:
    """Decide what the patient answers, from the question text a person reads and the vignette."""
    text = " ".join((question_text or "").lower().split())
    for cue, field in (("how old", "age"), ("how long", "how_long"), ("where on", "where"), ("closest to what you see", "kind")):
        if cue in text:
            value = vignette.get(field)
            return Answer(field, str(value)) if value not in (None, "") else Answer(field, UNSURE)
    best: Optional[Tuple[int, str, str]] = None  # (keyword length, keyword, answer)
    for fact in vignette.get("facts") or []:
        for keyword in fact.get("about") or []:
            keyword = str(keyword).lower()
            if keyword and keyword in text and (best is None or len(keyword) > best[0]):
                answer = str(fact.get("answer"))
                best = (len(keyword), keyword, answer.lower() if answer.lower() in (YES, NO, UNSURE) else answer)
    if best is None:
        return Answer("none", UNSURE)
    return Answer("fact", best[2], best[1])


# --- choosing a button for a free-text answer -------------------------------------------------------
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple": 2, "couple of": 2,
    "few": 3, "several": 4,
}
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_NUM = r"\b(\d+(?:\.\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple of|couple|few|several)"
_STOPWORDS = {"the", "my", "of", "on", "a", "an", "and", "in", "to", "is", "it", "its", "at", "mostly",
              "mainly", "just", "about", "around", "for", "i", "me", "his", "her", "their", "part", "bit"}


def _number(word: str) -> float:
    word = word.lower()
    return float(word) if re.match(r"^\d", word) else float(_NUMBER_WORDS.get(word, 1))


def duration_in_days(text: str) -> Optional[float]:
    """'about three weeks' -> 21, 'since yesterday' -> 1, 'years' -> 730; None if unreadable."""
    t = text.lower()
    m = re.search(_NUM + r"\s*(hour|day|week|fortnight|month|year)s?\b", t)
    if m:
        return _number(m.group(1)) * _UNIT_DAYS[m.group(2)]
    if re.search(r"\b(hours|today|tonight|this morning|yesterday|last night|overnight|since (mon|tues|wednes|thurs|fri|satur|sun)day)\b", t):
        return 1
    if "fortnight" in t:
        return 14
    if re.search(r"\b(years|ages|forever|since i was|since (she|he) was|since childhood|as long as|always)\b", t):
        return 730
    if re.search(r"\bmonths\b", t):
        return 90
    if re.search(r"\bweeks\b", t):
        return 21
    if re.search(r"\b(last|a|this) week\b", t):
        return 7
    if re.search(r"\bdays\b", t):
        return 3
    return None


def age_in_years(text: str) -> Optional[float]:
    """'34' -> 34, 'he's 9 months old' -> 0.75, 'in her sixties' -> 65; None if unreadable."""
    t = text.lower()
    m = re.search(_NUM + r"\s*[- ]?(day|week|month)s?\b", t)
    if m:
        return _number(m.group(1)) * _UNIT_DAYS[m.group(2)] / 365
    m = re.search(r"\d{1,3}", t)
    if m:
        return float(m.group(0))
    decades = {"teens": 15, "twenties": 25, "thirties": 35, "forties": 45, "fifties": 55, "sixties": 65,
               "seventies": 75, "eighties": 85, "nineties": 95}
    for word, age in decades.items():
        if word in t:
            return float(age)
    return None


def title_range(title: str, ages: bool) -> Optional[Tuple[float, float]]:
    """The range a button title names: 'Child (1 to 12)' -> [1, 13), '1 to 6 weeks' -> [7, 42] days."""
    t = title.lower()
    unit = 1.0
    m = re.search(r"(day|week|fortnight|month|year)s?\b", t)
    if m:
        unit = float(_UNIT_DAYS[m.group(1)])
    elif not ages:
        return None
    # an age range "1 to 12" includes all of age 12; a duration "1 to 6 weeks" ends at 6 weeks
    last = 1.0 if ages and unit == 1.0 else 0.0
    m = re.search(r"(\d+(?:\.\d+)?)\s*(?:to|-|–)\s*(\d+(?:\.\d+)?)", t)
    if m:
        return float(m.group(1)) * unit, (float(m.group(2)) + last) * unit
    m = re.search(r"(?:under|less than|below)\s+" + _NUM, t)
    if m:  # excludes its bound: "over a week" (7 days) is not "Less than a week"
        return 0.0, _number(m.group(1)) * unit - 1e-6
    m = re.search(r"(?:more than|over)\s+" + _NUM, t)
    if m:
        return _number(m.group(1)) * unit + 1e-9, float("inf")
    m = re.search(_NUM + r"\s*(?:or over|or more|\+|and over|or older)", t)
    if m:
        return _number(m.group(1)) * unit, float("inf")
    return None


def _words(text: str) -> set:
    return {w for w in re.findall(r"[a-z]+", text.lower()) if w not in _STOPWORDS}


def is_unsure_button(button: Dict[str, Any]) -> bool:
    return _normal(button.get("title")) in BUTTON_TITLES[UNSURE]


def best_button(answer: Answer, buttons: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    """The button a person would click for a free-text answer, or None (then they type it)."""
    options = [b for b in buttons if not is_unsure_button(b)]
    if not options:
        return None
    if answer.kind in ("age", "how_long"):
        ages = answer.kind == "age"
        value = age_in_years(answer.value) if ages else duration_in_days(answer.value)
        if value is not None:
            for button in options:
                span = title_range(str(button.get("title", "")), ages)
                if span is not None and span[0] <= value < span[1] + (0 if ages else 1e-9):
                    return button
    # word overlap, ignoring words every option shares ("back" in "Upper back", "Lower back", ...)
    shared = set.intersection(*(_words(str(b.get("title", ""))) for b in options)) if len(options) > 1 else set()
    wanted = _words(answer.value) - shared
    scored = sorted(((len(wanted & (_words(str(b.get("title", ""))) - shared)), i) for i, b in enumerate(options)), reverse=True)
    if scored and scored[0][0] > 0 and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        return options[scored[0][1]]
    return None


def _normal(text: Any) -> str:
    return " ".join(str(text or "").lower().strip(" .!?").split())


def yes_no_button(value: str, buttons: List[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    for button in buttons:
        if _normal(button.get("title")) in BUTTON_TITLES.get(value, []):
            return button
    return None


def typed_answer(value: str, key: str) -> str:
    """A natural typed yes / no / unsure, varied but the same on every run."""
    choices = TYPED.get(value, TYPED[UNSURE])
    return choices[zlib.crc32(key.encode("utf-8")) % len(choices)]


def plain_answer(value: str) -> Optional[str]:
    """yes / no for a free-text fact answer that starts by saying so ("no, it's pink"), else None."""
    first = re.findall(r"[a-z']+", value.lower())[:1]
    if first and first[0] in ("yes", "yeah", "yep"):
        return YES
    if first and first[0] in ("no", "nope", "nah"):
        return NO
    return None


def reply_to(answer: Answer, buttons: List[Dict[str, Any]], answer_with: str, key: str) -> Tuple[str, str]:
    """(message to send, how it was chosen: button / typed).

    A fact may be answered in the person's own words ("no, it's pink, not brown"): with
    buttons, a person clicks Yes or No when the words start so, else types them; typing, the
    words are sent as they are."""
    if answer.kind == "fact" and answer.value not in (YES, NO, UNSURE):
        plain = plain_answer(answer.value)
        button = yes_no_button(plain, buttons) if plain and answer_with == "buttons" else None
        if button is not None:
            return str(button.get("payload") or button.get("title")), "button"
        return answer.value, "typed"
    if answer_with == "buttons" and buttons:
        if answer.is_free_text:
            button = best_button(answer, buttons)
        else:
            button = yes_no_button(answer.value, buttons)
        if button is not None:
            return str(button.get("payload") or button.get("title")), "button"
    if answer.is_free_text:
        return answer.value, "typed"
    if answer.kind in ("none", "retry", "age", "how_long", "where", "kind"):
        return NOT_SURE_TEXT, "typed"
    return typed_answer(answer.value, key), "typed"


# --- reading the bot's replies ---------------------------------------------------------------------
def assessment_of(message: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The assessment payload, or a red-flag alert's (``alert``: its triage and red flags)."""
    custom = message.get("custom")
    for key in ("assessment", "alert"):
        if isinstance(custom, dict) and isinstance(custom.get(key), dict):
            return custom[key]
    return None


def utterances(messages: List[Dict[str, Any]]) -> List[Tuple[str, Optional[Dict[str, Any]], List[Dict[str, Any]]]]:
    """Group REST messages into utterances: (text, assessment or None, buttons).

    Rasa's REST channel sends one utterance's text as several messages (split at blank lines) and
    its `custom` payload as a separate message after them; a message with buttons, or one carrying
    `custom`, closes an utterance.
    """
    result = []
    texts: List[str] = []
    for message in messages:
        if message.get("text"):
            texts.append(str(message["text"]))
        assessment = assessment_of(message)
        buttons = message.get("buttons") or []
        if assessment is not None or buttons:
            result.append(("\n\n".join(texts), assessment, list(buttons)))
            texts = []
    if texts:
        result.append(("\n\n".join(texts), None, []))
    return result


def is_full_assessment(text: str, assessment: Dict[str, Any]) -> bool:
    """The ranked assessment (not a red-flag alert): its text lists the conditions, most likely first."""
    conditions = assessment.get("conditions") or []
    if not conditions:
        return False
    top_name = str(conditions[0].get("name") or "")
    return bool(top_name) and (f"1. {top_name}" in text or "most likely" in text.lower())


def find_question(messages: List[Dict[str, Any]]) -> Optional[Tuple[str, List[Dict[str, Any]]]]:
    """The question the bot is waiting on: the last message with buttons, else the last text ending in '?'."""
    for message in reversed(messages):
        if message.get("buttons") and message.get("text"):
            return str(message["text"]), list(message["buttons"])
    for message in reversed(messages):
        text = str(message.get("text") or "").strip()
        if text.endswith("?") and assessment_of(message) is None:
            return text, []
    return None


def same_question(question: str, previous: Optional[str]) -> bool:
    """The bot asks again (possibly after "Sorry, I didn't catch that.")."""
    if not previous:
        return False
    a, b = _normal(question), _normal(previous)
    return a == b or a.endswith(b) or b.endswith(a)


def level(triage: Optional[str]) -> int:
    return TRIAGE_ORDER.index(triage) if triage in TRIAGE_ORDER else -1


# --- one conversation -------------------------------------------------------------------------------
class Bot:
    """The bot's REST channel."""

    def __init__(self, url: str):
        self.url = url.rstrip("/")

    def check(self) -> None:
        try:
            requests.get(self.url + "/", timeout=10)
        except requests.RequestException as error:
            raise ServerUnreachable(f"cannot reach the bot at {self.url}: {error}") from error

    def say(self, sender: str, message: str) -> Tuple[List[Dict[str, Any]], float]:
        started = time.perf_counter()
        try:
            response = requests.post(
                f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=TIMEOUT
            )
        except requests.ConnectionError as error:
            raise ServerUnreachable(f"lost the bot at {self.url}: {error}") from error
        latency_ms = (time.perf_counter() - started) * 1000
        response.raise_for_status()
        body = response.json()
        return (body if isinstance(body, list) else []), latency_ms


def play(bot: Bot, vignette: Dict[str, Any], run_id: str) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    """Play one vignette; returns (result, transcript)."""
    vid = str(vignette["id"])
    sender = f"eval-{run_id}-{vid}"
    answer_with = str(vignette.get("answer_with") or "buttons")
    later = vignette.get("later") or None
    turns: List[Dict[str, Any]] = []
    result: Dict[str, Any] = {
        "id": vid, "condition": vignette.get("condition"), "sender": sender, "answer_with": answer_with,
        "assessed": False, "stop": None, "triage": None, "triage_from": None, "top3": [],
        "questions_answered": 0, "not_understood": [], "repeated_questions": 0, "later_sent": False,
        "error": None,
    }
    answers = 0
    red_flag_reply: Optional[List[Dict[str, Any]]] = None
    earlier_final: Optional[Dict[str, Any]] = None  # an assessment given before the late message
    last_assessment: Optional[Dict[str, Any]] = None
    final: Optional[Dict[str, Any]] = None
    previous_question: Optional[str] = None
    repeats = 0
    highest_seen: Optional[str] = None

    def send(text: str, kind: str, question: Optional[str] = None, how: Optional[str] = None) -> List[Dict[str, Any]]:
        messages, latency = bot.say(sender, text)
        turns.append({"turn": len(turns) + 1, "kind": kind, "question": question, "how": how, "user": text,
                      "bot": messages, "latency_ms": round(latency, 1)})
        return messages

    try:
        messages = send(str(vignette["opening"]), "opening")
        if not later:
            red_flag_reply = messages
        while True:
            for text, assessment, _ in utterances(messages):
                if assessment is None:
                    continue
                last_assessment = assessment
                if level(assessment.get("triage")) > level(highest_seen):
                    highest_seen = assessment.get("triage")
                if final is None and is_full_assessment(text, assessment):
                    final = assessment
            if final is not None and later and not result["later_sent"]:
                # the bot concluded before the person said the rest: they say it now, as people do
                messages = send(str(later["message"]), "later")
                result["later_sent"] = True
                red_flag_reply = messages
                earlier_final, final = final, None
                continue
            if final is not None:
                result["stop"] = "assessment"
                break
            if len(turns) >= MAX_TURNS:
                result["stop"] = "max_turns"
                break
            if later and not result["later_sent"] and answers >= int(later.get("after_answers", 0)):
                messages = send(str(later["message"]), "later")
                result["later_sent"] = True
                red_flag_reply = messages
                continue
            found = find_question(messages)
            if found is None:
                emergency = any(a and a.get("triage") == "emergency" for _, a, _ in utterances(messages))
                if not emergency and earlier_final is not None:
                    # the late message changed nothing to add (its advice was repeated): the
                    # assessment already given stands
                    final, result["stop"] = earlier_final, "assessment"
                    break
                result["stop"] = "emergency_alert" if emergency else "no_question"
                break
            question, buttons = found
            repeated = same_question(question, previous_question)
            repeats = repeats + 1 if repeated else 0
            previous_question = question
            if repeated:
                result["repeated_questions"] += 1
                if repeats >= 2:  # asked three times in a row: the bot cannot take any answer we have
                    result["stop"] = "stuck"
                    break
            answer = recognise_question(question, vignette)
            if answer.kind == "none" and not repeated:
                result["not_understood"].append(question)
            if repeated:  # the bot did not understand the answer: a person would fall back on "not sure"
                answer = Answer("retry", UNSURE)
            message, how = reply_to(answer, buttons, answer_with, f"{vid}:{len(turns)}")
            messages = send(message, "answer", question=question, how=how)
            answers += 1
    except ServerUnreachable:
        raise
    except (requests.RequestException, ValueError) as error:  # an HTTP error or a body that is not JSON
        result["stop"] = "error"
        result["error"] = str(error)

    chosen = final or last_assessment
    result["assessed"] = final is not None
    result["questions_answered"] = answers
    if final is not None:
        result["triage"], result["triage_from"] = final.get("triage"), "assessment"
    elif highest_seen is not None:
        result["triage"], result["triage_from"] = highest_seen, "alert"
    result["top3"] = [str(c.get("id")) for c in (chosen or {}).get("conditions", [])[:3]]
    result["stated"] = [(str(c.get("id")), float(c.get("likelihood") or 0)) for c in (chosen or {}).get("conditions", [])[:3]]
    expect = vignette.get("expect") or {}
    outside_expected = bool(expect.get("outside_knowledge"))
    wanted = set(expect.get("conditions") or ([] if outside_expected else [vignette.get("condition")]))
    result["wanted"] = sorted(wanted)
    result["outside_expected"] = outside_expected
    result["outside_said"] = bool((chosen or {}).get("outside_knowledge"))
    result["top1_hit"] = bool(result["top3"]) and result["top3"][0] in wanted
    result["top3_hit"] = bool(wanted & set(result["top3"]))
    # an outside description is recognised when the bot says it fits nothing it knows, or names
    # first a cause the vignette's author accepted
    result["outside_recognised"] = outside_expected and (result["outside_said"] or result["top1_hit"])
    result["triage_safe"] = level(result["triage"]) >= level(expect.get("triage_min")) >= 0
    result["triage_in_range"] = result["triage_safe"] and level(result["triage"]) <= level(expect.get("triage_max", "emergency"))
    result["emergency_expected"] = bool(expect.get("emergency_first"))
    if red_flag_reply is None and later:
        # the bot raised the emergency before the person stated the sign in their later message
        # (from what the opening said already): escalated earlier still
        for turn in turns:
            first = utterances(turn["bot"])[:1]
            if first and first[0][1] and first[0][1].get("triage") == "emergency":
                red_flag_reply = turn["bot"]
                break
    if red_flag_reply is not None:
        first = utterances(red_flag_reply)[:1]
        first_assessment = first[0][1] if first else None
        result["escalated_first"] = bool(first_assessment and first_assessment.get("triage") == "emergency")
        strict = assessment_of(red_flag_reply[0]) if red_flag_reply else None
        result["escalated_first_strict"] = bool(strict and strict.get("triage") == "emergency")
    else:
        result["escalated_first"] = result["escalated_first_strict"] = False
    result["latencies_ms"] = [t["latency_ms"] for t in turns]
    transcript = {"id": vid, "sender": sender, "vignette": vignette, "turns": turns, "result": result}
    return result, transcript


# --- the summary ------------------------------------------------------------------------------------
def percentile(values: List[float], p: float) -> Optional[float]:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, int(-(-p * len(ordered) // 100)))  # ceil(p/100 * n)
    return round(ordered[min(rank, len(ordered)) - 1], 1)


def share(results: List[Dict[str, Any]], key: str) -> float:
    return round(100.0 * sum(1 for r in results if r.get(key)) / len(results), 1) if results else 0.0


def summarise(results: List[Dict[str, Any]]) -> Dict[str, Any]:
    latencies = [ms for r in results for ms in r.get("latencies_ms", [])]
    questions = [r["questions_answered"] for r in results]
    emergencies = [r for r in results if r.get("emergency_expected")]
    by_condition: Dict[str, Dict[str, Any]] = {}
    for r in results:
        row = by_condition.setdefault(str(r["condition"]), {"n": 0, "top1": 0, "top3": 0, "triage_safe": 0})
        row["n"] += 1
        row["top1"] += int(bool(r.get("top1_hit")))
        row["top3"] += int(bool(r.get("top3_hit")))
        row["triage_safe"] += int(bool(r.get("triage_safe")))
    unrecognised: Dict[str, int] = {}
    for r in results:
        for q in r.get("not_understood", []):
            unrecognised[q] = unrecognised.get(q, 0) + 1
    return {
        "vignettes": len(results),
        "assessed_pct": share(results, "assessed"),
        "concluded_pct": round(100.0 * sum(1 for r in results if r.get("stop") in ("assessment", "emergency_alert")) / len(results), 1)
        if results else 0.0,
        # over the vignettes of known conditions (outside descriptions are scored under "outside")
        "top1_accuracy_pct": share([r for r in results if not r.get("outside_expected")], "top1_hit"),
        "top3_accuracy_pct": share([r for r in results if not r.get("outside_expected")], "top3_hit"),
        "triage_safe_pct": share(results, "triage_safe"),
        "triage_in_range_pct": share(results, "triage_in_range"),
        "questions_median": statistics.median(questions) if questions else None,
        "questions_max": max(questions) if questions else None,
        "red_flags_escalated_first": {
            "escalated": sum(1 for r in emergencies if r.get("escalated_first")),
            "escalated_strict_first_json_message": sum(1 for r in emergencies if r.get("escalated_first_strict")),
            "of": len(emergencies),
        },
        "latency_ms": {"p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
                       "max": round(max(latencies), 1) if latencies else None, "turns": len(latencies)},
        "stops": {s: sum(1 for r in results if r.get("stop") == s) for s in sorted({str(r.get("stop")) for r in results})},
        "questions_not_recognised": dict(sorted(unrecognised.items(), key=lambda kv: -kv[1])),
        "by_condition": by_condition,
        "outside": {
            "expected": sum(1 for r in results if r.get("outside_expected")),
            "recognised": sum(1 for r in results if r.get("outside_recognised")),
            "said_outside_on_a_known_condition": sum(1 for r in results if r.get("outside_said") and not r.get("outside_expected")),
        },
        "calibration": calibration(results),
    }


#: Stated-likelihood bands of the calibration table (lower bound inclusive).
BANDS = [(0.0, 0.2), (0.2, 0.4), (0.4, 0.6), (0.6, 0.8), (0.8, 1.01)]


def calibration(results: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Every likelihood the assessments stated (up to three per vignette) against whether that
    cause was one the vignette accepts: per band, how often the stated cause was right; and
    the Brier score (mean squared gap between the stated likelihood and 1 if right, else 0)."""
    pairs = [(p, cid in set(r.get("wanted") or [])) for r in results for cid, p in r.get("stated") or []]
    table = []
    for low, high in BANDS:
        inside = [right for p, right in pairs if low <= p < high]
        stated = [p for p, _ in pairs if low <= p < high]
        table.append({
            "band": f"{round(low * 100)}-{min(100, round(high * 100))}%",
            "n": len(inside),
            "mean_stated_pct": round(100 * statistics.mean(stated), 1) if stated else None,
            "right_pct": round(100.0 * sum(inside) / len(inside), 1) if inside else None,
        })
    brier = round(statistics.mean((p - right) ** 2 for p, right in pairs), 4) if pairs else None
    return {"bands": table, "brier": brier, "stated": len(pairs)}


def line(r: Dict[str, Any]) -> str:
    flags = []
    if r.get("outside_expected"):
        flags.append("outside-ok" if r.get("outside_recognised") else "OUTSIDE-MISSED")
    else:
        flags.append("top1" if r.get("top1_hit") else ("top3" if r.get("top3_hit") else "MISS"))
        if r.get("outside_said"):
            flags.append("said-outside")
    flags.append("safe" if r.get("triage_safe") else "UNSAFE")
    if r.get("triage_safe") and not r.get("triage_in_range"):
        flags.append("over-triaged")
    if r.get("emergency_expected"):
        flags.append("escalated" if r.get("escalated_first") else "NOT-ESCALATED")
    got = ",".join(r.get("top3") or []) or "-"
    return (f"{r['id']:<44} {str(r.get('stop')):<15} q={r['questions_answered']:<2} "
            f"triage={str(r.get('triage')):<10} {' '.join(flags):<28} got={got}")


def print_summary(s: Dict[str, Any]) -> None:
    red = s["red_flags_escalated_first"]
    lat = s["latency_ms"]
    print()
    print(f"vignettes                 {s['vignettes']}")
    print(f"assessed                  {s['assessed_pct']}%   (with interviews ended by an emergency alert: {s['concluded_pct']}%)")
    print(f"how conversations ended   {s['stops']}")
    print(f"top-1 accuracy            {s['top1_accuracy_pct']}%")
    print(f"top-3 accuracy            {s['top3_accuracy_pct']}%")
    print(f"triage safe (>= min)      {s['triage_safe_pct']}%")
    print(f"triage in range           {s['triage_in_range_pct']}%")
    print(f"questions median / max    {s['questions_median']} / {s['questions_max']}")
    print(f"red flags escalated first {red['escalated']}/{red['of']}   "
          f"(in the very first JSON message: {red['escalated_strict_first_json_message']}/{red['of']})")
    print(f"latency p50 / p95 / max   {lat['p50']} / {lat['p95']} / {lat['max']} ms over {lat['turns']} turns")
    outside = s["outside"]
    if outside["expected"]:
        print(f"outside recognised        {outside['recognised']}/{outside['expected']}")
    print(f"'fits nothing I know' said on a known condition: {outside['said_outside_on_a_known_condition']}")
    cal = s["calibration"]
    print(f"calibration (stated likelihood band: n, mean stated, right)   Brier {cal['brier']} over {cal['stated']} stated likelihoods")
    for band in cal["bands"]:
        print(f"  {band['band']:>8}  n={band['n']:<4} stated {band['mean_stated_pct']}%  right {band['right_pct']}%")
    if s["questions_not_recognised"]:
        print("questions answered 'not sure' (no matching fact):")
        for q, n in list(s["questions_not_recognised"].items())[:10]:
            print(f"  {n:>3}  {q}")


def load_vignettes(path: Path) -> List[Dict[str, Any]]:
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return list(data.get("vignettes") or [])


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="the Rasa server (REST channel)")
    parser.add_argument("--vignettes", default=str(ROOT / "eval" / "vignettes.yml"))
    parser.add_argument("--out", default=str(ROOT / "eval" / "results"))
    parser.add_argument("--only", default=None, help="play only vignettes whose id contains this text")
    args = parser.parse_args(argv)

    vignettes = load_vignettes(Path(args.vignettes))
    if args.only:
        vignettes = [v for v in vignettes if args.only in str(v.get("id"))]
    bot = Bot(args.url)
    run_id = time.strftime("%Y%m%d%H%M%S") + "-" + uuid.uuid4().hex[:6]
    out = Path(args.out)
    results = []
    try:
        bot.check()
        out.mkdir(parents=True, exist_ok=True)
        with open(out / "transcripts.jsonl", "w", encoding="utf-8") as transcripts:
            for vignette in vignettes:
                result, transcript = play(bot, vignette, run_id)
                results.append(result)
                transcripts.write(json.dumps(transcript, ensure_ascii=False) + "\n")
                print(line(result), flush=True)
    except ServerUnreachable as error:
        print(f"error: {error}", file=sys.stderr)
        print("Start the bot first, e.g. `make run` (or scripts/run.sh), and pass its address with --url.", file=sys.stderr)
        return 2
    summary = summarise(results)
    print_summary(summary)
    with open(out / "summary.json", "w", encoding="utf-8") as handle:
        json.dump({"run": run_id, "url": args.url, "summary": summary, "results": results}, handle, indent=2, ensure_ascii=False)
    print(f"\ntranscripts: {out / 'transcripts.jsonl'}   summary: {out / 'summary.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
