"""Chinese, Japanese and Korean names, found by the honorific written after them."""

from __future__ import annotations

import pytest
from conftest import found_of

from tollgate.redaction import Detector


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # Japanese: the kanji or katakana before さん, 様, 氏, 先生...
        ("田中太郎さんから連絡がありました。", ["田中太郎"]),
        ("取引先の佐藤様より見積もり依頼です。", ["佐藤"]),
        ("田中部長様にご確認ください。", ["田中"]),  # the role between is not the name
        ("ジョン・スミスさんに送りました。", ["ジョン・スミス"]),
        ("田中さん、来週の件です。田中が資料を用意します。", ["田中", "田中"]),  # and again
        # ...but not the words for a role, kin or a group
        ("皆さん、お疲れ様です。お客様から連絡がありました。", []),
        ("担当者様へ転送してください。", []),
        # Chinese: a surname and what follows it, before 先生, 女士, 小姐, 老师
        ("请联系王伟先生，王伟的电话在下面。", ["王伟", "王伟"]),
        ("李女士下午回电。", ["李"]),
        ("欧阳娜娜小姐确认了订单。", ["欧阳娜娜"]),
        ("这位先生和各位老师好。", []),
        ("我的老师很好。", []),
        # Korean: a surname and its syllables before 님 or 씨, or a title after a space
        ("김민준 고객님께 견적서를 보냈습니다.", ["김민준"]),
        ("이수진 씨가 내일 전화합니다.", ["이수진"]),
        ("박 대리님께 전달 부탁드립니다.", ["박"]),
        ("고객님, 안녕하세요. 오늘날씨가 좋네요.", []),
        ("영업팀 과장님께 보고했습니다.", []),
        # a record's field that holds a person names one without an honorific
        ("担当者：田中太郎（営業部）", ["田中太郎"]),
        ("氏名：田中 太郎", ["田中 太郎"]),
        # a Japanese field and honorific in kanji alone, no kana; a surname set apart by a space
        ("氏名: 山田 花子 様", ["山田 花子"]),
        ("株式会社ABC\n山田 花子様、いつもお世話になっております。", ["山田 花子"]),
        ("本日は 田中さんと会いました", ["田中"]),
        ("联系人：王伟，电话见下", ["王伟"]),
        ("顧客：佐藤 健太、電話 090-1234-5678", ["佐藤 健太"]),  # parted by a space, as Japanese
        # in its own script in brackets after the romanised name; not a company's
        ("Patient: Mr. Li Wei (李伟), age 45", ["Li Wei", "李伟"]),
        ("Kim Min-jun (김민준) called", ["Kim Min-jun", "김민준"]),
        ("Huawei (华为), China Mobile (中国移动) and Zhang Holdings (张江集团)", []),
        ("연락처: 김민준 010-1234-5678", ["김민준"]),
        # the customer, the addressee of a parcel, an account's holder
        ("고객: 이영희, 서울; 수령인: 박지민; 예금주: 최수진", ["이영희", "박지민", "최수진"]),
        # ...but not a department or a company there
        ("担当者：営業部。客户：阿里巴巴", []),
        # the name a mail header shows for an address; not a department's
        (
            'From: "山田 太郎" <taro.yamada@example.co.jp>\nTo: Bob <bob@x.com>, 김민준 <mj.kim@example.kr>, '
            "王伟 <wang.wei@example.cn>",
            ["山田 太郎", "Bob", "김민준", "王伟"],
        ),
        ("From: 営業部 <sales@example.jp>", []),
        # ... and a reply's line that says who wrote what it quotes, after its date
        (
            "2026年3月3日(火) 9:14 田中太郎 <taro@example.co.jp>:\n"
            "2026年3月3日 王伟 <wangwei@example.cn> 写道：\n"
            "2026년 3월 3일 (화) 오전 9:14, 김민준 <mj@example.kr>님이 작성:\n営業部 <sales@example.jp>:",
            ["田中太郎", "王伟", "김민준"],
        ),
        # someone saying who they are; not "I am a student", "I am Chinese", "I am fine"
        ("你好，我是张伟，电话见下。我叫王芳。", ["张伟", "王芳"]),
        ("こんにちは、山本花子です。田中と申します。", ["山本花子", "田中"]),
        ("안녕하세요, 김지수입니다. 저는 박민준이라고 합니다.", ["김지수", "박민준"]),
        ("我是学生。我是中国人。私は学生です。こんにちは、元気です。저는 학생입니다.", []),
    ],
)
def test_names_before_an_honorific_are_found(
    detector: Detector, text: str, names: list[str]
) -> None:
    assert found_of(detector, text, "PERSON") == names
