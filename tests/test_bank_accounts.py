"""Bank accounts written as their own numbers, after the words that name them."""

from __future__ import annotations

import pytest
from conftest import found_of

from tollgate.redaction import Detector


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # a US routing number (its ABA check digit holds) and the account after it
        ("Routing 021000021, account 000123456789 (Chase).", ["021000021", "000123456789"]),
        ("Checking account #000123456789, routing no. 021000021", ["000123456789", "021000021"]),
        # a UK sort code and account number, an Australian BSB
        ("Sort code 20-00-00, account number 55779911.", ["20-00-00", "55779911"]),
        ("BSB 062-000 acc no 12345678", ["062-000", "12345678"]),
        # a bare "account" with a branch's number named just after it
        ("Account: 12345678, sort code 20-00-00", ["12345678", "20-00-00"]),
        # both named together, then both numbers
        ("her routing/account: 026009593 / 4837261950", ["026009593", "4837261950"]),
        ("sort code & account no. 20-00-00, 12345678", ["20-00-00", "12345678"]),
        ("BSB/account 062-000/12345678", ["062-000", "12345678"]),
        # after a bare "account", a sort code and account written together
        ("from his Barclays account 40-47-84 12345678.", ["40-47-84 12345678"]),
        # the same words in the customers' languages
        ("Kontonummer: 1234567890", ["1234567890"]),
        # Canada's transit and institution, Germany's Kto. and BLZ, Mexico's CLABE, a UPI address
        ("transit 12345, institution 003, account 1234567", ["12345", "003", "1234567"]),
        ("Bankverbindung: Kto. 1234567890, BLZ 37040044", ["1234567890", "37040044"]),
        ("CLABE 032180000118359719", ["032180000118359719"]),
        (
            "UPI id: priya.sharma@okicici or 9876543210@ybl",
            ["priya.sharma@okicici", "9876543210@ybl"],
        ),
        ("número de cuenta 0049 1500 0512 3456", ["0049 1500 0512 3456"]),
        # not a routing number whose check digit fails, a CRM's "Account 88213",
        # words that only begin like a cue, or a sort code that sorts nothing
        ("routing 123456789 is wrong", []),
        ("Account 882134 renewed; access code 123456; contact 555123", []),
        ("We sort code reviews by date.", []),
        ("public transit 2024 plan; mail jo@sbi.co.in", []),
    ],
)
def test_bank_account_numbers_are_found_after_their_name(
    detector: Detector, text: str, values: list[str]
) -> None:
    assert found_of(detector, text, "BANK_ACCOUNT") == values


def test_bank_accounts_are_redacted_by_default() -> None:
    from tollgate.config.policy import EntityAction, Redaction

    assert Redaction().action_for("BANK_ACCOUNT") is EntityAction.REDACT
