"""A presidio analyzer that works offline on a fresh install.

`AnalyzerEngine()` with no arguments downloads en_core_web_lg on first use and
raises without internet, so the engine is assembled here from parts that need no
download: a blank spaCy pipeline and an explicit recognizer registry.
"""

from __future__ import annotations

import bisect
import logging
import re

import spacy
from presidio_analyzer import (
    AnalyzerEngine,
    EntityRecognizer,
    RecognizerRegistry,
    RecognizerResult,
)
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    SpacyRecognizer,
    UrlRecognizer,
)
from spacy.attrs import IDX, LEMMA, LOWER
from spacy.language import Language

from tollgate.config.policy import EntityAction, Redaction
from tollgate.redaction.bank_account_recognizer import BankAccountRecognizer
from tollgate.redaction.batch_scan import find_in_texts
from tollgate.redaction.birth_date_recognizer import BirthDateRecognizer
from tollgate.redaction.card_recognizer import PaymentCardRecognizer
from tollgate.redaction.caseless_names import CaselessNameRecognizer
from tollgate.redaction.credential_recognizer import CredentialRecognizer
from tollgate.redaction.domains import OFFLINE_TLD
from tollgate.redaction.encoded_text import encoded_texts
from tollgate.redaction.findings import Finding, ensure_spacy_model
from tollgate.redaction.honorific_names import HonorificNameRecognizer
from tollgate.redaction.name_recognizer import PLACE_OR_NAME, OfflineNameRecognizer
from tollgate.redaction.national_id_recognizer import NationalIdRecognizer
from tollgate.redaction.normalize import normalized_view, original_span
from tollgate.redaction.organization_recognizer import CompanyRecognizer
from tollgate.redaction.personal_url_recognizer import PersonalUrlRecognizer
from tollgate.redaction.phone_recognizer import FastPhoneRecognizer
from tollgate.redaction.place_recognizer import OfflinePlaceRecognizer
from tollgate.redaction.prefilter import (
    NOT_SPACE,
    analyze_around,
    analyze_from,
    holds_digit,
    shifted,
)
from tollgate.redaction.results import recognizer_result
from tollgate.redaction.spelled_email_recognizer import SpelledEmailRecognizer
from tollgate.redaction.spelled_number_recognizer import SpelledNumberRecognizer
from tollgate.redaction.ssn_recognizer import SsnRecognizer
from tollgate.redaction.table_columns import TableColumnRecognizer

LANGUAGE = "en"
VOCAB_LIMIT = 200_000  # words the blank pipeline may remember before it is rebuilt
_LEMMA_COMPONENT = "tollgate_lowercase_lemma"
_MODEL = SpacyRecognizer.__name__  # presidio names a recognizer after its class


@Language.component(_LEMMA_COMPONENT)
def _lowercase_lemma(doc):  # type: ignore[no-untyped-def]
    # presidio raises scores when context words appear near a match, comparing
    # lemmas; a blank pipeline has none, so the lower-cased text stands in.
    doc.from_array([LEMMA], doc.to_array([LOWER]))
    return doc


