"""BANK_ACCOUNT: a bank account's numbers after the words that name them.

Outside the IBAN countries an account is written as its own numbers: a US
routing number (whose ABA check digit is verified) and account number, a UK
sort code and account number, an Australian BSB, a Canadian transit and
institution number, a German BLZ, a Mexican CLABE, and an Indian UPI payment
address ("priya.sharma@okicici"). Digits alone are anything,
so each is taken only after its name: "routing 021000021", "sort code
20-00-00", "account number 55779911", "acct #000123456789", "BSB 062-000",
and the same words in German, Spanish, French, Italian and Portuguese. A
bare "account 88213" is a CRM's record as often, and is left alone, unless a
branch's number is named just before or after it ("Account: 12345678, sort code
20-00-00"); after it, a sort code and an account together ("account 40-47-84
12345678") are taken.
"""

from __future__ import annotations

import re

from tollgate.redaction.prefilter import holds_digit, word_starts
from tollgate.redaction.results import OfflineRecognizer

ENTITY = "BANK_ACCOUNT"
SCORE = 0.85

_NUMBER_WORD = r"(?:number|no\.?|nr\.?|num\.?|#)"
_CUE = re.compile(
    r"(?i)(?:"
    rf"(?P<routing>routing(?:[ \t]+{_NUMBER_WORD})?|aba(?:[ \t]+{_NUMBER_WORD})?|rtn)"
    r"|(?P<sort>sort[ \t\-]?code)"
    r"|(?P<bsb>bsb)"
    # Canada's branch ("transit 12345, institution 003"), Germany's bank code, Mexico's CLABE
    rf"|(?P<transit>transit(?:[ \t]+{_NUMBER_WORD})?|institution(?:[ \t]+{_NUMBER_WORD})?|blz)"
    r"|(?P<clabe>clabe)"
    r"|(?P<account>"
    r"(?:(?<=bank )|(?<=checking )|(?<=savings )|(?<=current )|(?<=chequing ))account"
    rf"(?:[ \t]+{_NUMBER_WORD})?"
    rf"|account[ \t]+{_NUMBER_WORD}|acct\.?(?:[ \t]+{_NUMBER_WORD})?|acc\.?[ \t]+{_NUMBER_WORD}"
    r"|a/c(?:[ \t]+no\.?)?|kontonummer|konto(?:[ \t]+nr\.?)?|kto\.?(?:[ \t]+nr\.?)?"
    r"|de[ \t]+(?:cuenta|conta|compte)|di[ \t]+conto|conto[ \t]+corrente)"
    # "account" alone, which counts only just after a routing number or sort code
    r"|(?P<bare>account|acc\.?)"
    r")[ \t]*[:#=]?[ \t]*(?:is[ \t]+)?"
)
# An Indian UPI payment address, a person's name before a bank's handle and no domain:
# "priya.sharma@okicici", "9876543210@ybl" (found by the handle; an email has a dot after).
_UPI_HANDLE = re.compile(
    r"@(?:ok(?:icici|sbi|hdfcbank|axis)|ybl|paytm|upi|ibl|axl|apl|"
    r"icici|sbi|hdfcbank|axisbank|kotak|barodampay|aubank|idfcbank|yapl|fbl|rbl|pnb|boi|cnrb|"
    r"unionbank|indus|federal|kbl|jio|freecharge)(?![\w@\-]|\.\w)"
)
_UPI_NAME = re.compile(r"[\w.\-]{2,64}\Z")


def _upi_addresses(text: str) -> list[tuple[int, int]]:
    """Each UPI address, read back from its bank's handle (few texts hold one)."""
    found = []
    for handle in _UPI_HANDLE.finditer(text):
        at = handle.start()
        name = _UPI_NAME.search(text, max(0, at - 64), at)
        if name and text[name.start() - 1 : name.start()] != "@":
            found.append((name.start(), handle.end()))
    return found


