"""Turn public NER corpora into the JSON Lines files `bench/quality.py` scores.

Neither corpus ships with Tollgate (CoNLL-2003's text belongs to Reuters);
with a copy at hand, this is how the held-out figures in the README were made:

    python bench/labelled_sets.py conll2003 eng.testb > newswire.jsonl
    python bench/labelled_sets.py emailcoref emailcoref/data/LREC/test/*.conll > email.jsonl
    python bench/quality.py newswire.jsonl email.jsonl

conll2003: lines of `token ... tag` (IOB tags; any columns between are
ignored), documents split at `-DOCSTART-`, sentences at blank lines (or, in
copies without them, after a full stop). Tokens are joined with spaces,
punctuation closed up.

emailcoref (Dakle et al., LREC 2020): one thread per file; one document per
message, where the speaker changes or after a "Metadata" line. Person,
organisation and location mentions are kept where they hold a capitalised
word (pronouns and common nouns dropped); a mention that is a whole email
address is an EMAIL_ADDRESS. This reproduces the `../shared/eval` Enron file
from the corpus's train split to within a few mentions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

_TYPES = {"PER": "PERSON", "LOC": "LOCATION", "ORG": "ORGANIZATION"}
_CLOSE_UP = {",", ".", ":", ";", "?", "!", ")", "'s", "n't"}
Span = dict[str, object]


def conll2003(path: Path) -> Iterator[dict[str, object]]:
    documents: list[list[tuple[str, str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if not fields:
            if documents[-1] and documents[-1][-1][0] != "\n":
                documents[-1].append(("\n", "O"))
        elif fields[0] == "-DOCSTART-":
            documents.append([])
        else:
            documents[-1].append((fields[0], fields[-1]))
    for number, tokens in enumerate(d for d in documents if d):
        text, spans = _conll_text(tokens)
        yield {"id": f"{path.name}_{number}", "text": text, "spans": spans}


def _conll_text(tokens: list[tuple[str, str]]) -> tuple[str, list[Span]]:
    text, spans, open_span, before = "", [], None, "\n"
    for token, tag in tokens:
        if token == "\n":
            text, before = text.rstrip(" ") + "\n", "\n"
            continue
        if before != "\n":
            text += "\n" if before == "." else "" if token in _CLOSE_UP or before == "(" else " "
        start = len(text)
        text += token
        kind = tag[2:] if tag != "O" else None
        if open_span and kind == open_span["raw"] and not tag.startswith("B-"):
            open_span["end"] = len(text)
        else:
            if open_span:
                spans.append(open_span)
            open_span = {"start": start, "end": len(text), "raw": kind} if kind else None
        before = token
    if open_span:
        spans.append(open_span)
    return text.strip(), [
        {**span, "label": _TYPES[str(span["raw"])]} for span in spans if span["raw"] in _TYPES
    ]


_MENTION = re.compile(r"(\()?([A-Z])(\d+)\*?(\))?")
_EMAILCOREF_TYPES = {"P": "PERSON", "O": "ORGANIZATION", "L": "LOCATION"}
_NOT_NAMED = {"the", "our", "this", "that", "these", "those", "a", "an", "your", "my", "their"}
_PRONOUNS = {
    "i", "me", "my", "you", "your", "we", "us", "our", "he", "him", "his", "she", "her", "they",
    "them", "their", "it", "its", "myself", "yourself", "ourselves", "mine", "yours", "ours",
}  # fmt: skip


def emailcoref(path: Path) -> Iterator[dict[str, object]]:
    lines: list[list[list[str]]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if lines[-1]:
                lines.append([])
            continue
        lines[-1].append(line.split("\t"))
    messages: list[list[list[list[str]]]] = []
    speaker, after_metadata = None, False
    for sentence in (s for s in lines if s):
        who = sentence[0][1] if len(sentence[0]) > 1 else ""
        if who == "Metadata" and messages:
            messages[-1].append(sentence)
            after_metadata = True
            continue
        if not messages or after_metadata or who != speaker:
            messages.append([])
        messages[-1].append(sentence)
        speaker, after_metadata = who, False
    for number, message in enumerate(messages):
        text, spans = _emailcoref_text(message)
        yield {"id": f"{path.stem}_m{number}", "text": text, "spans": spans}


def _emailcoref_text(sentences: list[list[list[str]]]) -> tuple[str, list[Span]]:
    text, mentions, opened = "", [], {}
    for number, sentence in enumerate(sentences):
        text += "\n" if number else ""
        for position, fields in enumerate(sentence):
            text += " " if position else ""
            start = len(text)
            text += fields[0]
            marks = fields[2] if len(fields) > 2 else "-"
            for part in marks.split("|") if marks != "-" else ():
                found = _MENTION.fullmatch(part.strip())
                if not found:
                    continue
                opens, kind, chain, closes = found.groups()
                if opens:
                    opened.setdefault((kind, chain), []).append(start)
                if closes and opened.get((kind, chain)):
                    mentions.append((opened[(kind, chain)].pop(), len(text), kind))
    spans: list[Span] = []
    for start, end, kind in sorted(mentions):
        surface = text[start:end]
        if kind not in _EMAILCOREF_TYPES:
            continue
        if "@" in surface:
            if " " not in surface:
                spans.append({"start": start, "end": end, "label": "EMAIL_ADDRESS", "raw": kind})
            continue
        named = any(word[:1].isupper() for word in surface.split())
        if named and surface.split()[0].lower() not in _NOT_NAMED | _PRONOUNS:
            spans.append(
                {"start": start, "end": end, "label": _EMAILCOREF_TYPES[kind], "raw": kind}
            )
    return text, spans


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpus", choices=["conll2003", "emailcoref"])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    read = conll2003 if args.corpus == "conll2003" else emailcoref
    for path in args.files:
        try:
            for document in read(path):
                print(json.dumps(document, ensure_ascii=False))
        except (OSError, UnicodeDecodeError) as exc:
            sys.exit(f"cannot read {path}: {exc}")


if __name__ == "__main__":
    main()