class OffsetContextEnhancer(LemmaContextAwareEnhancer):
    """presidio's context scoring, finding a match's token by bisection.

    The stock lookup walks every token of the document for every finding, which
    made context scoring half the cost of a 2 KB prompt; its error message also
    quoted the matched text, which is the personal data itself.
    """

    CONFIDENT = 0.8  # context cannot change what such a finding is, only add to its score

    def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):  # type: ignore[no-untyped-def]
        # The stock enhancer deep-copies every result on every call; only the
        # uncertain ones can gain anything from context, so only they go in.
        confident = [r for r in raw_results if r.score >= self.CONFIDENT]
        uncertain = [r for r in raw_results if r.score < self.CONFIDENT]
        if not uncertain:
            return confident
        may_gain = uncertain
        if isinstance(nlp_artifacts, ContextWindows) and not context:
            # Most findings have none of their recognizer's context words
            # anywhere near; for those the words need not be read at all.
            by_id = {r.id: r for r in recognizers}
            may_gain = [r for r in uncertain if self._may_gain(r, by_id, nlp_artifacts)]
        # The stock lookup of context words tests each against a list of every
        # word in the text: a set keeps that from growing with the square of it.
        if not isinstance(nlp_artifacts, ContextWindows) and isinstance(
            nlp_artifacts.keywords, list
        ):
            nlp_artifacts.keywords = frozenset(nlp_artifacts.keywords)
        # It also deep-copies the results it is given before scoring them;
        # these were made for this call alone, so they are scored in place.
        super().enhance_using_context(
            text, _ScoredInPlace(may_gain), nlp_artifacts, recognizers, context
        )
        return confident + uncertain

    def _may_gain(
        self, result: RecognizerResult, by_id: dict[str, EntityRecognizer], windows: ContextWindows
    ) -> bool:
        recognizer = by_id.get(
            result.recognition_metadata.get(RecognizerResult.RECOGNIZER_IDENTIFIER_KEY)
        )
        if recognizer is None or not recognizer.context:
            return False  # presidio passes these over too
        return windows.may_hold(
            result.start, result.end, self.context_prefix_count, recognizer.context
        )

    def _extract_surrounding_words(self, nlp_artifacts, word, start):  # type: ignore[no-untyped-def]
        if isinstance(nlp_artifacts, ContextWindows):
            return nlp_artifacts.words_before(start, start + len(word), self.context_prefix_count)
        return super()._extract_surrounding_words(nlp_artifacts, word, start)

    @staticmethod
    def _find_index_of_match_token(word, start, tokens, tokens_indices):  # type: ignore[no-untyped-def]
        i = max(bisect.bisect_right(tokens_indices, start) - 1, 0)
        if tokens_indices[i] != start and tokens_indices[i] + len(tokens[i]) <= start:
            i += 1
        if i >= len(tokens_indices):
            raise ValueError("a finding lies outside the tokenized text")
        return i

    @staticmethod
    def _find_supportive_word_in_context(  # type: ignore[no-untyped-def]
        context_list, recognizer_context_list, matching_mode="substring"
    ):
        # The stock search lower-cases each pair of (context word, word
        # nearby) in a nested loop; for whole words a set gives the same
        # answer: the first of the recognizer's context words found nearby.
        if matching_mode != "whole_word" or not context_list or not recognizer_context_list:
            return LemmaContextAwareEnhancer._find_supportive_word_in_context(
                context_list, recognizer_context_list, matching_mode
            )
        wanted = [w.lower() for w in recognizer_context_list]
        # A word longer than every context word cannot be one (lower case is
        # never shorter), and lower-casing a long one for each finding near it
        # was quadratic: 128 KB of "1.1.1.1..." is one token, before 32,000 IPs.
        longest = max(map(len, wanted))
        nearby = {word.lower() for word in context_list if len(word) <= longest}
        return next(
            (
                w
                for w, lowered in zip(recognizer_context_list, wanted, strict=True)
                if lowered in nearby
            ),
            "",
        )


class _ScoredInPlace(list):  # type: ignore[type-arg]
    def __deepcopy__(self, memo):  # type: ignore[no-untyped-def]
        return self


class OneContextPassEngine(AnalyzerEngine):
    """presidio's engine, scoring by context in one pass when no recognizer scores its own.

    Before the shared context pass, presidio offers each recognizer its own
    results to rescore, sorting all results once per recognizer; the base
    class's method, which none of Tollgate's recognizers replaces, hands them
    back unchanged.
    """

    def _enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):  # type: ignore[no-untyped-def]
        if any(_rescores_own(r) for r in recognizers):
            return super()._enhance_using_context(
                text, raw_results, nlp_artifacts, recognizers, context
            )
        return self.context_aware_enhancer.enhance_using_context(
            text=text,
            raw_results=raw_results,
            nlp_artifacts=nlp_artifacts,
            recognizers=recognizers,
            context=context,
        )


def _rescores_own(recognizer: EntityRecognizer) -> bool:
    return type(recognizer).enhance_using_context is not EntityRecognizer.enhance_using_context


class OfflineNlpEngine(SpacyNlpEngine):
    """presidio's spaCy engine that never downloads: a blank pipeline, or a model already installed."""

    def __init__(self, model: str | None = None) -> None:
        super().__init__(models=[{"lang_code": LANGUAGE, "model_name": model or "blank"}])
        self.model = model

    def load(self) -> None:
        if self.model is None:
            nlp = spacy.blank(LANGUAGE)
            nlp.add_pipe(_LEMMA_COMPONENT)
            # what `_plain_word` must know of the tokenizer and its stop words
            self._special_cases = frozenset(nlp.tokenizer.rules)
            self._stop_words = frozenset(nlp.Defaults.stop_words)
        else:
            ensure_spacy_model(self.model)
            nlp = spacy.load(self.model)
        self.nlp = {LANGUAGE: nlp}

    def process_text(self, text: str, language: str):  # type: ignore[no-untyped-def]
        if self.model is None:
            # Without a model the tokens serve context scoring only: the few
            # words before an uncertain finding. Most texts need none.
            return ContextWindows(
                text,
                self._tokens,
                lambda whole: self._tokenised(whole, language),
                self._plain_word,
            )
        return self._tokenised(text, language)

    def _plain_word(self, chunk: str) -> bool:
        """Whether spaCy makes `chunk` (cut at whitespace) one token that counts as a context word."""
        return (
            chunk.isascii()
            and chunk.isalpha()
            and chunk not in self._special_cases
            and chunk.lower() not in self._stop_words
            and chunk.lower() != "be"
        )

    def _tokens(self, text: str):  # type: ignore[no-untyped-def]
        doc = self.nlp[LANGUAGE].make_doc(text)
        self._limit_vocabulary()
        return doc

    def _tokenised(self, text: str, language: str):  # type: ignore[no-untyped-def]
        artifacts = super().process_text(text, language)
        self._limit_vocabulary()
        return artifacts

    def _limit_vocabulary(self) -> None:
        # spaCy keeps every word it has ever seen in its vocabulary, so a proxy
        # that runs for weeks would grow without bound; the blank pipeline has
        # nothing learned to lose, so it is simply rebuilt.
        if self.model is None and len(self.nlp[LANGUAGE].vocab) > VOCAB_LIMIT:
            self.load()


