"""Email addresses written out to dodge filters (jane dot doe at acme dot com, jane[at]acme.com),
written backwards or in ROT13 ("moc.emca@eod.enaj", "wnar@npzr.pbz"), broken before their @
("jane.doe" and "@acme.com" in two messages) or cut at it ("wojtek@, magda@ and piotr@firma.pl")."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from tollgate.redaction.domains import OFFLINE_TLD
from tollgate.redaction.lexicon import lexicon
from tollgate.redaction.occurrences import occurrences
from tollgate.redaction.results import OfflineRecognizer
from tollgate.redaction.text_cues import folded_like_re, folded_words

# "at" and "dot" in the customers' own languages too: arroba/punto (Spanish),
# arobase/point (French), arroba/ponto (Portuguese), chiocciola/punto (Italian),
# Klammeraffe/Punkt (German), apenstaartje/punt (Dutch).
_AT_WORDS = r"(?:at|arroba|arobase|chiocciola|klammeraffe|apenstaartje)"
_DOT_WORDS = r"(?:dot|punto|point|ponto|punkt|punt)"
# (the @ itself in brackets too: "jane.doe[@]acme[.]com", as threat reports write links)
# (and between dashes or stars: "jane -at- acme -dot- com", "jane*at*acme*dot*com")
_AT = (
    rf"(?:\s*[\[({{<]\s*(?:{_AT_WORDS}|@)\s*[\])}}>]\s*|\s+{_AT_WORDS}\s+|\s+@\s+|"
    rf"\s*-\s*{_AT_WORDS}\s*-\s*|\s*\*\s*{_AT_WORDS}\s*\*\s*)"
)
# a dot as a word, in brackets ("(dot)", "(.)"), spaced (" . ") or as it is
_DOT = (
    rf"(?:\s*[\[({{<]\s*(?:{_DOT_WORDS}|\.)\s*[\])}}>]\s*|\s+{_DOT_WORDS}\s+|[ \t]+\.[ \t]+|\.|"
    rf"\s*-\s*{_DOT_WORDS}\s*-\s*|\s*\*\s*{_DOT_WORDS}\s*\*\s*)"
)
# "mark underscore ruiz", "anne dash marie": a local part's joins, said
_JOIN = r"(?:\s+(?:underscore|dash|hyphen)\s+)"
# A webmail's name is domain enough: "maria.k at gmail"
_WEBMAIL = (
    r"(?:gmail|googlemail|hotmail|outlook|yahoo|icloud|aol|protonmail|proton|gmx|yandex|"
    r"zoho|mail\.ru|web\.de)"
)
_TLD = (
    r"(?:com|org|net|edu|gov|io|co|ai|biz|info|me|us|uk|de|fr|es|it|nl|ca|au|ch|se|no|dk|fi|"
    r"ie|be|at|jp|in|br|mx|pl|pt|cz|sk|ru|ua|tr|gr|hu|ro|bg|hr|si|lt|lv|ee|is|lu|za|ng|ke|gh|"
    r"eg|ma|sg|hk|tw|kr|cn|nz|ar|cl|pe|uy|il|ae|sa|qa|ph|my|id|th|vn|pk|bd|lk|eu|dev|app|"
    r"tech|cloud|online|site|xyz|asia|shop|store|email|mail)"
)
_DOMAIN = rf"(?:[a-z0-9][\w\-]*+(?:{_DOT}[\w\-]++)*{_DOT}{_TLD}|{_WEBMAIL})(?![\w@]|\.\w)"
_SPELLED = re.compile(
    rf"(?<![\w.@])([a-z0-9][\w+\-]*(?:(?:{_DOT}|{_JOIN})[\w+\-]+)*{_AT}{_DOMAIN})",
    re.IGNORECASE,
)
# The whole pattern tried at every word costs 0.4 ms on 2 KB of prose with "at" in
# it; an address is looked for only before a domain that follows an "at".
# Read in the text folded to lower case where that keeps every offset: `re` ignoring
# case is three times slower.
_AT_BEFORE_DOMAIN = re.compile(
    rf"(?:{_AT_WORDS}\b[ \t]*[\])}}>*\-]?|(?<=\s)@(?=\s)|@[ \t]*[\])}}>])\s*{_DOMAIN}"
)
_AT_BEFORE_DOMAIN_ANY_CASE = re.compile(_AT_BEFORE_DOMAIN.pattern, re.IGNORECASE)
# A plain @ before a domain whose dots are disguised: "jane@acme[.]com", "jane@acme dot com"
# (read in the folded text, searched from each @ alone)
_AT_DISGUISED_DOMAIN = re.compile(rf"@({_DOMAIN})")
_DISGUISED_DOT = re.compile(rf"[\[\](){{}}<>\s*]|{_DOT_WORDS}")
_PLAIN_HOST = re.compile(r"[\w\-.]*")
_MAY_DISGUISE = re.compile(rf"\s*(?:[\[({{<*\-]|\.\s)|\s+{_DOT_WORDS}\b")
_LOCAL_BEFORE_AT = re.compile(r"(?<![\w.@])[\w.+\-]{1,64}$")
# How far before its "at" an address spelled out may begin.
_LONGEST_LOCAL = 160
SCORE = 0.8
# Words that often stand before a plain "at" in ordinary prose ("look at", "based at");
# a single such word is not taken as the local part of a spelled-out address.
_PROSE_BEFORE_AT = frozenset(
    [
        "look",
        "looking",
        "looked",
        "meet",
        "meeting",
        "met",
        "arrive",
        "arrived",
        "arriving",
        "stay",
        "staying",
        "stayed",
        "work",
        "works",
        "worked",
        "working",
        "good",
        "great",
        "bad",
        "aim",
        "aimed",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "him",
        "her",
        "me",
        "us",
        "them",
        "it",
        "this",
        "that",
        "here",
        "there",
        "best",
        "least",
        "most",
        "all",
        "not",
        "only",
        "even",
        "right",
        "back",
        "up",
        "down",
        "off",
        "out",
        "in",
        "on",
        "away",
        "home",
        "stop",
        "stopped",
        "start",
        "starts",
        "starting",
        "started",
        "priced",
        "valued",
        "sold",
        "available",
        "located",
        "based",
        "held",
        "hosted",
        "live",
        "lives",
        "living",
        "see",
        "seen",
        "glance",
        "glanced",
        "point",
        "pointed",
        "laugh",
        "laughed",
        "stare",
        "stared",
    ]
)


_PLAIN_AT = re.compile(rf"\s+{_AT_WORDS}\s+", re.IGNORECASE)


def _a_word_no_one_is_called(local: str) -> bool:
    """An ordinary word that is no one's name: before a plain "at" it is prose ("docs at
    developers.hubspot.com"), or a team's mailbox ("support at acme.com"), not a person's."""
    words, key = lexicon(), local.capitalize()
    return (
        local.lower() in words.common_words
        and key not in words.first_names
        and key not in words.last_names
    )


