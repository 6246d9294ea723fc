"""Chinese names written in Latin letters: "Wang Fang", "Chen Xiaoming", "Lin Hsiu-Mei".

Both parts are short syllables that the name lists know as English words too
("fang", "ping", "he"), so a pair of them is read as a name only when the
surname is a Chinese one and the given name is built of one or two syllables
of pinyin or of Wade-Giles (Taiwan's spelling). A given name that is an
ordinary English word counts only when it is a listed Chinese given name
("Fang", "Na"), and a surname that is one ("He", "Long", "Song") only before a
given name of two syllables ("He Jiankui") or a listed name ("Song Jiang"), so
"Fan Club" and "He Can" stay words.
"""

from __future__ import annotations

import re
from functools import cache

from tollgate.redaction.lexicon import chinese_names, lexicon

_INITIAL = r"(?:zh|ch|sh|hs|ts|tz|[bpmfdtnlgkhjqxrzcsywy])?"
_FINAL = (
    r"(?:iang|iong|uang|iung|ang|eng|ing|ong|ung|uai|uan|ian|iao|ieh|ueh|uei|"
    r"ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|ih|er|a|o|e|i|u|v|ü)"
)
_SYLLABLE = _INITIAL + _FINAL
# Joined to the one before it, a syllable begins with a consonant ("Xiaoming"): one
# that begins with a vowel takes an apostrophe or hyphen ("Xi'an", "Hsiu-Mei"), so
# "Bai" is one syllable, not "ba" and "i".
_JOINED = _INITIAL.replace(")?", ")") + _FINAL
_ONE = re.compile(_SYLLABLE)
_TWO = re.compile(rf"{_SYLLABLE}(?:[\-']{_SYLLABLE}|{_JOINED})")


def is_surname(word: str) -> bool:
    return word in chinese_names()["surname"]


def given_syllable_after_surname(word: str) -> bool:
    """A syllable of a given name written after its surname: "Wai" of "Ng Wai Man"."""
    names = chinese_names()
    return word in names["given"] or word in names["given after surname"]


@cache
def _ordinary(word: str) -> bool:
    return word.lower() in lexicon().common_words


def given_name_after(surname: str, word: str, *, surname_first: bool = True) -> bool:
    """Whether `word`, right after the Chinese surname `surname` (or before it, as the
    West writes it: not `surname_first`), is its given name."""
    names = chinese_names()
    if word in names["given"] or (surname_first and word in names["given after surname"]):
        return True
    lowered = word.lower()
    two = _TWO.fullmatch(lowered) is not None
    if not (two or _ONE.fullmatch(lowered)) or _ordinary(word):
        return False
    # after a surname that is a word too: two syllables, or a name the lists know ("Song Jiang")
    words = lexicon()
    return two or not _ordinary(surname) or word in words.first_names or word in words.last_names