class ContextWindows:
    """Context words for presidio's scoring, read from the text just before each finding.

    Context scoring wants the five words before a finding (and the finding's
    own token) that are not stop words or punctuation: with the blank
    pipeline, a word's lemma is its lower case. Tokenising a stretch before
    the finding, cut at whitespace (where spaCy splits first, so no token
    changes), finds the same words as turning the whole text into presidio's
    artifacts, at a fraction of the cost. Where that stretch holds too few
    such words, or no whitespace to cut at, the whole text is tokenised once
    and the words are looked up in it by bisection: reading ever longer
    stretches for each finding took minutes for 40 KB of "::" (each an IPv6
    address, each with nothing but punctuation before it). Anything else
    that asks for the artifacts gets the whole text's.
    """

    # Characters around a finding: about five words besides stop words and punctuation.
    WINDOW = 120

    def __init__(self, text: str, tokens, artifacts, plain_word) -> None:  # type: ignore[no-untyped-def]
        self._text = text
        self._tokens = tokens
        self._artifacts = artifacts
        self._plain_word = plain_word
        self._whole = None
        self._index: _ContextIndex | None = None

    def __bool__(self) -> bool:
        return True

    def words_before(self, start: int, end: int, count: int) -> list[str]:
        text = self._text
        window = self._window(start, end)
        if window is not None:
            begin, stop = window
            words = self._words_back(text[begin:stop], start - begin, count + 1)
            if len(words) > count or not begin:
                return list(set(words))
        if self._index is None:
            self._index = _ContextIndex(self._tokens(text))
        return list(set(self._index.words_back(start, count + 1)))

    def may_hold(self, start: int, end: int, count: int, words: list[str]) -> bool:
        """Whether `words_before(start, end, count)` can hold one of `words`.

        Not when none of them is in the stretch it would read (as part of
        any word, in any case), and that stretch surely holds enough words
        for it to read no further: plain words (letters only, no stop word,
        no special case of the tokenizer), one token each.
        """
        window = self._window(start, end)
        if window is None:
            return True
        begin, stop = window
        stretch = self._text[begin:stop].lower()
        if any(word.lower() in stretch for word in words):
            return True
        if not begin:
            return False  # the stretch is all there is before the finding
        before = self._text[begin:start].split()
        if before and not self._text[start - 1].isspace():
            before.pop()  # the finding's own token may begin with it
        plain = 0
        for chunk in reversed(before):
            plain += self._plain_word(chunk)
            if plain > count:
                return False
        return True

    def _window(self, start: int, end: int) -> tuple[int, int] | None:
        """The stretch read for the context of a finding, cut at whitespace both ways.

        None where there is no whitespace to cut at near enough.
        """
        text = self._text
        stop = _WHITESPACE.search(text, end, end + self.WINDOW)
        stop_at = stop.start() if stop else len(text)
        begin = max(0, start - self.WINDOW)
        cut = _WHITESPACE.search(text, begin, start) if begin else None
        if (stop or stop_at - end <= self.WINDOW) and (cut or not begin):
            return (cut.end() if cut else 0), stop_at
        return None

    def _words_back(self, window: str, start: int, wanted: int) -> list[str]:
        doc = self._tokens(window)
        starts = doc.to_array(IDX).tolist()
        i = OffsetContextEnhancer._find_index_of_match_token("", start, doc, starts)
        words: list[str] = []
        while i >= 0 and len(words) < wanted:  # the finding's own token, then the ones before
            token = doc[i]
            if _context_word(token):
                words.append(token.lower_)
            i -= 1
        return words

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        if self._whole is None:
            self._whole = self._artifacts(self._text)
        return getattr(self._whole, name)


_WHITESPACE = re.compile(r"\s+")


class _ContextIndex:
    """The whole text's tokens, and which of them count as context words, for bisection."""

    def __init__(self, doc) -> None:  # type: ignore[no-untyped-def]
        self._doc = doc
        self._starts = doc.to_array(IDX).tolist()
        self._positions: list[int] = []  # token indices of the context words, in order
        self._words: list[str] = []
        for k, token in enumerate(doc):
            if _context_word(token):
                self._positions.append(k)
                self._words.append(token.lower_)

    def words_back(self, start: int, wanted: int) -> list[str]:
        """The context words of the token at `start` and the ones before it, nearest `wanted`."""
        i = OffsetContextEnhancer._find_index_of_match_token("", start, self._doc, self._starts)
        k = bisect.bisect_right(self._positions, i)
        return self._words[max(0, k - wanted) : k]


