"""Korean given names in Latin letters: "Seo-yeon", "Ji-hoon", "Min-jun".

A Korean given name is two syllables, and English-language text most often
writes it with a hyphen, the second syllable in lower case. No list holds
them all (they are made of syllables, not drawn from a set), but the shape is
one English rarely makes: a capitalised syllable of the romanisation, a
hyphen and another. Where both halves are English words ("Hip-hop",
"Ping-pong", "Ho-hum") it is a word.
"""

from __future__ import annotations

import re

# A syllable as the Revised Romanisation writes it, and the spellings names keep from
# older ones ("hoon", "hee", "soo", "young", "woo").
_INITIAL = r"(?:kk|tt|pp|ss|jj|ch|[gkndrlmbpsjht])?"
_VOWEL = r"(?:yae|yeo|wae|you|woo|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|ou|a|e|o|u|i)"
_FINAL = r"(?:ng|[kntlmp])?"
_SYLLABLE = _INITIAL + _VOWEL + _FINAL
_GIVEN_NAME = re.compile(rf"({_SYLLABLE})-({_SYLLABLE})")


def hyphenated_given_name(word: str, common_words: frozenset[str]) -> bool:
    """Whether `word` is written as a Korean given name: "Seo-yeon", not "Hip-hop"."""
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    m = _GIVEN_NAME.fullmatch(word.lower())
    return m is not None and not (m.group(1) in common_words and m.group(2) in common_words)
