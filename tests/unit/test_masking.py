"""Personal identifiers are masked before a conversation is stored."""
from __future__ import annotations

import pytest

from storage.masking import mask_personal_data


@pytest.mark.parametrize(
    "text, expected",
    [
        ("email me at jane.doe+skin@example.co.uk please", "email me at [email] please"),
        ("call 07700 900123 or +44 (0)20 7946 0958", "call [phone] or [phone]"),
        ("my name is Jane Smith and I have itchy bumps", "my name is [name] and I have itchy bumps"),
        ("Hi, I'm called priya, red spots on my back", "Hi, I'm called [name], red spots on my back"),
    ],
)
def test_identifiers_are_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize(
    "text",
    ["I'm 72 and the temperature is 39.5", "for 3 weeks, 2 or 3 new ones a day", "bumps since 2019", "my 5 year old"],
)
def test_symptoms_ages_and_numbers_are_kept(text):
    assert mask_personal_data(text) == text