def _context_word(token) -> bool:  # type: ignore[no-untyped-def]
    # presidio's rule: no stop word, no punctuation, not "be". It also splits
    # its keywords at colons and then looks the whole word up among them, so a
    # word holding a colon never counts.
    return (
        not (token.is_stop or token.is_punct) and token.lower_ != "be" and ":" not in token.lower_
    )


# Country, check digits, then groups of four split by one kind of separator
# (GB82.WEST.1234.5698.7654.32, GB82 WEST ...): presidio's pattern takes no dots.
_SPLIT_IBAN = re.compile(
    r"(?<![\w.\-])[A-Za-z]{2}[ .\-_]?\d{2}([ .\-_])[A-Za-z0-9]{4}(?:\1[A-Za-z0-9]{4}){1,7}"
    r"(?:\1[A-Za-z0-9]{1,4})?(?![\w\-]|\.\w)"
)


class CaseTolerantIbanRecognizer(IbanRecognizer):
    """presidio's IBAN recognizer, also for IBANs in lower case, split by dots, or with
    their country apart from their check digits.

    It reads only from two letters and two digits on: every IBAN begins so.
    """

    def __init__(self) -> None:
        super().__init__(regex_flags=re.DOTALL | re.MULTILINE | re.IGNORECASE)

    def validate_result(self, pattern_text: str):  # type: ignore[no-untyped-def]
        return super().validate_result(pattern_text.upper())

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        if not holds_digit(text):
            return []  # its check digits
        return analyze_from(
            lambda part: self._analyze_whole(part, entities, nlp_artifacts, regex_flags),
            text,
            _IBAN_START,
            _IBAN_REACH,
        )

    def _analyze_whole(self, text, entities, nlp_artifacts, regex_flags):  # type: ignore[no-untyped-def]
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        for match in _SPLIT_IBAN.finditer(text):
            compact = re.sub(r"[ .\-_]", "", match.group())
            covered = any(r.start <= match.start() and match.end() <= r.end for r in results)
            if not covered and super().validate_result(compact.upper()):
                results.append(
                    recognizer_result(
                        self, "IBAN_CODE", match.start(), match.end(), 1.0, "IBAN checksum"
                    )
                )
        return results


# Where presidio's IBAN pattern and _SPLIT_IBAN can begin (their look-behinds
# are re-checked on the text around), and more than either can span.
# (the country and the check digits apart, "DE 89 3704 ...", only in the split form)
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}(?:\d{2}|[ .\-_]\d{2}[ .\-_][A-Za-z0-9]{4})")
_IBAN_REACH = 64


class _RunScoped:
    """A presidio pattern recognizer that reads only the runs of `RUN` characters holding an `ANCHOR`."""

    ANCHOR: re.Pattern[str]
    RUN: re.Pattern[str]  # any number of the characters a match can hold

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        whole_text = super().analyze  # type: ignore[misc]  (the presidio recognizer's own)
        return analyze_around(
            lambda run: whole_text(run, entities, nlp_artifacts, regex_flags),
            text,
            self.ANCHOR,
            self.RUN,
        )


