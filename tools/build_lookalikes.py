"""Build the table of look-alike characters that detection folds to ASCII before it reads.

From Unicode's confusables data (the confusable-homoglyphs package, MIT) and
the names of Python's Unicode database: every single character that reads as
an ASCII letter, digit or mark of an address, written to
redaction/data/lookalikes.tsv.gz (committed) as its code point in hex and
that ASCII character. The library's table holds 8 MB in memory for the
1,500 entries detection needs; built here, no Tollgate process loads it.

    python tools/build_lookalikes.py
"""

from __future__ import annotations

import gzip
import string
import unicodedata
from pathlib import Path

from confusable_homoglyphs import confusables

OUT = Path(__file__).resolve().parent.parent / "redaction" / "data" / "lookalikes.tsv.gz"
ASCII_TARGETS = frozenset(string.ascii_letters + string.digits + ".@-_")


def lookalikes() -> dict[str, str]:
    """Each non-ASCII character that reads as one in ASCII_TARGETS, and that one."""
    fold: dict[str, str] = {}
    for char, homoglyphs in confusables.confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        targets = [h["c"] for h in homoglyphs if h["c"] in ASCII_TARGETS]
        if targets:
            fold[char] = targets[0]
    # Small capitals ("ᴍᴀʀɪᴀ"), which the confusables data mostly lacks: the letter they are.
    for code in (*range(0x0250, 0x02B0), *range(0x1D00, 0x1D80), *range(0xA720, 0xA800)):
        name = unicodedata.name(chr(code), "")
        if name.startswith("LATIN LETTER SMALL CAPITAL ") and len(name) == 28:
            fold.setdefault(chr(code), name[-1].lower())
    # Letters in squares and circles that NFKC leaves as they are ("🅹🅰🅽🅴", "🄹", "🅙") and
    # the regional indicators flags are made of, written alone to spell ("🇯🇦🇳🇪").
    for code in range(0x1F130, 0x1F200):
        name = unicodedata.name(chr(code), "")
        if name.endswith(tuple(f" LATIN CAPITAL LETTER {c}" for c in string.ascii_uppercase)) or (
            name.startswith("REGIONAL INDICATOR SYMBOL LETTER ")
        ):
            fold.setdefault(chr(code), name[-1].lower())
    return fold


def table_lines(fold: dict[str, str]) -> list[str]:
    """One line per character, by code point: hex, a tab, the ASCII it reads as."""
    return [f"{ord(char):04X}\t{fold[char]}" for char in sorted(fold)]


def main() -> None:
    lines = table_lines(lookalikes())
    with gzip.GzipFile(OUT, "wb", mtime=0) as handle:  # mtime 0: same input, same bytes
        handle.write(("\n".join(lines) + "\n").encode("ascii"))
    print(f"{OUT.name}: {len(lines)} entries")


if __name__ == "__main__":
    main()
