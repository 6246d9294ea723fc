"""A link that names someone: its handle is a PERSON, the rest of the link stays."""

from __future__ import annotations

import pytest
from conftest import found, found_of, only

from tollgate.config.policy import EntityAction, Redaction
from tollgate.redaction import Detector


@pytest.fixture(scope="module")
def detector() -> Detector:
    return Detector(Redaction())


@pytest.mark.parametrize(
    ("text", "handles"),
    [
        ("See https://www.linkedin.com/in/priya-raman-4b2a1/ first.", ["priya-raman-4b2a1"]),
        ("his profile linkedin.com/in/johnsmith", ["johnsmith"]),
        ("Book via https://calendly.com/maria-kowalski/30min", ["maria-kowalski"]),
        ("DM https://twitter.com/janedoe or https://x.com/@jdoe", ["janedoe", "jdoe"]),
        ("https://acme.com/team/jane-doe and https://example.org/~jsmith/papers",
         ["jane-doe", "jsmith"]),
        ("https://intranet.acme.com/users/olivia.k/profile", ["olivia.k"]),
        # a CRM's record of someone, and a name in a query
        ("https://crm.example.com/contacts/maria-kowalski/notes", ["maria-kowalski"]),
        ("https://crm.example.com/search?name=Jane+Doe&q=maria%20kowalski",
         ["Jane+Doe", "maria%20kowalski"]),
        # where someone is paid
        ("Pay via paypal.me/janedoe, cash.app/$janedoe42 or venmo.com/u/jane-doe",
         ["janedoe", "janedoe42", "jane-doe"]),
    ],
)  # fmt: skip
def test_the_handle_in_a_profile_link_is_a_person(
    detector: Detector, text: str, handles: list[str]
) -> None:
    assert found_of(detector, text, "PERSON") == handles


@pytest.mark.parametrize(
    "text",
    [
        "Docs at https://docs.python.org/3/library/re.html",
        "Code at https://github.com/mitmproxy/mitmproxy",  # an owner is as often a project
        "https://x.com/home, https://www.youtube.com/watch?v=abc, https://x.com/search?q=ai",
        "https://www.facebook.com/groups/12345 and https://www.linkedin.com/company/acme-corp/",
    ],
)
def test_links_that_name_nobody_are_left(detector: Detector, text: str) -> None:
    assert found(detector, text) == []


def test_a_listed_url_is_replaced_whole_and_an_allowed_one_keeps_only_the_person_hidden() -> None:
    text = "See https://www.linkedin.com/in/priya-raman/ today"
    link = "https://www.linkedin.com/in/priya-raman/"
    redacting = Detector(Redaction(entities=only("PERSON", "URL")))
    assert found(redacting, text) == [("URL", link)]
    allowing = Detector(
        Redaction(entities={"PERSON": EntityAction.REDACT, "URL": EntityAction.ALLOW})
    )
    assert found(allowing, text) == [("PERSON", "priya-raman")]