class OfflineEmailRecognizer(_RunScoped, EmailRecognizer):
    """presidio's email recognizer, validating domains without fetching the suffix list.

    Its pattern is tried at every position of the text, which made it the
    costliest of the pattern recognizers; an address has exactly one @ and no
    whitespace, so only the runs of non-space characters holding an @ are given
    to it.
    """

    ANCHOR = re.compile("@")
    RUN = NOT_SPACE

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        results = self.without_fields(
            text, super().analyze(text, entities, nlp_artifacts, regex_flags)
        )
        if "@[" in text:  # an address at an IP address's literal: "jane@[192.0.2.1]"
            results += [
                recognizer_result(
                    self, "EMAIL_ADDRESS", m.start(), m.end(), 1.0, "address at an IP literal"
                )
                for m in _AT_ADDRESS_LITERAL.finditer(text)
            ]
        return results

    @staticmethod
    def without_fields(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        """The addresses found, less a field's name or a link's path before them."""
        for result in results:
            # "email=lvogt@posteo.de": an address may hold "=", but a field's name before
            # it is the text's, not the address's (and stays readable to the vendor).
            if query := _URL_BEFORE_ADDRESS.match(text, result.start, result.end):
                result.start = query.end()  # "crm.acme.com/contacts?email=jane.doe%40..."
            if field := _FIELD_BEFORE_ADDRESS.match(text, result.start, result.end):
                result.start = field.end()
        return results

    def validate_result(self, pattern_text: str) -> bool:
        # The domain after the @ alone: the pattern takes a link's path before an address
        # into it ("/users/jane.doe@acme.com"), which read as a URL has no domain.
        host = pattern_text.rpartition("@")[2]
        return OFFLINE_TLD(host).fqdn != "" or _on_a_private_network(host)


# The names reserved for documentation and tests, and those networks inside a company
# use for themselves: an address there is someone's all the same ("jane@corp.internal").
_PRIVATE_TOP_LEVELS = frozenset(
    ["example", "test", "invalid", "localhost", "local", "localdomain", "internal", "intranet",
     "lan", "corp", "home", "private"]
)  # fmt: skip


def _on_a_private_network(host: str) -> bool:
    name, dot, top = host.rpartition(".")
    return bool(name and dot) and top.lower() in _PRIVATE_TOP_LEVELS


_AT_ADDRESS_LITERAL = re.compile(
    r"(?<![\w.+\-])[\w.+\-]+@\[(?:IPv6:[0-9A-Fa-f:.]+|\d{1,3}(?:\.\d{1,3}){3})\]"
)
# A link's path and query before the address it carries: the pattern reads "/", "?" and
# "&" as an address's characters, and a link's host then opens "the address".
_URL_BEFORE_ADDRESS = re.compile(r"[^@\s]*[/?&](?=[^/?&@\s]+@)")
# A word and "=" opening what the pattern took for an address: "email=", "user_email=".
_FIELD_BEFORE_ADDRESS = re.compile(r"[A-Za-z_\-]+=(?=[^=@]+@)")


class ZeroPaddedIpRecognizer(IpRecognizer):
    """presidio's IP recognizer, also for addresses whose numbers are padded to three digits.

    "192.168.001.010" is how some devices and logs print an address; Python's
    parser refuses leading zeros (an old reading took them for octal), which
    let such an address out unchecked. Only padding to three digits: "03.93.92.16"
    begins a French phone number.
    """

    def invalidate_result(self, pattern_text: str) -> bool:
        if not super().invalidate_result(pattern_text):
            return False
        padded = _PADDED_NUMBER.findall(pattern_text)
        if not padded or any(len(number) != 3 for number in padded):
            return True
        return bool(super().invalidate_result(_PADDED_NUMBER.sub(_unpadded, pattern_text)))


# a dotted address's number that opens with a zero (not a hex group's, after a colon)
_PADDED_NUMBER = re.compile(r"(?:(?<![\w:.])|(?<=\.))0\d+")


def _unpadded(number: re.Match[str]) -> str:
    return str(int(number.group()))


class RunScopedIpRecognizer(_RunScoped, ZeroPaddedIpRecognizer):
    """presidio's IP recognizer, reading only the runs of address characters that could hold one.

    Every IPv4 address holds four numbers of one to three digits joined by
    dots (so a version, "httpx/0.28.1", or a price is not read); every IPv6
    address two colons with at most four hex digits between them.
    """

    ANCHOR = re.compile(r"\d\.\d{1,3}\.\d{1,3}\.\d|:[0-9A-Fa-f]{0,4}:")
    # \w (what the IP patterns' boundaries test), and what an address holds besides
    RUN = re.compile(r"[\w:.%/]*")

    def __init__(self) -> None:
        super().__init__()
        # A run without a colon can hold only an IPv4 address: the four IPv6 patterns
        # (one of 500 characters) are not tried on it (36 to 15 µs a run). A recognizer
        # of its own, so that nothing is switched on this one while another thread reads it.
        self._ipv4 = ZeroPaddedIpRecognizer(
            patterns=[p for p in self.patterns if p.name == "IPv4"],
            context=self.context,
            supported_language=self.supported_language,
        )

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        whole_text = super(_RunScoped, self).analyze  # presidio's own

        def in_run(run: str) -> list[RecognizerResult]:
            if ":" in run:
                return whole_text(run, entities, nlp_artifacts, regex_flags)
            found = self._ipv4.analyze(run, entities, nlp_artifacts, regex_flags)
            for result in found:  # reported as this recognizer's, for context scoring
                result.recognition_metadata[RecognizerResult.RECOGNIZER_NAME_KEY] = self.name
                result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] = self.id
            return found

        return [
            result
            for result in analyze_around(in_run, text, self.ANCHOR, self.RUN)
            # "Version 10.2.3.4", "build 1.0.0.27": a release's number, no one's address
            if not _VERSION_BEFORE.search(text, max(0, result.start - 12), result.start)
        ]


_VERSION_BEFORE = re.compile(r"\b(?i:version|ver|v|build|release|firmware)\.?[ \t]*:?[ \t]*$")


class RunScopedUrlRecognizer(_RunScoped, UrlRecognizer):
    """presidio's URL recognizer (the costliest of all, for policies that list URL), on runs with a dot.

    Every URL it knows holds a dot before a letter (its domain's), and none
    holds whitespace. Within a run it reads only the stretches around a dot
    followed by a top-level domain it knows: its pattern retries up to 253
    characters before some 500 domains from every position, which took 6 s
    for 10 KB of "www." without a single URL in it.
    """

    # (its patterns ignore case, so the Kelvin sign and the long s count as letters)
    ANCHOR = re.compile("\\.[A-Za-z\u017f\u212a]")
    RUN = NOT_SPACE

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        whole_text = super(_RunScoped, self).analyze  # presidio's own

        def around_domains(run: str) -> list[RecognizerResult]:
            results: list[RecognizerResult] = []
            for start, end in _domain_stretches(run):
                found = whole_text(run[start:end], entities, nlp_artifacts, regex_flags)
                results.extend(shifted(found, start))
            return results

        return analyze_around(around_domains, text, self.ANCHOR, self.RUN)


