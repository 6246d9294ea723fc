"""Names in scripts without capital letters: Arabic, Persian and Urdu, Hebrew, Hindi, Bengali;
and Chinese, Japanese, Korean, Thai and Georgian where a note in Latin letters sets them
apart with spaces.

The name recognizer reads capitals, which these scripts lack, so "محمد علي"
or "דוד כהן" in a sales note went out whole. Faker's lists of these
languages' names, in their own letters, say which words are names:

- a listed first name followed by a listed name is a person ("דוד כהן");
- in a text written mostly in Latin letters, a listed first name is a
  person, with the word of its script after it ("Email from محمد علي"):
  such a word in an English note is seldom anything else;
- a one-letter prefix for "and", "to", "in" or "the" is not part of the
  name ("ومحمد", "לדוד");
- the words after a record's field that holds a person, in these scripts' own
  words, whatever the lists say ("العميل: محمد العتيبي", "לקוח: יוסי כהן",
  "ลูกค้า: สมชาย ใจดี"; Thai has no lists here, only its fields);
- in a note in Latin letters, a word of these scripts after a title ("Dear Mr. 山本"),
  and two words of Chinese characters one of which is a common surname ("to 慧 孟");
- the same name again, wherever the text repeats it, and in a text with Latin letters
  each word of it ("松本 wants 40 seats; 花子 松本 will sign"), but a family's or a
  son's word ("آل", "بن").

In a text written in these scripts, a first name alone is not taken: many
are words too ("نور", light; "אור", light).
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate

from tollgate.redaction.honorific_names import CHINESE_SURNAMES, KOREAN_SURNAMES
from tollgate.redaction.lexicon import caseless_names
from tollgate.redaction.occurrences import occurrences
from tollgate.redaction.results import OfflineRecognizer

SCORE = 0.7

_WORD = re.compile(
    # (Hebrew's sounds borrowed from Arabic take an apostrophe for the geresh: "ג'בארין")
    # and after the last letter that takes it: "ג'ורג'"
    "[\u0591-\u05c7\u05d0-\u05ea\u05f3\u05f4]+(?:['’][\u05d0-\u05ea][\u0591-\u05c7\u05d0-\u05ea\u05f3\u05f4]*)*"
    "(?:(?<=[\u05d2\u05d6\u05e6\u05e5\u05ea])['’](?![\u05d0-\u05ea]))?"
    "|[\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff\u0750-\u077f]+"
    "|[\u0900-\u097f]+|[\u0980-\u09ff]+"
    # (Chinese's and Japanese's characters, Korean's, Thai and Georgian: a name of these is
    # a word of its own only in a text that sets it apart with spaces, "met 明美 佐藤")
    "|[\u3400-\u4dbf\u4e00-\u9fff\u3005\u3040-\u30ff]+|[\uac00-\ud7a3]+|[\u0e01-\u0e3a\u0e40-\u0e4e]+"
    "|[\u10d0-\u10ff]+"
)
_SCRIPTS = re.compile(
    "[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u09ff\u0e00-\u0e7f"
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\u10d0-\u10ff]"
)
# A record's field that holds a person, and the words after it (to a comma, a line's
# end, or three words): "العميل: محمد العتيبي،", "שם מלא: יוסי כהן", "ग्राहक: राहुल शर्मा".
_FIELDS = (
    "اسم العميل|العميل|الاسم الكامل|الاسم|جهة الاتصال|المسؤول|مشتری|نام کامل|نام|گاہک|"
    "לקוחה|לקוח|שם מלא|שם|איש קשר|"
    "ग्राहक|पूरा नाम|नाम|संपर्क|গ্রাহক|নাম|"
    "ลูกค้า|ชื่อ-นามสกุล|ชื่อ|ผู้ติดต่อ"
)
_SCRIPT_WORD = (
    "(?:[\u0591-\u05c7\u05d0-\u05ea\u05f3\u05f4]+(?:['’][\u05d0-\u05ea][\u0591-\u05c7\u05d0-\u05ea\u05f3\u05f4]*)*"
    "(?:(?<=[\u05d2\u05d6\u05e6\u05e5\u05ea])['’](?![\u05d0-\u05ea]))?|[\u0621-\u065f\u0670-\u06d3\u06fa-\u06ff]+"
    "|[\u0900-\u0963\u0966-\u097f]+|[\u0980-\u09ff]+|[\u0e01-\u0e3a\u0e40-\u0e4e]+)"
)
# (not the label of the next field, when no comma parts them: "สมชาย ใจดี โทร 081...")
_NEXT_FIELD = (
    "جوال|هاتف|الهاتف|البريد|العنوان|موبایل|تلفن|ایمیل|آدرس|"
    'טלפון|נייד|דוא"ל|כתובת|'
    "मोबाइल|फोन|फ़ोन|ईमेल|पता|মোবাইল|ফোন|ইমেইল|ঠিকানা|"
    "โทร|เบอร์|อีเมล|ที่อยู่"
)
_FIELD_NAME = re.compile(
    rf"(?<!\S)(?:{_FIELDS})[ \t]*[:：][ \t]*"
    rf"(?P<name>(?!{_NEXT_FIELD}){_SCRIPT_WORD}(?:[ \t]+(?!{_NEXT_FIELD}){_SCRIPT_WORD}){{0,2}})"
)
# Someone saying who they are: "I am", "my name is" in Arabic, Persian, Urdu, Hebrew,
# Hindi and Bengali, and the listed first name after it with the name's other words.
_INTRODUCING = "أنا|انا|اسمي|إسمي|من|اسم من|میں|میرا نام|אני|שמי|קוראים לי|मैं|मेरा नाम|আমি|আমার নাম"
_COMMA_AFTER = re.compile("[ \t]*[,،]")
_INTRODUCING_WORDS = re.compile(rf"(?<!\S)(?:{_INTRODUCING})(?!\S)")
# (the verbs that end such a sentence are no part of the name)
_SENTENCE_VERBS = "هستم|هست|ہوں|ہے|है|हूँ|हूं|হই"
_INTRODUCED = re.compile(
    rf"(?<!\S)(?:{_INTRODUCING})[ \t]+(?P<name>(?P<first>{_SCRIPT_WORD})"
    rf"(?:[ \t]+(?!(?:{_NEXT_FIELD}|{_SENTENCE_VERBS})(?!\S)){_SCRIPT_WORD}){{0,2}})"
)
_LATIN = re.compile("[A-Za-z]")
# One-letter prefixes written onto a word: Arabic و ف ب ل ك, Hebrew ו ה ב ל מ ש כ.
_PREFIXES = frozenset("وفبلكוהבלמשכ")
_GAP = re.compile(r"[ \t\u00a0]+")
# Past this many names a text is a list of them, each found where it stands.
_MOST_NAMES_AGAIN = 200


class CaselessNameRecognizer(OfflineRecognizer):
    """PERSON for a name in a script without capitals, from its languages' name lists."""

    ENTITY = "PERSON"

    def __init__(self) -> None:
        super().__init__()
        self._names = caseless_names()  # built before the workers fork: shared

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if text.isascii() or not _SCRIPTS.search(text):
            return []
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        embedded = len(_LATIN.findall(text)) > sum(end - start for start, end in words)
        # (in a note whose other script's words outweigh its Latin letters, such as one
        # with an address in Korean, a name still stands apart where Latin words enclose
        # it: "Lead owner: 영숙 손; lives at 전북특별자치도 ...")
        apart = [True] * len(words) if embedded else _set_apart(text, words)
        spans = []
        i = 0
        while i < len(words):
            start, end = words[i]
            first = self._kind(text[start:end])
            if first is None and apart[i] and self._paired_unlisted(text, words, i):
                spans.append((start, words[i + 1][1]))  # "김 동현", "淳 加藤"
                i += 2
                continue
            if first is None or first[1] == "last":
                i += 1
                continue
            start += first[0]  # past a prefix
            j = i + 1
            while (
                j < len(words) and j - i <= 2 and _GAP.fullmatch(text, words[j - 1][1], words[j][0])
            ):
                listed = self._kind(text[words[j][0] : words[j][1]])
                after_particle = text[words[j - 1][0] : words[j - 1][1]] in _NO_ONE_ALONE
                if listed is None and not ((apart[i] and j == i + 1) or after_particle):
                    break  # (but the word after "آل", "بن": "فرزدق آل معيض")
                if listed is not None and listed[0]:
                    break  # "שלום לדוד": a prefix begins the next phrase ("to David")
                j += 1
            if j > i + 1 or apart[i]:
                spans.append((start, words[j - 1][1]))
            i = j
        if embedded:
            spans = _merged(spans, _titled_or_paired(text, words, spans))
        elif any(apart):
            kept = [word for word, alone in zip(words, apart, strict=True) if alone]
            spans = _merged(spans, _titled_or_paired(text, kept, spans))
        if _INTRODUCING_WORDS.search(text):
            spans = _merged(spans, self._introduced(text))
        if ":" in text or "：" in text:
            spans = _with_field_names(text, spans)
        return [
            self.result(s, e, SCORE, "name in its own script")
            for s, e in _again(text, spans, parts=_LATIN.search(text) is not None)
        ]

    def _introduced(self, text: str) -> list[tuple[int, int]]:
        """ "أنا فاطمة الزهراء", "שמי דנה לוי": a listed first name after words that say
        who someone is, with up to two words of its script after it (to a comma, a
        field's label or the verb that ends the sentence: "... हूँ", "... هستم")."""
        spans = []
        for m in _INTRODUCED.finditer(text):
            first = self._kind(m.group("first"))
            if first is None or first[1] == "last" or first[0]:
                continue
            end = m.end("first")
            # the words after it: listed names, or one more word that a comma ends
            # ("فاطمة الزهراء،"); not "أنا سعيد جدا اليوم" (I am very happy today)
            for word in _WORD.finditer(text, end, m.end("name")):
                if self._kind(word.group()) is not None:
                    end = word.end()
                elif _COMMA_AFTER.match(text, word.end()):
                    end = word.end()
                    break
                else:
                    break
            spans.append((m.start("first"), end))
        return spans

    def _paired_unlisted(self, text: str, words: list[tuple[int, int]], i: int) -> bool:
        """Word `i`, which no list holds, and the word after it are a name: a Korean
        surname's one syllable before a listed given name ("김 동현", as Korean orders
        them), or a given name of one or two Chinese characters or kana before a listed
        surname ("淳 加藤"; the lists leave such short given names out, as Chinese writes
        them in any word)."""
        start, end = words[i]
        if i + 1 == len(words) or not _GAP.fullmatch(text, end, words[i + 1][0]):
            return False
        after = self._kind(text[words[i + 1][0] : words[i + 1][1]])
        if end - start == 1 and text[start] in KOREAN_SURNAMES:
            return after == (0, "first")
        return (
            after == (0, "last")
            and words[i + 1][1] - words[i + 1][0] >= 2
            and _SHORT_GIVEN_NAME.fullmatch(text, start, end) is not None
        )

    def _kind(self, word: str) -> tuple[int, str] | None:
        """(letters of prefix, first/last/both) where `word` is a listed name, else None."""
        if kind := self._names.get(word):
            return 0, kind
        if len(word) > 2 and word[0] in _PREFIXES and (kind := self._names.get(word[1:])):
            return 1, kind
        return None


