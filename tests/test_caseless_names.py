"""Names in scripts without capitals (Arabic, Hebrew, Devanagari, Thai), from their own lists
and the fields that hold them."""

from __future__ import annotations

import pytest
from conftest import found_of
from hypothesis import given
from hypothesis import strategies as st

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
        # Hebrew's borrowed sounds, written with an apostrophe for the geresh
        ("לקוח: ג'ורג' חביב, טלפון 052-1234567", ["ג'ורג' חביב"]),
        ("ג'בארין wants 40 seats; עבד ג'בארין will sign Friday.", ["ג'בארין", "עבד ג'בארין"]),
        ("ग्राहक: राहुल वर्मा, मोबाइल 98765 43210", ["राहुल वर्मा"]),
        ("ลูกค้า: สมชาย ใจดี โทร 081-234-5678", ["สมชาย ใจดี"]),
        # someone saying who they are: a listed first name, its listed names after it or
        # one more word a comma ends; not the verb ending the sentence
        ("مرحبا، أنا فاطمة الزهراء، رقم هاتفي 0501234567", ["فاطمة الزهراء"]),
        ("שלום, אני דנה לוי, טלפון 052-1234567", ["דנה לוי"]),
        ("नमस्ते, मैं राहुल शर्मा हूँ", ["राहुल शर्मा"]),
        ("سلام، من مریم احمدی هستم", ["مریم احمدی"]),
        # Chinese, Japanese, Korean, Thai and Georgian names set apart in a note in Latin
        # letters, by their lists; a surname alone after the whole name is found again
        (
            "Please send the renewal to 明美 佐藤; met 丽华 冯 and 윤서 김; ask ณภัทร ทรัพย์ธำรงค์",
            ["明美 佐藤", "丽华 冯", "윤서 김", "ณภัทร ทรัพย์ธำรงค์"],
        ),
        ("松本 wants 40 seats; 花子 松本 will sign Friday.", ["松本", "花子 松本"]),
        # ... also where the note's words of that script outweigh its Latin letters (an
        # address in Korean after the name), where Latin words lead to the name; a Korean
        # surname's syllable before a listed given name, as Korean orders them
        ("Lead owner: 영숙 손; lives at 전북특별자치도 고양시 서초대거리 471", ["영숙 손"]),
        ("Lead owner: 김 동현; ship to 광주광역시 송파구 봉은사로 879 (현숙김읍).", ["김 동현"]),
        # ... a given name of one or two characters before a listed surname, which the
        # lists leave out
        (
            "淳 加藤 called from the Osaka office; our champion 翔 山本 wants a demo",
            ["淳 加藤", "翔 山本"],
        ),
        # ... not the words of a Chinese text with a Latin word inside it
        ("我们在 NYC 见了 王伟, 谢谢 谢谢 谢谢 谢谢", []),
        ("Please send the renewal to あすか 坂本 today", ["あすか 坂本"]),
        # ... after a title, and two words of Chinese characters, one a common surname
        (
            "Dear Mr. 山本, thanks. Send it to 慧 孟 and Ms. სამუშია",
            ["山本", "慧 孟", "სამუშია"],
        ),
        # ... not a date's character before a name, nor one character alone again
        ("2026年3月3日 王伟 <wangwei@example.cn> wrote: see 日 and 王", ["王伟"]),
        # ... not the characters of a Chinese text, nor a product's name in Latin text
        ("我们的价格 很好 王经理 明天来", []),
        ("the 中国 market grew; our 产品 sells", []),
        # an Arabic family's word takes the name after it, and stands for no one alone
        ("معيض wants 40 seats; فرزدق آل معيض will sign; آل is no one.", ["معيض", "فرزدق آل معيض"]),
    ],
)
def test_names_in_scripts_without_capitals_are_found(
    detector: Detector, text: str, names: list[str]
) -> None:
    assert found_of(detector, text, "PERSON") == names


@given(
    spans=st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=10),
    more=st.lists(st.tuples(st.integers(0, 40), st.integers(1, 8)), max_size=10),
)
def test_merging_names_by_bisection_keeps_what_a_scan_would(
    spans: list[tuple[int, int]], more: list[tuple[int, int]]
) -> None:
    # A text in Latin letters may hold thousands of such names: one scan of the others for
    # each was quadratic.
    from tollgate.redaction.caseless_names import _merged

    a = sorted((s, s + n) for s, n in spans)
    b = [(s, s + n) for s, n in more]
    kept = [x for x in a if not any(x[0] < e and s < x[1] for s, e in b)]
    assert _merged(a, b) == sorted(kept + b)


def test_a_name_is_set_apart_by_latin_words_shortly_before_it_not_anywhere_on_its_line() -> None:
    # The look back is bounded: reading the whole line before each run of words was
    # quadratic on a long line of them (200 KB of Hebrew names took 12 s).
    from tollgate.redaction.caseless_names import _WORD, _set_apart

    def apart(text: str) -> list[bool]:
        return _set_apart(text, [m.span() for m in _WORD.finditer(text)])

    assert apart("Lead owner: 영숙 손; lives at") == [True, True]
    assert apart("Lead owner: " + "- " * 40 + "영숙 손") == [False, False]