# The top-level domains presidio's URL pattern knows, as it lists them: "(?:com)|(?:edu)|..."
_TOP_LEVEL_DOMAINS = frozenset(re.findall(r"\(\?:([a-z]+)\)", UrlRecognizer.BASE_URL_REGEX))
_LONGEST_DOMAIN = max(map(len, _TOP_LEVEL_DOMAINS))
# How far before its domain's dot a URL can begin: a quote, "https://",
# "www999." and 253 characters of host.
_URL_BEFORE_DOT = 1 + 8 + 7 + 253
# What can follow a domain in a URL: its path, then a closing quote.
_URL_PATH = re.compile(r"[^\s()<>\"']*")
_QUOTES = ("'", '"')
# Case folded as the pattern's IGNORECASE folds it, one character for one.
_FOLD_AS_RE = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _domain_stretches(run: str) -> list[tuple[int, int]]:
    """(start, end) of the stretches of `run` where a URL could lie, merged and in order.

    A URL holds a dot followed by a known top-level domain: it begins at most
    `_URL_BEFORE_DOT` characters before that dot and ends where the path after
    it does. Outside those stretches no match of presidio's patterns can
    begin, and none crosses into another, so reading each one alone finds
    what reading the run finds.
    """
    folded = run.translate(_FOLD_AS_RE).lower()
    stretches: list[tuple[int, int]] = []
    path_end = -1  # where the path read last stops: every dot before it shares that end
    dot = folded.find(".")
    while dot >= 0:
        after = folded[dot + 1 : dot + 1 + _LONGEST_DOMAIN]
        if any(after[:k] in _TOP_LEVEL_DOMAINS for k in range(2, len(after) + 1)):
            start = max(0, dot - _URL_BEFORE_DOT)
            if dot + 1 > path_end:  # (read from each dot, a run of URLs was quadratic)
                path_end = _URL_PATH.match(run, dot + 1).end()  # type: ignore[union-attr]
            end = path_end + (run[path_end : path_end + 1] in _QUOTES)
            if stretches and start <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], max(end, stretches[-1][1]))
            else:
                stretches.append((start, end))
        dot = folded.find(".", dot + 1)
    return stretches


def quiet_presidio_logs() -> None:
    # presidio logs ~100 DEBUG records per analyze call (under a proxy that
    # enables debug logging this alone halves throughput), and some of its
    # ERROR records quote the text being checked, which is personal data.
    for name in ("presidio-analyzer", "presidio_analyzer"):
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


class FixedRegistry(RecognizerRegistry):
    """presidio's registry, choosing a call's recognizers once per entity list, not per call.

    The base class filters every recognizer by language and entity on each
    call (15 µs, a third of what a text with nothing to find costs), though
    a detector's recognizers and entities do not change once it is built.
    The choice is made again if the list of recognizers changes all the same.
    """

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self._chosen: dict[tuple[object, ...], list[EntityRecognizer]] = {}

    def get_recognizers(  # type: ignore[override]
        self, language, entities=None, all_fields=False, ad_hoc_recognizers=None
    ):  # type: ignore[no-untyped-def]
        if ad_hoc_recognizers:
            return super().get_recognizers(language, entities, all_fields, ad_hoc_recognizers)
        key = (
            id(self.recognizers),
            len(self.recognizers),
            language,
            tuple(entities) if entities is not None else None,
            all_fields,
        )
        chosen = self._chosen.get(key)
        if chosen is None:
            if len(self._chosen) > 8:  # only a changed registry makes new keys
                self._chosen.clear()
            chosen = self._chosen[key] = super().get_recognizers(language, entities, all_fields)
        return list(chosen)


def build_analyzer(settings: Redaction) -> AnalyzerEngine:
    """An analyzer with the recognizers the policy needs, ready to use offline."""
    quiet_presidio_logs()
    registry = FixedRegistry(supported_languages=[LANGUAGE])
    for recognizer in (
        OfflineEmailRecognizer(),
        SpelledEmailRecognizer(),
        SpelledNumberRecognizer(),
        CredentialRecognizer(),
        OfflineNameRecognizer(),
        OfflinePlaceRecognizer(),
        CompanyRecognizer(),
        FastPhoneRecognizer(regions=tuple(settings.phone_regions)),
        PaymentCardRecognizer(),
        SsnRecognizer(),
        NationalIdRecognizer(),
        BankAccountRecognizer(),
        PersonalUrlRecognizer(),
        HonorificNameRecognizer(),
        CaselessNameRecognizer(),
        TableColumnRecognizer(),
        BirthDateRecognizer(),
        CaseTolerantIbanRecognizer(),
        RunScopedIpRecognizer(),
        RunScopedUrlRecognizer(),
    ):
        registry.add_recognizer(recognizer)
    if settings.spacy_model:
        # the model's named-entity recognizer; see `add_model_findings` for how it is merged
        registry.add_recognizer(
            SpacyRecognizer(supported_entities=["PERSON", "LOCATION", "ORGANIZATION"])
        )
    nlp_engine = OfflineNlpEngine(settings.spacy_model)
    nlp_engine.load()
    return OneContextPassEngine(
        registry=registry,
        nlp_engine=nlp_engine,
        supported_languages=[LANGUAGE],
        default_score_threshold=settings.score_threshold,
        # Whole words: presidio's default finds a context word inside any word,
        # so "in" in "Austin" or "ip" in "pipeline" raised a score.
        context_aware_enhancer=OffsetContextEnhancer(context_matching_mode="whole_word"),
    )


