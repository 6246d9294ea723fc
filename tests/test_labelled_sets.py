"""bench/labelled_sets.py: public NER corpora turned into the files `make quality` scores."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).parent.parent / "bench"
sys.path.insert(0, str(BENCH))

from labelled_sets import conll2003, emailcoref  # noqa: E402

_CONLL = """-DOCSTART- -X- -X- O

SOCCER NN I-NP O
- : O O
JAPAN NNP I-NP I-LOC
WIN NN I-NP O
. . O O

Takuya NNP I-NP I-PER
Takagi NNP I-NP I-PER
Hassan NNP I-NP B-PER
Abbas NNP I-NP I-PER
scored VBD I-VP O
for IN I-PP O
FIFA NNP I-NP I-ORG
( ( O O
Syria NNP I-NP I-LOC
) ) O O
. . O O
-DOCSTART- -X- -X- O
Bitar NNP I-NP I-PER
's POS B-NP O
goal NN I-NP O
"""


Read = tuple[str, str, list[tuple[str, str]]]  # a document's id, text and (label, words) spans


def _read(reader, path: Path, content: str) -> list[Read]:  # type: ignore[no-untyped-def]
    """What `reader` makes of a file holding `content`, each span as the words it covers."""
    path.write_text(content, encoding="utf-8")
    documents = []
    for document in reader(path):
        text = document["text"]
        spans = [(s["label"], text[s["start"] : s["end"]]) for s in document["spans"]]
        documents.append((document["id"], text, spans))
    return documents


def test_conll2003_documents_become_text_with_their_names_places_and_companies(
    tmp_path: Path,
) -> None:
    assert _read(conll2003, tmp_path / "eng.testb", _CONLL) == [
        (
            "eng.testb_0",
            "SOCCER - JAPAN WIN.\nTakuya Takagi Hassan Abbas scored for FIFA (Syria).",
            # B- starts a new name right after another of the same type
            [
                ("LOCATION", "JAPAN"),
                ("PERSON", "Takuya Takagi"),
                ("PERSON", "Hassan Abbas"),
                ("ORGANIZATION", "FIFA"),
                ("LOCATION", "Syria"),
            ],
        ),
        ("eng.testb_1", "Bitar's goal", [("PERSON", "Bitar")]),
    ]


_THREAD = """#begin document (allen_p_1)
From\tHeather\t-\t-
:\tHeather\t-\t-
heather.dunton@enron.com\tHeather\t(P0*)\t(0)

Please\tHeather\t-\t-
send\tHeather\t-\t-
your\tHeather\t(D0 | (P1)\t(3|(1)
file\tHeather\tD0)\t3)
to\tHeather\t-\t-
Enron\tHeather\t(O0\t(2
Legal\tHeather\tO0)\t2)
in\tHeather\t-\t-
Houston\tHeather\t(L0)\t(4)

Thanks\tHeather\t-\t-
Heather\tHeather\t(P0)\t(0)

Original\tMetadata\t-\t-
Message\tMetadata\t-\t-

From\tPhillip\t-\t-
:\tPhillip\t-\t-
Allen\tPhillip\t(P1\t(1
,\tPhillip\t-\t-
Phillip\tPhillip\tP1)\t1)

I\tPhillip\t(P1)\t(1)
will\tPhillip\t-\t-
#end document
"""


def test_an_emailcoref_thread_becomes_one_document_per_message_with_named_mentions(
    tmp_path: Path,
) -> None:
    assert _read(emailcoref, tmp_path / "allen_p_1.conll", _THREAD) == [
        (
            "allen_p_1_m0",
            "From : heather.dunton@enron.com\nPlease send your file to Enron Legal in Houston\n"
            "Thanks Heather\nOriginal Message",
            # pronouns ("your", "I") and common nouns ("file") are not named mentions
            [
                ("EMAIL_ADDRESS", "heather.dunton@enron.com"),
                ("ORGANIZATION", "Enron Legal"),
                ("LOCATION", "Houston"),
                ("PERSON", "Heather"),
            ],
        ),
        ("allen_p_1_m1", "From : Allen , Phillip\nI will", [("PERSON", "Allen , Phillip")]),
    ]


def test_the_command_line_writes_json_lines_and_refuses_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "eng.testa"
    path.write_text(_CONLL, encoding="utf-8")
    script = str(BENCH / "labelled_sets.py")
    done = subprocess.run(
        [sys.executable, script, "conll2003", str(path)], capture_output=True, text=True, check=True
    )
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [
        "eng.testa_0",
        "eng.testa_1",
    ]
    missing = subprocess.run(
        [sys.executable, script, "emailcoref", str(tmp_path / "none.conll")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 1
    assert "cannot read" in missing.stderr
    assert "Traceback" not in missing.stderr