# The local parts mail standards allow and filters overlook: quoted ('"jane doe"@acme.com')
# or with a comment ("jane(work)@acme.com").
_QUOTED_OR_COMMENTED = re.compile(
    r'(?:"[^"\n@]{1,64}"|[A-Za-z0-9._%+\-]{1,64}\([^()\s@]{0,30}\))'
    r"@[A-Za-z0-9](?:[A-Za-z0-9\-]*\.)+[A-Za-z]{2,}(?![\w\-])"
)


# An address written up to its @ only, its domain left to the reader ("wojtek@, magda@
# and piotr@firma.pl"): the local part names someone all the same.
_CUT_AT = re.compile(r"@(?=[ \t\n,;)\]]|\Z)")
_LOCAL_PART = re.compile(r"[A-Za-z][\w.+\-]{1,63}\Z")
CUT_SCORE = 0.6


def _addresses_cut_at_the_at(text: str) -> list[tuple[int, int]]:
    found = []
    for at in _CUT_AT.finditer(text):
        local = _LOCAL_PART.search(text, max(0, at.start() - 64), at.start())
        if (
            local
            and text[local.start() - 1 : local.start()] not in ("@", ".", "/", ":")
            and not _a_word_no_one_is_called(local.group())
        ):
            found.append((local.start(), at.end()))
    return found


def _addresses_broken_before_the_at(text: str) -> list[tuple[int, int]]:
    """An address with a line break or spaces before its @ ("jane.doe" closing one
    message, "@acme.com" opening the next): the local part and the domain, one value."""
    found = []
    at = text.find("@")  # (each @ found in C: a pattern for "@ after a space" tried every
    while at >= 0:  # position, 20 µs a 2 KB text)
        if text[at - 1 : at].isspace():
            end = _ADDRESS_CHARACTERS.match(text, at + 1).end()  # type: ignore[union-attr]
            domain = text[at + 1 : end].rstrip(".-")
            before = text[max(0, at - 70) : at][::-1]
            gap = len(before) - len(before.lstrip())
            local = _ADDRESS_CHARACTERS.match(before, gap).group()[::-1]  # type: ignore[union-attr]
            if (
                gap <= 4
                and "." in domain
                and domain.rpartition(".")[2].lower() in _domain_endings()
                and local[:1].isalnum()
                and not _a_word_no_one_is_called(local)
                and OFFLINE_TLD(domain).fqdn
            ):
                found.append((at - gap - len(local), at + 1 + len(domain)))
        at = text.find("@", at + 1)
    return found