class Detector:
    """Finds the policy's entities in text; one per process, reused for every request."""

    def __init__(self, settings: Redaction) -> None:
        self._settings = settings
        self._engine = build_analyzer(settings)
        self.supported_entities = frozenset(self._engine.get_supported_entities(language=LANGUAGE))
        self._entities = [e for e in settings.scanned_entities if e in self.supported_entities]

    @property
    def settings(self) -> Redaction:
        return self._settings

    def find(self, text: str) -> list[Finding]:
        """Non-overlapping findings in `text`, in order of position (offsets into `text`)."""
        return self._find(text, depth=0)

    def _find(self, text: str, depth: int) -> list[Finding]:
        if not text.strip() or not self._entities:
            return []
        view, origin = normalized_view(text)
        results = self._engine.analyze(
            text=view,
            language=LANGUAGE,
            entities=self._entities,
            score_threshold=self._settings.score_threshold,
            allow_list=self._settings.allow_terms or None,
        )
        acted, allowed, model_acted, model_allowed = [], [], [], []
        for r in results:
            start, end = original_span(origin, r.start, r.end) if origin else (r.start, r.end)
            finding = Finding(r.entity_type, start, end, r.score)
            allow = self._settings.action_for(r.entity_type) is EntityAction.ALLOW
            if r.recognition_metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY) == _MODEL:
                (model_allowed if allow else model_acted).append(finding)
            else:
                (allowed if allow else acted).append(finding)
        if model_acted or model_allowed:
            acted = add_model_findings(acted, model_acted)
            allowed = add_model_findings(allowed, model_allowed)
        runs = encoded_texts(view) if depth < MAX_ENCODING_DEPTH else []
        if runs:
            # all of them in one call: each call has a fixed cost that thousands of short
            # runs would pay each
            found = find_in_texts(
                [decoded for _, _, decoded in runs], lambda t: self._find(t, depth + 1)
            )
            for (start, end, _), inside in zip(runs, found, strict=True):
                if not inside:
                    continue
                # the run is one value to the reader: the type the policy treats most strictly
                first = max(inside, key=lambda f: (_STRICTNESS[self._action(f)], f.score))
                start, end = original_span(origin, start, end) if origin else (start, end)
                finding = Finding(first.entity_type, start, end, first.score)
                (allowed if self._action(first) is EntityAction.ALLOW else acted).append(finding)
        return combine(acted, allowed)

    def _action(self, finding: Finding) -> EntityAction:
        return self._settings.action_for(finding.entity_type)


# base64 inside base64 is read this deep; what lies deeper is not looked for.
MAX_ENCODING_DEPTH = 3
_STRICTNESS = {EntityAction.ALLOW: 0, EntityAction.REDACT: 1, EntityAction.BLOCK: 2}


def add_model_findings(own: list[Finding], model: list[Finding]) -> list[Finding]:
    """The offline findings plus the model's, where the model loses none of them.

    A statistical model's label must not undo what the offline rules found
    ("Ken Austin" read as a place, a name with a middle initial as a company):
    installing one may only add. A model finding stands where no offline
    finding is, or where it covers offline findings of its own type whole
    (the model's "Priya Natarajan" over the name list's "Priya"), or where
    the model reads as a place a word the offline rules read as a place
    before a name ("Austin": presidio keeps one finding per span and type, so
    the offline place gave way to the model's).
    """
    kept = resolve_overlaps(own)
    spans = _Spans(kept)
    dropped: set[Finding] = set()
    added = []
    for candidate in resolve_overlaps(model):
        under = spans.overlapping(candidate)
        if all(
            (f.entity_type == candidate.entity_type or _place_before_name(f, candidate))
            and candidate.start <= f.start
            and f.end <= candidate.end
            for f in under
        ):
            dropped.update(under)
            added.append(candidate)
    # Disjoint already: the model's are resolved among themselves and overlap
    # only the offline findings they replace.
    return [f for f in kept if f not in dropped] + added


def _place_before_name(offline: Finding, model: Finding) -> bool:
    return (
        model.entity_type == "LOCATION"
        and offline.entity_type == "PERSON"
        and offline.score == PLACE_OR_NAME
    )


