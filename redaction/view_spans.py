"""Rewriting stretches of a detection view while keeping each character's original span.

The view detection reads is the text with its disguises undone; every character
of it maps back to the characters of the text it stands for, so a finding in
the view replaces what was really written.
"""

from __future__ import annotations

Span = tuple[int, int]
# A stretch of the view [start, end) and what it is written as: each new character
# with the stretch of the view [a, b) it stands for.
Rewrite = tuple[int, int, list[tuple[str, int, int]]]


def rewritten(
    view: str, spans: list[Span] | None, rewrites: list[Rewrite]
) -> tuple[str, list[Span]]:
    """`view` with each stretch of `rewrites` (in order; one overlapping an earlier one is
    left out) written anew, and the original span of each character: composed with
    `spans`, the view's own map (None: the view is the text)."""

    def original(start: int, end: int) -> Span:
        return (spans[start][0], spans[end - 1][1]) if spans is not None else (start, end)

    out: list[str] = []
    mapped: list[Span] = []
    position = 0
    for start, end, characters in rewrites:
        if start < position:
            continue
        out.append(view[position:start])
        mapped.extend(original(i, i + 1) for i in range(position, start))
        for character, a, b in characters:
            out.append(character)
            mapped.append(original(a, b))
        position = end
    out.append(view[position:])
    mapped.extend(original(i, i + 1) for i in range(position, len(view)))
    return "".join(out), mapped
