"""The cells of a pasted table under a header that names them: "first_name,last_name", "City".

A CRM export pasted into a prompt puts each value in a cell of its own:
"Jane,Doe,jane@x.com". The address and the phone carry their own shape, but
"Doe" alone is a word, and a city or street alone is anything. The header
says what each column holds, so a cell under "last_name", "Contact" or
"Surname" is a person's name and one under "Address", "City" or "Zip" a
place, whatever its words.

A table here is a header line of cells split by commas, tabs, semicolons or
pipes, and the lines after it with as many cells, up to the first line that
has not. Quoted cells ("Haddad, Tariq") keep their commas.
"""

from __future__ import annotations

import re

from tollgate.redaction.results import OfflineRecognizer, recognizer_result

SCORE = 0.85

_SEPARATORS = (",", "\t", ";", "|")
_NAME = (
    r"(?:(?:first|last|full|given|family|middle|sur|fore|contact|customer|client|lead|person|"
    r"employee|attendee|owner|account[ _\-]?owner|rep|sales[ _\-]?rep|buyer|signer|"
    r"recipient|sender)[ _\-]?)?name|firstname|lastname|surname|forename|contact|lead|owner|"
    r"account[ _\-]?owner|assignee|rep|sales[ _\-]?rep|attendee|prospect|buyer|signer|"
    # the parts of a name alone, as short exports head them: "first,last,email"
    r"first|last|given|family"
)
_PLACE = (
    r"(?:street[ _\-]?|home[ _\-]?|mailing[ _\-]?|billing[ _\-]?|shipping[ _\-]?)?address"
    r"(?:[ _\-]?(?:line)?[ _\-]?[12])?|street|city|town|zip|zip[ _\-]?code|post[ _\-]?code|"
    r"postal[ _\-]?code"
)
_LABEL = re.compile(rf"(?i)\s*[\"']?(?:(?P<person>{_NAME})|(?P<place>{_PLACE}))[\"']?\s*")
# A cell: quoted (commas and doubled quotes inside) or up to the next separator.
_CELLS = {sep: re.compile(rf'"(?:[^"]|"")*"|[^{re.escape(sep)}\n]*') for sep in _SEPARATORS}
_HAS_ALNUM = re.compile(r"[^\W_]")  # not a markdown table's "---"
# A header's cells are labels: short, without a sentence's full stop.
_HEADER_CELL = re.compile(r"[^.!?\n]{0,40}")


class TableColumnRecognizer(OfflineRecognizer):
    """PERSON or LOCATION for the cells under a header that names a person or a place."""

    ENTITY = "PERSON"
    ALSO = ("LOCATION",)

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if "\n" not in text or not any(sep in text for sep in _SEPARATORS):
            return []
        results = []
        start = 0
        while start < len(text):
            end = _line_end(text, start)
            table = _header(text, start, end)
            if table is None:
                start = text.find("\n", end) + 1 or len(text)
                continue
            separator, columns = table
            width = len(_cells(text, start, end, separator))
            while True:  # the rows: every next line with as many cells
                start = text.find("\n", end) + 1 or len(text)
                if start >= len(text):
                    break
                end = _line_end(text, start)
                cells = _cells(text, start, end, separator)
                if len(cells) != width:
                    break  # (that line may be the next table's header)
                for column, entity in columns.items():
                    cell_start, cell_end = _trimmed(text, *cells[column])
                    if entity in entities and _HAS_ALNUM.search(text, cell_start, cell_end):
                        results.append(
                            recognizer_result(
                                self, entity, cell_start, cell_end, SCORE, "under its column"
                            )
                        )
        return results


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return end - 1 if end > start and text[end - 1] == "\r" else end


def _cells(text: str, start: int, end: int, separator: str) -> list[tuple[int, int]]:
    """The [start, end) of each cell of a line, split at `separator` outside quotes."""
    cells, position = [], start
    pattern = _CELLS[separator]
    while True:
        match = pattern.match(text, position, end)
        cells.append(match.span())
        position = match.end()
        if position >= end or text[position] != separator:
            return cells
        position += 1


def _header(text: str, start: int, end: int) -> tuple[str, dict[int, str]] | None:
    """(separator, column -> entity) where the line is a header naming a person or a place."""
    for separator in _SEPARATORS:
        if text.find(separator, start, end) < 0:
            continue
        columns = {}
        position, index = start, 0
        pattern = _CELLS[separator]
        while True:
            cell = pattern.match(text, position, end)
            a, b = cell.span()
            # a label is short: a line of prose is turned down at its first long cell
            if not _HEADER_CELL.fullmatch(text, a, b) or len(text[a:b].split()) > 4:
                columns = {}
                break
            if label := _LABEL.fullmatch(text, a, b):
                columns[index] = "PERSON" if label.group("person") else "LOCATION"
            position, index = b, index + 1
            if position >= end or text[position] != separator:
                break
            position += 1
        if columns and index >= 2:
            return separator, columns
    return None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The cell without the spaces and quotes around it."""
    while start < end and text[start] in " \t\"'":
        start += 1
    while end > start and text[end - 1] in " \t\"'":
        end -= 1
    return start, end
