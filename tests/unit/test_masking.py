"""Personal identifiers are masked before a conversation is stored; symptoms, dates, ages,
temperatures and durations are not."""
from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.masking import mask_personal_data
from symptomchecker.knowledge import default_knowledge


@pytest.mark.parametrize(
    "text, expected",
    [
        ("email me at jane.doe+skin@example.co.uk please", "email me at [email] please"),
        ("call 07700 900123 or +44 (0)20 7946 0958", "call [phone] or [phone]"),
        ("my name is Jane Smith and I have itchy bumps", "my name is [name] and I have itchy bumps"),
        ("Hi, I'm called priya, red spots on my back", "Hi, I'm called [name], red spots on my back"),
        ("my name is Mark, I have red bumps", "my name is [name], I have red bumps"),
        ("Hi, this is Priya Sharma, itchy spots on my back", "Hi, this is [name], itchy spots on my back"),
        ("this is John again, the spots are back", "this is [name] again, the spots are back"),
        ("you can call me Sam", "you can call me [name]"),
        ("my number is (555) 123-4567", "my number is [phone]"),
        ("ring 555-123-4567", "ring [phone]"),
        ("+33 6 12 34 56 78 or 06 12 34 56 78", "[phone] or [phone]"),
        ("tel:07700900123.", "tel:[phone]."),
    ],
)
def test_identifiers_are_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I'm 72 and the temperature is 39.5",
        "for 3 weeks, 2 or 3 new ones a day",
        "bumps since 2019",
        "my 5 year old",
        # "this is" is followed by a symptom far more often than by a name
        "this is really itchy",
        "This is Itchy and it burns",
        "this is so sore",
        "This is worse at night",
        "my name is not important, this is about my back",
        "call me if it gets worse",
        # dates, times, temperatures and counts are not phone numbers
        "started 12/03/2025",
        "since 2025-03-12",
        "since 2025-03-12 10:30",
        "from 12-03-2025 12 new spots",
        "from 2025-03-12 - 2025-03-20",
        "on 12 03 2025 10 more",
        "temperature 38.5 39.2 40.1",
        "temps 39 40 39 40 38 this week",
    ],
)
def test_symptoms_dates_ages_and_numbers_are_kept(text):
    assert mask_personal_data(text) == text


# --- properties: what a person says about their skin comes out unchanged ----------------------

def _symptom_words():
    kb = default_knowledge()
    phrases = {s for f in kb.findings.values() for s in f.synonyms}
    phrases |= {s for g in kb.groups.values() for o in g.options for s in o.synonyms}
    return sorted(p for p in phrases if "*" not in p)


SYMPTOMS = st.sampled_from(_symptom_words())
INTROS = st.sampled_from(["this is", "This is", "it is", "it's", "they are", "and", "my back is", "I have",
                          "call me if it is", "my name is in the form, this is"])
ADVERBS = st.sampled_from(["", "really ", "so ", "very ", "quite ", "a bit ", "getting ", "Really "])
DATE_FORMATS = st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d %m %Y", "%d %B %Y",
                                "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M", "%m/%d/%y"])
DATES = st.builds(lambda d, f: d.strftime(f), st.datetimes(datetime.datetime(1950, 1, 1), datetime.datetime(2030, 12, 31)),
                  DATE_FORMATS)
NUMBERS = st.one_of(
    st.builds("I'm {}".format, st.integers(0, 110)),
    st.builds("for {} {}".format, st.integers(1, 60), st.sampled_from(["days", "weeks", "months", "years"])),
    st.builds("{:.1f} degrees".format, st.floats(35, 42)),
    st.builds("temperature {:.1f} {:.1f} {:.1f}".format, st.floats(35, 42), st.floats(35, 42), st.floats(35, 42)),
    st.builds("{}F".format, st.integers(95, 106)),
    st.builds("about {} of them".format, st.integers(1, 500)),
    st.builds("since {}".format, DATES),
    st.builds("from {} to {}".format, DATES, DATES),
    st.builds("{} - {}".format, DATES, DATES),
)
CLAUSES = st.one_of(st.builds(lambda i, a, s: f"{i} {a}{s}", INTROS, ADVERBS, SYMPTOMS),
                    st.builds(lambda i, a, s: f"{i} {a}{s.capitalize()}", INTROS, ADVERBS, SYMPTOMS),
                    NUMBERS)


@settings(max_examples=200, deadline=None)
@given(clauses=st.lists(CLAUSES, min_size=1, max_size=5), joiner=st.sampled_from([", ", " and ", ". ", " "]))
def test_a_symptom_sentence_comes_out_unchanged(clauses, joiner):
    text = joiner.join(clauses)
    assert mask_personal_data(text) == text


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from(["", "+44 ", "+1 ", "0", "(0) ", "+33 "]),
    groups=st.lists(st.text("0123456789", min_size=3, max_size=4), min_size=3, max_size=4),
    separator=st.sampled_from([" ", "-", "", " - "]),
)
def test_a_phone_number_is_masked(prefix, groups, separator):
    number = prefix + separator.join(groups)
    assert mask_personal_data(f"my number is {number}, call after 6") == "my number is [phone], call after 6"


@settings(max_examples=200, deadline=None)
@given(first=st.sampled_from(["Jane", "Priya", "Mohammed", "Mark", "Rose", "Wei", "Olu"]),
       last=st.sampled_from(["", " Smith", " Okafor", " Nguyen"]),
       intro=st.sampled_from(["my name is", "My name's", "I'm called", "I am called"]))
def test_a_self_introduced_name_is_masked(first, last, intro):
    assert mask_personal_data(f"{intro} {first}{last}, itchy bumps on my back") == f"{intro} [name], itchy bumps on my back"
