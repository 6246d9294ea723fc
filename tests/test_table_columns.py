"""A pasted table's cells under a header that names a person or a place."""

from __future__ import annotations

import pytest
from conftest import found, found_of

from tollgate.redaction import Detector

CSV = (
    "first_name,last_name,email,phone\n"
    "Jane,Doe,jane@x.com,415-555-0100\n"
    "Quentin,Okafor,q.okafor@y.org,(212) 555-0147\n"
)
MARKDOWN = (
    "| Name | Company | City |\n"
    "|---|---|---|\n"
    "| Ingrid Solvang | Nordlys AS | Tromsø |\n"
    "| Tariq Haddad | Sahara Foods | Springfield |\n"
    "\n"
    "Thanks, and see you Monday.\n"
)


@pytest.mark.parametrize(
    ("text", "entity", "values"),
    [
        # "Doe" alone is a word; under "last_name" it is a surname
        (CSV, "PERSON", ["Jane", "Doe", "Quentin", "Okafor"]),
        (MARKDOWN, "PERSON", ["Ingrid Solvang", "Tariq Haddad"]),
        (MARKDOWN, "LOCATION", ["Tromsø", "Springfield"]),
        # tabs and semicolons; a quoted cell keeps its separator
        ("contact\tcompany\nmaria lopez\tAcme\n", "PERSON", ["maria lopez"]),
        # the parts of a name alone as a short export heads them, in lower case too
        (
            "first,last,city\nolu,adebayo,lagos\nwen,zhao,xi'an\n",
            "PERSON",
            ["olu", "adebayo", "wen", "zhao"],
        ),
        ('name;street;zip\n"Haddad; Tariq";Main St 5;8001\n', "LOCATION", ["Main St 5", "8001"]),
    ],
)
def test_cells_under_a_column_that_names_them_are_found(
    detector: Detector, text: str, entity: str, values: list[str]
) -> None:
    assert found_of(detector, text, entity) == values


@pytest.mark.parametrize(
    "text",
    [
        # prose with commas after a line that begins with a label is no table
        "Name, address and phone are required.\nWe will call, then email.",
        # a table whose header names neither: its cells are left to the other recognizers
        "sku,qty,price\nACME-PRO,12,99.00\nDATA-BRIDGE,3,450.00\n",
        "first order,last order,total\n2024-01-02,2024-06-30,1200\n",  # not the parts alone
    ],
)
def test_lines_that_are_no_table_of_people_or_places_give_nothing(
    detector: Detector, text: str
) -> None:
    assert found(detector, text) == []
