"""Names in Chinese, Japanese and Korean, found by the honorific written after them.

These scripts have no capital letters, and Chinese and Japanese no spaces, so
the name recognizer's shapes never see "田中さん", "王先生" or "김민준 고객님".
The honorific says a person is meant; which characters before it are the
name depends on the language:

- Japanese (a text with kana in it): the kanji or katakana written just
  before the honorific, up to four kanji ("田中太郎さん"), less a role written
  between ("田中部長様": 田中) and the words for a role, kin or a group that
  take the honorific themselves ("お客様", "皆さん", "担当者様").
- Chinese: a common surname and the one or two characters after it, ending
  at the honorific ("请联系王伟先生": 王伟); "我的老师" holds no name.
- Korean: a common surname and the syllables after it, before 님 or 씨
  written onto it or a title after a space ("김민준님", "김민준 고객님",
  "김 과장님"); "고객님" (the customer) is none.

The other places a name is said to be one are a record's field that holds a
person: "担当者：田中太郎", "联系人：王伟", "연락처: 김민준" (a surname first, in
Chinese and Korean; a department, "営業部", is none), and someone saying who
they are: "我是张伟", "我叫王芳", "山本花子と申します", "私は山本です",
"こんにちは、山本花子です", "저는 김지수입니다", "안녕하세요, 김지수입니다" (a
surname first, in Chinese and Korean; not "我是学生", "저는 학생입니다", I am a
student). Elsewhere, a name without an honorific, or a given name alone
("민준 씨"), is not found.
"""

from __future__ import annotations

import re

from tollgate.redaction.lexicon import lexicon, listed
from tollgate.redaction.occurrences import occurrences
from tollgate.redaction.results import OfflineRecognizer
from tollgate.redaction.romanised_chinese import is_surname
from tollgate.redaction.text_cues import MAIL_HEADER_LINE

# Above the policy's threshold, as any cued name.
SCORE = 0.85

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_KANA = re.compile("[\u3040-\u30ff]")
_HANGUL = "\uac00-\ud7a3"

_JAPANESE_ONLY = "さん|さま|様|氏|殿|くん|君|ちゃん"
_CHINESE_ONLY = "女士|小姐|老师|老師"
_JAPANESE_HONORIFICS = frozenset(_JAPANESE_ONLY.split("|"))
_HAN_HONORIFIC = re.compile(
    rf"(?P<run>[{_HAN}]{{1,12}}|[\u30a0-\u30ff]{{2,16}})[ \u3000]?"
    rf"(?P<honorific>{_JAPANESE_ONLY}|{_CHINESE_ONLY}|先生)"
)
_JAPANESE_ROLE = re.compile(r"(?:部長|課長|係長|社長|店長|次長|担当|代表|専務|常務)$")
_JAPANESE_NOT_NAMES = frozenset(
    ["皆", "皆々", "客", "奥", "父", "母", "兄", "姉", "担当", "担当者", "先方", "店員",
     "上司", "同僚", "取引先", "御社", "貴社", "運転手", "医者", "大家", "業者", "神", "王",
     "殿", "各位", "一同", "社員", "会員", "利用者", "購入者", "応募者"]
)  # fmt: skip
# The commonest single surnames (simplified and traditional) and the compound ones.
CHINESE_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "張劉陳楊黃趙吳鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒龔萬錢嚴湯溫龐顏莊聶魯"
) | frozenset(["欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方"])