# The characters of an address (on either side of its @), and a whole address.
_ADDRESS_CHARACTERS = re.compile(r"[\w.+\-]*")
_ADDRESS = re.compile(r"[\w+\-]+(?:\.[\w+\-]+)*@[\w\-]+(?:\.[\w\-]+)+")
TURNED_SCORE = 0.8
# above a social handle's ("@acme.com" opening a line), which it contains
BROKEN_SCORE = 0.9


@functools.cache
def _domain_endings() -> frozenset[str]:
    """The last labels of every known public suffix ("com", "uk", "xn--p1ai")."""
    return frozenset(suffix.rpartition(".")[2] for suffix in OFFLINE_TLD.tlds)


def _addresses_turned(text: str) -> list[tuple[int, int]]:
    """An address written backwards or in ROT13 (or both): its domain has no known
    ending as written, and reads as an address with one when turned back."""
    found = []
    for at in re.finditer("@", text):
        end = _ADDRESS_CHARACTERS.match(text, at.end()).end()  # type: ignore[union-attr]
        before = text[max(0, at.start() - 64) : at.start()][::-1]
        start = at.start() - _ADDRESS_CHARACTERS.match(before).end()  # type: ignore[union-attr]
        written = text[start:end].strip(".-")
        if written.rpartition(".")[2].lower() in _domain_endings():
            continue  # written forwards (the usual case: decided without parsing the domain)
        for turned in (written[::-1], written.translate(_ROT13), written[::-1].translate(_ROT13)):
            if _ADDRESS.fullmatch(turned) and OFFLINE_TLD(turned.rpartition("@")[2]).fqdn:
                offset = text.index(written, start)
                found.append((offset, offset + len(written)))
                break
    return found


_ROT13 = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "NOPQRSTUVWXYZABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm",
)


def _spelled_addresses(text: str, lowered: str) -> Iterator[re.Match[str]]:
    """`_SPELLED`'s matches in `text`; `lowered` is `text` folded as `re` folds case."""
    searched_to = 0
    anchors = (
        _AT_BEFORE_DOMAIN.finditer(lowered)
        if len(lowered) == len(text)  # folding made no "ß" two letters
        else _AT_BEFORE_DOMAIN_ANY_CASE.finditer(text)
    )
    for at in anchors:
        if at.group()[0] != "@" and text[at.start() - 1 : at.start()].isalnum():
            continue  # "at" ending a word: "that", "chat"
        window = max(searched_to, at.start() - _LONGEST_LOCAL)
        for match in _SPELLED.finditer(text, window, at.end()):
            if match.end() == at.end():
                yield match
        searched_to = at.end()


def _addresses_with_disguised_dots(text: str) -> Iterator[tuple[int, int]]:
    """'jane@acme[.]com', 'jane@acme(.)com', 'jane@acme dot com': an address the email
    recognizer misses because its domain's dots are not dots."""
    lowered = folded_like_re(text)
    at = lowered.find("@")
    while at >= 0:
        # (most addresses are plain: where the host's letters, digits and dots end, nothing
        # that disguises a dot follows, and the full pattern is not tried)
        host_end = _PLAIN_HOST.match(lowered, at + 1).end()  # type: ignore[union-attr]
        match = (
            _AT_DISGUISED_DOMAIN.match(lowered, at)
            if _MAY_DISGUISE.match(lowered, host_end)
            else None
        )
        at = lowered.find("@", at + 1)
        if match is None:
            continue
        domain = match.group(1)
        if not _DISGUISED_DOT.search(domain):
            continue  # a plain address: the email recognizer's
        local = _LOCAL_BEFORE_AT.search(text, max(0, match.start() - 64), match.start())
        if local is not None:
            yield local.start(), match.end()


# A mailbox's name given after its provider's or the word for it, without its domain:
# "her gmail is priya.k.sharma88", "Yahoo: jdoe_77", "her personal email, mkowal1985"
# (read in the folded text)
_MAILBOX_WORDS = frozenset(["mail", "gmail", "email", "hotmail", "protonmail", "yahoo", "outlook",
                            "icloud"])  # fmt: skip
