"""The fairness guard: what it finds, how well (the labelled set), and the rule it drives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tollgate.config import PolicyError, parse_policy
from tollgate.proxy.coaching import coached, justification_of
from tollgate.proxy.request_checks import fairness_refusal
from tollgate.redaction import RedactedRequest
from tollgate.redaction.fairness import find_fairness

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from fairness_quality import labelled  # noqa: E402


@pytest.mark.parametrize(
    ("prompt", "trait"),
    [
        ("Rank these leads by likely ethnicity.", "race"),
        ("skip anyone over 60", "age"),
        ("Only call the ones who sound American.", "nationality"),
        ("Which of these applicants are pregnant? Move them to the bottom.", "pregnancy"),
        ("We have no time for immigrants; skip them.", "nationality"),
        ("Filter out the divorced customers from the premium offer", "marital"),
        ("Rank these leads by likely eth\u200bnicity.", "race"),  # a hidden character
        ("Rank these leads by likely \u0435thnicity.", "race"),  # a Cyrillic look-alike
        ("Use each lead's ethnicity to decide who gets the discount.", "race"),
        ("Get rid of the applicants over 55 from the shortlist.", "age"),
        ("Rank the leads by RELİGİON and drop the rest.", "religion"),  # a dotted capital I
    ],
)
def test_decisions_about_people_by_a_protected_trait_are_found(prompt: str, trait: str) -> None:
    assert trait in {finding.trait for finding in find_fairness([prompt])}


@pytest.mark.parametrize(
    "prompt",
    [
        "Sort the opportunities by the account's age.",
        "Summarise our diversity report for the board.",
        "Ship to Germany by Friday.",
        "Send the white paper to every lead who downloaded the e-book.",
        "Remove the gender field from the signup form.",
        "We must never use race, religion or age in lead scoring; confirm the model does not.",
        "Draft a Ramadan greeting for our Muslim clients.",
        "Skip deals over 60k for this promotion.",
    ],
)
def test_the_same_words_about_something_else_are_left_alone(prompt: str) -> None:
    assert find_fairness([prompt]) == ()


def test_each_finding_names_its_rule_without_quoting_anyone() -> None:
    (finding,) = find_fairness(["Please skip anyone over 60 from the renewal list."])
    assert finding.rule == "fairness.age"
    assert "skip" in finding.explain()


@pytest.mark.parametrize("prefix", ["", "heldout_"], ids=["development", "held-out"])
def test_the_labelled_set_scores_as_the_readme_says(prefix: str) -> None:
    """At least 300 sentences in all; precision at least 0.9 on both parts."""
    positives, negatives = labelled(prefix)
    caught = sum(bool(find_fairness([sentence])) for _, sentence in positives)
    false_alarms = sum(bool(find_fairness([sentence])) for sentence in negatives)
    precision = caught / (caught + false_alarms)
    recall = caught / len(positives)
    assert precision >= 0.9
    assert recall >= (0.95 if prefix == "" else 0.8)
    if prefix == "":
        held_out = labelled("heldout_")
        total = len(positives) + len(negatives) + len(held_out[0]) + len(held_out[1])
        assert total >= 300


def redacted_with(traits: tuple[str, ...]) -> RedactedRequest:
    return RedactedRequest(
        body=b"{}", model=None, counts={}, allowed={}, blocked=(), attachments={},
        originals={}, fairness=traits,
    )  # fmt: skip


def test_the_policy_decides_block_coach_or_log() -> None:
    found = redacted_with(("age", "race"))
    for action, refused in (("block", True), ("coach", True), ("log", False)):
        policy = parse_policy(f"fairness: {{action: {action}}}", "p.yaml")
        refusal = fairness_refusal(policy, found)
        assert (refusal is not None) is refused
    refusal = fairness_refusal(parse_policy("{}", "p.yaml"), found)
    assert refusal is not None and refusal.code == "fairness_protected_trait"
    assert "age" in refusal.message and "race or ethnicity" in refusal.message
    assert "fairness.age" in refusal.message


def test_a_coached_rule_teaches_and_a_justified_resend_goes_on() -> None:
    policy = parse_policy(
        'help_url: "https://intranet.example.com/ai-policy"\n'
        "fairness: {action: coach, allow_override: true}",
        "p.yaml",
    )
    refusal = fairness_refusal(policy, redacted_with(("age",)))
    assert refusal is not None
    lesson = coached(policy, refusal, None)
    assert lesson is not None and lesson.code == refusal.code and lesson.status == 403
    assert "Why:" in lesson.message and "Instead:" in lesson.message
    assert "x-tollgate-justification" in lesson.message
    assert "https://intranet.example.com/ai-policy" in lesson.message
    assert coached(policy, refusal, "our own bias audit") is None


def test_a_rule_without_override_stays_refused_whatever_the_reason() -> None:
    strict = parse_policy("fairness: {action: coach, allow_override: false}", "p.yaml")
    refusal = fairness_refusal(strict, redacted_with(("sex",)))
    assert refusal is not None
    answer = coached(strict, refusal, "because")
    assert answer is not None and "cannot be overridden" in answer.message
    blocked = parse_policy("fairness: {action: block}", "p.yaml")
    plain = fairness_refusal(blocked, redacted_with(("sex",)))
    assert plain is not None and coached(blocked, plain, "because") is plain


def test_an_unapproved_vendor_cannot_be_overridden() -> None:
    with pytest.raises(PolicyError, match="approve it in the vendors section"):
        parse_policy("coach: {vendor: {allow_override: true}}", "p.yaml")
    with pytest.raises(PolicyError, match="coach"):
        parse_policy("coach: {vetting: {}}", "p.yaml")


def test_a_justification_is_one_line_of_bounded_length_or_none() -> None:
    assert justification_of("  ") is None
    assert justification_of("audit\n of   bias") == "audit of bias"
    assert len(justification_of("x" * 5000) or "") == 500


def test_the_quick_word_check_never_hides_a_term_the_patterns_would_find() -> None:
    """The trigger words let most sentences skip the patterns; none the patterns match."""
    from tollgate.redaction import fairness

    positives, negatives = labelled()
    held = labelled("heldout_")
    sentences = [s for _, s in positives + held[0]] + negatives + held[1]
    for sentence in (s.lower() for s in sentences):
        if any(pattern.search(sentence) for _, pattern in fairness._COMPILED):
            assert fairness._may_name_a_trait(sentence), sentence
