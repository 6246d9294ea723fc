"""Postal addresses written in Japanese, Chinese and Korean, by the words that build them.

They are written from the largest area down, each part ending in the word for
its kind: a Japanese prefecture (都, 道, 府, 県), city or ward (市, 区, 町, 村)
and block numbers ("〒105-0011 東京都港区芝公園4-2-8"); a Chinese province or city
(省, 市), district (区, 县), road (路, 街, 道) and number (号) ("北京市朝阳区建国路88号");
a Korean city or province (시, 도), district (구, 군) and road (로, 길) with its
number ("서울특별시 강남구 테헤란로 152"). No capital letter or street word of the
Latin rules marks them, so they are read here: two kinds of area in order, then
a number.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

_HAN = "\u4e00-\u9fff"
_KANA = "\u3040-\u30ff"
_DIGITS = "0-9０-９"
_DASHES = "\\-－ー−‐"

# Japan: 〒 and its postcode, a prefecture, a city, ward, town or village, then the
# rest of the place and its block numbers ("芝公園4-2-8", "1丁目2番3号").
_JAPANESE = re.compile(
    rf"(?:〒[ \u3000]?[{_DIGITS}]{{3}}[{_DASHES}]?[{_DIGITS}]{{4}}[ \u3000]*)?"
    rf"(?:[{_HAN}]{{1,3}}(?:都|道|府|県))?"
    rf"[{_HAN}{_KANA}]{{1,8}}?(?:市|区|町|村|郡)"
    rf"[{_HAN}{_KANA}]{{0,12}}?"
    # block numbers, in groups ("4-2-8", "1丁目2番3号") or ending in 号 or 番地; not a
    # count after a ward's name ("北区的3个客户")
    rf"[{_DIGITS}]+(?:(?:(?:[{_DASHES}]|丁目|番地?|の)[{_DIGITS}]+)+号?|号|番地)"
    # and the building, floor and room after them ("新宿ビル 5階", "301号室"), or the
    # building's name and its room's number alone ("芝パークビル301", "勝どきコーポ481")
    rf"(?:[ \u3000]?(?:[{_HAN}{_KANA}A-Za-z]{{1,12}}[ \u3000]?)?[{_DIGITS}]+(?:階|F|号室))*"
    rf"(?:[ \u3000][{_HAN}{_KANA}]{{2,12}}[{_DIGITS}]{{1,4}}(?![{_DIGITS}]))?"
)
# A postcode after 〒, alone, is an address's too.
_POSTCODE_MARK = re.compile(rf"〒[ \u3000]?[{_DIGITS}]{{3}}[{_DASHES}]?[{_DIGITS}]{{4}}")
# China: a province or a city, a district or county, a road, its number.
_CHINESE = re.compile(
    rf"(?:(?:[{_HAN}]{{2,7}}?(?:省|自治区|特别行政区))?[{_HAN}]{{1,6}}?市"
    rf"[{_HAN}]{{1,6}}?(?:区|县|市)"
    # (or a province and a city without the district: "安徽省成都市白云马路")
    rf"|[{_HAN}]{{2,7}}?(?:省|自治区|特别行政区)[{_HAN}]{{1,6}}?(?:市|县))"
    rf"[{_HAN}{_DIGITS}]{{1,12}}?(?:路|街|道|大道|巷|弄|胡同)"
    # the number, or a block's letter ("B座")
    rf"(?:[{_DIGITS}]+号?|[A-Za-z]座)"
    # and the building, block, floor and room after them ("环球金融中心 58层", "A座 1203室")
    rf"(?:[ \u3000]?(?:[{_HAN}A-Za-z]{{1,12}}[ \u3000]?)?[A-Za-z]?[{_DIGITS}]*"
    r"(?:室|楼|栋|座|单元|层|層))*"
    # and the postcode after a space
    r"(?:[ \u3000][1-9]\d{5}(?!\d))?"
)
# Korea: a city or province, a district, a road or street and its number.
_HANGUL = "\uac00-\ud7a3"
_KOREAN = re.compile(
    rf"[{_HANGUL}]{{1,6}}(?:특별시|광역시|특별자치시|특별자치도|도|시)[ ]?"
    rf"[{_HANGUL}]{{1,6}}(?:구|군|시)[ ]?"
    rf"(?:[{_HANGUL}]{{1,6}}(?:구|군)[ ]?)?"  # (a city's district after a province's city)
    rf"(?:[{_HANGUL}]{{1,6}}(?:동|읍|면)[ ]?)?"
    rf"[{_HANGUL}{_DIGITS}]{{1,12}}(?:로|길|대로|가|거리)[ ]?(?:지하)?[{_DIGITS}]+(?:-[{_DIGITS}]+)?"
    # (and the neighbourhood in brackets after it: "(서현정김마을)")
    rf"(?:[ ]?\([{_HANGUL}]{{1,12}}\))?"
    # and the building, floor and room after it ("강남파이낸스센터 20층", "101동 1203호")
    rf"(?:,?[ ]?(?:[{_HANGUL}A-Za-z]{{1,12}}[ ]?)?[{_DIGITS}]+(?:동|호|층))*"
)
_SCRIPTS = re.compile(rf"[{_HAN}{_HANGUL}〒]")


def cjk_addresses(text: str) -> list[tuple[int, int]]:
    """[start, end) of each Japanese, Chinese or Korean postal address in `text`."""
    if text.isascii() or not _SCRIPTS.search(text):
        return []
    # every reading of every script's pattern, the longest first where two overlap (a
    # Chinese address read as Japanese stops before its building: "...100号 环球金融中心 58层")
    return longest_first(
        match.span()
        for pattern in (_JAPANESE, _CHINESE, _KOREAN, _POSTCODE_MARK)
        for match in pattern.finditer(text)
    )


def longest_first(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that no longer one overlaps (the earlier where two are as long), in order."""
    readings = sorted(spans, key=lambda span: (span[0] - span[1], span[0]))
    # (kept in order of position, none overlapping: a neighbour on each side tells)
    starts: list[int] = []
    ends: list[int] = []
    for start, end in readings:
        at = bisect.bisect_left(starts, start)
        if (at and ends[at - 1] > start) or (at < len(starts) and starts[at] < end):
            continue
        starts.insert(at, start)
        ends.insert(at, end)
    return list(zip(starts, ends, strict=True))
