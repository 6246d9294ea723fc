"""Domain names read offline: the public-suffix list that ships with tldextract."""

from __future__ import annotations

import tldextract

# No network, no writes to ~/.cache: the public-suffix snapshot bundled with tldextract.
OFFLINE_TLD = tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)

# Mailbox providers and documentation domains: "Gmail" in a text names a product,
# and an address there says nothing of whom its owner works for.
MAILBOX_PROVIDERS = frozenset(
    [
        "aol",
        "att",
        "bellsouth",
        "btinternet",
        "comcast",
        "cox",
        "earthlink",
        "example",
        "gmail",
        "gmx",
        "googlemail",
        "hotmail",
        "icloud",
        "live",
        "mac",
        "mail",
        "me",
        "msn",
        "outlook",
        "proton",
        "protonmail",
        "qq",
        "rocketmail",
        "sbcglobal",
        "verizon",
        "web",
        "yahoo",
        "yandex",
    ]
)


def organisation_label(host: str) -> str | None:
    """The name a company's own domain gives it (`mail.contoso.co.uk` -> `contoso`), if any."""
    parts = OFFLINE_TLD(host)
    label = parts.domain.lower()
    if not label or not parts.suffix or label in MAILBOX_PROVIDERS:
        return None
    return label
