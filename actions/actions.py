"""Thin Rasa actions: read the tracker, call the domain core (symptomchecker), send its replies.

Every action derives from :class:`CheckerAction`, which first records any finding the latest
message carries and announces any red flag it triggers, so that an emergency is escalated from
any point in the conversation, whatever the intent, before anything else is said.
"""

from __future__ import annotations

import abc
import re
from typing import Any, Dict, List, Text, Union

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from storage.masking import mask_personal_data
from symptomchecker import links, render, summary
from symptomchecker.answers import checked_answer, leading_answer
from symptomchecker.interview import Observation, Reply, State, SymptomChecker, is_emergency

CHECKER = SymptomChecker()
SLOT = "interview"
EXTRACTOR = "SymptomExtractor"  # only entities from our own extractor count, never ones typed as /intent{...}
ANSWERS = {"affirm": "yes", "deny": "no", "unsure": "unsure"}
ERASE_QUESTION = "__erase__"  # State.pending while "delete everything?" waits for its answer
#: The slot value that tells the tracker store to erase the conversation (storage/tracker_store.py).
ERASE_MARKER = {"erase_conversation": True}

SUMMARY_BUTTON = {"title": "Get a summary for your doctor", "payload": "/get_summary"}
#: the messaging channels' message lengths: there the summary is one text message of at most this
CHANNEL_LIMITS = {"telegram": 4096, "slack": 3000, "facebook": 2000, "twilio": 1600}
#: the messaging channels that also send the summary's PDF as a file (channels/telegram.py, slack.py, facebook.py)
FILE_CHANNELS = {"telegram", "slack", "facebook"}
FINISH_FIRST = (
    "I can make a summary for your doctor once we have finished the questions. Please answer them first "
    "(or, if we haven't started, describe the bumps in your own words)."
)

Outgoing = Union[Reply, str]  # a Reply, or the name of a response in domain.yml


def offered_payloads(tracker: Tracker) -> List[str]:
    """The button payloads of the bot's messages since the person last spoke."""
    payloads: List[str] = []
    users_seen = 0
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            users_seen += 1
            if users_seen == 2:  # back at the message before the latest one
                break
        elif event.get("event") == "bot" and users_seen == 1:
            payloads += [str(b.get("payload")) for b in (event.get("data") or {}).get("buttons") or []]
    return payloads


def observation_from(tracker: Tracker) -> Observation:
    """What the latest message says. A typed "/intent" that is not the payload of a button the
    bot just offered counts for nothing: only a real click (or the words) answers."""
    message = tracker.latest_message or {}
    text = str(message.get("text") or "")
    findings: Dict[str, str] = {}
    for entity in message.get("entities") or []:
        if entity.get("extractor") == EXTRACTOR and entity.get("entity") == "finding":
            findings[str(entity.get("value"))] = str(entity.get("role") or "present")
    intent = (message.get("intent") or {}).get("name") or ""
    answer = checked_answer(ANSWERS.get(intent), text)  # a plain "absolutely not" read as a yes: ask again
    if answer is None and intent not in ANSWERS:
        # "no, it's pink, not brown", "yes there's a little dark plug on top": a reply that starts
        # by answering is an answer, whatever the classifier made of the rest (but "no fever"
        # says what is absent, not the answer to another question; "yes, ... darker rather than
        # red" is a yes)
        leading = leading_answer(text)
        answer = leading if leading == ANSWERS["affirm"] or "absent" not in findings.values() else None
    if text.startswith("/") and text.strip() not in offered_payloads(tracker):
        answer = None
    return Observation(findings=findings, answer=answer, text=text)


def entity_values(tracker: Tracker, name: str) -> List[str]:
    return [
        str(e.get("value"))
        for e in (tracker.latest_message or {}).get("entities") or []
        if e.get("extractor") == EXTRACTOR and e.get("entity") == name
    ]


def send(dispatcher: CollectingDispatcher, outgoing: List[Outgoing]) -> None:
    for item in outgoing:
        if isinstance(item, str):
            dispatcher.utter_message(response=item)
        else:
            dispatcher.utter_message(text=item.text, buttons=item.buttons or None, json_message=item.custom)


def reprompt(state: State) -> List[Outgoing]:
    """Repeat the question still waiting for an answer, if any."""
    question = CHECKER.question(state.pending) if state.pending else None
    if question is None:
        return []
    reply = render.question(question)
    return ["utter_back_to_question", reply]