# Korean: surname, then up to three syllables, before 님 or 씨, or a title after a space.
KOREAN_SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지"
    "엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용"
)
_KOREAN_TITLES = (
    "고객|선생|사장|부장|과장|차장|대리|팀장|실장|이사|상무|전무|대표|회장|교수|원장|"
    "주임|사원|매니저|담당자|기사|작가|변호사|의사|박사|회계사|세무사"
)
_HANGUL_HONORIFIC = re.compile(
    rf"(?<![{_HANGUL}])(?P<name>[{_HANGUL}]{{1,4}})"
    rf"(?:[ ]?(?P<onto>님|씨)(?![앗름])|(?=[ ]+(?:{_KOREAN_TITLES})님))"
)
# Words with 님 or 씨 that are no name, and names of teams before a title.
_KOREAN_NOT_NAMES = frozenset(
    ["고객", "선생", "사장", "부장", "과장", "차장", "대리", "팀장", "실장", "이사", "상무",
     "전무", "대표", "회장", "교수", "원장", "주임", "사원", "담당자", "기사", "작가", "회원",
     "관리자", "사용자", "작성자", "판매자", "구매자", "신청자", "참가자", "환자", "부모",
     "어머", "아버", "하느", "임금", "부처", "사모", "아드", "아저", "아가", "마음", "오늘날",
     "우리", "저희", "해당", "담당"]
)  # fmt: skip
_KOREAN_WORDS_WITH_SSI = frozenset("날글솜말불꽃")  # 날씨 (weather), 글씨, 솜씨, 말씨...


# A record's field that holds a person, and the name after it: "担当者：田中太郎",
# "联系人：王伟", "연락처: 김민준" (the one place a name is found without its honorific).
_FIELD_NAME = re.compile(
    r"(?P<field>担当者|氏名|お名前|名前|宛名|联系人|聯絡人|联络人|姓名|客户|客戶|顾客|顧客|负责人|負責人|"
    r"收件人|收货人|申请人|연락처|이름|성명|성함|담당자|고객명|고객|수신인|수령인|예금주)"
    r"[ \t\u3000]*[:：][ \t\u3000]*"
    rf"(?P<name>[{_HAN}\u30a0-\u30ff{_HANGUL}]{{1,8}}(?:[ \u3000][{_HAN}{_HANGUL}]{{1,4}}(?![{_HAN}{_HANGUL}]))?)"
)
# The fields only Japanese names so: a name in kanji alone after one is read as Japanese.
_JAPANESE_FIELDS = frozenset(["担当者", "氏名", "お名前", "名前", "宛名"])
# A department or a company in that field is no person: "営業部", "本社".
_NOT_A_PERSON_END = frozenset("部課社室店局所院司团團组組队隊")

# Past this many names a text is a list of them, each with its honorific.
_MOST_NAMES_AGAIN = 200


class HonorificNameRecognizer(OfflineRecognizer):
    """PERSON: a Chinese, Japanese or Korean name before the honorific written after it."""

    ENTITY = "PERSON"

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        if text.isascii():
            return []
        spans = [
            *self._han_names(text),
            *self._korean_names(text),
            *_field_names(text),
            *_bracketed_after_a_name(text),
            *_introduced(text),
            *_header_display_names(text),
        ]
        results = [
            self.result(start, end, SCORE, "name before an honorific") for start, end in spans
        ]
        # The same name again without its honorific ("田中さん ... 田中が"); not a
        # surname of one character, which is part of many words ("王" in "国王").
        names = {text[start:end] for start, end in spans if end - start > 1}
        if 0 < len(names) <= _MOST_NAMES_AGAIN:
            cued = set(spans)
            for start, end, _name in occurrences(text, names):
                if (start, end) not in cued:
                    results.append(self.result(start, end, SCORE, "name found before"))
        return results

    def _han_names(self, text: str) -> list[tuple[int, int]]:
        japanese = bool(_KANA.search(text))
        spans = []
        for match in _HAN_HONORIFIC.finditer(text):
            honorific = match.group("honorific")
            run_start, run_end = match.span("run")
            if honorific in _JAPANESE_HONORIFICS or (honorific == "先生" and japanese):
                span = _japanese_name(text, run_start, run_end)
            else:
                span = _chinese_name(text, run_start, run_end)
            if span is not None:
                spans.append(span)
        return spans

    def _korean_names(self, text: str) -> list[tuple[int, int]]:
        spans = []
        for match in _HANGUL_HONORIFIC.finditer(text):
            name = match.group("name")
            if name[0] not in KOREAN_SURNAMES or name in _KOREAN_NOT_NAMES:
                continue
            if match.group("onto") and (
                len(name) < 2
                or (match.group("onto") == "씨" and name[-1] in _KOREAN_WORDS_WITH_SSI)
            ):
                continue  # "손님" (a guest), "오늘날씨" (today's weather)
            spans.append(match.span("name"))
        return spans


