"""Every string of a request, keys included, through one function; the rebuilt payload back.

What reaches `fn` is text the vendor will read: plain strings, object keys, the
strings inside JSON documents nested in strings (tool arguments), and text
files sent as base64. Only two things do not: values of exempt fields that look
like their kind (request_schema), and binary attachments (images, audio, PDFs),
which are counted instead, since there is no text in them to scan.

The walk is deterministic, so a first pass can collect the texts and a second
pass, with the same payload, can put their replacements back in the same order.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from tollgate.redaction.errors import MalformedBody, UnscannableRequest
from tollgate.redaction.request_schema import OPAQUE_FIELDS, Exemptions, is_exempt
from tollgate.redaction.strict_json import loads_strict

TextFn = Callable[[str], str]

_DATA_URL = re.compile(r"data:([\w.+\-]+/[\w.+\-]+)?((?:;[\w\-]+=[^;,]*)*);base64,", re.IGNORECASE)
_BASE64_BODY = re.compile(r"[A-Za-z0-9+/\-_\s]*={0,2}\s*")
# Dicts whose `data` is base64 by the format's definition (Gemini inlineData, OpenAI input_audio).
_BASE64_DATA_HOLDERS = frozenset({"inlineData", "inline_data", "input_audio"})
_MEDIA_TYPE_KEYS = ("media_type", "mimeType", "mime_type")
# Numbers this long are read as text; shorter ones cannot be any type Tollgate finds.
_NUMBER_DIGITS = 6
_REFERENCE_KEYS = frozenset({"file_id", "file_url", "fileUri", "file_uri", "s3Location"})
# Keys that say their value is a kind of personal data that only a word beside it tells
# from other numbers and dates: "dob", "date_of_birth", "passportNumber", "nhs_no".
_TELLING_KEY = re.compile(
    r"(?:^| )(?:dob|d o b|date of birth|birth ?date|birthday|born|passport(?: (?:no|number|nr))?|"
    r"national id|nino|ni number|nhs(?: (?:no|number))?|id (?:no|number|card)|identity number|"
    r"drivers? licen[cs]e(?: (?:no|number))?|dl (?:no|number)|cpf|curp|dni|nif|nie|bsn|pesel|"
    r"personnummer|aadhaa?r|pan|sin|steuer id|tax id|ssn|social security(?: (?:no|number))?|"
    # a person's name by its parts: {"last_name": "Doe"} ("Doe" alone is a word)
    r"(?:first|last|full|given|family|middle|contact|customer|client) name|surname|forename)"
    r"(?: |$)"
)
_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _telling_label(key: str) -> str:
    """ "dob: ", "passport number: ": the key as words, where it names such data; else ""."""
    words = " ".join(re.split(r"[\W_]+", _CAMEL_HUMP.sub(" ", key))).strip().lower()
    return f"{words}: " if words and _TELLING_KEY.search(words) else ""


class _Walk:
    def __init__(
        self,
        exemptions: Exemptions,
        known_keys: frozenset[str],
        fn: TextFn,
        attachments: Counter[str],
    ) -> None:
        self.exemptions = exemptions
        self.known_keys = known_keys
        self.fn = fn
        self.attachments = attachments

    def value(
        self, value: Any, key: str | None, parent_key: str | None, holder: dict | None
    ) -> Any:
        if isinstance(value, dict):
            return self.mapping(value, key)
        if isinstance(value, list):
            return [self.value(item, key, parent_key, None) for item in value]
        if isinstance(value, str):
            return self.string(value, key, parent_key, holder)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return self.number(value, key)
        return value  # booleans, null: no text

    def number(self, value: int | float, key: str | None) -> int | float | str:
        """A long number can be a phone, card or SSN written without quotes.

        It is read with its key before it ("ssn: 536228745"), as a person would
        read it; if anything is found, the number is sent as its placeholder.
        """
        text = repr(value)
        if sum(ch.isdigit() for ch in text) < _NUMBER_DIGITS:
            return value  # temperatures, token limits, counts
        label = f"{key}: " if key else ""
        scanned = self.fn(label + text)
        if scanned == label + text:
            return value
        return scanned.removeprefix(label) if scanned.startswith(label) else scanned

    def mapping(self, value: dict[str, Any], key: str | None) -> dict[str, Any]:
        if _REFERENCE_KEYS.intersection(value):
            # a file the vendor already holds or fetches: Tollgate cannot read it
            self.attachments[_category(_media_type(value))] += 1
        return {
            (k if k in self.known_keys else self.fn(k)): self.value(v, k, key, value)
            for k, v in value.items()
        }

    def string(
        self, text: str, key: str | None, parent_key: str | None, holder: dict | None
    ) -> str:
        if key is not None and is_exempt(self.exemptions, key, text):
            # Opaque tokens are the vendor's own; one that decodes to text is not.
            return self.encoded(text, "", required=False) if key in OPAQUE_FIELDS else text
        if _is_fetched_url(text, key, parent_key):
            self.attachments["image" if "image" in f"{key}{parent_key}" else "file"] += 1
        if match := _DATA_URL.match(text):
            prefix, body = text[: match.end()], text[match.end() :]
            return prefix + self.encoded(body, match.group(1) or "")
        declared = holder is not None and (
            (
                key == "data"
                and (parent_key in _BASE64_DATA_HOLDERS or holder.get("type") == "base64")
            )
            or (key == "bytes" and parent_key == "source")
            or key == "file_data"
        )
        if declared:
            return self.encoded(text, _media_type(holder))
        stripped = text.lstrip()
        if stripped[:1] in ("{", "[") and (nested := _nested_json(text)) is not None:
            # JSON inside a string (tool arguments): its strings are user data, none exempt.
            inner = _Walk({}, frozenset(), self.fn, self.attachments).value(
                nested, None, None, None
            )
            return text if inner == nested else json.dumps(inner, ensure_ascii=False)
        if key is not None and key not in self.known_keys and (label := _telling_label(key)):
            # {"dob": "1985-03-12"}: read as "dob: 1985-03-12", as its key says what it is
            scanned = self.fn(label + text)
            return scanned.removeprefix(label) if scanned.startswith(label) else scanned
        return self.fn(text)

    def encoded(self, text: str, media_type: str, *, required: bool = True) -> str:
        """Base64 content: text inside is scanned (and re-encoded if changed); binary is counted."""
        try:
            raw = _b64decode(text)
        except ValueError:
            if not required:
                return text
            raise UnscannableRequest(
                "an attachment declared as base64 cannot be decoded, so it cannot be checked"
            ) from None
        decoded = _as_text(raw)
        if decoded is None:
            if required:
                self.attachments[_category(media_type)] += 1
            return text
        scanned = self.value(decoded, None, None, None)
        if scanned == decoded:
            return text
        return base64.b64encode(scanned.encode("utf-8")).decode("ascii")


def _media_type(holder: dict[str, Any]) -> str:
    for key in _MEDIA_TYPE_KEYS:
        if isinstance(holder.get(key), str):
            return holder[key]
    return ""


def _is_fetched_url(text: str, key: str | None, parent_key: str | None) -> bool:
    """An image or file the vendor will download itself (an http URL in an attachment field)."""
    in_attachment = key == "image_url" or (key == "url" and parent_key in ("image_url", "source"))
    return in_attachment and text.startswith(("http://", "https://"))


def _category(media_type: str) -> str:
    major = media_type.split("/", 1)[0].lower()
    return major if major in ("image", "audio", "video") else "file"


def _b64decode(text: str) -> bytes:
    if not _BASE64_BODY.fullmatch(text):
        raise ValueError("not base64")
    compact = re.sub(r"\s+", "", text)
    compact += "=" * (-len(compact) % 4)
    try:
        if "-" in compact or "_" in compact:
            return base64.urlsafe_b64decode(compact)
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not base64") from None


def _as_text(raw: bytes) -> str | None:
    """The bytes as text if they are UTF-8 text (not an image or a PDF), else None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not text:
        return ""
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return text if controls <= len(text) // 100 else None


def _nested_json(text: str) -> Any:
    try:
        value = loads_strict(text)
    except MalformedBody:
        raise  # a repeated key inside tool arguments is as ambiguous as one outside
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict | list) else None


def map_strings(
    payload: Any,
    exemptions: Exemptions,
    known_keys: frozenset[str],
    fn: TextFn,
    attachments: Counter[str] | None = None,
) -> Any:
    """A copy of `payload` with `fn` applied to every scannable string and key, in document order.

    Keys in `known_keys` (the format's field names) and values `exemptions` allows are kept as they are.
    """
    walk = _Walk(exemptions, known_keys, fn, attachments if attachments is not None else Counter())
    return walk.value(payload, None, None, None)