_QUESTION_START = re.compile(
    r"^\s*(what|whats|what's|why|how|when|where|who|which|is|are|does|do|can|could|should|will|would"
    r"|tell me|explain)\b",
    re.I,
)


def is_question(text: str) -> bool:
    """'my back itches and I can't work out why' describes; 'why does my back itch?' asks."""
    return "?" in text or bool(_QUESTION_START.match(text))


class CheckerAction(Action, abc.ABC):
    """Base of every action: red flags first, then :meth:`reply`; keeps the state in the slot."""

    takes_answers = False  # does this action's message answer the pending question?

    @abc.abstractmethod
    def name(self) -> Text:
        """The action's name in domain.yml."""

    def reply(self, state: State, tracker: Tracker) -> List[Outgoing]:
        return []

    def initial_state(self, tracker: Tracker) -> State:
        return State.from_dict(tracker.get_slot(SLOT))

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        state = self.initial_state(tracker)
        observation = observation_from(tracker)
        outgoing: List[Outgoing]
        if self.takes_answers:
            state, replies = CHECKER.step(state, observation)
            outgoing = list(replies)
        else:
            state = CHECKER.observe(state, observation, answers_pending=False)
            state, alerts = CHECKER.alerts(state, observation)
            outgoing = list(alerts)
            emergency = any(is_emergency(r) for r in alerts)
            if not emergency:
                outgoing += self.reply(state, tracker)
        send(dispatcher, [with_summary(item, state, tracker) for item in outgoing])
        return [SlotSet(SLOT, state.to_dict())]


def summary_of(state: State, assessment: dict, tracker: Tracker) -> dict:
    """The summary for a doctor (symptomchecker.summary), with the first description masked as it is stored."""
    _, description = summary.conversation_at(tracker.events or [])
    return summary.build(CHECKER.kb, state, assessment, mask_personal_data(description))


def with_summary(item: Outgoing, state: State, tracker: Tracker) -> Outgoing:
    """An assessment's payload carries the summary beside it (docs/payload.md), and the
    assessment offers it as a button."""
    if isinstance(item, Reply) and item.custom and "assessment" in item.custom:
        item.custom = dict(item.custom, summary=summary_of(state, item.custom["assessment"], tracker))
        if item.kind == "assessment":
            item.buttons = list(item.buttons) + [dict(SUMMARY_BUTTON)]
    return item


class ActionGetSummary(CheckerAction):
    """ "Get a summary for your doctor": on a messaging channel the text within its message
    length, with ``custom.summary_pdf`` on Telegram, Slack and Messenger, whose output channels
    send it as the platform's file message (SMS / WhatsApp: the text only); on REST and
    socket.io the whole text, the data and a link to its PDF (GET /summary/<token>.pdf,
    channels/summary.py). Before an assessment: finish first."""

    def name(self) -> Text:
        return "action_get_summary"

    def reply(self, state: State, tracker: Tracker) -> List[Outgoing]:
        if not state.assessed:
            return [Reply(FINISH_FIRST)] + reprompt(state)
        data = summary_of(state, CHECKER.assessment(state), tracker)
        channel = tracker.get_latest_input_channel() or ""
        url = links.link_url(links.make_token(tracker.sender_id))
        pdf = {"url": url, "expires_in_hours": links.link_hours()}
        if channel in CHANNEL_LIMITS:
            text = summary.text(data, CHANNEL_LIMITS[channel])
            return [Reply(text, custom={"summary_pdf": pdf} if channel in FILE_CHANNELS else None)]
        text = (
            f"{summary.text(data)}\n\nA PDF of this summary, to print or send: {url} "
            f"(the link works for {pdf['expires_in_hours']:g} hours)"
        )
        return [Reply(text, custom={"summary": data, "summary_pdf": pdf})]


class ActionInterview(CheckerAction):
    """Descriptions and yes / no / not sure answers: the next question or the assessment.

    A question that names a condition ("do teenagers grow out of back acne?") is answered even
    when the intent classifier took it for a description.
    """

    takes_answers = True

    def name(self) -> Text:
        return "action_interview"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = str((tracker.latest_message or {}).get("text") or "")
        state = State.from_dict(tracker.get_slot(SLOT))
        if state.pending == ERASE_QUESTION:
            return confirm_erase(dispatcher, tracker, state)
        if (
            entity_values(tracker, "condition")
            and is_question(text)
            and not text.startswith("/")
            and not describes_symptoms(tracker)
        ):
            return CheckerAction.run(ActionAnswerQuestion(), dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)