def combine(acted: list[Finding], allowed: list[Finding]) -> list[Finding]:
    """Findings to replace or block, plus allowed ones that overlap none of them.

    A type the policy allows is only counted: it must never win an overlap
    against one to replace (a URL holding an email address keeps it redacted).
    """
    kept = resolve_overlaps(acted)
    taken = _Spans(kept)
    spare = [f for f in resolve_overlaps(allowed) if not taken.overlaps(f)]
    return sorted(kept + spare, key=lambda f: f.start)


def resolve_overlaps(findings: list[Finding]) -> list[Finding]:
    """Keep the strongest of overlapping findings (then the longest), ordered by start.

    A full tie goes to the first by type name, never to whichever recognizer
    happened to run first. (PERSON first, tried too, turned four places of the
    labelled sets into people: "LONDON", "VIC".)

    Findings of one type that overlap are one finding first, which takes the
    better score. Context raised "Rivoli" in "lives at 42 Rue de Rivoli" above
    the whole address, which then lost to it and let "42 Rue de" out.

    What a value of a fixed shape (a phone, a card, an ID...) covers beyond the
    names and places that beat it is redacted with them: the place grows over
    it. "Australia 0412", read as a place and a postcode, kept "345 678" of the
    phone "0412 345 678" out of any finding, and so out of redaction. (Not what
    a name covers beyond a place, "Dynamo" of "Dynamo Kiev": a word list's
    reading that lost.)
    """
    ranked = sorted(
        _absorbed(findings), key=lambda f: (-f.score, -(f.end - f.start), f.start, f.entity_type)
    )
    kept = _Spans()
    for candidate in ranked:
        if not kept.overlaps(candidate):
            kept.add(candidate)
        elif candidate.entity_type not in _READ_FROM_WORDS:
            over = kept.overlapping(candidate)
            if all(f.entity_type in _READ_FROM_WORDS for f in over) and (
                candidate.start < min(f.start for f in over)
                or candidate.end > max(f.end for f in over)
                or len(over) > 1
            ):
                strongest = max(over, key=lambda f: (f.score, -f.start))
                for f in over:
                    kept.remove(f)
                kept.add(
                    Finding(
                        strongest.entity_type,
                        min(candidate.start, *(f.start for f in over)),
                        max(candidate.end, *(f.end for f in over)),
                        strongest.score,
                    )
                )
    return kept.findings()


# Types read from word lists and cues, whose spans are a matter of judgement.
_READ_FROM_WORDS = frozenset(["PERSON", "LOCATION", "ORGANIZATION", "NRP"])


def _absorbed(findings: list[Finding]) -> list[Finding]:
    """Overlapping findings of one type as one: their union, at the best score of them.

    Kept apart, the weaker one lost and let out what only it covered: "San"
    of the place "San Joaquin" beside the area "Joaquin Valleys".
    """
    by_type: dict[str, list[Finding]] = {}
    for f in findings:
        by_type.setdefault(f.entity_type, []).append(f)
    kept = []
    for kind, group in by_type.items():
        group.sort(key=lambda f: (f.start, -f.end))
        current = group[0]
        for f in group[1:]:
            if f.start < current.end:
                if f.end > current.end or f.score > current.score:
                    current = Finding(
                        kind, current.start, max(current.end, f.end), max(current.score, f.score)
                    )
            else:
                kept.append(current)
                current = f
        kept.append(current)
    return kept


class _Spans:
    """Disjoint spans by start, so an overlap check is a bisection, not a walk over all.

    (A 200 KB prompt has a thousand findings: comparing each with every kept
    one cost half a second.)
    """

    def __init__(self, findings: list[Finding] = ()) -> None:  # type: ignore[assignment]
        ordered = sorted(findings, key=lambda f: f.start)
        self._starts = [f.start for f in ordered]
        self._kept = ordered

    def overlaps(self, finding: Finding) -> bool:
        # Only the kept span starting last before `finding` ends can reach into it.
        i = bisect.bisect_left(self._starts, finding.end) - 1
        return i >= 0 and self._kept[i].end > finding.start

    def overlapping(self, finding: Finding) -> list[Finding]:
        """The kept spans that share a character with `finding`."""
        i = bisect.bisect_left(self._starts, finding.end) - 1
        found = []
        while i >= 0 and self._kept[i].end > finding.start:
            found.append(self._kept[i])
            i -= 1
        return found

    def remove(self, finding: Finding) -> None:
        # found by its start (a list's index compared it with every kept span)
        i = bisect.bisect_left(self._starts, finding.start)
        while self._kept[i] is not finding and self._kept[i] != finding:
            i += 1
        del self._starts[i], self._kept[i]

    def add(self, finding: Finding) -> None:
        i = bisect.bisect_left(self._starts, finding.start)
        self._starts.insert(i, finding.start)
        self._kept.insert(i, finding)

    def findings(self) -> list[Finding]:
        return list(self._kept)