def _field_names(text: str) -> list[tuple[int, int]]:
    """The name in a record's field that holds a person, by its script's rules."""
    japanese = bool(_KANA.search(text))
    spans = []
    for match in _FIELD_NAME.finditer(text):
        start, end = match.span("name")
        name = match.group("name")
        if name[-1] in _NOT_A_PERSON_END or name in _JAPANESE_NOT_NAMES:
            continue
        if "\uac00" <= name[0] <= "\ud7a3":  # Korean: a surname first
            if name[0] in KOREAN_SURNAMES and 2 <= len(name.replace(" ", "")) <= 5:
                spans.append((start, end))
        elif (
            japanese
            or match.group("field") in _JAPANESE_FIELDS  # "氏名: 山田 花子 様", no kana
            or "\u30a0" <= name[0] <= "\u30ff"
        ):
            spans.append((start, end))  # "田中太郎", "田中 太郎", "スミス"
        elif name[:2] in CHINESE_SURNAMES or name[0] in CHINESE_SURNAMES:
            # Chinese, or Japanese in kanji alone (which no kana tells): a surname and up
            # to three characters after it, or both parts where a space parts them
            spans.append((start, end if " " in name else min(end, start + 4)))
        elif " " in name or "\u3000" in name:
            spans.append((start, end))  # a surname and a given name parted, as Japanese does
    return spans


# A name written in its own script in brackets after its romanised form, two words one
# of which is a romanised surname: "Li Wei (李伟)", "Kim Min-jun (김민준)" (not "Huawei (华为)",
# "China Mobile (中国移动)": a company's name in its own script).
_BRACKETED = re.compile(
    rf"([A-Z][a-z]+)[ \t]+([A-Z][a-z]+(?:-[a-z]+)?)[ \t]*[(（]([{_HAN}]{{2,4}}|[{_HANGUL}]{{2,4}}"
    # (a Japanese name with its space: "Tanaka Hiroshi (田中 博)")
    rf"|[{_HAN}]{{1,3}}[ \u3000][{_HAN}]{{1,3}})[)）]"
)
_KOREAN_ROMANISED_SURNAMES = frozenset(
    ["Kim", "Lee", "Yi", "Park", "Pak", "Choi", "Jung", "Jeong", "Kang", "Cho", "Jo", "Yoon",
     "Yun", "Jang", "Lim", "Im", "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "An",
     "Song", "Yoo", "Yu", "Hong", "Jeon", "Ko", "Go", "Moon", "Yang", "Son", "Bae", "Baek",
     "Heo", "Nam"]
)  # fmt: skip


def _bracketed_after_a_name(text: str) -> list[tuple[int, int]]:
    if "(" not in text and "（" not in text:
        return []
    found = []
    for m in _BRACKETED.finditer(text):
        native, romanised = m.group(3), (m.group(1), m.group(2))
        if native[-1] in _NOT_A_PERSON_END:
            continue  # "Zhang Group (张氏集团)"
        if " " in native or "\u3000" in native:
            # a surname and a given name parted, as Japanese writes them: the romanised
            # form a listed name
            if any(
                listed(lexicon().last_names, w) or listed(lexicon().first_names, w)
                for w in romanised
            ):
                found.append(m.span(3))
        elif "\uac00" <= native[0] <= "\ud7a3":
            if native[0] in KOREAN_SURNAMES and any(
                w in _KOREAN_ROMANISED_SURNAMES for w in romanised
            ):
                found.append(m.span(3))
        elif (native[0] in CHINESE_SURNAMES or native[:2] in CHINESE_SURNAMES) and any(
            is_surname(w) for w in romanised
        ):
            found.append(m.span(3))
    return found


