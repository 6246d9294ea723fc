"""`tollgate scan`: the findings and redacted text, in the shape SPEC section 8 fixes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from tollgate.proxy.cli import cli


def test_scan_jsonl_prints_one_result_per_input_line_in_order() -> None:
    lines = [
        {"text": "Email jane.doe@client.io or call (415) 867-5309"},
        {"text": "Q3 pipeline is $2.1M"},
        {"text": "Dear Priyanka, your card 4111 1111 1111 1111 was declined"},
    ]
    result = CliRunner().invoke(
        cli, ["scan", "--jsonl"], input="\n".join(json.dumps(x) for x in lines) + "\n"
    )
    assert result.exit_code == 0, result.output
    first, second, third = (json.loads(line) for line in result.stdout.splitlines())
    assert first["redacted"] == "Email <EMAIL_ADDRESS_1> or call <PHONE_NUMBER_1>"
    assert [f["entity_type"] for f in first["findings"]] == ["EMAIL_ADDRESS", "PHONE_NUMBER"]
    assert set(first["findings"][0]) == {"entity_type", "start", "end", "score"}
    assert (
        lines[0]["text"][first["findings"][0]["start"] : first["findings"][0]["end"]]
        == "jane.doe@client.io"
    )
    assert second == {"findings": [], "redacted": "Q3 pipeline is $2.1M"}
    assert third["redacted"] == "Dear <PERSON_1>, your card <CREDIT_CARD_1> was declined"


def test_scan_reads_plain_text_without_jsonl() -> None:
    result = CliRunner().invoke(cli, ["scan"], input="Ping ann@client.io\n")
    assert json.loads(result.stdout)["redacted"] == "Ping <EMAIL_ADDRESS_1>\n"


def test_a_bad_jsonl_line_is_named_without_a_traceback() -> None:
    result = CliRunner().invoke(cli, ["scan", "--jsonl"], input='{"text": "ok"}\nnot json\n')
    assert result.exit_code == 1
    assert "line 2" in result.output and "Traceback" not in result.output
