"""How well the fairness guard tells decisions about people by protected traits from the rest.

Reads bench/fairness/positives.txt (trait, tab, sentence) and negatives.txt (hard
negatives among them: "the account's age", "our diversity report", "ship to
Germany"), runs the guard on each sentence alone and prints precision and
recall, recall per trait, and every sentence it got wrong. The guard was tuned
on that development set; the heldout_ files were written afterwards and never
used to tune it, so their scores say how it does on sentences it has not seen.

    python bench/fairness_quality.py [--quiet]
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from tollgate.redaction.fairness import find_fairness

SET = Path(__file__).parent / "fairness"


def labelled(prefix: str = "") -> tuple[list[tuple[str, str]], list[str]]:
    """The set's (trait, sentence) positives and its negatives; `heldout_` for the held-out part."""

    def lines(name: str) -> list[str]:
        text = (SET / f"{prefix}{name}").read_text(encoding="utf-8")
        return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]

    positives = [tuple(line.split("\t", 1)) for line in lines("positives.txt")]
    return positives, lines("negatives.txt")  # type: ignore[return-value]


def score(prefix: str, title: str, quiet: bool) -> None:
    positives, negatives = labelled(prefix)
    caught: Counter[str] = Counter()
    wrong_trait, missed, false_alarms = [], [], []
    for trait, sentence in positives:
        findings = find_fairness([sentence])
        if findings:
            caught[trait] += 1
            if trait not in {f.trait for f in findings}:
                wrong_trait.append((trait, sentence, findings))
        else:
            missed.append((trait, sentence))
    for sentence in negatives:
        if findings := find_fairness([sentence]):
            false_alarms.append((sentence, findings))
    true_positive = sum(caught.values())
    flagged = true_positive + len(false_alarms)
    precision = true_positive / flagged if flagged else 0.0
    recall = true_positive / len(positives)
    print(
        f"\n{title}: {len(positives)} sentences that decide about people by a protected "
        f"trait, {len(negatives)} that do not"
    )
    print(f"precision {precision:.3f}  recall {recall:.3f}")
    per_trait = Counter(trait for trait, _ in positives)
    print(" ".join(f"{t}: {caught[t]}/{n}" for t, n in sorted(per_trait.items())))
    if quiet:
        return
    for trait, sentence in missed:
        print(f"  missed ({trait}): {sentence}")
    for sentence, findings in false_alarms:
        print(f"  false alarm: {sentence}  <- {'; '.join(f.explain() for f in findings)}")
    for trait, sentence, findings in wrong_trait:
        print(f"  other trait ({trait}): {sentence}  <- {findings[0].explain()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quiet", action="store_true", help="only the scores")
    args = parser.parse_args()
    score("", "fairness guard, development set", args.quiet)
    score("heldout_", "fairness guard, held-out set (first run: 1.000 / 0.825)", args.quiet)


if __name__ == "__main__":
    main()