# Someone saying who they are. Chinese: "I am", "I am called", "my name is" before the
# name, which ends where the Han characters do ("我是张伟，电话..."); Japanese: "I am
# called" after the name, or "I am" (私は, or a greeting) before it and です after;
# Korean: "I am" (저는, 제 이름은, or a greeting) before it and 입니다 or its like after.
_CHINESE_INTRODUCED = re.compile(
    rf"(?:我是|我叫|我的名字是|我的名字叫|本人是|本人)([{_HAN}]{{2,4}})"
)
_JAPANESE_NAME_RUN = rf"[{_HAN}]{{1,6}}|[\u30a0-\u30ff]{{2,16}}"
_JAPANESE_INTRODUCED = re.compile(
    rf"(?P<called>{_JAPANESE_NAME_RUN})(?:と申します|と申し上げます|といいます|と言います)"
    r"|(?:私は|わたしは|僕は|私、|こんにちは|こんばんは|おはようございます|はじめまして|初めまして|"
    r"お世話になっております|お世話になります)[、,。!！\s]*"
    rf"(?P<am>{_JAPANESE_NAME_RUN})(?=です|でございます)"
)
# The commonest Japanese surnames of two or three kanji (of one, such as 林 or 森, too
# many words begin so).
_JAPANESE_SURNAMES = frozenset(
    [
        "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本",
        "井上", "木村", "斎藤", "清水", "山崎", "池田", "橋本", "阿部", "石川", "山下", "中島", "石井", "小川", "前田", "岡田",
        "長谷川", "藤田", "後藤", "近藤", "村上", "遠藤", "青木", "坂本", "斉藤", "福田", "太田", "西村", "藤井", "金子", "岡本",
        "藤原", "中野", "三浦", "原田", "中川", "松田", "竹内", "小野", "田村", "中山", "和田", "石田", "森田", "上田", "内田",
        "柴田", "酒井", "宮崎", "横山", "高木", "安藤", "宮本", "大野", "小島", "谷口", "工藤", "高田", "丸山", "今井", "増田",
        "杉山", "村田", "大塚", "新井", "小山", "平野", "藤本", "河野", "上野", "野口", "武田", "松井", "千葉", "岩崎", "菅原",
        "木下", "久保", "佐野", "野村", "松尾", "菊地", "杉本", "市川", "古川", "大西", "島田", "水野", "桜井", "高野", "渡部",
        "吉川", "山内", "西田", "飯田", "菊池", "西川", "小松", "北村", "安田", "五十嵐", "川口", "平田", "中田", "久保田", "服部",
        "岩田", "土屋", "川崎", "福島", "本田", "樋口", "秋山", "田口", "永井", "山中", "中西", "吉村", "川上", "石原", "大橋",
        "松岡", "馬場", "浜田", "森本", "星野", "矢野", "浅野", "大久保", "松下", "小池", "内藤",
    ]
)  # fmt: skip
_KOREAN_INTRODUCED = re.compile(
    r"(?:저는|전|나는|난|제[ ]+이름은|내[ ]+이름은|안녕하세요)[,.!\s]*"
    rf"(?P<name>[{_HANGUL}]{{2,4}}?)(?:입니다|이에요|예요|이라고[ ]?합니다|라고[ ]?합니다)"
)


# The names a mail header shows for its addresses: 'From: "山田 太郎" <taro.yamada@...>',
# "To: Bob <bob@x.com>, 김민준 <mj.kim@...>".
_DISPLAY_NAME = re.compile(
    rf"\"?([{_HAN}\u3040-\u30ff{_HANGUL}](?:[{_HAN}\u3040-\u30ff{_HANGUL} \u3000]{{0,10}}"
    rf"[{_HAN}\u3040-\u30ff{_HANGUL}])?)\"?[ \t]*<[^<>@\s]+@"
)


