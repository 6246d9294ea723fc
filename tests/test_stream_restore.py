"""Placeholders restored inside streamed answers, however the vendor splits them."""

from __future__ import annotations

import json

import pytest

from tollgate.proxy.request_state import RequestState
from tollgate.proxy.stream_relay import StreamRelay
from tollgate.redaction.sse import SseEvent, SseFramer
from tollgate.redaction.stream_restore import StreamRestorer

ORIGINALS = {"<EMAIL_ADDRESS_1>": "ann@client.io", "<PHONE_NUMBER_1>": "(415) 867-5309"}
ANSWER = "Write to <EMAIL_ADDRESS_1> or call <PHONE_NUMBER_1>, not <EMAIL_ADDRESS_9> < 3."
RESTORED = "Write to ann@client.io or call (415) 867-5309, not <EMAIL_ADDRESS_9> < 3."


def openai_chat(piece: str) -> bytes:
    return (
        b"data: "
        + json.dumps({"choices": [{"index": 0, "delta": {"content": piece}}]}).encode()
        + b"\n\n"
    )


def anthropic(piece: str) -> bytes:
    body = {
        "type": "content_block_delta",
        "index": 0,
        "delta": {"type": "text_delta", "text": piece},
    }
    return b"event: content_block_delta\ndata: " + json.dumps(body).encode() + b"\n\n"


def responses(piece: str) -> bytes:
    body = {
        "type": "response.output_text.delta",
        "item_id": "m",
        "output_index": 0,
        "content_index": 0,
        "delta": piece,
    }
    return b"event: response.output_text.delta\ndata: " + json.dumps(body).encode() + b"\n\n"


def gemini(piece: str) -> bytes:
    return (
        b"data: "
        + json.dumps(
            {"candidates": [{"content": {"parts": [{"text": piece}]}, "index": 0}]}
        ).encode()
        + b"\r\n\r\n"
    )


def delta_text(event: SseEvent) -> str:
    payload = json.loads(event.data or "{}")
    if "choices" in payload:
        return payload["choices"][0]["delta"].get("content", "")
    if "candidates" in payload:
        return payload["candidates"][0]["content"]["parts"][0]["text"]
    delta = payload.get("delta")
    return delta if isinstance(delta, str) else delta.get("text", "")


@pytest.mark.parametrize("frame", [openai_chat, anthropic, responses, gemini])
@pytest.mark.parametrize("piece_size", [1, 3, 7, 200])
def test_split_placeholders_are_restored_one_event_out_per_event_in(frame, piece_size: int) -> None:  # type: ignore[no-untyped-def]
    pieces = [ANSWER[i : i + piece_size] for i in range(0, len(ANSWER), piece_size)]
    wire = b"".join(frame(p) for p in pieces)
    framer, restorer = SseFramer(), StreamRestorer(ORIGINALS)
    out: list[SseEvent] = []
    for i in range(0, len(wire), 5):  # network chunks cut anywhere, even inside events
        out += [restorer.restore_event(SseEvent.parse(b)) for b in framer.feed(wire[i : i + 5])]
    assert len(out) == len(pieces)
    out += restorer.finish()
    assert "".join(delta_text(e) for e in out) == RESTORED


def test_text_held_at_the_end_of_a_stream_is_flushed_in_a_copy_of_the_last_event() -> None:
    restorer = StreamRestorer(ORIGINALS)
    first = restorer.restore_event(SseEvent.parse(anthropic("See <EMAIL")))
    (flushed,) = restorer.finish()
    assert delta_text(first) == "See "
    assert delta_text(flushed) == "<EMAIL"
    assert flushed.name == "content_block_delta"


def test_full_texts_in_done_and_completed_events_are_restored_whole() -> None:
    restorer = StreamRestorer(ORIGINALS)
    done = {"type": "response.output_text.done", "text": "Mail <EMAIL_ADDRESS_1>"}
    event = restorer.restore_event(SseEvent.parse(b"data: " + json.dumps(done).encode()))
    assert json.loads(event.data)["text"] == "Mail ann@client.io"
    assert restorer.finish() == []


def test_the_framer_keeps_partial_events_and_all_line_endings() -> None:
    framer = SseFramer()
    assert framer.feed(b"event: a\r\ndata: 1\r\n\r") == []
    assert framer.feed(b"\ndata: 2\n\ndata: 3\r\rdata: 4") == [
        b"event: a\r\ndata: 1\r\n\r\n",
        b"data: 2\n\n",
        b"data: 3\r\r",
    ]
    assert framer.rest() == b"data: 4"
    event = SseEvent.parse(b"id: 7\ndata: line one\ndata: line two")
    assert (
        event.data == "line one\nline two"
        and event.serialize() == b"id: 7\ndata: line one\ndata: line two\n\n"
    )


def test_relay_counts_bytes_and_collects_stream_usage() -> None:
    state = RequestState(originals=dict(ORIGINALS))
    relay = StreamRelay(state)
    start = b'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":11,"output_tokens":0}}}\n\n'
    chunks = [start, anthropic("Hi <EMAIL_ADD"), anthropic("RESS_1>")]
    chunks.append(b'data: {"type":"message_delta","usage":{"output_tokens":7}}\n\n')
    out = b"".join(b"".join(relay(chunk)) for chunk in [*chunks, b""])
    assert b"ann@client.io" in out and b"<EMAIL" not in out
    assert relay.usage.as_tuple() == (11, 7)
    assert state.bytes_out == len(out)


def test_without_placeholders_events_pass_byte_for_byte() -> None:
    relay = StreamRelay(RequestState())
    wire = b'data: {"x":  1}\r\n\r\n'
    assert b"".join(relay(wire) + relay(b"")) == wire


def test_events_without_a_placeholder_pass_as_written_while_nothing_is_held() -> None:
    """Most events of a long answer need no restoring: their JSON is not read and written again."""
    restorer = StreamRestorer(ORIGINALS)
    written = '{"choices": [{"index": 0, "delta": {"content": "caf\\u00e9 and   more"}}]}'
    assert restorer.restore_event(SseEvent([], written)).data == written
    # a placeholder split across events: the second has no "<" but completes the held one
    first = restorer.restore_event(SseEvent([], json.dumps(_delta("Mail <EMAIL_AD"))))
    second = restorer.restore_event(SseEvent([], json.dumps(_delta("DRESS_1> today"))))
    assert delta_text(first) + delta_text(second) == "Mail ann@client.io today"
    # a placeholder whose "<" the vendor's JSON escapes
    escaped = restorer.restore_event(SseEvent([], '{"delta": "\\u003cPHONE_NUMBER_1\\u003e"}'))
    assert json.loads(escaped.data or "{}")["delta"] == "(415) 867-5309"


def _delta(piece: str) -> dict[str, object]:
    return {"choices": [{"index": 0, "delta": {"content": piece}}]}


def test_a_read_that_completes_no_event_sends_nothing_not_an_empty_chunk() -> None:
    """mitmproxy would write an empty chunk as the end of the answer."""
    relay = StreamRelay(RequestState(originals=dict(ORIGINALS)))
    event = openai_chat("Hello <EMAIL_ADDRESS_1>")
    pieces = [event[i : i + 7] for i in range(0, len(event), 7)]
    outputs = [relay(piece) for piece in pieces]
    assert all(b"" not in out for out in outputs)
    assert b"".join(b"".join(out) for out in outputs + [relay(b"")]).count(b"ann@client.io") == 1
