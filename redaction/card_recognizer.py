"""Payment card numbers: Luhn-valid digit runs that start like a real card brand.

presidio's credit card pattern predates Mastercard's 2-series, 19-digit Visa
and Maestro's 12-digit cards, so it misses about a quarter of cards in mixed
text. Brands and lengths here follow the issuers' published IIN ranges.
"""

from __future__ import annotations

import re

from tollgate.redaction.prefilter import holds_digit
from tollgate.redaction.results import OfflineRecognizer

# Digits with any separators people type between groups: spaces, dashes of
# every width, slashes, dots, line breaks, underscores, or a mix ("4111 - 1111/1111.1111").
_SEPARATOR = r"[ \t\r\n\-_\u2010-\u2015\u2212/.]{0,3}"
# The first digit is matched before what stands behind it is checked, so that
# `re` can skip in C from one digit to the next instead of trying every position.
_CANDIDATE = re.compile(rf"(\d(?<![\w\-.]\d)(?:{_SEPARATOR}\d){{11,18}})(?![\w\-]|\.\d)")

# (prefix range low, high, allowed lengths)
_BRANDS: tuple[tuple[int, int, range | tuple[int, ...]], ...] = (
    (4, 4, (13, 16, 19)),  # Visa
    (51, 55, (16,)),  # Mastercard
    (2221, 2720, (16,)),  # Mastercard 2-series
    (34, 34, (15,)),  # American Express
    (37, 37, (15,)),
    (6011, 6011, range(16, 20)),  # Discover
    (644, 649, range(16, 20)),
    (65, 65, range(16, 20)),
    (3500, 3599, range(16, 20)),  # JCB (the 35 block; 3528-3589 in use today)
    (2131, 2131, (15,)),
    (1800, 1800, (15,)),
    (300, 305, range(14, 20)),  # Diners Club
    (36, 36, range(14, 20)),
    (38, 39, range(14, 20)),
    (2200, 2204, range(16, 20)),  # Mir
    (62, 62, range(16, 20)),  # UnionPay
    (50, 50, range(12, 20)),  # Maestro
    (604, 604, range(12, 20)),  # Maestro's former UK range, written 0604...
    (56, 69, range(12, 20)),
)
STRONG_SCORE = 0.9  # 14+ digits, a brand's prefix and length, and a valid check digit
SHORT_SCORE = 0.45  # 12-13 digit Maestro-style numbers need a word like "card" nearby
_CONTEXT_WORDS = [
    "card",
    "credit",
    "debit",
    "visa",
    "mastercard",
    "amex",
    "maestro",
    "payment",
    "cc",
    "pan",
]


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def card_brand_matches(digits: str) -> bool:
    for low, high, lengths in _BRANDS:
        width = len(str(low)) + (1 if low == 604 else 0)  # 0604 keeps its leading zero
        if low <= int(digits[:width]) <= high and len(digits) in lengths:
            return True
    return False


# A card's security code after its name ("CVV 123", "CVC: 4821", "card security code is
# 123"): card data as much as the number, and never to be kept (PCI DSS 3.2.2).
_SECURITY_CODE = re.compile(
    r"(?i)(?<![a-z])(?:cvv2?|cvc2?|csc|(?:card\s+)?security\s+code|"
    r"card\s+verification\s+(?:value|code))"
    r"[ \t]*(?:[:#=]|is|no\.?|number)?[ \t]*(?:is[ \t]*)?(\d{3,4})(?![\d\-/.]\d|\d)"
)
_SECURITY_CODE_WORDS = ("cv", "csc", "security code", "card verification")


class PaymentCardRecognizer(OfflineRecognizer):
    """Reports CREDIT_CARD for Luhn-valid numbers with a card brand's prefix and length,
    and for a card's security code after its name."""

    ENTITY = "CREDIT_CARD"
    CONTEXT = _CONTEXT_WORDS

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if not holds_digit(text):
            return []  # every number it reads holds one
        results = []
        for match in _CANDIDATE.finditer(text):
            digits = re.sub(r"\D", "", match.group(1))
            if not (card_brand_matches(digits) and luhn_valid(digits)):
                continue
            score = STRONG_SCORE if len(digits) >= 14 else SHORT_SCORE
            results.append(self.result(match.start(1), match.end(1), score, "card brand and Luhn"))
        lowered = text.lower()
        if any(word in lowered for word in _SECURITY_CODE_WORDS):
            for match in _SECURITY_CODE.finditer(text):
                results.append(
                    self.result(match.start(1), match.end(1), STRONG_SCORE, "security code")
                )
        return results