def confirm_erase(dispatcher: CollectingDispatcher, tracker: Tracker, state: State) -> List[EventType]:
    """The answer to "delete everything?": erase on yes, keep everything otherwise.

    Red flags come first: a message that raises one ("yes ... my lips are swelling") gets the
    alert, and never erases the conversation (what it said is kept; the person can ask again).
    """
    observation = observation_from(tracker)
    state.pending = None
    state = CHECKER.observe(state, observation, answers_pending=False)
    state, alerts = CHECKER.alerts(state, observation)
    if alerts:
        send(dispatcher, alerts + ["utter_not_deleted_after_alert"])
        return [SlotSet(SLOT, state.to_dict())]
    if observation.answer == "yes":
        dispatcher.utter_message(response="utter_deleted")
        return [SlotSet(SLOT, dict(ERASE_MARKER))]
    dispatcher.utter_message(response="utter_not_deleted")
    return [SlotSet(SLOT, state.to_dict())]


class ActionDeleteData(CheckerAction):
    """Asks to confirm "Delete my data"; the yes is handled by ActionInterview."""

    def name(self) -> Text:
        return "action_delete_data"

    def reply(self, state: State, tracker: Tracker) -> List[Outgoing]:
        state.pending = ERASE_QUESTION
        return ["utter_confirm_delete"]


class ActionAnswerQuestion(CheckerAction):
    """'Is scabies contagious?', 'what causes red bumps on my back?': answered from the knowledge.

    A statement that the intent classifier took for a question but that describes symptoms
    ("my back is itching and I can't work out why"), or a description of two or more symptoms
    that names a condition without asking anything specific about it ("tiny reddish bumps all
    over my back?? gf says it's chicken skin"), goes to the interview instead.
    """

    def name(self) -> Text:
        return "action_answer_question"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if describes_symptoms(tracker):
            return CheckerAction.run(ActionInterview(), dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)

    @staticmethod
    def offer_interview(state: State, tracker: Tracker) -> List[Outgoing]:
        """A question about a condition that also says something about the person's own spots
        ("is it normal that my moles seem darker since I got pregnant?"), with no interview
        under way: after the answer, the interview's first question about theirs."""
        if state.pending or state.assessed or not observation_from(tracker).findings:
            return []
        new_state, replies = CHECKER.next(state)
        if not replies or replies[-1].kind != "question":
            return []
        state.pending, state.asked = new_state.pending, new_state.asked
        return ["utter_about_yours", replies[-1]]

    def reply(self, state: State, tracker: Tracker) -> List[Outgoing]:
        conditions = entity_values(tracker, "condition")
        topics = entity_values(tracker, "info_topic")
        topic = next((t for t in topics if t != "overview"), topics[0] if topics else None)
        kb = CHECKER.kb
        if conditions:
            return [Reply(render.condition_answer(kb, conditions[0], topic))] + (
                reprompt(state) or self.offer_interview(state, tracker)
            )
        general = general_topic(topic, observation_from(tracker))
        if general:
            return [Reply(render.topic_answer(kb, general))] + reprompt(state)
        if state.assessed and topic:  # "is it contagious?" after an assessment: the most likely condition
            top = CHECKER.assessment(state)["conditions"][0]["id"]
            return [Reply(render.condition_answer(kb, top, topic))] + reprompt(state)
        return ["utter_which_condition"] + reprompt(state)


#: Questions the assessment itself answers: "what is it?", "should I see a doctor?", "should I worry?"
GENERIC_TOPICS = {"overview", "symptoms", "see_doctor", "urgent_help"}


def describes_symptoms(tracker: Tracker) -> bool:
    """A description to interview on, even if it names a condition or ends in "?": a statement
    with a symptom in it, two or more symptoms without a specific question (contagious,
    treatment, ...) about the condition named, or a fuller description (three symptoms or more)
    that asks only what the assessment answers ("is this something to worry about?")."""
    observation = observation_from(tracker)
    present = [f for f, status in observation.findings.items() if status == "present"]
    topics = entity_values(tracker, "info_topic")
    asks_about = [t for t in topics if t != "overview"]
    specific = [t for t in topics if t not in GENERIC_TOPICS]
    statement = not is_question(observation.text) and not entity_values(tracker, "condition")
    return bool(present and statement) or (len(present) >= 2 and not asks_about) or (len(present) >= 3 and not specific)