_MAILBOX_NAMED = re.compile(
    r"(?<![\w.@])(?:(?:g|e-?|hot|proton)?mail|yahoo|outlook|icloud)(?:[ \t]+(?:address|id|handle))?"
    r"(?:[ \t]*[:=,][ \t]*|[ \t]+(?:is|was)[ \t]+)"
    r"([a-z][a-z0-9._\-]{2,40}[a-z0-9])(?![\w@/\-]|\.\w)"
)
# (a login's shape: a dot, underscore or digit inside, letters besides; not "v2.1" or a file)
_LOGIN_SHAPE = re.compile(r"(?=.*[a-z].*[a-z].*[a-z])(?=.*[._\d])")


def _a_mailbox_name(value: str) -> bool:
    if not _LOGIN_SHAPE.match(value):
        return False  # "her email is down", "email: n/a"
    if "." in value and OFFLINE_TLD(value).suffix:
        return False  # a domain or a file: "gmail.com", "notes.md"
    # a team's or a role's mailbox: "support_team", "sales.info"
    return _ROLE_MAILBOX_WORDS.isdisjoint(re.split(r"[._\-\d]+", value))


_ROLE_MAILBOX_WORDS = frozenset(["team", "support", "sales", "info", "admin", "noreply", "no",
                                 "reply", "billing", "help", "office", "contact", "hello"])  # fmt: skip


_FOREIGN_AT = ("arroba", "arobase", "chiocciola", "klammeraffe", "apenstaartje")


class SpelledEmailRecognizer(OfflineRecognizer):
    """EMAIL_ADDRESS for addresses spelled with 'at'/'dot' words or bracketed [at]/(dot)."""

    ENTITY = "EMAIL_ADDRESS"

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if "@" not in text:
            return self._spelled(text) + self._mailboxes(text)
        return (
            [
                self.result(start, end, CUT_SCORE, "address cut at its @")
                for start, end in _addresses_cut_at_the_at(text)
            ]
            + [
                self.result(start, end, TURNED_SCORE, "address written backwards or in ROT13")
                for start, end in _addresses_turned(text)
            ]
            + [
                self.result(start, end, BROKEN_SCORE, "address broken before its @")
                for start, end in _addresses_broken_before_the_at(text)
            ]
            + self._spelled(text)
            + [
                self.result(start, end, SCORE, "address with its domain's dots disguised")
                for start, end in _addresses_with_disguised_dots(text)
            ]
            + [
                self.result(m.start(), m.end(), SCORE, "address with a quoted or commented part")
                for m in (
                    _QUOTED_OR_COMMENTED.finditer(text) if '"@' in text or ")@" in text else ()
                )
            ]
            + self._mailboxes(text)
        )

    def _mailboxes(self, text: str):  # type: ignore[no-untyped-def]
        present = _MAILBOX_WORDS.intersection(folded_words(text))
        if not present:
            return []
        lowered = folded_like_re(text)
        # (from each of the words found, by substring search: the pattern tried at every
        # position of a text cost 10 µs per 2 KB)
        return [
            self.result(m.start(1), m.end(1), SCORE, "a mailbox's name after its provider")
            for start, _end, _word in occurrences(lowered, present, whole_words=True)
            if (m := _MAILBOX_NAMED.match(lowered, start)) and _a_mailbox_name(m.group(1))
        ]

    def _spelled(self, text: str):  # type: ignore[no-untyped-def]
        lowered = folded_like_re(text)
        if (
            " at " not in lowered
            and "at]" not in lowered
            and "at)" not in lowered
            and "at}" not in lowered
            and "at>" not in lowered
            and "at-" not in lowered
            and "at*" not in lowered
            and " @ " not in text
            and "@]" not in text
            and "@)" not in text
            and not any(word in lowered for word in _FOREIGN_AT)
        ):
            return []  # the full pattern is costly and almost never needed
        results = []
        for match in _spelled_addresses(text, lowered):
            value = match.group(1)
            if "@" in value and not any(mark in value for mark in " [](){}<>"):
                continue  # a plain address: the regular email recognizer's job
            local = re.split(_AT, value, maxsplit=1, flags=re.IGNORECASE)[0]
            if local.lower() in _PROSE_BEFORE_AT or (
                _PLAIN_AT.search(value) and _a_word_no_one_is_called(local)
            ):
                continue  # "see docs at developers.hubspot.com"
            results.append(self.result(match.start(1), match.end(1), SCORE, "spelled-out email"))
        return results
