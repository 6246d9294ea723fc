"""Names in scripts without capitals (Arabic, Hebrew, Devanagari, Thai), from their own lists
and the fields that hold them."""

from __future__ import annotations

import pytest
from conftest import found_of

from tollgate.redaction import Detector


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # in a note written in Latin letters: the listed first name and the word after it
        ("Email from محمد علي about the renewal.", ["محمد علي"]),
        ("Met with דוד כהן from the Tel Aviv office.", ["דוד כהן"]),
        ("Call राहुल शर्मा tomorrow about pricing.", ["राहुल शर्मा"]),
        # in the script's own text: a first name with a listed name after it, again where
        # repeated, without the prefix written onto it ("و", and; "ל", to)
        ("قال محمد علي إن العقد جاهز. ومحمد علي سيتصل غدا.", ["محمد علي", "محمد علي"]),
        ("שלום לדוד כהן, הנה ההצעה.", ["דוד כהן"]),
        # but not a first name alone that is a word too ("نور", light)
        ("نور الشمس جميلة اليوم.", []),
        # after a record's field that holds a person, whatever the lists say, to a comma
        # or the next field's label
        ("العميل: محمد العتيبي، جوال 0551234567", ["محمد العتيبي"]),
        ("לקוח: יוסי כהן, טלפון 052-1234567", ["יוסי כהן"]),
        ("ग्राहक: राहुल वर्मा, मोबाइल 98765 43210", ["राहुल वर्मा"]),
        ("ลูกค้า: สมชาย ใจดี โทร 081-234-5678", ["สมชาย ใจดี"]),
        # someone saying who they are: a listed first name, its listed names after it or
        # one more word a comma ends; not the verb ending the sentence
        ("مرحبا، أنا فاطمة الزهراء، رقم هاتفي 0501234567", ["فاطمة الزهراء"]),
        ("שלום, אני דנה לוי, טלפון 052-1234567", ["דנה לוי"]),
        ("नमस्ते, मैं राहुल शर्मा हूँ", ["राहुल शर्मा"]),
        ("سلام، من مریم احمدی هستم", ["مریم احمدی"]),
    ],
)
def test_names_in_scripts_without_capitals_are_found(
    detector: Detector, text: str, names: list[str]
) -> None:
    assert found_of(detector, text, "PERSON") == names
