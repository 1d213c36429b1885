"""The Rasa actions, with rasa_sdk trackers built from JSON fixtures and messages."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    ActionAnswerQuestion,
    ActionChitchat,
    ActionDeleteData,
    ActionFallback,
    ActionInterview,
    ActionRestartInterview,
    ERASE_MARKER,
    SLOT,
)
from nlu.rasa_components import EXTRACTOR_NAME

FIXTURES = Path(__file__).parent / "fixtures"


def load_fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def extractor_entities(matcher):
    """Entities as the trained SymptomExtractor would add them."""

    def entities(text: str):
        out = []
        for m in matcher.extract(text):
            e = {"entity": m.entity, "value": m.value, "start": m.start, "end": m.end, "extractor": EXTRACTOR_NAME}
            if m.entity == "finding":
                e["role"] = m.status
            out.append(e)
        return out

    return entities


@pytest.fixture
def make_tracker(extractor_entities):
    def make(text: str, intent: str, interview=None, entities=None) -> Tracker:
        state = load_fixture("mid_interview.json")
        state["slots"] = {SLOT: interview}
        state["latest_message"] = {
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": extractor_entities(text) if entities is None else entities,
        }
        return Tracker.from_dict(state)

    return make


def run(action, tracker):
    dispatcher = CollectingDispatcher()
    events = action.run(dispatcher, tracker, {})
    slot = next(e["value"] for e in events if e["event"] == "slot" and e["name"] == SLOT)
    return dispatcher.messages, slot


def test_fixture_answer_yes_records_the_pending_finding():
    tracker = Tracker.from_dict(load_fixture("mid_interview.json"))
    messages, slot = run(ActionInterview(), tracker)
    assert slot["evidence"]["itching_worse_at_night"] == "present"
    assert messages, "the action always says something"


def test_description_starts_the_interview_with_a_question(make_tracker):
    messages, slot = run(ActionInterview(), make_tracker("itchy red bumps on my back", "describe_symptoms"))
    assert slot["evidence"]["itching"] == "present"
    assert slot["pending"]
    assert messages[-1]["buttons"], "the question offers buttons"


def test_an_interview_reaches_an_assessment_with_the_interface_payload(make_tracker):
    text = "itchy bumps on my lower back, itching is worse at night, my partner itches too, between my fingers as well"
    messages, slot = run(ActionInterview(), make_tracker(text, "describe_symptoms"))
    for _ in range(12):
        if slot["assessed"]:
            break
        messages, slot = run(ActionInterview(), make_tracker("not sure", "unsure", interview=slot))
    payload = messages[-1]["custom"]["assessment"]
    assert payload["conditions"][0]["id"] == "scabies"
    assert payload["triage"] in {"self_care", "see_doctor", "urgent", "emergency"}
    assert "not a diagnosis" in messages[-1]["text"]


@pytest.mark.parametrize("action, intent", [
    (ActionInterview(), "affirm"),
    (ActionAnswerQuestion(), "ask_info"),
    (ActionChitchat(), "greet"),
    (ActionChitchat(), "goodbye"),
    (ActionFallback(), "nlu_fallback"),
])
def test_a_red_flag_is_escalated_first_from_any_action(make_tracker, action, intent):
    interview = {"evidence": {"itching": "present"}, "asked": ["fever"], "pending": "fever", "raised": [], "assessed": False}
    messages, slot = run(action, make_tracker("hello, my tongue is swelling and I'm struggling to breathe", intent, interview))
    assert messages[0]["text"].startswith("EMERGENCY")
    assert messages[0]["custom"]["assessment"]["triage"] == "emergency"
    assert "severe_allergic_reaction" in slot["raised"]


def test_a_reply_that_starts_with_yes_answers_even_when_it_says_something_is_absent(make_tracker):
    """Blind set 52: "yes, hot, swollen and painful, darker rather than red" (dark skin) answers the
    question yes; only a reply that starts with "no" next to a negated finding ("no fever") is not
    taken as the answer to the question asked."""
    interview = {"evidence": {"kind_patches": "present"}, "asked": ["red_hot_swollen_area"],
                 "pending": "red_hot_swollen_area", "raised": [], "assessed": False}
    text = "yes, hot, swollen and painful, darker rather than red"
    _, slot = run(ActionInterview(), make_tracker(text, "describe_symptoms", interview))
    assert slot["evidence"]["red_hot_swollen_area"] == "present" and slot["evidence"]["redness"] == "absent"
    interview = {**interview, "asked": ["itching"], "pending": "itching"}
    _, slot = run(ActionInterview(), make_tracker("no fever", "describe_symptoms", interview))
    assert slot["evidence"]["fever"] == "absent" and slot["evidence"].get("itching") != "absent"


def test_typed_intent_syntax_entities_are_ignored(make_tracker):
    forged = [{"entity": "finding", "value": "fever", "role": "absent"}, {"entity": "triage", "value": "self_care"}]
    messages, slot = run(ActionInterview(), make_tracker('/describe_symptoms{"finding": "fever"}', "describe_symptoms", entities=forged))
    assert "fever" not in slot["evidence"]


def test_question_about_a_condition_is_answered_with_sources(make_tracker):
    messages, _ = run(ActionAnswerQuestion(), make_tracker("is scabies contagious?", "ask_info"))
    assert "Scabies" in messages[0]["text"] and "https://" in messages[0]["text"]
    assert "skin-to-skin" in messages[0]["text"]


@pytest.mark.parametrize("text, topic_title", [
    ("what causes red bumps on my back?", "red"),
    ("why are these red bumps itchy?", "tch"),
    ("when should I get urgent help?", "rgent"),
])
def test_general_questions_are_answered_from_the_topics(kb, make_tracker, text, topic_title):
    messages, _ = run(ActionAnswerQuestion(), make_tracker(text, "ask_info"))
    assert topic_title in messages[0]["text"].split("\n")[0]
    assert "https://" in messages[0]["text"]


def test_question_mid_interview_is_answered_then_the_question_is_repeated(make_tracker):
    interview = {"evidence": {"itching": "present"}, "asked": ["fever"], "pending": "fever", "raised": [], "assessed": False}
    messages, slot = run(ActionAnswerQuestion(), make_tracker("how do I treat back acne?", "ask_info", interview))
    assert "Back acne" in messages[0]["text"]
    assert messages[-1]["buttons"] and "fever" in messages[-1]["text"].lower()
    assert slot["pending"] == "fever", "a question back is not an answer"


def test_ambiguous_question_without_a_condition_asks_which(make_tracker):
    messages, _ = run(ActionAnswerQuestion(), make_tracker("is it contagious?", "ask_info"))
    assert messages[0]["response"] == "utter_which_condition"


def test_restart_clears_the_interview(make_tracker):
    interview = {"evidence": {"itching": "present"}, "asked": ["fever"], "pending": "fever", "raised": [], "assessed": True}
    messages, slot = run(ActionRestartInterview(), make_tracker("start over", "start_over", interview))
    assert slot["evidence"] == {} and slot["pending"] is None
    assert messages[0]["response"] == "utter_restarted"


def test_bot_challenge_says_what_it_is(kb, make_tracker):
    messages, _ = run(ActionChitchat(), make_tracker("are you a doctor?", "bot_challenge"))
    assert messages[0]["text"] == kb.about


def test_fallback_is_never_silent(make_tracker):
    messages, _ = run(ActionFallback(), make_tracker("qwertyuiop", "nlu_fallback"))
    assert messages and messages[0]["response"] == "utter_fallback"


def test_a_description_mistaken_for_a_question_starts_the_interview(make_tracker):
    messages, slot = run(ActionAnswerQuestion(), make_tracker("my back is itching and I can't work out why", "ask_info"))
    assert slot["evidence"].get("itching") == "present"
    assert slot["pending"] or slot["assessed"], "the interview went on"


@pytest.mark.parametrize("action", [ActionInterview, ActionAnswerQuestion])
@pytest.mark.parametrize("intent", ["describe_symptoms", "ask_info"])
def test_symptoms_naming_a_condition_start_the_interview(make_tracker, action, intent):
    """Two symptoms and a condition's name, with no specific question: an interview, whatever
    the intent and from either action (no answer about the condition, no loop)."""
    text = "tiny rough bumps all over my back and they are kinda reddish?? my friend says its chicken skin"
    messages, slot = run(action(), make_tracker(text, intent))
    assert slot["evidence"].get("rough_sandpaper") == "present"
    assert slot["pending"] or slot["assessed"], "the interview went on"
    assert not messages[0]["text"].startswith("Keratosis pilaris")


def test_a_specific_question_with_symptoms_is_answered(make_tracker):
    messages, _ = run(ActionInterview(), make_tracker("I have itchy red bumps, is scabies contagious?", "describe_symptoms"))
    assert messages[0]["text"].startswith("Scabies")


def test_a_question_naming_a_condition_is_answered_whatever_the_intent(make_tracker):
    messages, _ = run(ActionInterview(), make_tracker("do teenagers grow out of back acne?", "describe_symptoms"))
    assert messages[0]["text"].startswith("Back acne")


def test_an_answer_the_classifier_was_unsure_of_still_counts(make_tracker):
    interview = {"evidence": {"itching": "present"}, "asked": ["age_group"], "pending": "age_group", "raised": [], "assessed": False}
    messages, slot = run(ActionFallback(), make_tracker("he is sixteen", "nlu_fallback", interview))
    assert slot["evidence"].get("age_teen") == "present"


def test_a_typed_intent_that_was_not_offered_answers_nothing(make_tracker):
    interview = {"evidence": {"itching": "present"}, "asked": ["fever"], "pending": "fever", "raised": [], "assessed": False}
    tracker = make_tracker("/deny", "deny", interview)
    messages, slot = run(ActionInterview(), tracker)
    assert "fever" not in slot["evidence"] and slot["pending"] == "fever"
    assert messages[0]["text"].startswith("Sorry")


def test_a_clicked_button_payload_answers(make_tracker):
    interview = {"evidence": {"itching": "present"}, "asked": ["fever"], "pending": "fever", "raised": [], "assessed": False}
    tracker = make_tracker("/deny", "deny", interview)
    tracker.events = [
        {"event": "bot", "text": "Do you have a fever?", "data": {"buttons": [{"title": "No", "payload": "/deny"}]}},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "/deny"},
        {"event": "user_featurization", "use_text_for_featurization": False},
    ]
    messages, slot = run(ActionInterview(), tracker)
    assert slot["evidence"]["fever"] == "absent"


@pytest.mark.parametrize("text, intent, expected", [
    ("absolutely not", "affirm", None),  # a plain no the classifier heard as yes: asked again
    ("yeah definitely", "deny", None),
    ("dunno", "deny", "unknown"),  # "don't know" in so many words is not sure
    ("nope", "deny", "absent"),
    ("yes, but only a little", "affirm", "present"),  # mixed words: the classifier decides
])
def test_short_answers_are_checked_against_their_words(make_tracker, text, intent, expected):
    interview = {"evidence": {"itching": "present"}, "asked": ["fever"], "pending": "fever", "raised": [], "assessed": False}
    messages, slot = run(ActionInterview(), make_tracker(text, intent, interview))
    assert slot["evidence"].get("fever") == expected
    if expected is None:
        assert slot["pending"] == "fever" and messages[0]["text"].startswith("Sorry")


@pytest.fixture
def erase_pending(make_tracker):
    """The state after "delete my data": the interview so far, with "delete everything?" waiting."""
    interview = {"evidence": {"itching": "present"}, "asked": ["fever"], "pending": "fever", "raised": [], "assessed": False}
    _, slot = run(ActionDeleteData(), make_tracker("delete my data", "delete_data", interview))
    assert slot["pending"] == "__erase__"
    return slot


@pytest.mark.parametrize("action", [ActionInterview, ActionFallback])
@pytest.mark.parametrize("text, intent", [
    ("my lips are swelling and I can't breathe", "describe_symptoms"),  # not an answer to "delete?"
    ("yes ... my lips are swelling", "affirm"),  # a yes that carries an emergency
    ("yes delete it, my lips are swelling", "nlu_fallback"),
])
def test_an_emergency_while_delete_waits_is_announced_and_nothing_is_erased(make_tracker, erase_pending, action, text, intent):
    messages, slot = run(action(), make_tracker(text, intent, erase_pending))
    assert messages[0]["text"].startswith("EMERGENCY")
    assert messages[0]["custom"]["assessment"]["triage"] == "emergency"
    assert slot != ERASE_MARKER and "erase_conversation" not in slot
    assert "severe_allergic_reaction" in slot["raised"]
    assert slot["evidence"]["itching"] == "present" and slot["evidence"]["swelling_face_lips_throat"] == "present"
    assert slot["pending"] != "__erase__", "the alert is not followed by a question about deleting"
    assert messages[-1].get("response") == "utter_not_deleted_after_alert"


def test_a_red_flag_already_raised_and_mentioned_again_still_blocks_the_erase(make_tracker, erase_pending):
    erase_pending["raised"] = ["severe_allergic_reaction"]
    erase_pending["evidence"]["swelling_face_lips_throat"] = "present"
    messages, slot = run(ActionInterview(), make_tracker("yes, my lips are still swelling", "affirm", erase_pending))
    assert messages[0]["text"].startswith("EMERGENCY")
    assert "erase_conversation" not in slot


@pytest.mark.parametrize("text, intent, erased", [
    ("yes", "affirm", True),
    ("no, keep it", "deny", False),
])
def test_delete_my_data_is_confirmed_first(make_tracker, erase_pending, text, intent, erased):
    messages, slot = run(ActionInterview(), make_tracker(text, intent, erase_pending))
    assert (slot == ERASE_MARKER) is erased
    assert messages[0]["response"] == ("utter_deleted" if erased else "utter_not_deleted")
    if not erased:
        assert slot["evidence"]["itching"] == "present" and slot["pending"] is None


@pytest.mark.parametrize("action, intent", [(ActionFallback, "nlu_fallback"), (ActionInterview, "describe_symptoms")])
def test_an_answer_not_understood_twice_moves_on_whatever_the_action(make_tracker, action, intent):
    """The classifier's fallback and a 'description' with nothing in it both count as an answer
    the bot could not read: asked again once, then left unanswered, never a loop."""
    interview = {"evidence": {"itching": "present", "redness": "present"}, "asked": ["duration"], "pending": "duration",
                 "raised": [], "assessed": False}
    messages, slot = run(action(), make_tracker("hmm she says zxqv", intent, interview))
    assert slot["pending"] == "duration" and "How long" in messages[-1]["text"]
    messages, slot = run(action(), make_tracker("plorf zxqv", intent, slot))
    assert slot["pending"] != "duration"
    assert "move on" in messages[0]["text"]
    assert slot["evidence"]["duration_months"] == "unknown"


@pytest.mark.parametrize("text", ["forget everything i said", "please wipe what I told you", "erase all that and start again"])
def test_a_restart_that_asks_to_forget_offers_the_erasure(make_tracker, text):
    """Should the classifier take "forget everything I said" for a restart, the action still
    offers to erase the conversation (confirmed first) rather than start again and keep it."""
    interview = {"evidence": {"itching": "present"}, "asked": ["fever"], "pending": "fever", "raised": [], "assessed": False}
    messages, slot = run(ActionRestartInterview(), make_tracker(text, "start_over", interview))
    assert messages[0]["response"] == "utter_confirm_delete"
    assert slot["pending"] == "__erase__" and slot["evidence"] == {"itching": "present"}


@pytest.mark.parametrize(
    "text", ["All over the back", "all over, mostly lower down", "yes all over", "a new rash all over again",
             "it's oval with a clear edge"]
)
def test_an_answer_heard_as_a_restart_is_an_answer(make_tracker, text):
    """ "All over the back", typed as the answer to "Where on the back?", was classified as
    start_over and restarted the interview: without a word about starting again it is the answer."""
    interview = {"evidence": {"pain_tenderness": "present"}, "asked": ["location"], "pending": "location",
                 "raised": [], "assessed": False}
    messages, slot = run(ActionRestartInterview(), make_tracker(text, "start_over", interview))
    assert messages[0].get("response") != "utter_restarted"
    assert slot["evidence"]["pain_tenderness"] == "present" and "location" in slot["asked"]


@pytest.mark.parametrize("text", ["start over", "forget it, let's start again", "wipe the slate clean", "clear my answers",
                                  "from the top", "I want to check someone else", "let me redo this", "new chat"])
def test_a_plain_restart_restarts(make_tracker, text):
    interview = {"evidence": {"itching": "present"}, "asked": ["fever"], "pending": "fever", "raised": [], "assessed": False}
    messages, slot = run(ActionRestartInterview(), make_tracker(text, "start_over", interview))
    assert messages[0]["response"] == "utter_restarted" and slot["evidence"] == {}


@pytest.mark.parametrize(
    "text, intent, pending, expected",
    [
        ("no, it's yellowish-white", "describe_symptoms", "redness", "absent"),
        ("yes there's a little dark plug right on the top", "describe_symptoms", "central_punctum", "present"),
        ("not really, it moves a bit", "nlu_fallback", "lump_hard_fixed", "absent"),
        ("no, first time it's done this", "goodbye", "recurring_boils", "absent"),
    ],
)
def test_a_reply_that_starts_by_answering_is_the_answer(make_tracker, text, intent, pending, expected):
    """Whatever the classifier made of the rest ("goodbye", a description), "no, ..." and
    "yes ..." answer the question waiting; the interview goes on."""
    interview = {"evidence": {"kind_lump": "present", "location_upper_back": "present"}, "asked": [pending],
                 "pending": pending, "raised": [], "assessed": False}
    action = {"goodbye": ActionChitchat, "nlu_fallback": ActionFallback}.get(intent, ActionInterview)
    messages, slot = run(action(), make_tracker(text, intent, interview))
    assert slot["evidence"][pending] == expected
    assert slot["pending"] != pending and "didn't catch" not in messages[0].get("text", "")


def test_no_fever_does_not_answer_another_question(make_tracker):
    interview = {"evidence": {"itching": "present"}, "asked": ["redness"], "pending": "redness", "raised": [], "assessed": False}
    _, slot = run(ActionInterview(), make_tracker("no fever", "describe_symptoms", interview))
    assert slot["evidence"]["fever"] == "absent"
    assert slot["evidence"].get("redness") != "absent"


def test_a_description_asking_whether_to_worry_is_interviewed(make_tracker):
    """A full description that names a condition and asks only what the assessment answers
    ("is this something to worry about?") starts the interview instead of a leaflet."""
    text = ("He's got a mole on his upper back that was a small brown dot a year ago; now it's blotchy, dark brown "
            "and black, and it bled last night. He won't go to the doctor. Is this something to worry about?")
    messages, slot = run(ActionAnswerQuestion(), make_tracker(text, "ask_info"))
    assert "possible_melanoma" in slot["raised"]
    assert slot["pending"] or slot["assessed"], "the interview started"
    assert not any("Common mole" in (m.get("text") or "") for m in messages)


def test_a_question_that_tells_about_the_persons_spots_is_answered_then_interviewed(make_tracker):
    text = "Is it normal that the moles on my back seem a bit darker since I got pregnant?"
    messages, slot = run(ActionAnswerQuestion(), make_tracker(text, "ask_info"))
    assert "Common mole" in messages[0]["text"]
    assert messages[1].get("response") == "utter_about_yours"
    assert slot["pending"], "the first question about their own moles follows the answer"


def test_every_restart_phrase_the_model_is_trained_on_passes_the_restart_guard():
    """The guard that keeps answers from restarting the interview must let every trained way of
    asking to start again through (data/nlu.yml, intent start_over)."""
    import yaml

    from actions.actions import _RESTART

    data = yaml.safe_load((Path(__file__).resolve().parents[2] / "data" / "nlu.yml").read_text(encoding="utf-8"))
    block = next(b for b in data["nlu"] if b.get("intent") == "start_over")
    phrases = [line[2:].strip() for line in block["examples"].splitlines() if line.startswith("- ")]
    assert phrases and all(_RESTART.search(p) for p in phrases), [p for p in phrases if not _RESTART.search(p)]