# In a text in Latin letters: a title or a greeting right before a word of these scripts
# ("Dear Mr. 山本", "Ms. სამუშია"), and two words of one to three Chinese characters, one
# a common Chinese surname, a space apart ("to 慧 孟", "芳 张"): names, whatever the lists say.
_TITLE_BEFORE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Miss|Dear|Hi|Hello)\.?,?[ \t]+)\Z")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]{1,3}")
_SHORT_GIVEN_NAME = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff]{1,2}")


def _titled_or_paired(
    text: str, words: list[tuple[int, int]], found: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    spans = []
    f = 0  # both in order of position: one walk over each
    for k, (start, end) in enumerate(words):
        while f < len(found) and found[f][1] <= start:
            f += 1
        if f < len(found) and found[f][0] <= start:
            continue  # (inside a name found already)
        if _TITLE_BEFORE.search(text, max(0, start - 12), start):
            spans.append((start, end))
        elif (
            k + 1 < len(words)
            and not text[start - 1 : start].isdigit()  # a date's "3日", not a name's word
            and _GAP.fullmatch(text, end, words[k + 1][0])
            and _HAN.fullmatch(text, start, end)
            and _HAN.fullmatch(text, *words[k + 1])
            and (text[start] in CHINESE_SURNAMES or text[words[k + 1][0]] in CHINESE_SURNAMES)
        ):
            spans.append((start, words[k + 1][1]))
    return spans


# Where a run of these scripts' words is set apart by Latin words: what comes before and
# after it (past spaces) is no letter of theirs nor their punctuation ("、", "，").
_OTHER_SCRIPT = re.compile(_SCRIPTS.pattern[:-1] + "\u3000-\u303f\uff00-\uffef]")
_MOST_WORDS_APART = 3  # a name's words; more is a phrase of the language
_LATIN_WORD_REACH = 60


def _set_apart(text: str, words: list[tuple[int, int]]) -> list[bool]:
    """For each word, whether its run of words (a space apart) is set apart by Latin words
    on its line: at most three words, led to by Latin words with no letter of these
    scripts between them and it on its line, nor right after it."""
    apart = [False] * len(words)
    first = 0
    while first < len(words):
        last = first
        while last + 1 < len(words) and _GAP.fullmatch(text, words[last][1], words[last + 1][0]):
            last += 1
        start, end = words[first][0], words[last][1]
        # (a bounded look back: a long line of many runs stays linear)
        reach = max(0, start - _LATIN_WORD_REACH)
        before = text[max(reach, text.rfind("\n", reach, start) + 1) : start]
        after = text[end : end + 2].lstrip(" \t")
        if (
            last - first < _MOST_WORDS_APART
            and _LATIN.search(before)
            and not _OTHER_SCRIPT.search(before)
            and not _OTHER_SCRIPT.match(after[:1] or "a")
        ):
            apart[first : last + 1] = [True] * (last - first + 1)
        first = last + 1
    return apart


def _merged(spans: list[tuple[int, int]], more: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` less those that overlap one of `more`, and `more`: by bisection, as a
    text in Latin letters may hold thousands of each."""
    more = sorted(more)
    starts = [start for start, _ in more]
    reach = list(accumulate((end for _, end in more), max))

    def overlapped(start: int, end: int) -> bool:
        before_end = bisect.bisect_left(starts, end)
        return before_end > 0 and reach[before_end - 1] > start

    return sorted([s for s in spans if not overlapped(*s)] + more)


def _with_field_names(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans`, and the name after each field that holds a person, where none overlaps it."""
    fields = [m.span("name") for m in _FIELD_NAME.finditer(text)]
    if not fields:
        return spans
    kept = [s for s in spans if not any(s[0] < end and start < s[1] for start, end in fields)]
    return sorted(kept + fields)


# Words of a name that stand for no one alone: "family of", "son of", "daughter of".
_NO_ONE_ALONE = frozenset(["آل", "بن", "بنت", "ابن", "ال", "أبو", "אבו", "בן", "בת"])


def _again(text: str, spans: list[tuple[int, int]], *, parts: bool) -> list[tuple[int, int]]:
    """The spans, and every other place the text writes one of their names; with
    `parts` (a text with Latin letters in it), each word of a name too ("松本 wants 40 seats;
    花子 松本 will sign")."""
    names = {text[start:end] for start, end in spans}
    if parts:
        names |= {
            word
            for name in list(names)
            for word in name.split()
            # (not one character alone, which Chinese writes in any word: "日")
            if word != name and len(word) > 1 and word not in _NO_ONE_ALONE
        }
    if not names or len(names) > _MOST_NAMES_AGAIN:
        return spans
    found = list(spans)
    k = 0  # spans and matches both run in order of position: one walk over each
    for start, end, _name in occurrences(text, names):
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        if k == len(spans) or end <= spans[k][0]:
            found.append((start, end))
    return sorted(found)
