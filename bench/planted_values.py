"""How many planted personal values leak: Faker's, in sales sentences, for eighteen locales.

Each sentence is a sales template (a renewal note, a call log, a CRM card, a shipping
request, a greeting) filled with one locale's first and last name, email, phone number
and postal address, as Faker writes them. A value leaks when any of its words with a
letter or digit is not inside a finding of the default policy. The run is seeded, so
two runs of one release read the same sentences; the leaks are listed by type, then
each one, so a rule's change shows as lines gained or lost.

    python bench/planted_values.py [--seed 7] [--sentences 600] [--locales more] [--quiet]
"""

from __future__ import annotations

import argparse
import random
from collections import Counter

from faker import Faker

from tollgate.config.policy import Redaction
from tollgate.redaction import Detector

LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "pl_PL",
           "tr_TR", "en_IN", "sv_SE", "da_DK", "fi_FI", "cs_CZ", "en_AU", "es_MX", "ro_RO")  # fmt: skip
TEMPLATES = (
    "Please send the renewal to {name} at {email}.",
    "{name} called from {phone} about the invoice.",
    "Ship the hardware to {name}, {address}.",
    "Our champion {name} ({email}) wants a demo next week.",
    "Notes: met {first} at the expo; she asked us to call {phone}.",
    "Can you draft a reply to {name}? Their number is {phone}.",
    "Customer: {name}\nEmail: {email}\nPhone: {phone}\nAddress: {address}",
    "{first} from {company} said the budget is approved.",
    "Follow up with {name} re: pricing, cc {email}",
    "Hi {first},\nthanks for the call today.\nBest,\nSam",
    "The contract is signed by {name} on behalf of {company}.",
    "Escalation: {name} is unhappy; reach them on {phone} or at {address}.",
    "{last} wants 40 seats; {first} {last} will sign Friday.",
    "Lead owner: {name}; lives at {address}",
    "Dear {prefix} {last}, thank you for your order.",
)
# Thirty more of Faker's locales, with names, addresses and phones in their own scripts:
# `--locales more` (each in turn, as sentences in English around them).
MORE_LOCALES = ("pt_PT", "de_AT", "de_CH", "fr_CA", "en_CA", "en_NZ", "en_IE", "no_NO",
                "hu_HU", "sk_SK", "el_GR", "id_ID", "fr_CH", "nl_BE", "es_AR", "es_CO",
                "es_CL", "uk_UA", "ru_RU", "bg_BG", "hr_HR", "sl_SI", "lt_LT", "et_EE",
                "ja_JP", "zh_CN", "ko_KR", "he_IL", "ar_SA", "hi_IN", "th_TH", "fa_IR",
                "ka_GE", "vi_VN")  # fmt: skip
KINDS = ("name", "first", "last", "email", "phone", "address")


def planted(
    seed: int, count: int, locales: tuple[str, ...] = LOCALES
) -> list[tuple[str, str, dict[str, str]]]:
    """(locale, sentence, values) for `count` sentences, the same for the same seed."""
    rng = random.Random(seed)
    fakers = {locale: Faker(locale) for locale in locales}
    for faker in fakers.values():
        faker.seed_instance(seed)
    sentences = []
    for _ in range(count):
        locale = rng.choice(locales)
        fake = fakers[locale]
        first, last = fake.first_name(), fake.last_name()
        values = {
            "name": f"{first} {last}",
            "first": first,
            "last": last,
            "email": fake.email(),
            "phone": fake.phone_number(),
            "address": fake.address().replace("\n", ", "),
            "company": fake.company(),
            "prefix": rng.choice(["Mr.", "Ms.", "Dr."]),
        }
        template = rng.choice(TEMPLATES)
        used = {k: values[k] for k in KINDS if "{" + k + "}" in template}
        sentences.append((locale, template.format(**values), used))
    return sentences


def leaked_words(text: str, value: str, covered: list[bool]) -> list[str]:
    """The words of `value`'s first occurrence in `text` that no finding covers."""
    at = text.find(value)
    if at < 0:
        return []
    leaked, position = [], at
    for word in value.replace(",", " ").split():
        start = text.find(word, position)
        if start < 0:
            continue
        position = start + len(word)
        if any(c.isalnum() for c in word) and not all(covered[start:position]):
            leaked.append(word)
    return leaked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sentences", type=int, default=600)
    parser.add_argument("--quiet", action="store_true", help="the totals only")
    parser.add_argument(
        "--locales", choices=("usual", "more"), default="usual",
        help="the eighteen usual locales, or thirty-four more (other scripts among them)",
    )  # fmt: skip
    args = parser.parse_args()
    locales = MORE_LOCALES if args.locales == "more" else LOCALES
    detector = Detector(Redaction())
    planted_by_kind: Counter[str] = Counter()
    leaked_by_kind: Counter[str] = Counter()
    lines = []
    for locale, text, values in planted(args.seed, args.sentences, locales):
        covered = [False] * len(text)
        for finding in detector.find(text):
            covered[finding.start : finding.end] = [True] * (finding.end - finding.start)
        for kind, value in values.items():
            planted_by_kind[kind] += 1
            if words := leaked_words(text, value, covered):
                leaked_by_kind[kind] += 1
                lines.append(f"  [{locale}] {kind} {value!r}: {' '.join(words)}")
    total, leaks = sum(planted_by_kind.values()), sum(leaked_by_kind.values())
    print(
        f"planted values, {args.sentences} sentences, {len(locales)} locales, seed {args.seed}: "
        f"{leaks} of {total} leaked ({leaks / total:.1%})"
    )
    print("  " + ", ".join(f"{k} {leaked_by_kind[k]}/{planted_by_kind[k]}" for k in KINDS))
    if lines and not args.quiet:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
