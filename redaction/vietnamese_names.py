"""Vietnamese names: a family name, then a middle and a given name of one syllable each.

"Phạm Thu Hà", "Đỗ Mười", "Ngô Bảo Châu": the name lists know the commonest family
names but few of the syllables after them, which are words of Vietnamese ("Thu" is
autumn) and often of English too once their tones are dropped. A capitalised
syllable after a Vietnamese family name belongs to the name when it is written
with the language's own letters (its tone marks, "đ", "ơ", "ư"), or when the family
name is not an English word ("Ngo Bao Chau"), so "Do Not Call" and "Le Monde"
stay words.
"""

from __future__ import annotations

import re
import unicodedata

# The family names of most Vietnamese, as written with and without their marks.
_WRITTEN = (
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
    "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trương", "Đinh", "Đào", "Lương", "Lưu", "Trịnh",
    "Quách", "Tạ", "Lâm", "Mai", "Cao", "Tô", "Thái", "Tăng", "Đoàn", "Kiều", "Vương",
)  # fmt: skip


def _plain(word: str) -> str:
    """'Đỗ' -> 'Do', 'Nguyễn' -> 'Nguyen': how a keyboard without the marks writes it."""
    stripped = "".join(
        c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)
    )
    return stripped.replace("Đ", "D").replace("đ", "d")


# Without their marks, these are English or French words too ("Le", "Do", "Ho", "Mai").
_ALSO_WORDS = frozenset(["Le", "Do", "Ho", "Ly", "Mai", "Cao", "To", "Lam", "Dao", "Tang",
                         "Thai", "Luu", "Kieu", "Ta"])  # fmt: skip
FAMILY_NAMES = frozenset(_WRITTEN)
_PLAIN_FAMILY_NAMES = frozenset(_plain(name) for name in _WRITTEN) - _ALSO_WORDS

# Letters that no other language written in Latin letters uses: the tones made with a
# hook or a dot below, and "ă", "đ", "ơ", "ư".
_VIETNAMESE_LETTER = re.compile(
    "[ăđơưĂĐƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĩũ"
    "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸĨŨ]"
)
# One syllable of Vietnamese without its marks: an initial, a vowel or two or three,
# and a final ("Thu", "Muoi", "Chau", "Nghia").
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:[aeiouy]{1,3})(?:ch|ng|nh|[cmnpt])?"
)


# Every word that opens a Vietnamese name whatever follows, capitalised, marked or not.
ALL_FAMILY_NAMES = FAMILY_NAMES | _PLAIN_FAMILY_NAMES


def marked_family_name(word: str) -> bool:
    """'Lê', 'Đỗ', not 'Le' or 'Do': a family name written as only Vietnamese writes it."""
    return word in FAMILY_NAMES and not word.isascii()


def written_in_vietnamese(word: str) -> bool:
    return _VIETNAMESE_LETTER.search(word) is not None


def is_syllable(word: str) -> bool:
    """Whether `word` is one capitalised syllable of Vietnamese, with or without marks."""
    plain = _plain(word)
    return (
        2 <= len(plain) <= 7
        and plain[0].isupper()
        and plain[1:].islower()
        and _SYLLABLE.fullmatch(plain.lower()) is not None
    )