# How near a routing number, sort code or BSB a bare "account" must follow.
_NEAR = 40
_ROUTING = re.compile(r"\d{9}(?![\d\-])")
_SORT_CODE = re.compile(r"\d{2}([ \-]?)\d{2}\1\d{2}(?![\d\-])")
_BSB = re.compile(r"\d{3}[ \-]?\d{3}(?![\d\-])")
_TRANSIT = re.compile(r"\d{3}(?:\d{2})?(?:\d{3})?(?![\d\-])")  # transit 5, institution 3, BLZ 8
_CLABE = re.compile(r"\d{3}[ \-]?\d{3}[ \-]?\d{11}[ \-]?\d(?![\d\-])")
_ACCOUNT = re.compile(r"\d(?:[ \-]?\d){5,16}(?![\d\-])")
# A branch's name soon after a bare account's number makes it a bank's: "Account:
# 12345678, sort code 20-00-00"
_BRANCH_AFTER = re.compile(r"(?i)\b(?:sort[ \t\-]?code|routing|bsb|aba|transit|blz)\b")
_SORT_CODE_AND_ACCOUNT = re.compile(r"\d{2}-\d{2}-\d{2}[ \t]+\d{6,10}(?![\d\-])")
# Each cue begins with one of these (lower-cased): the cue is matched only where one
# begins a word.
_STARTS = (
    "rout", "aba", "rtn", "sort", "bsb", "acc", "a/c", "konto", "de cuenta", "de conta",
    "de compte", "di conto", "conto corrente", "transit", "institution", "blz", "clabe", "kto",
)  # fmt: skip


def _aba_valid(digits: str) -> bool:
    weights = (3, 7, 1) * 3
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


class BankAccountRecognizer(OfflineRecognizer):
    """BANK_ACCOUNT for a routing number, sort code, BSB or account number after its name."""

    ENTITY = ENTITY

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if not holds_digit(text):
            return []  # every number it reads holds one
        results = []
        if "@" in text:
            results += [
                self.result(start, end, SCORE, "UPI payment address")
                for start, end in _upi_addresses(text)
            ]
        branch_end = None  # where the last routing number, sort code or BSB ended
        for at in word_starts(text.lower(), _STARTS):  # not inside a word: "contact"
            cue = _CUE.match(text, at)
            if cue is None:
                continue
            kind = cue.lastgroup
            if kind in ("account", "bare") and (
                both := _SORT_CODE_AND_ACCOUNT.match(text, cue.end())
            ):
                # "account 40-47-84 12345678": a sort code and account, written as only they are
                results.append(
                    self.result(both.start(), both.end(), SCORE, "sort code and account")
                )
                continue
            if kind == "bare" and not (
                (branch_end is not None and cue.start() - branch_end <= _NEAR)
                or _BRANCH_AFTER.search(text, cue.end(), cue.end() + _NEAR + 20)
            ):
                continue  # "Account 88213": a CRM's record
            shape = {
                "routing": _ROUTING,
                "sort": _SORT_CODE,
                "bsb": _BSB,
                "transit": _TRANSIT,
                "clabe": _CLABE,
            }.get(kind, _ACCOUNT)
            number = shape.match(text, cue.end())
            if number is None and kind in ("routing", "sort", "bsb"):
                results += self._named_together(text, cue.end(), shape, kind)
                continue
            if number is None or (kind == "routing" and not _aba_valid(number.group())):
                continue
            if kind in ("routing", "sort", "bsb", "transit"):
                branch_end = number.end()
            results.append(self.result(number.start(), number.end(), SCORE, f"{kind} number"))
        return results

    def _named_together(self, text: str, at: int, shape: re.Pattern[str], kind: str) -> list:  # type: ignore[type-arg]
        """ "routing/account: 026009593 / 4837261950", "sort code & account no. 20-00-00,
        12345678": both numbers after both names."""
        names = _AND_ACCOUNT.match(text, at)
        branch = shape.match(text, names.end()) if names else None
        if branch is None or (kind == "routing" and not _aba_valid(branch.group())):
            return []
        between = _BETWEEN_THE_TWO.match(text, branch.end())
        account = _ACCOUNT.match(text, between.end()) if between else None
        found = [self.result(branch.start(), branch.end(), SCORE, f"{kind} number")]
        if account is not None:
            found.append(self.result(account.start(), account.end(), SCORE, "account number"))
        return found


# The account named with its branch's number: "routing/account:", "sort code & account no."
_AND_ACCOUNT = re.compile(
    r"(?i)[ \t]*(?:/|&|\+|and)[ \t]*(?:account|acct|acc)\.?(?:[ \t]+(?:numbers?|nos?\.?))?"
    r"[ \t]*[:#=]?[ \t]*(?:(?:is|are)[ \t]+)?"
)
_BETWEEN_THE_TWO = re.compile(r"(?i)[ \t]*(?:/|,|&|and|;)[ \t]*")