def general_topic(topic, observation: Observation):
    """The article's general questions: red bumps, itchy red bumps, urgent help, causes of back bumps."""
    if topic == "urgent_help":
        return "urgent_help"
    if topic not in (None, "cause", "overview", "symptoms"):
        return None
    if "itching" in observation.findings:
        return "itchy_red_bumps"
    if "redness" in observation.findings:
        return "red_bumps"
    if any(word in observation.text.lower() for word in ("bump", "back", "rash", "spot", "lump")):
        return "causes_overview"
    return None


class ActionChitchat(CheckerAction):
    """Greetings, thanks, goodbye and 'what are you?'."""

    RESPONSES = {"greet": "utter_greet", "goodbye": "utter_goodbye", "thank": "utter_thanks"}

    def name(self) -> Text:
        return "action_chitchat"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        # "no, first time it's done this" heard as goodbye while a question waits: it is the answer
        state = State.from_dict(tracker.get_slot(SLOT))
        if (
            state.pending
            and state.pending != ERASE_QUESTION
            and leading_answer(str((tracker.latest_message or {}).get("text") or ""))
        ):
            return ActionInterview().run(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)

    def reply(self, state: State, tracker: Tracker) -> List[Outgoing]:
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        if intent == "bot_challenge":
            return [Reply(CHECKER.kb.about)] + reprompt(state)
        response = self.RESPONSES.get(intent or "", "utter_greet")
        return [response] + ([] if intent == "goodbye" else reprompt(state))


#: "forget what I said", "wipe everything", "delete it all and start again"; not the idioms
#: "forget it" (never mind) and "wipe the slate clean" (start again).
_FORGET = re.compile(r"\b(?:forget|wipe|erase|delete)\b(?!\s+it\b)(?!\s+the\s+slate\b)", re.I)


def asks_to_forget(text: str) -> bool:
    """Does the message ask to forget or erase what was said (a privacy request, not a restart)?"""
    return bool(_FORGET.search(text or ""))


#: words that ask to start again; a message without any is not a restart, whatever the classifier
#: says ("All over the back" was once heard as "start over", "it's oval with a clear edge" as "clear all")
_RESTART = re.compile(
    r"\b(?:start|restart|begin|beginning|reset|scratch|slate|redo|do over|do (?:it|this) again|from the top"
    r"|one more time|clear (?:my|the|all|everything)|new (?:chat|conversation|session|check)|someone else"
    r"|another one|different person|reboot|go again|square one|questions again|new assessment|check my \w+|one for my"
    r"|scrap|ignore (?:all|what|everything)|strt)\b",
    re.I,
)


class ActionRestartInterview(CheckerAction):
    """Start the interview again. A restart that asks to forget what was said ("forget
    everything I said") is offered the erasure instead: a restart keeps the stored conversation.
    A message that says nothing about starting again but tells something ("All over the back")
    is an answer or a description, and goes to the interview."""

    def name(self) -> Text:
        return "action_restart_interview"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        text = str((tracker.latest_message or {}).get("text") or "")
        if asks_to_forget(text):
            return ActionDeleteData().run(dispatcher, tracker, domain)
        if not _RESTART.search(text):
            # an answer or a description, or words the bot could not read: never a restart
            state = State.from_dict(tracker.get_slot(SLOT))
            if observation_from(tracker).findings or leading_answer(text) or state.pending:
                return ActionInterview().run(dispatcher, tracker, domain)
            return ActionFallback().run(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)

    def initial_state(self, tracker: Tracker) -> State:
        return State()

    def reply(self, state: State, tracker: Tracker) -> List[Outgoing]:
        return ["utter_restarted"]


class ActionFallback(CheckerAction):
    """A message the bot could not understand: say so helpfully.

    A message that carries findings ("he is sixteen", "could be a bit worse at night") was
    understood after all, whatever the intent classifier's confidence: it goes to the interview.
    So does any message while a question waits for its answer: the interview asks again, and
    leaves the question unanswered after a second answer it cannot read (no endless loop).
    """

    def name(self) -> Text:
        return "action_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        state = State.from_dict(tracker.get_slot(SLOT))
        if observation_from(tracker).findings or CHECKER.question(state.pending or "") is not None:
            return ActionInterview().run(dispatcher, tracker, domain)
        return super().run(dispatcher, tracker, domain)

    def reply(self, state: State, tracker: Tracker) -> List[Outgoing]:
        return ["utter_fallback"]