# ... and a reply's line that says who wrote what it quotes, in any language:
# "2026年3月3日(火) 9:14 田中太郎 <taro@example.co.jp>:", "... 김민준 <mj@x.kr>님이 작성:"
_REPLY_LINE = re.compile(
    r"(?m)^[^\n]*<[^<>@\s]+@[^<>\s]+>[ \t]*(?:[:：]|写道|寫道|님이[ \t]*작성|wrote)[^\n]*$"
)


def _header_display_names(text: str) -> list[tuple[int, int]]:
    """The names headers and replies show for addresses; not a department's or a company's
    ("営業部")."""
    lines = list(MAIL_HEADER_LINE.finditer(text)) + list(_REPLY_LINE.finditer(text))
    return [
        (m.start(1) + len(_DATE_BEFORE.match(m.group(1)).group()), m.end(1))  # type: ignore[union-attr]
        for line in lines
        for m in _DISPLAY_NAME.finditer(text, line.start(), line.end())
        if m.group(1)[-1] not in _NOT_A_PERSON_END and m.group(1) not in _JAPANESE_NOT_NAMES
    ]


# A date's last character before the name, a space apart: "3月3日 王伟" (the name is 王伟)
_DATE_BEFORE = re.compile(r"(?:[^ \u3000]*[日年月時分秒][ \u3000]+)?")


def _introduced(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _CHINESE_INTRODUCED.finditer(text):
        if span := _chinese_name_from(m.start(1), m.group(1)):
            spans.append(span)
    if _KANA.search(text):
        for m in _JAPANESE_INTRODUCED.finditer(text):
            if m.group("called"):
                if m.group("called") not in _JAPANESE_NOT_NAMES:
                    spans.append(m.span("called"))
            elif m.group("am")[:2] in _JAPANESE_SURNAMES or m.group("am")[:3] in _JAPANESE_SURNAMES:
                # "私は学生です", "こんにちは、元気です": です follows any word; a surname
                # opening it says a name
                spans.append(m.span("am"))
    for m in _KOREAN_INTRODUCED.finditer(text):
        name = m.group("name")
        if name[0] in KOREAN_SURNAMES and name not in _KOREAN_NOT_NAMES:
            spans.append(m.span("name"))
    return spans


def _chinese_name_from(start: int, run: str) -> tuple[int, int] | None:
    """A surname opening `run` and up to two characters after it (a compound surname and
    up to two): "张伟", "王小明", "欧阳娜娜"; none where it opens with no surname."""
    if run[:2] in CHINESE_SURNAMES:
        return start, start + min(len(run), 4)
    if run[0] in CHINESE_SURNAMES:
        return start, start + min(len(run), 3)
    return None


def _japanese_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The run before the honorific, less a role written between; four kanji at most."""
    run = _JAPANESE_ROLE.sub("", text[start:end])  # "田中部長様": 田中
    if not run or run in _JAPANESE_NOT_NAMES:
        return None
    end = start + len(run)
    if "\u30a0" <= run[0] <= "\u30ff":
        return start, end  # a foreign name in katakana: the whole run
    if surname := _SURNAME_APART.search(text, max(0, start - 5), start):
        return surname.start(1), end  # "山田 花子様": the surname, a space, the given name
    return max(start, end - 4), end


# A surname of one to three kanji and a space before a given name, opening a line or
# a clause as an address does ("山田 花子様、"): Japanese parts no other words by spaces.
_SURNAME_APART = re.compile(
    rf"(?:^|(?<=[\n、。：:「『（(]))[ \t\u3000]*([{_HAN}]{{1,3}})[ \u3000]$", re.MULTILINE
)


def _chinese_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A surname and up to two characters after it, ending where the run ends."""
    for length in (4, 3):  # a compound surname: 欧阳娜娜
        if end - length >= start and text[end - length : end - length + 2] in CHINESE_SURNAMES:
            return end - length, end
    for length in (3, 2, 1):  # 张伟明, 王伟, 王 (王先生)
        if end - length >= start and text[end - length] in CHINESE_SURNAMES:
            return end - length, end
    return None
