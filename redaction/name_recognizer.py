"""People's names without a language model: name lists, the cues around names, and propagation.

A run of capitalised words is a name when it starts with a known first name
("Maria Kowalski"), follows a title ("Dr. Okafor"), is written "Last, First"
(headers), or follows a cue such as "Dear", "Hi", "From:" or a sign-off line
("Thanks,\\nPriya"). A word found as part of a name, or in the local part of an
email address (priya.natarajan@...), is then a name wherever else it appears
capitalised in the same text. Names that are mostly ordinary words in lower
case ("Mark", "Chase") only count beside another name or a cue.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate

from tollgate.redaction import vietnamese_names as vietnamese
from tollgate.redaction.joined_names import joined_names
from tollgate.redaction.lexicon import Lexicon, chinese_names, lexicon, listed
from tollgate.redaction.lowercase_names import lowercase_names
from tollgate.redaction.organization_recognizer import followed_by_company_suffix
from tollgate.redaction.place_recognizer import before_its_region, spelled_place_end
from tollgate.redaction.prefilter import NOT_SPACE, once_per_run, runs_holding
from tollgate.redaction.results import OfflineRecognizer
from tollgate.redaction.romanised_chinese import (
    given_name_after,
    given_syllable_after_surname,
    is_surname,
)
from tollgate.redaction.romanised_korean import hyphenated_given_name
from tollgate.redaction.text_cues import (
    AT,
    CALENDAR_WORDS,
    EMAIL_LOCAL_NAME,
    FOREIGN_CUES,
    KIN_WORDS,
    LATIN_CAPITAL,
    MAIL_HEADER_LINE,
    SPOKEN_TO,
    TURKISH_ENDING,
    addressed,
    capitalised_words,
    folded_like_re,
    greeted,
    hailed,
    mid_sentence,
    place_expected,
)

# Titles in the customers' own languages: "Sr. Gonçalves", "Frau Schäfer", "Mme Lefebvre".
_FOREIGN_TITLES = frozenset(["sr", "sra", "srta", "herr", "frau", "mme", "mlle", "sig", "sigra",
                             "dott", "pani", "panie", "panu", "panem", "pana", "dhr", "mevr",
                             "sigg", "avv",
                             "dottssa", "sigra", "signa", "herrn", "dipl"])  # fmt: skip
_TITLES = (
    frozenset(
        ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "madam", "dame", "rev"]
    )
    | _FOREIGN_TITLES
)


def _title_word(key: str, word: str) -> bool:
    """Mr, Dr, Sra, Frau; a title of another language not in capitals ("SR MGR": senior)."""
    title = key.lower().rstrip(".")
    return title in _TITLES and not (title in _FOREIGN_TITLES and word.isupper())


# Someone named by whom they work with, after whose: "his boss Ulrike", "our rep Guadalupe".
_AT_WORK = (
    "boss",
    "manager",
    "colleague",
    "coworker",
    "co-worker",
    "assistant",
    "supervisor",
    "deputy",
    "rep",
    "counterpart",
    "champion",
    "buyer",
    # roles in a sales team and above it: "our AE Ximena", "their CEO Sundar"
    "ae",
    "se",
    "sdr",
    "bdr",
    "csm",
    "ceo",
    "cfo",
    "cto",
    "coo",
    "vp",
    "cio",
    "ciso",
    "cmo",
    "cro",
    # and the people a deal meets on the other side: "their architect, Kateryna"
    "architect",
    "engineer",
    "developer",
    "designer",
    "consultant",
    "advisor",
    "adviser",
    "lawyer",
    "attorney",
    "counsel",
    "accountant",
    "analyst",
    "intern",
    "coordinator",
    "specialist",
    "administrator",
    "admin",
    "director",
    "founder",
    "cofounder",
    "co-founder",
    "partner",
    "recruiter",
    "secretary",
    "ea",
    "pa",
    "contact",
    "lead",
    "head",
    "owner",
)
# Whose name a form's "... name:" asks for: a person's, not a company's or a file's.
_PERSONS_NAME = (
    "full|first|last|given|family|contact|customer|client|buyer|sender|recipient|"
    "maiden|legal|married|birth"
)
_CUE_BEFORE = re.compile(
    r"\b(?:dear|hi|hello|hey|thanks|thank\s+you|regards|cheers|sincerely|attn|attention)\s*[,:!]?\s*$"
    r"|(?:^|\n)\s*(?:best|best\s+regards|kind\s+regards|many\s+thanks)\s*[,!]?\s*\n\s*$"
    # "Name:", "Contact name:", "your last name?"; not "Company name:", "File name:"
    r"|(?:^|(?<=[^\w \t]))[ \t]*name\s*[:?]\s*$"
    rf"|\b(?:{_PERSONS_NAME}|my|your|his|her|their)\s+name\s*[:?,]\s*$"
    r"|\bcontact\s*[:?]\s*$"
    # a record's fields that hold a person ("Lead: Tobiah Greenfield"); not "Customer:",
    # "Account:", which are as often a company, nor "Agent:", as often software
    r"|\b(?:lead|(?:deal|account)\s+owner|owner|assignee|assigned\s+to|champion|approver"
    r"|reviewer|requester|attendees?|rep|prospect|ae|sdr|bdr|csm|speaker|manager|sponsor"
    r"|stakeholder|signatory|signer|decision\s+maker|(?:main|primary)\s+contact"
    r"|contact\s+person|point\s+of\s+contact|poc|buyer"
    # the people a form or a file names besides: "Witness: Kofi Annan", "Next of kin:"
    r"|witness|guarantor|co-?signer|emergency\s+contact|next\s+of\s+kin|spouse|guardian"
    r"|applicant|candidate|patient|interviewee|interviewer"
    # a payment's holder: "Name on card:", "Cardholder:", "Beneficiary name:"
    r"|name\s+on\s+(?:the\s+)?card|card\s*holder(?:\s+name)?|account\s+holder(?:\s+name)?"
    r"|beneficiary(?:\s+name)?|payee(?:\s+name)?"
    r"|(?:requested|approved|signed|raised)\s+by)"
    r"\s*(?:[:=]|->|=>|→)\s*$"  # ("Lead owner → Kiri Te Kanawa")
    # the same said in a sentence: "our contact is Sukarno", "the champion was Tanvir",
    # "the signatory will be Ysolde", "the decision maker is now Tashkorr"
    # (not an owner or a buyer, as often a company)
    r"|\b(?:contact|champion|sponsor|signer|signatory|approver|decision\s+maker|rep|ae|csm|sdr|"
    r"account\s+manager|point\s+of\s+contact|point\s+person|ceo|cfo|cto|coo|cio|ciso|cmo|"
    r"cro|vp|svp|evp|president|founder|co-founder|chair(?:man|woman|person)?)"
    r"(?:\s+(?:on\s+(?:their|our|the\s+\w+)\s+side|internally|there|here))?"
    r"\s+(?:is|was|will\s+be|would\s+be|is\s+now)\s+$"
    r"|\b(?:my\s+name\s+is|name\s+is|called|named|i\s+am|i'm|this\s+is|goes\s+by|go\s+by|"
    r"it'?s\s+me\s*,|it\s+is\s+me\s*,|call(?:s)?\s+(?:me|him|her)|"
    r"known\s+as|a\.?k\.?a\.?|nick(?:name)?\s+is|nicknamed|nickname\s*[:=]|prefers)"
    r"\s*[\"“‘']?$"
    # Italian titles shortened with their ending: "Sig.ra Conti", "Dott.ssa Greco"
    r"|\b(?:sig\.ra|sig\.na|dott\.ssa|prof\.ssa|avv\.ta)\s+$"
    rf"|\b(?:{'|'.join(KIN_WORDS)})\s*,?\s+$"
    # a colleague of someone named: "Mr Ogunleye's assistant, Funmilayo"
    rf"|(?:\b(?:my|his|her|their|our|your)|[^\W\d_]['’]s)\s+(?:{'|'.join(_AT_WORK)})\s*,?\s+$"
    r"|\b(?:my|his|her|their|our|your)\s+(?:main\s+|primary\s+)?point\s+of\s+contact\s*,?\s+$"
    # a department's lead or head: "their procurement lead, Femi", "our IT director Ines"
    # (not a sales lead, as often a company: "our sales lead, Acme"; nor an owner)
    r"|\b(?:my|his|her|their|our|your)\s+(?:(?:procurement|purchasing|finance|legal|it|"
    r"security|marketing|ops|operations|engineering|technical|project|product|program|"
    r"programme|hr|data|compliance)\s+(?:lead|head|director|manager)"
    r"|(?:sales|account)\s+(?:head|director|manager))\s*,?\s+$",
    re.IGNORECASE,
)
# The word each of _CUE_BEFORE's alternatives ends with, before the closing
# punctuation and spaces it allows.
_CUE_LAST_WORDS = frozenset(
    [
        "dear",
        "hi",
        "hello",
        "hey",
        "thanks",
        "you",
        "regards",
        "cheers",
        "sincerely",
        "attn",
        "attention",
        "best",
        "name",
        "contact",
        "is",
        "be",  # "will be"
        "now",  # "is now"
        "called",
        "named",
        "was",
        "me",
        "him",
        "her",
        "am",
        "m",  # "i'm"
        "by",
        "as",
        "aka",
        "a",  # "a.k.a."
        "nicknamed",
        "nickname",
        "prefers",
        "ra",
        "na",
        "ssa",
        "ta",
        *KIN_WORDS,
        *(word.rpartition("-")[2] for word in _AT_WORK),
        *[
            "lead",
            "owner",
            "witness",
            "guarantor",
            "signer",
            "cosigner",
            "kin",
            "spouse",
            "guardian",
            "applicant",
            "candidate",
            "patient",
            "interviewee",
            "interviewer",
            "assignee",
            "to",
            "champion",
            "approver",
            "reviewer",
            "requester",
            "attendee",
            "attendees",
            "by",
            "prospect",
            "speaker",
            "manager",
            "sponsor",
            "stakeholder",
            "signatory",
            "signer",
            "maker",
            "person",
            "poc",
            "buyer",
            "card",
            "holder",
            "cardholder",
            "beneficiary",
            "payee",
        ],
    ]
)
_FOREIGN_CUE_BEFORE = re.compile(
    rf"(?<!\w)(?:{'|'.join(sorted(FOREIGN_CUES))})\s*[,:!]?\s*$", re.IGNORECASE
)
_LAST_WORD = re.compile(r"[^\W\d_]+$")
# The line that opens a mail's signature ("-- "): the next line begins with the sender's name.
_SIGNATURE_LINE = re.compile(r"(?:^|\n)[ \t]*--[ \t]*\n[ \t]*$")


def _cued(before: str) -> bool:
    """Whether `before` ends with a cue for a name ("Dear", "Thanks,", "My name is", "said to").

    Trying the cue pattern at every position of the 40 characters before each
    capitalised word was most of the recognizer's cost; the pattern runs only
    when the last word could end a cue.
    """
    tail = before.rstrip()
    if tail[-2:] == "--":
        return bool(_SIGNATURE_LINE.search(before))
    if tail[-1:] in _FIELD_ENDS and _may_be_a_name_field(before) and _NAME_FIELD.search(before):
        return True  # '{"first_name": "Sione", "last_name": "Tupou"}'
    if tail[-1:] in ":=" and _BARE_LAST_FIELD.search(tail) and _BARE_FIRST_FIELD.search(tail):
        return True  # "first: Jane, last: Doe"

    if tail.endswith(("was", "Was", "WAS")) and _named_as(before):
        return True  # "her maiden name was Kowalczyk"
    if tail[-1:] in _CUE_CLOSERS:  # "Thanks,", she goes by "Kat"
        tail = tail[:-1].rstrip()
    last = _LAST_WORD.search(tail[-16:])
    if last is None:
        return False
    word = last.group().lower()
    if word in _SPOKEN_TO_LAST_WORDS and SPOKEN_TO.search(before):
        return True  # "said Gladys to", "shouted at", "heard from"
    if word in FOREIGN_CUES:  # "Hola Carmen", "Saludos, Lucía"
        return bool(_FOREIGN_CUE_BEFORE.search(before))
    return word in _CUE_LAST_WORDS and bool(_CUE_BEFORE.search(before))


_SPOKEN_TO_LAST_WORDS = frozenset(["to", "at", "from"])
# Words after a name that a syllable of pinyin spells too: "Zhang Wei Can do it"
_OPENS_A_CLAUSE = frozenset(["can", "do", "he", "she", "and", "an", "a", "o", "e"])

_OPENING_QUOTES = ('"', "“", "‘", "'")
_CUE_CLOSERS = frozenset([",", ":", "=", "!", "?", ">", "→", *_OPENING_QUOTES])

# What says the words after it are someone's name, whatever they are ("Company name:" does not).
_NAMED_AS = re.compile(
    r"\b(?:(?:my|his|her|their|your)[ \t]+(?:nick)?name[ \t]+is"
    r"|goes[ \t]+by|nicknamed|nickname[ \t]*[:=]"
    r"|(?:maiden|legal|married|birth)[ \t]+name[ \t]+(?:is|was)"
    rf"|(?:{_PERSONS_NAME})[ \t]+name[ \t]*[:=]|(?:surname|forename)[ \t]*[:=])[ \t]*"
    r"[\"“‘']?$",
    re.IGNORECASE,
)


# A record's field for a part of someone's name, as data writes it: "last_name:",
# "lastName=", '"Surname": "', and in a JSON object's quotes the bare part: '"last": "'.
_NAME_FIELD = re.compile(
    # (a prefix joined by an underscore is the field's own: "customer_first_name:")
    r"(?:(?:(?<![^\W_])(?:first|last|given|family|middle|full|sur|fore|nick|display|maiden|"
    r"legal|birth)[ _\-]?name[\"']?|[\"'](?:first|last|given|family|middle)[\"'])"
    r"[ \t]*[:=][ \t]*[\"“‘']?"
    # and as XML writes it: "<first>", "<lastName>", "<given_name>"
    r"|<(?:first|last|given|family|middle|sur|fore|full)(?:[_\-]?name)?>[ \t]*)$",
    re.IGNORECASE,
)


# ... unquoted, a bare "last:" where a bare "first:" came just before it
_BARE_LAST_FIELD = re.compile(r"(?<![\w\-])(?i:last|family)[ \t]*[:=]\Z")
_BARE_FIRST_FIELD = re.compile(
    r"(?<![\w\-])(?i:first|given)[ \t]*[:=][^:=\n]{1,40}[,;\n|][ \t]*(?i:last|family)[ \t]*[:=]\Z"
)


def _named_as(before: str) -> bool:
    return before.rstrip().endswith(_NAMED_AS_ENDS) and bool(
        _NAMED_AS.search(before) or (_may_be_a_name_field(before) and _NAME_FIELD.search(before))
    )


def _may_be_a_name_field(before: str) -> bool:
    """Whether `before` can end with `_NAME_FIELD` at all: a "name" or a quote in it."""
    return "ame" in before or "AME" in before or '"' in before or "'" in before or "<" in before


_FIELD_ENDS = frozenset([":", "=", ">", *_OPENING_QUOTES])
_NAMED_AS_ENDS = ("is", "IS", "Is", "was", "Was", "WAS", ":", "=", "by", "named", *_OPENING_QUOTES)


# Verbs whose object is a person: "Manny told Dag", "asked Priya", "met with Okafor".
_TOLD = re.compile(
    r"\b(?:told|tell|tells|asked|thanked|e-?mailed|phoned|contacted|contacting|met|"
    r"(?:met|meeting|spoke|speaking|talked|talking|talk|speak|lunch|dinner|breakfast|coffee|"
    r"drinks|convo|conversation|call|chatted|catch-?up|1:1|one-on-one|interview)\s+(?:with|w/)"
    r"|introduced)\s+$",
    re.IGNORECASE,
)
_TOLD_LAST_WORDS = frozenset(
    [
        "w",  # "talked w/"
        "told",
        "tell",
        "tells",
        "asked",
        "thanked",
        "emailed",
        "mailed",
        "phoned",
        "contacted",
        "contacting",
        "met",  # "met Mark at the expo"
        "with",
        "introduced",
    ]
)


# Work talk whose object is a person: "ask Sunita", "call Oluwaseun", "loop in Persephone".
# Not "call", "ping", "email", "text" or "message": a prompt as often calls Redis, pings
# Postgres and texts Telnyx as it calls a person no list knows.
# What only a person has: "Thandi's CV", "Lindiwe's personal Gmail", "Reto's wife" (not
# an email, a phone or a home page, which companies have too).
_PERSONAL_POSSESSION = re.compile(
    r"['’]s[ \t]+(?i:cv|résumé|resume|personal|private|mobile|cell|birthday|salary|passport|"
    r"wife|husband|kids|children|son|daughter|mother|father|mom|mum|dad|boss|family|health|"
    r"medical|manager|assistant|colleague|girlfriend|boyfriend|spouse|fianc[eé]e?|"
    # (not a company's "last day of trading")
    r"(?:last|first)[ \t]+day(?![ \t]+of)|farewell|promotion|maternity|paternity|retirement)\b"
)
# "he" or "she" within a few words after, in the same sentence: "Tell Quillon he can",
# "ask Draxley whether he signed", "Met Sorelle at the conference; she runs ops"
# (companies are "it" and "they"; "He" capitalised is as often a surname; "his" and
# "her" as often someone else's: "Acme gave her a discount")
_PRONOUN_LATER = re.compile(
    r"(?:[ \t]*[,;]?[ \t]+[^\W\d_][\w'’\-]*){0,3}?[ \t]*[,;]?[ \t]+(?:he|she)\b"
)
# (not "said", "wants" or "signed": "Chase wants", "Target said" are companies)
_SAID_AFTER = re.compile(
    r"[ \t]+(?:replied|mentioned|emailed|e-mailed|texted|drafted|promised"
    # ... or will do: "Rob will review", "Pat can join" (not "the Bill will be sent")
    r"|(?:will|can|could|should|would|must|['’]ll)[ \t]+(?:review|call|reply|respond|join|"
    r"attend|present|sign|approve|email|text|send|follow[ \t]+up|reach[ \t]+out|confirm|"
    r"decide|check|lead|own|host|meet|visit|handle|prepare|update|share|introduce))\b"
)
# What parts the entries of a list on one line (and opens the first: "attainment: Björk")
_ENTRY_MARK = re.compile("[,;:—–→>]")  # (">" ends "->" and "=>": "Suleiman -> Nkiruka")
_LINE_BREAK = re.compile("\n")
_FAMILY_AFTER = re.compile(r"[ \t]+(?:family|household|family['’]s|twins|kids|children)\b")
_FAMILY_WORDS = ("family", "household", "twins", "kids", "children")
_ASKED = re.compile(
    r"\b(?:ask|asking|ask\s+for|asking\s+for|cc|cc'?ing|cc'?d|dm'?d|dm'?ing|remind|reminded|"
    r"invite|invited|thank|introduce|"
    r"(?:loop|looped|looping)\s+in|(?:shout-?out|kudos|congrats|congratulations)\s+to"
    r"|(?:reply|replying|replied|respond|responding|responded)\s+to)\s+$",
    re.IGNORECASE,
)
_ASKED_LAST_WORDS = frozenset([
    "ask", "asking", "cc", "ccing", "cc'ing", "ccd", "cc'd", "dmd", "dm'd", "dming", "dm'ing",
    "remind", "reminded", "invite", "for",
    "invited", "thank", "introduce", "in", "to",
])  # fmt: skip


def _asked(before: str) -> bool:
    """Whether `before` ends with a verb whose object is a person, in work talk too, in
    English or in one of the customers' languages."""
    last = _ASKED_LAST_WORD.search(before.rstrip()[-16:])
    if last is None:
        return _told(before)
    word = last.group().lower()
    return (
        _told(before)
        or (word in _ASKED_LAST_WORDS and bool(_ASKED.search(before)))
        or (word in _ASKED_ABROAD_LAST_WORDS and bool(_ASKED_ABROAD.search(before)))
    )


# The same in the customers' languages: "Llamar a Xochitl", "hablé con Itzel", "appeler
# Maëlys", "parlé avec Énora", "falar com Iolanda", "parlato con Ornella", "bel Femke",
# "zadzwoń do Bożydara" (not "con" or "avec" alone: "con Acme", "avec le CRM")
_ASKED_ABROAD = re.compile(
    r"(?<![\w])(?:llam(?:ar|é|o|a|amos)\s+a|habl(?:ar|é|o|amos|ó)\s+con|escrib(?:ir|í|o)\s+a|"
    r"pregunt(?:ar|é|a)\s+a|reuni[oó]n\s+con|contact(?:ar|é|o)\s+(?:a|con)|"
    r"appeler|appelle|appelé|contacter|contacté|parl(?:er|é|ons)\s+(?:avec|à)|rencontré|"
    r"écrire\s+à|"
    r"falar\s+com|fal(?:ei|amos|ou)\s+com|lig(?:ar|uei|ou)\s+para|convers(?:ar|ei)\s+com|"
    r"parlato\s+con|parlare\s+con|chiamare|chiamato|"
    r"bel|bellen|gebeld\s+met|gesproken\s+met|"
    r"ruf|anrufen|"
    r"zadzwoń\s+do|dzwoniłem\s+do|rozmawiał(?:em|am)\s+z)\s+$",
    re.IGNORECASE,
)
_ASKED_ABROAD_LAST_WORDS = frozenset([
    "a", "con", "appeler", "appelle", "appelé", "contacter", "contacté", "avec", "à",
    "rencontré", "com", "para", "chiamare", "chiamato", "bel", "bellen", "met", "ruf",
    "anrufen", "do", "z",
])  # fmt: skip


_ASKED_LAST_WORD = re.compile(r"[a-z']+$", re.IGNORECASE)
_CAMEL = re.compile(r".[a-z]+[A-Z]")  # HubSpot, LinkedIn: products and companies


def _told(before: str) -> bool:
    """Whether `before` ends with a verb whose object is a person ("Manny told")."""
    last = _LAST_WORD.search(before.rstrip().removesuffix("/")[-16:])  # "talked w/"
    return (
        last is not None and last.group().lower() in _TOLD_LAST_WORDS and bool(_TOLD.search(before))
    )


# Header fields list people: every name-like word on the rest of the line is a name.
_LIST_ITEM = re.compile(r"[A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*")
# (The first letter is matched before the boundary is checked behind it, so that
# `re` can skip in C from one capital letter to the next; likewise below.)
_LIST = re.compile(
    r"[A-Z](?<!\w[A-Z])[^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*(?:[ \t]*,[ \t]*[A-Z][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*)+"
    r",?[ \t]+(?:and|or|&)[ \t]+[A-Z][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*\b"
)
# A line that holds one name and nothing else, bulleted or numbered or not: "- Priya Shah".
_NAME_LINE = re.compile(
    r"(?m)^[ \t]*(?:[-*•][ \t]+|\d{1,2}[.)][ \t]+)?"
    r"([A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*(?:[ \t][A-Z][^\W\d_]*(?:['’\-][^\W\d_]+)*){0,2})"
    r"[ \t]*$"
)
# Where a list can begin, and how far its items run ("O'Neil, Bo, Lee", up to
# where "and" must follow): every capital within begins a list that reads to
# the same place and ends there the same way, or fails (see `once_per_run`).
# What a list's last item follows, each opening with its word so that `re` looks for
# that word alone: the list's pattern tried at every capital of a text cost 40 µs per
# 2 KB, and most texts hold no "and" before a capital at all.
_LIST_JOINTS = tuple(re.compile(joint + r"[ \t]+[A-Z]") for joint in ("and", "or", "&"))
_LIST_START = re.compile(r"[A-Z](?<!\w[A-Z])")
_LIST_RUN = re.compile(
    r"[^\W\d_]*(?:['’\-][^\W\d_]+)*(?:[ \t]*,[ \t]*[A-Z][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*)*"
)
# Such a run with sixteen joins or more: only there is it read once per capital.
_LIST_CROWDED = re.compile(r"[,'’\-][ \t]*+(?:[^\W\d_]++(?:['’\-]|[ \t]*+,[ \t]*+)){15}")
_ABBREVIATIONS = frozenset(
    [
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Mon",
        "Tue",
        "Wed",
        "Thu",
        "Fri",
        "Sat",
        "Sun",
    ]
)
# Nationalities and languages: capitalised, sometimes surnames, but alone they describe.
_DEMONYMS = frozenset(
    [
        # a people whose name is a surname too ("Mbali Zulu"): alone, the people
        "Zulu",
        "American",
        "British",
        "English",
        "French",
        "German",
        "Spanish",
        "Italian",
        "Dutch",
        "Swedish",
        "Norwegian",
        "Danish",
        "Finnish",
        "Polish",
        "Czech",
        "Hungarian",
        "Greek",
        "Turkish",
        "Russian",
        "Ukrainian",
        "Chinese",
        "Japanese",
        "Korean",
        "Indian",
        "Irish",
        "Scottish",
        "Welsh",
        "Canadian",
        "Mexican",
        "Brazilian",
        "Argentinian",
        "Australian",
        "African",
        "Arabic",
        "Hebrew",
        "Portuguese",
        "Swiss",
        "Austrian",
        "Belgian",
        "European",
        "Asian",
        "Latin",
        "Persian",
        "Thai",
        "Vietnamese",
        "Filipino",
        "Indonesian",
        "Malay",
        "Romanian",
        "Bulgarian",
        "Serbian",
        "Croatian",
        "Slovak",
        "Slovenian",
        "Estonian",
        "Latvian",
        "Lithuanian",
        "Icelandic",
        "Catholic",
        "Christian",
        "Muslim",
        "Jewish",
        "Hindu",
        "Buddhist",
        "Arab",
        "Arabian",
        "Iraqi",
        "Iranian",
        "Israeli",
        "Palestinian",
        "Kurdish",
        "Kurd",
        "Syrian",
        "Lebanese",
        "Jordanian",
        "Saudi",
        "Kuwaiti",
        "Emirati",
        "Qatari",
        "Yemeni",
        "Omani",
        "Egyptian",
        "Libyan",
        "Algerian",
        "Moroccan",
        "Tunisian",
        "Sudanese",
        "Ethiopian",
        "Somali",
        "Kenyan",
        "Nigerian",
        "Ghanaian",
        "Rwandan",
        "Ugandan",
        "Tanzanian",
        "Zambian",
        "Zimbabwean",
        "Angolan",
        "Congolese",
        "Zairean",
        "Bosnian",
        "Serb",
        "Croat",
        "Albanian",
        "Macedonian",
        "Montenegrin",
        "Belarusian",
        "Armenian",
        "Azeri",
        "Kazakh",
        "Uzbek",
        "Afghan",
        "Pakistani",
        "Bangladeshi",
        "Nepalese",
        "Burmese",
        "Cambodian",
        "Malaysian",
        "Singaporean",
        "Philippine",
        "Taiwanese",
        "Mongolian",
        "Tibetan",
        "Cuban",
        "Haitian",
        "Jamaican",
        "Colombian",
        "Venezuelan",
        "Peruvian",
        "Chilean",
        "Bolivian",
        "Ecuadorian",
        "Uruguayan",
        "Paraguayan",
        "Argentine",
        "Briton",
        "Hutu",
        "Tutsi",
        "Sikh",
        "Moslem",
        "Sunni",
        "Shiite",
        "Protestant",
        "Orthodox",
        "Baltic",
        "Scandinavian",
        "Nordic",
        "Caribbean",
        "Hispanic",
        "Latino",
        "Latina",
        "Scot",
        "Swede",
        "Basque",
        "Catalan",
        "Aussie",
        "Kiwi",
    ]
)
# between the words of one name: "J. Smith", and "Jane+Doe" as a URL's query writes it
# (and the quotes of a nickname inside a name: "Abiodun 'Abi' Olatunji")
_NICKNAME_QUOTES = frozenset("'\"“”‘’")
_NAME_GAP = re.compile(r"[ \t]+|\.[ \t]*|\+|[ \t]+['\"“‘]|(?<=[a-z])['\"”’][ \t]+")


_LAST_FIRST_GAP = re.compile(r"^[ \t]*,[ \t]*\Z")  # (\Z: "$" also matches before a line break)
# Words after a first name in a header that name a group, not a surname: "To: Grace Team".
_GROUP_WORDS = frozenset(["Team", "Group", "Office", "Desk", "Dept", "Department", "List"])
_BESIDE = re.compile(r"[ \t]*,?[ \t]*")  # "MARIA KOWALSKI", "KOWALSKI, MARIA"

STRONG_FULL, WEAK_FULL, CUED, PROPAGATED = 0.85, 0.6, 0.75, 0.7
WITH_INITIAL = 0.8  # "Faina D. Yefremova": an initial between two words marks a name
WITH_INITIALS_BEFORE = 0.6  # "M. Butcher"
# A word no list knows with "he" or "she" after it: a person, most likely, but not sure
# enough to find the word again elsewhere in the text ("Chechnya ... he said")
WITH_PRONOUN_AFTER = 0.52
PLACE_OR_NAME = 0.55  # "Georgia", "London": a place's 0.6 wins, an allowed place's does not
LISTED = 0.65  # "Kónya, Becker and Vasquez" where most are known names
UNLISTED_PAIR = 0.5  # two capitalised words that are neither common words nor places
STRONG_ALONE, WEAK_ALONE = 0.6, 0.3  # a lone weak name needs a context word (+0.35)
LAST_ALONE = 0.5
_CONTEXT_WORDS = [
    "dear",
    "hi",
    "hello",
    "thanks",
    "regards",
    "mr",
    "mrs",
    "ms",
    "dr",
    "contact",
    "cc",
]


@dataclass
class _Token:
    start: int
    end: int
    text: str
    key: str  # lookup form: "SMITH" -> "Smith"
    first: bool | None  # None: not a first name; else strong
    last: bool | None
    common: bool
    initial: bool
    shouted_surname: bool = False  # KOWALSKI after MARIA: unlisted, but not a word either
    title: bool = False  # Mr, Dr, Sra (see `_title_word`)

    @property
    def nameish(self) -> bool:
        return self.first is not None or self.last is not None or self.initial or not self.common


_WORD_GOES_ON = re.compile(r"\w*")
_AFTER_A_PERSON = re.compile(r"(?:'s)?(?:[ \t]+[a-z]|[,;:!?)]|\.(?!\w))")
_DETERMINER_BEFORE = re.compile(r"(?i:\b(?:the|a|an|this|that|our|their|your)[ \t]+)\Z")


def _surnames_after_first_names(text: str, tokens: list[_Token], scores: list[float]) -> set[str]:
    """The listed surnames found right after a listed first name in one name."""
    return {
        tokens[k].key
        for k in range(1, len(tokens))
        if scores[k] >= WEAK_FULL
        and scores[k - 1] >= WEAK_FULL
        and tokens[k - 1].first is not None
        and tokens[k].last is not None
        and _one_name(text, tokens[k - 1], tokens[k])
    }


# What follows a verb opening a sentence as its object: "Mark the calendar", "Sue them",
# "Hope you are well", "Mark as read"
_OBJECT_AFTER = re.compile(
    r"[ \t]+(?:the|a|an|them|him|her|it|you|us|me|your|our|their|my|his|its|this|that|"
    r"these|those|as|up|down|off|out|all|everyone)\b"
)


# A surname that opens with a particle in lower case joined by a hyphen, which no token
# holds (a word that opens in lower case is none): "Omar al-Farsi", "Tamar ben-David".
_HYPHENED_SURNAME = re.compile(
    r"[ \t]+(?:al|el|ben|bin|bint|bat|ibn|abu|ould|ag|ait|de|di|da|van|von)-"
    rf"[{LATIN_CAPITAL}][^\W\d_]+(?:['’\-][^\W\d_]+)*"
)


def _with_hyphened_surnames(text: str, results: list) -> list:  # type: ignore[type-arg]
    """The names found, each with such a surname after it."""
    if "-" not in text:
        return results
    for result in results:
        if surname := _HYPHENED_SURNAME.match(text, result.end):
            result.end = surname.end()
    return results


def _first_names_before_surnames(text: str, tokens: list[_Token], scores: list[float]) -> set[str]:
    """The listed first names found right before a surname in one name."""
    return {
        tokens[k].key
        for k in range(len(tokens) - 1)
        if scores[k] >= WEAK_FULL
        and scores[k + 1] >= WEAK_FULL
        and tokens[k].first is not None
        and not tokens[k + 1].initial
        and _one_name(text, tokens[k], tokens[k + 1])
    }


def _alone_as_a_person(text: str, token: _Token) -> bool:
    """A capitalised word followed by a lower-case word or a mark, no article before it."""
    return bool(_AFTER_A_PERSON.match(text, token.end)) and not _DETERMINER_BEFORE.search(
        text, max(0, token.start - 8), token.start
    )


# Between two cells of a row, and where a cell opens and closes: a comma, semicolon, tab
# or pipe (quoted or not), a table's cell tags, a JSON array's items.
_CELL_BREAK = re.compile(
    r"[ \t]*[\"']?[ \t]*(?:[,;|\t\n]|</t[dh]>[ \t]*<t[dh](?:[ \t][^<>]{0,80})?>)[ \t]*[\"']?[ \t]*"
)  # (a table's tags are read as line breaks where the view drops markup)
_CELL_OPENS = re.compile(r"(?:^|[\n,;|\t\[>])[ \t]*[\"']?[ \t]*\Z")
_CELL_CLOSES = re.compile(r"[ \t]*[\"']?[ \t]*(?:[\n,;|\t\]<]|\Z)")


def _after_a_nickname(text: str, nickname: _Token, after: _Token) -> bool:
    gap = text[nickname.end : after.start]
    return (
        len(gap) >= 2
        and gap[0] in _NICKNAME_QUOTES
        and not gap[1:].strip(" \t")
        and text[nickname.start - 1 : nickname.start] in _NICKNAME_QUOTES
        and not after.text.isupper()
    )


def _one_name(text: str, a: _Token, b: _Token) -> bool:
    """Whether `b` continues the name `a` is part of: a space between, or a dot after an
    initial or a title ("J. Smith", "Mr. Smith"), not the full stop after a word."""
    gap = _NAME_GAP.fullmatch(text, a.end, b.start)
    if not gap:
        return False
    between = gap.group()
    if between[-1] in _NICKNAME_QUOTES:  # opens a nickname: it must close right after it
        return text[b.end : b.end + 1] in _NICKNAME_QUOTES
    if between[0] in _NICKNAME_QUOTES:  # closes one: it must have opened right before it,
        # after a space, not as a value's quotes: 'FirstName="Jürgen" LastName="Müller"'
        return text[a.start - 1 : a.start] in _NICKNAME_QUOTES and (
            a.start < 2 or text[a.start - 2].isspace()
        )
    return "." not in between or a.initial or a.title


# The endings of a Russian verb's past, present and imperative ("звонил", "просила",
# "пишет", "позвоните"), which no listed name of these scripts has, in Cyrillic only.
# (not "-иил", "-аил": "Даниил", "Михаил")
_RUSSIAN_VERB_ENDING = re.compile(
    "(?:(?<![иа])[аеиыяу]л[аио]?|[аеиыяу]ли|[иы]те|йте|[её]т|[ия]т|[ую]т|ешь|ишь|ть|ться|тся|ьте)$"
)


def _opening_article(text: str, token: _Token) -> bool:
    """ "A" opening a sentence, with no dot after it: "A Wes Anderson video" is no
    initial's (mid-sentence and dotted, "A Smith", "A. Smith", it is one)."""
    return (
        token.text == "A"
        and text[token.end : token.end + 1] != "."
        and text[max(0, token.start - 8) : token.start].rstrip(" \t")[-1:] in _SENTENCE_ENDS
    )


_SENTENCE_ENDS = frozenset(["", ".", "!", "?", ":", ";", "(", '"', "“", "\n"])


def _tokens(text: str, words: Lexicon) -> list[_Token]:
    tokens = []
    # What the lists say of each distinct word, read once per text: a text repeats
    # its names and capitalised words (held for this call only).
    read: dict[str, tuple[str, bool | None, bool | None, bool, bool, bool]] = {}
    for m in capitalised_words(text):
        word, end = m.group(), m.end()
        if len(word) > 3 and word[-2:] in ("'s", "’s"):
            word, end = word[:-2], end - 2  # "Natarajan's boss": the name is Natarajan
        elif ("'" in word or "’" in word) and (ending := TURKISH_ENDING.search(word)):
            stem = word[: ending.start()]  # "Ahmet'in raporu", "Elif'e söyle": Ahmet, Elif
            if stem in words.first_names or stem in words.last_names:
                word, end = stem, end - (len(word) - len(stem))
        start = m.start()
        # (most words have a space or a comma on both sides: no address to look for)
        if (
            text[start - 1 : start] in _ADDRESS_MARKS
            or text[end : end + 1] in _ADDRESS_MARKS
            or "/" in text[max(0, start - 4) : start]
        ) and _inside_address(text, start, end):
            continue
        if word.lower() in FOREIGN_CUES:
            continue  # "Hola Carmen", "Beste Sanne": a cue for the name, not part of it
        if (word == "I" and _PRONOUN_AFTER.match(text, end)) or (
            ("'" in word or "’" in word) and _CONTRACTION.fullmatch(word)
        ):
            continue  # "Tell Bob I said hi", "Ann I'll call": not an initial, not a name
        known = read.get(word)
        if known is None:
            known = read[word] = _read_word(word, words)
        key, first, last, common, shouted_surname, title = known
        tokens.append(
            _Token(
                start, end, word, key, first, last, common, len(word) == 1, shouted_surname, title
            )
        )
    return tokens


# Case endings of Polish and Czech names ("z Grzegorzem", "s panem Dvořákem", "Kowalskiego"):
# the name is the stem, or the stem and its nominative ending.
_CASE_ENDINGS = (
    ("skiego", "ski"), ("skiemu", "ski"), ("skim", "ski"), ("ckiego", "cki"), ("ckiemu", "cki"),
    ("ckim", "cki"), ("owi", ""), ("ego", ""), ("emu", ""), ("iem", ""), ("em", ""),
    ("ą", "a"), ("ę", "a"),
)  # fmt: skip
# (not the endings that English and other languages' words share: "-a", "-u", "-ie", "-y")
# Russian and Ukrainian names in their cases ("Передайте Марии", "с Анной Смирновой",
# "Сергею Иванову"), in Cyrillic only, where the endings are no other language's.
_CYRILLIC_CASE_ENDINGS = (
    ("ии", "ия"), ("ьи", "ья"), ("ию", "ия"), ("ей", "я"), ("ой", "а"), ("ою", "а"),
    ("ым", ""), ("ом", ""), ("ем", "й"), ("ею", "я"), ("ую", "ая"), ("ого", ""), ("ому", ""),
    ("ы", "а"), ("и", "а"), ("е", "а"), ("у", "а"), ("у", ""), ("ю", "я"), ("ю", "й"),
    ("я", "й"), ("а", ""),
)  # fmt: skip
_CASE_ENDING_LETTERS = frozenset(
    ending[-1] for ending, _ in (*_CASE_ENDINGS, *_CYRILLIC_CASE_ENDINGS)
)


def _declined(key: str, words: Lexicon) -> tuple[bool | None, bool | None]:
    """(first, last) of the name `key` declines, where its stem is a name that is mostly
    one (strongly listed); (None, None) otherwise."""
    if key[-1] not in _CASE_ENDING_LETTERS:
        return None, None  # most words: one look-up
    cyrillic = "\u0400" <= key[0] <= "\u04ff"
    for ending, nominative in _CYRILLIC_CASE_ENDINGS if cyrillic else _CASE_ENDINGS:
        if key.endswith(ending) and len(key) - len(ending) >= (3 if cyrillic else 4):
            stem = key[: len(key) - len(ending)] + nominative
            first, last = words.first_names.get(stem), words.last_names.get(stem)
            if first or last:
                return (True if first else None), (True if last else None)
    return None, None


def _read_word(word: str, words: Lexicon) -> tuple[str, bool | None, bool | None, bool, bool, bool]:
    """(lookup key, first, last, common, shouted surname, title) of a capitalised word."""
    shouting = word.isupper() and len(word) > 1
    # "O'BRIEN" -> "O'Brien", "SMITH-JONES" -> "Smith-Jones"
    key = (word.title() if _INNER_JOIN.search(word) else word.capitalize()) if shouting else word
    first, last = words.first_names.get(key), words.last_names.get(key)
    if first is None and last is None and not key.isascii():
        first, last = listed(words.first_names, key), listed(words.last_names, key)
    if first is None and last is None and "-" in key:
        first = _joined_first_names(key, words)  # "Sven-Göran", "Anna-Lena"
    if first is None and last is None and not shouting and key.lower() not in words.common_words:
        first, last = _declined(key, words)
    if last is None and _surname_by_shape(key, words):
        last = True  # "McAllister", "McTavish": a surname whatever list lacks it
    common = (
        key.lower() in words.common_words
        and not (first or last)
        or key in _ABBREVIATIONS
        or (not shouting and _JARGON_SHAPE.fullmatch(key) is not None)  # "KPIs", "SaaS"
        or key in _DEMONYMS
        or (key[-1:] == "s" and key[:-1] in _DEMONYMS)  # "Iraqis", "Serbs"
        or (first is None and last is None and key in _TEAMS_AND_DEPARTMENTS)
        or (shouting and first is None and last is None)  # ACME, ENRON, USA: not names
        # a Russian verb opening a sentence before a name: "Звонил Иванов", "Позвоните Анне"
        or (
            first is None
            and last is None
            and not key.isascii()
            and _RUSSIAN_VERB_ENDING.search(key) is not None
        )
    )
    shouted_surname = (
        shouting and first is None and last is None and key.lower() not in words.common_words
    )
    return key, first, last, common, shouted_surname, _title_word(key, word)


def _joined_first_names(key: str, words: Lexicon) -> bool | None:
    """Two listed first names joined by a hyphen are one ("Sven-Göran", "Marie-Claire"),
    strong where both are."""
    parts = key.split("-")
    if len(parts) != 2 or not all(part[:1].isupper() for part in parts):
        return None
    found = [listed(words.first_names, part) for part in parts]
    if None in found or all(listed(words.last_names, part) is not None for part in parts):
        return None  # (not a double-barrelled surname: "Smith-Jones")
    return all(found)


_ADDRESS_MARKS = frozenset("@/._")
# Shapes no name has: an acronym's plural ("KPIs", "OKRs", "CEOs") or a capital after
# lower case at a word's end ("SaaS", "PaaS"); names' inner capitals come before lower
# case ("McDonald", "DeVries", "LeBlanc").
_JARGON_SHAPE = re.compile(r"[A-Z]{2,}[a-z]{1,2}|[A-Za-z]*[a-z][A-Z]")
# Mc, De, Di, Le, La or Du and a capitalised rest ("McAllister", "DeVries", "LeBlanc",
# "DiCaprio"): only surnames are written so (not "Mac", "MacBook"), but for
# companies named after someone ("McKinsey") and their plural-looking brands ("McDonalds")
_SURNAME_SHAPE = re.compile(r"(?:Mc|De|Di|Le|La|Du)[A-Z][a-z]*[a-rt-z]|[DO]['’][A-Z][a-z]{2,}")


def _surname_by_shape(key: str, words: Lexicon) -> bool:
    """ "McAllister", "LeBlanc", "D'Souza", "O'Driscoll"; not "McKinsey", a company.

    (Not two surnames joined by a hyphen: "Mayo-Walters invested" is as often a
    company's name, and the development set lost precision to it.)
    """
    return bool(_SURNAME_SHAPE.fullmatch(key)) and key.casefold() not in words.organisations


_INNER_JOIN = re.compile(r"['’\-]")
_CONTRACTION = re.compile(r"[A-Za-z]+['’](?:m|ll|d|ve|re|t|ing)")  # "I'll", "CC'ing"
_PRONOUN_AFTER = re.compile(r"[ \t]+[a-z]|['’](?:m|ll|d|ve)\b")
_SAINT = frozenset(["St", "Saint", "Ste", "Sainte"])
_WHO_AFTER = re.compile(r"[ \t]*,[ \t]*who(?:se|m)?\b")


def _a_place(
    text: str, tokens: list[_Token], i: int, end: int, words: Lexicon, before: str
) -> bool:
    """Whether the name-like words i to `end` are a place's name rather than a person's."""
    token = tokens[i]
    lone = end == i + 1
    if lone and token.key in words.regions and not greeted(text, token.start):
        return True  # "Georgia", but "Dear Georgia"
    if (
        lone
        and token.key in words.major_cities
        and not (
            # a surname after a first name: "Ken Austin" (the place recognizer reads it so too)
            (
                i
                and tokens[i - 1].first is not None
                and not tokens[i - 1].common
                and _one_name(text, tokens[i - 1], token)
            )
            or _cued(before)
            or addressed(text, token.start, token.end)
        )
    ):
        return True  # "London", "Atlanta", but "Sydney, the deck is in"
    return _is_place(tokens, words, i, end) and (
        not token.first or (lone and place_expected(text, token.start))
    )


# Listed as first names, but before another word a month, day, direction or title:
# "June Comelf", "North Caucasus".
_NOT_FIRST_HERE = CALENDAR_WORDS | {
    "North",
    "South",
    "East",
    "West",
    "Central",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Lord",
    "Lady",
    "God",
    # colours, which open places' and products' names as often ("Red Rock", "Blue Ridge")
    "Red",
    "Blue",
    "Golden",
}


def _header_pair(
    text: str, tokens: list[_Token], i: int, words: Lexicon, *, in_body: bool = False
) -> bool:
    """Whether token i is one of a "Last, First" pair alone between a header's separators,
    named by one side: "To: Ng, Kevin; Osei, Ama" (Kevin is a first name; Osei no word).

    In a body ("Attendees: Delacroix, Amélie; Moreau, Théo") only a strong first name
    after the comma names the pair, and the side before it is no word and no place,
    or a listed surname whatever else it is ("Doe, Jane; Brown, Robert; Green, Alice").
    """
    for a in (i - 1, i):
        if a < 0 or a + 1 >= len(tokens):
            continue
        last, first = tokens[a], tokens[a + 1]
        if in_body and not (
            first.first
            and first.key not in words.regions
            and not last.text.isupper()
            and ((not last.common and not _is_place([last], words)) or last.last is not None)
        ):
            continue
        if (
            _LAST_FIRST_GAP.match(text[last.end : first.start])
            and _char_before(text, last.start) in ("", ":", ";", "<", "\n", "|")
            and _HEADER_PAIR_END.match(text, first.end)
            and not (last.initial or first.initial)
            and (
                # a first name after the comma names the pair, a town before it or not
                # ("Worthing, Ashley"), unless it is a state or country ("Dallas,
                # Georgia"); else neither side may be a place ("Houston, Texas")
                (first.first is not None and first.key not in words.regions)
                or (
                    last.nameish
                    and not last.common
                    and not _is_place([last], words)
                    and not _is_place([first], words)
                )
            )
        ):
            return True
    return False


def _char_before(text: str, at: int) -> str:
    """The character before `at` and the spaces or tabs before it; "" at the text's start."""
    while at and text[at - 1] in " \t":
        at -= 1
    return text[at - 1] if at else ""


# What may follow the pair: a separator, the line's end, or a note about the person
# ("Kowalski, Maria (Procurement)", "Kowalski, Maria - EMEA", "| Kowalski, Maria |").
_HEADER_PAIR_END = re.compile(r"[ \t]*(?:[;<\n(|\[]|[—–]|-[ \t]|$)")


# A dash that opens the text's last line, before the name signing it: "-Kat", "— Katarzyna".
_DASH_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:-{1,2}|[—–])[ \t]*$")
# a dash after words on the same line, spaced (a hyphen too: text is read with its
# dashes folded to one): no bullet can be
_DASH_IN_LINE = re.compile(r"[^\s\-—–][ \t]+(?:[—–]|-{1,2})[ \t]+$")
_ONLY_SPACE_LEFT = re.compile(r"\s*\Z")


def _dash_signed(text: str, start: int, end: int) -> bool:
    """Whether the name from `start` to `end` signs the text after a dash, at its end: after
    words on the line, or opening the last line where that dash is no bullet (the line
    before neither is one nor introduces a list)."""
    if not _ONLY_SPACE_LEFT.match(text, end):
        return False
    if _DASH_IN_LINE.search(text, max(0, start - 8), start):
        return True  # "can you review? — Olamide", "Greetings from Ulaanbaatar – Batbayar"
    if not _DASH_BEFORE.search(text, max(0, start - 8), start):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    previous = text[:line_start].rstrip()
    previous = previous[previous.rfind("\n") + 1 :].strip()
    return bool(previous) and previous[0] not in "-—–•*" and not previous.endswith(":")


def _hailed(text: str, token: _Token) -> bool:
    """A first name opening its line before a comma: "Mark, can you send it?"."""
    return (
        token.first is not None
        and not token.text.isupper()  # "IRVINE, Calif": a dateline
        and hailed(text, token.start, token.end)
    )


def _double_barrelled(surname: str, words: Lexicon) -> bool:
    """ "Okonkwo-Smith", "Garcia-Lopez": two capitalised parts, one a listed surname,
    neither a place, and no company's name ("Hewlett-Packard")."""
    parts = surname.split("-")
    return (
        len(parts) == 2
        and all(part[:1].isupper() and part not in words.places for part in parts)
        and any(listed(words.last_names, part) for part in parts)
        and surname.casefold() not in words.organisations
    )


def _weak_first_before_surname(
    text: str, tokens: list[_Token], words: Lexicon, i: int, runs: _Runs
) -> bool:
    """'Mark Philippoussis', 'Guy Forget': a first name that is mostly a word ("mark",
    "guy") before a word that is mostly a surname is a name. Before a surname that is
    also a place, only within a sentence: "contact is Jack London", not "Will London"."""
    if tokens[i].first is None or runs.end[i] != i + 2:
        return False
    after = tokens[i + 1]
    if tokens[i].key in CALENDAR_WORDS:
        # a month that is a first name too, before a surname the lists hold as one, and
        # no word that a date follows: "April Kepner", "June Carter"; not "to June Comelf",
        # "in April Smith joined"
        return (
            after.last is True
            and not after.text.isupper()
            and not _DATE_WORD_BEFORE.search(text, max(0, tokens[i].start - 12), tokens[i].start)
        )
    if tokens[i].key in _NOT_FIRST_HERE:
        return False
    if after.text.isupper():
        return False
    if after.common:
        # a surname that is also a word ("Mark Brown", "Grace Young"), capitalised
        # where nothing but a name would be: the pair is a name
        return after.last is not None and not _is_place(tokens, words, i + 1)
    if _is_place(tokens, words, i + 1):
        # within a sentence, or opening one before a verb: "Dawn Allen called"; or the
        # value of a field that holds no place: "Customer: Jack Henderson"
        return after.last is not None and (
            mid_sentence(text, tokens[i].start)
            or _LOWER_WORD_AFTER.match(text, after.end) is not None
            or _field_of_no_place(text, tokens[i].start)
            or _asked(text[max(0, tokens[i].start - 40) : tokens[i].start])  # "Ask Mark Carney"
        )
    return after.last is not None or _unlisted_name_shape(after)


def _word_name_where_a_name_is(text: str, token: _Token, words: Lexicon) -> bool:
    """A first name that is mostly a word, as a name: a rarer word anywhere, one of the
    commonest within a sentence or after a field's mark."""
    rare = words.word_first_names.get(token.key)
    if rare is None or token.first is not None:
        return False
    before = text[max(0, token.start - 40) : token.start]
    return (
        rare
        or mid_sentence(text, token.start)
        or _FIELD_BEFORE.search(before) is not None
        # after a verb whose object is a person: "Ask Will Turner", "Thank Hope Mills"
        or _asked(before)
    )


def _word_name_before_surname(
    text: str, tokens: list[_Token], words: Lexicon, i: int, runs: _Runs
) -> bool:
    token = tokens[i]
    if token.key not in words.word_first_names or runs.end[i] != i + 2:
        return False  # (most words: the first test)
    after = tokens[i + 1]
    return (
        after.last is True
        and not after.common
        and not after.text.isupper()
        and not _is_place(tokens, words, i + 1)
        # one of the commonest words only where its capital says name: within a sentence,
        # after a field, or before a role or what people do with words ("with Lucky
        # Sandhu", "contact = Sole Vespa", "Harsh Vardhan (CTO)", "Will Turner replied";
        # not "Add Karlsson to the thread", nor the modal's "Will Turner sign?")
        and (
            _word_name_where_a_name_is(text, token, words)
            or (token.first is None and _ROLE_AFTER.match(text, after.end) is not None)
            or (token.first is None and _SAID_AFTER.match(text, after.end) is not None)
        )
    )


_FIELD_BEFORE = re.compile(r"[\w)\]][ \t]*[:=][ \t]*\Z")
# A field's label that holds a place: "Location: Will London" is no one.
_PLACE_LABEL = re.compile(
    r"(?i:location|city|town|address|office|site|region|venue|destination|ship[ \t]+to|"
    r"deliver[ \t]+to|based[ \t]+in|where|from|to|hq|headquarters|branch)[ \t]*[:=][ \t]*\Z"
)


def _field_of_no_place(text: str, start: int) -> bool:
    """Whether a field's mark comes right before `start`, after a label that names no place."""
    before = text[max(0, start - 40) : start]
    return _FIELD_BEFORE.search(before) is not None and _PLACE_LABEL.search(before) is None


def _word_as_surname(text: str, tokens: list[_Token], i: int, words: Lexicon) -> bool:
    """A capitalised word that no list has as a name, after a first name that is mostly a
    name and within a sentence, with nothing capitalised after it: the surname ("by
    Beatrix Kiddo from Pasadena"); not a thing named after someone ("the Nobel Prize",
    "Ada Lovelace Day"), a group, a place, nor a heading's words in title case."""
    if not tokens[i].first or tokens[i].common or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1]
    return (
        after.common
        and after.first is None
        and after.last is None
        and not (after.initial or after.title or after.text.isupper())
        and after.key not in _GROUP_WORDS
        and after.key not in _NAMED_AFTER_SOMEONE
        and after.key not in CALENDAR_WORDS
        and _one_name(text, tokens[i], after)
        and not _CAPITAL_AFTER.match(text, after.end)
        # (or opening one, where a word in lower case follows as a verb would: "James Small
        # called", not a heading's "Maria Sales Team")
        and (
            mid_sentence(text, tokens[i].start)
            or (
                _LOWER_WORD_AFTER.match(text, after.end) is not None
                and after.key not in _INSTITUTION_WORDS  # "Roman Catholic", "Jones Medical"
            )
        )
        and not _is_place([after], words)
        # not a company the lists know by both words: "Johnson Controls", "Dow Chemical"
        and not any(
            name == f"{tokens[i].key} {after.key}"
            for name, _ in words.organisations.get(tokens[i].key.casefold(), ())
        )
    )


_LOWER_WORD_AFTER = re.compile(r"[ \t]+[a-z]{2,}\b")
# What a company or a body is named with after a person's or a place's name
_INSTITUTION_WORDS = frozenset(
    ["Research", "Medical", "Chemical", "Chemicals", "Pipeline", "Controls", "Catholic",
     "Systems", "Solutions", "Holdings", "Partners", "Capital", "Energy", "Industries", "Labs",
     "Technologies", "Software", "Pharma", "Foods", "Motors", "Airlines", "Insurance",
     "Financial", "Consulting", "Logistics", "Healthcare", "Media", "Studios", "Entertainment"]
)  # fmt: skip


def _word_after_a_title(text: str, tokens: list[_Token], i: int) -> bool:
    """Whether the capitalised word after the title tokens[i] is a surname though it is a
    word too: a title with its full stop or one no word shares ("Mr", "Mrs", "Ms"), and
    no month, group, team or initial after it."""
    if i + 1 >= len(tokens):
        return False
    after = tokens[i + 1]
    return (
        _one_name(text, tokens[i], after)
        and (
            text[tokens[i].end : tokens[i].end + 1] == "."
            # (not in capitals without its full stop: "MS Word", "MX Onda")
            or (tokens[i].key in _PLAIN_TITLES and not tokens[i].text.isupper())
        )
        and not (after.initial or after.title or after.text.isupper())
        and after.key not in CALENDAR_WORDS
        and after.key not in _GROUP_WORDS
        and after.key not in _TEAMS_AND_DEPARTMENTS
    )


# A field's label opening the line before a value: "Customer: ", "Kunde: "
_FIELD_LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-ZÀ-Þ][\w ]{1,24}:[ \t]*\Z")
_LINE_ENDS = re.compile(r"[ \t]*(?:\n|\Z|[,;|])")
_PLAIN_TITLES = frozenset(["Mr", "Mrs", "Ms", "Mx", "Miss", "Mme", "Mlle", "Frau", "Herr"])


def _cued_surname(text: str, tokens: list[_Token], i: int, words: Lexicon) -> bool:
    """Whether the word after the first name tokens[i] may be its surname where a cue
    leads to them: no initial, title, group, month, place or thing named after someone."""
    if tokens[i].first is None or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1]
    return (
        not (after.initial or after.title)
        and after.key not in _GROUP_WORDS
        and after.key not in _NAMED_AFTER_SOMEONE
        and after.key not in CALENDAR_WORDS
        and after.key not in _TEAMS_AND_DEPARTMENTS
        and _one_name(text, tokens[i], after)
        and not _is_place([after], words)
        and not followed_by_company_suffix(text, tokens[i].end)  # "Aunt Bertha Inc"
        and not followed_by_company_suffix(text, after.end)
        and not (  # "Grace Hopper Foundation", "the Grace Hopper Team"
            i + 2 < len(tokens)
            and _one_name(text, after, tokens[i + 2])
            and (tokens[i + 2].key in _NAMED_AFTER_SOMEONE or tokens[i + 2].key in _GROUP_WORDS)
        )
    )


# A team or a department signing in the customers' languages ("— Equipa Comercial",
# "Grüße, Vertriebsteam", "Servizio Clienti"): words, not names, as English's "Sales Team".
_TEAMS_AND_DEPARTMENTS = frozenset(
    ["Equipa", "Equipo", "Équipe", "Equipe", "Squadra", "Zespół", "Abteilung", "Departamento",
     "Département", "Dipartimento", "Afdeling", "Vertrieb", "Vertriebsteam", "Kundenservice",
     "Kundendienst", "Comercial", "Ventas", "Vendas", "Ventes", "Vendite", "Atendimento",
     "Suporte", "Soporte", "Assistenza", "Servizio", "Clienti", "Cliente", "Clientes",
     "Kundenbetreuung", "Verkauf", "Einkauf", "Buchhaltung", "Geschäftsleitung", "Leitung",
     "Direzione", "Dirección", "Direção", "Direction", "Service", "Serviço", "Servicio",
     "Kunde", "Kundin", "Kunden"]
)  # fmt: skip


# Things named after someone, which follow the name as a surname would.
_NAMED_AFTER_SOMEONE = frozenset(
    ["Day", "Award", "Awards", "Prize", "Foundation", "Institute", "School", "Hall", "Center",
     "Centre", "Street", "Road", "Avenue", "Bridge", "Park", "Memorial", "Museum", "Library",
     "Hospital", "University", "College", "Airport", "Station", "Church", "Cathedral", "Tower",
     "Building", "Fund", "Trust", "Effect", "Law", "Syndrome", "Disease", "Method", "Test",
     "Theorem", "Cup", "Trophy", "Medal", "Lecture", "Fellowship", "Scholarship", "Show",
     "Collection", "Estate", "House", "Square", "Lane", "Drive", "Way", "Boulevard", "Plaza",
     "Stadium", "Arena", "Theatre", "Theater", "Gallery", "Studio", "Studios", "Records",
     "Productions", "Company", "Corporation", "Group", "Team", "Band", "Orchestra", "Quartet",
     "Trio", "Ensemble", "Project", "Report", "Act", "Plan", "Doctrine", "Era", "Age",
     # places named so ("Jackson Hole", "Mathias Pass")
     "Union", "Pass", "Flat", "Flats", "Trail", "Hole", "Creek", "Valley", "Hill", "Hills",
     "Heights", "Springs", "Falls", "Point", "Beach", "Island", "Bay", "Harbor", "Harbour",
     "Port", "Lake", "River", "Mountain", "Mount", "Forest", "Woods", "Canyon", "Ridge",
     # companies named so ("Warner Bros", "Reagan Communications")
     "Communications", "Bros", "Brothers", "Associates", "Partners", "Holdings", "Industries",
     "Enterprises", "Media", "Capital", "Ventures", "Labs", "Systems", "Solutions",
     "Services", "Motors", "Airlines", "Pharmaceuticals", "Consulting", "Financial",
     "Insurance", "Energy", "Sales", "Marketing", "Finance", "Support"]
)  # fmt: skip
_CAPITAL_AFTER = re.compile(r"[ \t]+[A-Z]")


_DATE_WORD_BEFORE = re.compile(
    r"\b(?i:in|on|since|by|until|till|from|to|during|of|next|last|this|early|late|mid|"
    r"before|after|through|thru)[ \t]+$"
)


def _unlisted_name_shape(token: _Token) -> bool:
    return (
        not token.common and not token.initial and len(token.text) >= 3 and not token.text.isupper()
    )


def _is_place(tokens: list[_Token], words: Lexicon, i: int = 0, end: int | None = None) -> bool:
    """Whether tokens i to `end` (all of them: None) begin with a known place's name."""
    return _place_words(tokens, words, i, end) > 0


def _place_words(tokens: list[_Token], words: Lexicon, i: int, end: int | None = None) -> int:
    """How many of tokens i to `end` (all of them: None) the longest known place they begin with
    holds; 0 for none."""
    candidates = words.places.get(tokens[i].key, ())  # longest first
    if not candidates:
        return 0
    if (
        (end is None or end > i + 1)
        and i + 1 < len(tokens)
        and (tokens[i].key, tokens[i + 1].key) not in words.place_pairs
    ):
        # the next word begins none of the longer ones: "Maria Kowalski"
        return 1 if candidates[-1] == (tokens[i].key,) else 0
    # only as many words as the longest candidate: a run can be thousands long
    last = i + len(candidates[0]) if end is None else min(end, i + len(candidates[0]))
    keys = tuple(t.key for t in tokens[i:last])
    return next((len(place) for place in candidates if keys[: len(place)] == place), 0)


_BEFORE_EMPHASIS = frozenset(" \t\n([\"'*>|:,;")
_EMPHASIS_CLOSES = re.compile(r"_{1,2}(?![\w@/\-]|\.\w)")


def _emphasis_opens(text: str, start: int) -> bool:
    """Whether the "_" (or "__") before `start` opens Markdown's emphasis: "_Priyanka"."""
    at = start - 2 if text[start - 2 : start] == "__" else start - 1
    return at == 0 or text[at - 1] in _BEFORE_EMPHASIS


def _inside_address(text: str, start: int, end: int) -> bool:
    """A word that is part of an email address or URL (jane.doe@..., /HOU/ECT@ECT).

    The name before a Lotus Notes address's office codes (Mark Ellis/LON/CORP@CORP)
    is the person's, not the address's; so is a name mentioned with an @ of its own
    ("cc @Declan"), which no address has before it.
    """
    left = text[max(0, start - 1) : start]
    right = text[end : end + 1]
    # Markdown's emphasis is no identifier: "_Priyanka Raman_", "__Jane__"
    if left == "_" and _emphasis_opens(text, start):
        left = " "
    if right == "_" and _EMPHASIS_CLOSES.match(text, end):
        right = " "
    if right == "/" and left != "/" and _NOTES_OFFICES.match(text, end):
        return False
    if "/" in (left, right) and _slashed_pair(text, start, end):
        return False  # "ask Olivia/Liam": two words, no path
    if (
        left == "@"
        and not text[max(0, start - 2) : start - 1].strip(" \t\n(,;:")
        and (right not in ("@", "/", "_", ".") or not text[end + 1 : end + 2].isalpha())
    ):
        return False  # a mention
    return (
        left in ("@", "/", ".", "_")
        or right in ("@", "/", "_")
        or (right == "." and text[end + 1 : end + 2].isalpha())
        or _spaced_office_code(text, start, end)
    )


# Two capitalised words joined by one slash, with nothing of a path or an address about them.
_SLASHED_PAIR = re.compile(r"(?<![\w/.@:\-])[A-ZÀ-Þ][a-zß-ÿ]+/[A-ZÀ-Þ][a-zß-ÿ]+(?![\w/@\-]|\.\w)")
_SLASHED_PAIR_END = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ]+/[A-ZÀ-Þ][a-zß-ÿ]+\Z")


def _slashed_pair(text: str, start: int, end: int) -> bool:
    if text[end : end + 1] == "/":
        return bool(_SLASHED_PAIR.match(text, start))
    before = _SLASHED_PAIR_END.search(text, max(0, start - 40), end)
    return before is not None and bool(_SLASHED_PAIR.match(text, before.start()))


_SLASH_BEFORE = re.compile(r"/[ \t]*$")
_SLASH_OR_AT_AFTER = re.compile(r"[ \t]*[/@]")


def _spaced_office_code(text: str, start: int, end: int) -> bool:
    """An office code of a Notes address copied with spaces: "Doug Leach / HOU / ECT@ECT"."""
    return (
        "/" in text[max(0, start - 4) : start]
        and bool(_SLASH_BEFORE.search(text, max(0, start - 4), start))
        and bool(_SLASH_OR_AT_AFTER.match(text, end))
    )


# The office codes after a Notes name: "/LON/CORP@CORP", "/NA/Enron@Enron", "/Corp/Enron".
_NOTES_OFFICES = re.compile(
    r"(?:/[A-Z][A-Za-z0-9\-]*)+@[A-Z][A-Za-z0-9\-]*\b"
    r"|(?:/[A-Z][A-Za-z0-9\-]*){2,}(?![\w/@.\-])"
)
_NOT_INITIALS = frozenset(
    [
        "OK",
        "NO",
        "PS",
        "US",
        "UK",
        "EU",
        "HR",
        "IT",
        "AM",
        "PM",
        "FYI",
        "TBD",
        "CEO",
        "CFO",
        "CTO",
        "COO",
        "VP",
    ]
)
# Initials after a sign-off, on its line or the next ("Cheers,\nJK", "Thanks, SPR"),
# or alone on the last line of a message ("...back in touch.\nMK\nOriginal Message"):
# whoever signs.
# (opening a line, or after a sentence's end on the message's last line: "see attached.
# Rgds, JT"; with a dash too: "Thanks -JT")
_SIGNED_INITIALS = re.compile(
    r"(?m)(?:^|(?<=[.!?][ \t]))[ \t]*(?i:thanks|thank\s+you|many\s+thanks|regards|best|"
    r"best\s+regards|kind\s+regards|warm\s+regards|cheers|sincerely|talk\s+soon|"
    r"all\s+the\s+best|rgds)"
    r"[ \t]*[,!.\-–—]?[ \t]*(?:\n[ \t]*)?([A-Z](?:\.?[ \t]?[A-Z]){0,2}\.?)[ \t]*$"
    r"|(?<=\n)[ \t]*([A-Z]{2,3})[ \t]*(?=\n[ \t>]*-*[ \t]*(?i:original\s+message)|\s*\Z)"
)


# A house number before the words, or a street or area type after them
# ("Harris County", "San Joaquin Valley"; not "Lake" or "River": surnames too).
# (Not after a number of one or two digits: "73 67 287 Ian Woosnam" is a table of scores.)
_HOUSE_NUMBER_BEFORE = re.compile(
    r"(?<![\w.,/-])(?<!\b\d[ \t])(?<!\b\d\d[ \t])\d{3,6}[A-Za-z]?[ \t]+$"
)
_STREET_TYPE_AFTER = re.compile(
    r"[ \t]+(?i:str\.|strasse|straße|street|road|avenue|ave\.|u\.|utca|tér|út|ul\.|"
    r"gasse|weg|vej|katu|gatan|vägen|straat|laan|boulevard|blvd\.?|"
    r"county|parish|township|valleys?)(?!\w)"
)


# Where a number before capitalised words is a house number: first on its line or
# after a mark, or after a word that leads to an address. After "Ticket", "Invoice"
# or "Account" it is a record's, and the words after it are a person's name.
_ADDRESS_LEAD = re.compile(
    r"(?:^|[\n,;:(\d]|(?<![^\W\d_])(?i:at|to|on|in|of|from|near|via|corner|address|addr|"
    r"located|lives?|living|ship|shipping|deliver|delivery|office|offices|visit|moved|is|was|"
    r"suite|ste|apt|apartment|unit|box|floor|fl|flat|bldg|building)\.?)[ \t\-*•>]*$"
)


# The words above that are people's surnames too ("Scott Lane", "Margaret Day")
_SURNAMES_THINGS_ARE_NAMED_WITH = frozenset(
    ["Day", "Hall", "Street", "Park", "Lane", "Way", "Hill", "Hills", "Beach", "House", "Law",
     "Bridge"]
)  # fmt: skip
# Someone signing, approving or sending a thing: a person's name follows.
_BY_SOMEONE = re.compile(
    r"\b(?i:signed|approved|sent|prepared|written|submitted|reviewed|requested|countersigned)"
    r"[ \t]+by[ \t]+\Z"
)


def _someone_whose_surname_is_a_street_type(text: str, before: str, token: _Token) -> bool:
    """ "signed by Scott Lane", "I met Chris Way", "Dear Margaret Day": a first name mostly
    a name, and a word that streets and days are named with as its surname, after words
    that lead to a person and with no house number before it."""
    return (
        token.first is True
        and _HOUSE_NUMBER_BEFORE.search(text, max(0, token.start - 12), token.start) is None
        and (_cued(before) or _asked(before) or _BY_SOMEONE.search(before) is not None)
    )


def _street_named_after_someone(text: str, start: int, end: int, street_type_after: bool) -> bool:
    """Whether the words from `start` to `end` name a street or place; `street_type_after`:
    one of them is followed by a street's type ("Victor Hugo Street")."""
    if street_type_after:
        return True
    number = _HOUSE_NUMBER_BEFORE.search(text, max(0, start - 12), start)
    if number and _ADDRESS_LEAD.search(text, max(0, number.start() - 24), number.start()):
        return True
    return before_its_region(text, end)


class _Runs:
    """What scoring asks of the words that follow each capitalised word, read once per text.

    Asked word by word, every word of a long run of capitalised words walked
    the rest of the run: 10 KB of "Aaaa Aaaa ..." took four seconds.
    """

    def __init__(self, text: str, tokens: list[_Token], words: Lexicon) -> None:
        count = len(tokens)
        # end[i]: just past the name-like words that continue a name starting at i
        self.end = list(range(1, count + 1))
        for i in range(count - 2, -1, -1):
            after = tokens[i + 1]
            shouted_surname_after = after.shouted_surname and (
                tokens[i].first or tokens[i].title  # "MR. KOWALSKI"
            )
            if (
                after.nameish
                or shouted_surname_after
                or _titled_surname(tokens, i, text)
                or (tokens[i].title and is_surname(after.key))  # "Ms. Ng", "Mr. He"
                or ("-" in tokens[i].text and _after_a_hyphenated_given_name(tokens[i], after))
                or _given_after_middle(tokens, i, text)
                or (after.key in _GAELIC_PARTICLES and tokens[i].first is not None)
                # a surname after a nickname in quotes, whatever else it is: 'Robert
                # "Bobby" Tables', "Dwayne 'The Rock' Johnson"
                or _after_a_nickname(text, tokens[i], after)
            ) and _one_name(text, tokens[i], after):
                self.end[i] = self.end[i + 1]
        # in_place[i]: a later word of a place's name ("York" in "New York", "Arab" in
        # "United Arab Emirates"), which reads as a name on its own
        self.in_place = [False] * count
        for i, token in enumerate(tokens):
            longest = words.places.get(token.key)
            if longest and len(longest[0]) > 1 and self.end[i] > i + 1:
                for k in range(i + 1, i + _place_words(tokens, words, i, self.end[i])):
                    self.in_place[k] = True
        # a place with a word in lower case is read from the text, not from the tokens:
        # "Santa Cruz de Tenerife", "Puerto de la Cruz"; none of its words starts a name
        for i, token in enumerate(tokens):
            if token.key in words.spelled_places and (
                end := spelled_place_end(text, token.start, token.key)
            ):
                k = i
                while k < count and tokens[k].start < end:
                    self.in_place[k] = True
                    k += 1
        self._initials = list(accumulate((t.initial for t in tokens), initial=0))
        self._street_types = list(
            accumulate((bool(_STREET_TYPE_AFTER.match(text, t.end)) for t in tokens), initial=0)
        )

    def any_initial(self, i: int, j: int) -> bool:
        """Whether one of tokens i to j - 1 is an initial."""
        return self._initials[max(j, i)] > self._initials[i]

    def any_street_type_after(self, i: int, j: int) -> bool:
        """Whether a street's type follows one of tokens i to j - 1."""
        return self._street_types[j] > self._street_types[i]


# A surname's lower-case particles: "van der Berg", "de la Cruz", "bin Hassan", "da Silva".
_PARTICLE_FIRST = ("van", "von", "vom", "zu", "de", "del", "della", "degli", "dei", "di", "da",
                   "das", "dos", "du", "ter", "ten", "bin", "binti", "bint", "ibn", "al", "el",
                   "ap", "ab", "wa")  # fmt: skip
_PARTICLE_FIRST_SET = frozenset(_PARTICLE_FIRST)


def _particles_with_their_surnames(text: str, tokens: list[_Token], scores: list[float]) -> None:
    """A surname's capitalised particle, where the text wrote it inside a name found, goes
    with the surname wherever that is found without its first name: "Da Silva wants 40
    seats; Philippe Da Silva will sign" ("Da" as well as "Silva")."""
    seen = {
        (tokens[j].key, tokens[j + 1].key)
        for j in range(1, len(tokens) - 1)
        if scores[j - 1] >= WEAK_FULL
        and scores[j + 1] >= WEAK_FULL
        and tokens[j].key.lower() in _ONE_PARTICLE
        and _one_name(text, tokens[j], tokens[j + 1])
    }
    for k in range(1, len(tokens)) if seen else ():
        if (
            scores[k] > 0.0
            and scores[k - 1] in (0.0, PLACE_OR_NAME)
            and (tokens[k - 1].key, tokens[k].key) in seen
            and _one_name(text, tokens[k - 1], tokens[k])
        ):
            scores[k - 1] = PROPAGATED


# Those only people's names hold (Romance ones name places too: "Reguengos de Monsaraz")
_PEOPLES_PARTICLES = frozenset(
    ["van", "von", "ter", "ten", "bin", "binti", "bint", "ibn", "ap", "ab", "wa"]
)
_SECOND_PARTICLES = ("der", "den", "de", "het", "'t", "’t", "la", "le", "las", "los")
_ANY_SECOND_PARTICLE = "|".join(_SECOND_PARTICLES)
# A surname's particles in a row: "van", "van der", "de la", "van 't"
_PARTICLE_RUN = rf"(?:{'|'.join(_PARTICLE_FIRST)})(?:[ \t]+(?:{_ANY_SECOND_PARTICLE}))?"
# ... in lower case opening a text, a line or a sentence, where no word of the sentence
# comes before them: "de Bruin wants 40 seats", "van 't Riet said"
_PARTICLES_OPENING = re.compile(rf"(?:^|(?<=[\n.!?;])[ \t]*|(?<=^[ \t]))({_PARTICLE_RUN}[ \t]+)\Z")
_SECOND_PARTICLE = re.compile(rf"[ \t]+(?:{_ANY_SECOND_PARTICLE})[ \t]+")
_PARTICLES = re.compile(rf"\.?[ \t]+({_PARTICLE_RUN})[ \t]+")
# Capitalised, one particle alone may open a surname ("De Luca"), and a second follow
# it ("De La Cruz"); the articles among them come before words too.
_ONE_PARTICLE = _PARTICLE_FIRST_SET | {"la", "le", "te"}  # "Te": Māori ("Kiri Te Kanawa")
_SECOND_PARTICLE_SET = frozenset(_SECOND_PARTICLES)
_ONLY_PEOPLES_PARTICLES = frozenset(["Binti", "Bint", "Ibn"])
_ARTICLES = frozenset(["La", "Le", "El", "Al"])
# The articles of Spanish, Italian, French and German before a noun phrase (not
# Portuguese's "as" and "os": "such as Velmorine Tashkorr" is English), in lower case (capitalised, "El", "La", "Le", they open names: "El Hassane Lahssini";
# not "de", "da", "del", "della", "du", "van": a surname's particles too).
_ARTICLE_BEFORE = re.compile(
    r"(?:^|(?<=[\s(\"“]))(?:el|la|los|las|il|lo|gli|le|les|l['’]|un|una|uno|une|"
    r"der|die|das|den|dem|ein|eine|einen|einem|einer)[ \t]+$"
)
_CAPITALISED_PARTICLES = frozenset(p.capitalize() for p in _ONE_PARTICLE)


def _capitalised_particle(token: _Token, first: bool) -> bool:
    """'De' of "Giulia De Luca", and 'La' of "De La Cruz" after it."""
    key = token.key
    return (
        len(key) <= 5
        and key[0].isupper()
        and not token.text.isupper()
        and key.lower() in (_ONE_PARTICLE if first else _SECOND_PARTICLE_SET)
    )


def _place_across(text: str, tokens: list[_Token], words: Lexicon, k: int) -> bool:
    """Whether tokens k and k + 1, with what lies between, are inside a known place's name,
    read from token k or from a word of the same run before it ("Santa Cruz de Tenerife")."""
    s = k
    while s >= 0 and k - s < 4:
        spoken = tuple(text[tokens[s].start : tokens[k + 1].end].split())
        if any(place[: len(spoken)] == spoken for place in words.places.get(tokens[s].key, ())):
            return True
        if not s or not _one_name(text, tokens[s - 1], tokens[s]):
            return False
        s -= 1
    return False


# Not "&": "Douglas & Lomason", "Procter & Gamble" are companies.
# A role after a name: "Persephone (their CISO)", "Aisha Bello (VP Ops)", "Lars, our buyer".
_ROLE_AFTER = re.compile(
    r"[ \t]*[(,][ \t]*(?:(?:the|their|our|his|her|your|my)[ \t]+)?"
    r"(?:CEO|CFO|CTO|CIO|CISO|COO|CMO|CRO|CPO|VP|SVP|EVP|GM|MD|"
    r"(?i:director|head|manager|founder|co-founder|president|chair|partner|owner|buyer|"
    r"engineer|counsel|lawyer|attorney|analyst|consultant|assistant|boss|rep|"
    r"procurement|finance|legal|customer|client|prospect|contact|champion|sponsor|stakeholder|"
    r"host|organi[sz]er|moderator|presenter|interviewer|(?:primary|backup)(?=[ \t]*\))))"
    r"\b(?!['’]s)"  # not "(our CTO's pick)"
)
# What follows a company's name, not a person's: "invite Gartner analysts", "text Twilio support".
_COMPANY_NOUN_AFTER = re.compile(
    r"[ \t]+(?:support|team|analysts?|sales|staff|engineers?|reps?|account|customers?|users?|"
    r"docs|api|app|platform|dashboard|portal|instance|admins?|console|tenant|workspace|"
    r"consumers?|producers?|workers?|clients?|nodes?|pods?|services?|servers?|cluster)\b"
)
# Asked, cc'd or paired like people, but nobody: departments that are no common word
# ("ask Procurement") and the assistants a prompt to an AI vendor names ("ask Gemini").
_NOBODY = frozenset(
    ["Procurement", "Purchasing", "Accounting", "Compliance", "Payroll", "Facilities",
     "Logistics", "Treasury", "Infosec", "DevOps", "SecOps", "RevOps",
     "Gemini", "Copilot", "Perplexity", "Bard", "Grok", "Mistral", "Llama", "Ollama", "Siri",
     "Cortana"]
)  # fmt: skip
# Honorifics written onto a name: Japanese, Korean, Hindi.
_HONORIFIC = re.compile(r"[^\W\d_]{2}-(?:san|sama|sensei|kun|chan|senpai|ssi|nim|ji)$")
_FROM = re.compile(
    r"[ \t]+from[ \t]+(?:([A-Z][^\W\d_]+)|(?:the[ \t]+|their[ \t]+|our[ \t]+)?"
    r"(?:procurement|purchasing|finance|accounting|accounts|legal|compliance|billing|payroll|"
    r"hr|it|ops|operations|marketing|sales|support|engineering|security|logistics|treasury|"
    r"(?:[^\W\d_]+[ \t]+)?(?:team|department|dept|office))\b)"
)


def _from_somewhere(text: str, end: int, words: Lexicon) -> bool:
    """ "Oleksandr from Lviv", "Tupac from procurement", "Zorvath from the Leeds office":
    someone from a known place or from a team."""
    after = _FROM.match(text, end)
    return after is not None and (after.group(1) is None or after.group(1) in words.places)


_PAIRED = frozenset([
    " and ", " or ", " + ", "+", "/", " / ",
    # in the customers' languages: "Énora et Soizic", "Itzel y con Yatziri", "Frauke und Wiebke"
    " y ", " e ", " et ", " und ", " en ", " i ", " ou ", " oder ", " oraz ",
    " y con ", " e con ", " e com ", " et avec ", " und mit ", " en met ",
])  # fmt: skip
# "Sofia & Mateo", but not "Simon & Schuster": with "&" only two first names are people.
_AMPERSAND = " & "
# After the word beside a first name: an address goes on ("Leon and Eyrarodda 66",
# "Katrina and Rúa do Paseo").
_GOES_ON_AS_AN_ADDRESS = re.compile(r"[ \t]+(?:\d|(?:do|da|de|del|dos|das|di|du|la|le)[ \t]+[A-Z])")


def _first_name_from_somewhere(text: str, token: _Token, end: int) -> bool:
    """ "Grace from Carter, Anderson and Kirk said", "Petri from Korpela Oy": a listed
    first name, a word too or not, from a company, a place or a team; not a month's
    ("May from Acme") nor a bill's ("Bill from AWS attached")."""
    return (
        token.first is not None
        and token.key not in _NOT_FIRST_HERE
        and token.key != "Bill"
        and _FROM.match(text, end) is not None
    )


def _may_be_a_name(token: _Token, words: Lexicon) -> bool:
    """A capitalised word that is no word, place or company, in capitals or an initial."""
    return (
        not token.common
        and not token.initial
        and token.key not in _NOBODY
        and not token.text.isupper()
        and len(token.key) > 2
        and token.key not in words.places
        and token.key.casefold() not in words.organisations
    )


# An Irish or Scottish surname's first word, capitalised: "Aoife Nic Giolla Phádraig",
# "Ciarán Mac Mathúna", "Siobhán Ní Bhriain".
_GAELIC_PARTICLES = frozenset(["Mac", "Nic", "Mhic", "Ní", "Ó", "Uí", "Ua"])
# A Vietnamese name's middle name, after the family name: the given name follows it,
# whatever else that word is ("Nguyen Van An", "Tran Van Long", "Pham Thi Mai").
_VIETNAMESE_MIDDLE = frozenset(["Van", "Văn", "Thi", "Thị"])
# ... but not a word of a title-cased sentence that goes on ("Nguyen Van Is Late")
_NO_GIVEN_NAME = frozenset(["Is", "Are", "Was", "Were", "Will", "And", "Or", "The", "To", "Of",
                            "In", "On", "At", "For", "With", "Has", "Had", "Can"])  # fmt: skip


def _given_after_middle(tokens: list[_Token], i: int, text: str) -> bool:
    return (
        i > 0
        and tokens[i].key in _VIETNAMESE_MIDDLE
        and tokens[i - 1].last is not None
        and not tokens[i + 1].initial
        and tokens[i + 1].key not in _NO_GIVEN_NAME
        and _one_name(text, tokens[i - 1], tokens[i])
    )


# A Korean or Chinese given name as the West writes it, its syllables joined: "Eun-ji",
# "Ji-hoon", "Hsiu-mei".
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]{1,4}-[a-z]{2,5}")


def _after_a_hyphenated_given_name(token: _Token, after: _Token) -> bool:
    """'Eun-ji Cho', 'Ji-hoon Yoo': a short word after such a given name is its surname,
    whatever else it is."""
    return (
        len(after.key) <= 4
        and after.key not in CALENDAR_WORDS
        and not after.initial
        and _HYPHENATED_GIVEN.fullmatch(token.text) is not None
    )


def _titled_surname(tokens: list[_Token], i: int, text: str) -> bool:
    """Whether the word after tokens[i] is a surname because a title and a first name lead
    to it, even where it is a word too: "Dr. Beverly Crusher", "Ms. Anna Bell"."""
    after = tokens[i + 1]
    return (
        i > 0
        and tokens[i].first is not None
        and tokens[i - 1].title
        and _one_name(text, tokens[i - 1], tokens[i])
        and not after.initial
        and after.key not in CALENDAR_WORDS
    )


def _name_word(token: _Token, *, first: bool) -> bool:
    """Not a common word, or listed as a name all the same ("Bill E. Brown")."""
    listed = token.first if first else token.last
    return not token.common or listed is not None


# Every match of it holds one of these (case folded as `re` folds it), or
# ends the text: the pattern itself is slow to try at every line.
_SIGN_OFF_WORDS = ("thank", "regards", "best", "cheers", "sincerely", "talk", "rgds", "original")
_LAST_LINE_INITIALS = re.compile(r"[ \t]*[A-Z]{2,3}")


def _signed_initials(text: str) -> list[re.Match[str]]:
    folded = folded_like_re(text)
    if not any(word in folded for word in _SIGN_OFF_WORDS):
        # Then only initials alone on the text's last line can sign it.
        ending = text.rstrip()
        if not _LAST_LINE_INITIALS.fullmatch(ending, ending.rfind("\n") + 1) or "\n" not in ending:
            return []
    return list(_SIGNED_INITIALS.finditer(text))


def _may_be_initials(signed: str) -> bool:
    letters = re.sub(r"[.\s]", "", signed)
    # Two letters are too short to be a word ("MK"); three may be one ("ALL").
    shouted_word = len(letters) > 2 and letters.lower() in lexicon().common_words
    return letters not in _NOT_INITIALS and not shouted_word


# Between a name and its own address: "Priyanka (priyanka.n@…)", "Priyanka <…>", "Priyanka - …"
_BEFORE_ITS_ADDRESS = re.compile(r"[ \t]*[,:\-–—]?[ \t]*[(<\[\"']?")
_LOCAL_LETTERS = re.compile(r"[A-Za-z]+")


def _owner_before_address(text: str, tokens: list[_Token], ends: list[int], start: int) -> str:
    """The word right before the address starting the run at `start` when the address's
    local part begins with it ("Priyanka (priyanka.n@outlook.com)"); else ""."""
    k = bisect.bisect_right(ends, start) - 1
    if k < 0:
        return ""
    token = tokens[k]
    gap = _BEFORE_ITS_ADDRESS.match(text, token.end)
    at = text.find("@", start)
    if gap is None or gap.end() <= token.end or at < 0 or len(token.key) < 3:
        return ""  # "Priyanka" must stand apart from the address
    key = token.key.lower()
    local = _LOCAL_LETTERS.match(text, gap.end(), at)
    if local is None or not local.group().lower().startswith(key):
        return ""
    # "Acme <acme@acme.com>": a company's mailbox named after itself
    return "" if text[at + 1 : at + 1 + len(key)].lower() == key else token.key


class OfflineNameRecognizer(OfflineRecognizer):
    """PERSON from name lists, cues and propagation; no model, no download."""

    ENTITY = "PERSON"
    CONTEXT = _CONTEXT_WORDS

    def load(self) -> None:
        lexicon()  # load the lists now, not on the first request
        chinese_names()

    def analyze(self, text, entities, nlp_artifacts=None):  # type: ignore[no-untyped-def]
        words = lexicon()
        tokens = _tokens(text, words)
        scores = [0.0] * len(tokens)
        joined: set[int] = (
            set()
        )  # k: tokens k and k+1 are one name across a comma ("Allen, Phillip")
        headers = [m.span(1) for m in MAIL_HEADER_LINE.finditer(text)]
        header_starts = [a for a, _ in headers]
        runs = _Runs(text, tokens, words)
        for i, token in enumerate(tokens):
            if scores[i]:
                continue
            line = bisect.bisect_right(header_starts, token.start) - 1
            in_header = line >= 0 and token.start < headers[line][1]
            if (in_header and self._header_name(text, tokens, i, words)) or (
                not in_header
                and text.find(",", max(token.start - 3, 0), token.end + 3) >= 0  # most have none
                and _header_pair(text, tokens, i, words, in_body=True)
            ):
                scores[i] = CUED
                if self._header_last_first(text, tokens, i):
                    joined.add(i)
                continue
            self._score_from(text, tokens, i, scores, words, joined, runs)
        self._initialled_surnames(text, tokens, scores, words, runs)
        # k: token k's name begins before it, at its particles ("Dr. van der Berg")
        lead: dict[int, int] = {}
        self._particle_surnames(text, tokens, scores, words, runs, joined, lead)
        self._name_lists(text, tokens, scores, words)
        self._name_pairs(text, tokens, scores, words)
        self._name_in_two_cells(text, tokens, scores, words)
        self._romanised_chinese(text, tokens, scores, words)
        self._vietnamese(text, tokens, scores, words)
        self._families(text, tokens, scores, words)
        self._propagate(text, tokens, scores)
        # (after the names are found again: a word taken on this evidence alone is not
        # looked for elsewhere)
        self._first_given_names(text, tokens, scores, words)
        lowercase = [
            self.result(start, end, CUED if introduced else WEAK_FULL, "name in lower case")
            for start, end, introduced in lowercase_names(text)
        ]
        return (
            _with_hyphened_surnames(text, self._spans(text, tokens, scores, joined, lead))
            + lowercase
            + [
                self.result(start, end, CUED, "name joined in a word")
                for start, end in joined_names(text)
            ]
            + [
                self.result(
                    m.start(m.lastindex or 1), m.end(m.lastindex or 1), CUED, "initials signing off"
                )
                for m in _signed_initials(text)
                if _may_be_initials(m.group(m.lastindex or 1))
            ]
        )

    @staticmethod
    def _header_last_first(text: str, tokens: list[_Token], i: int) -> bool:
        """In 'To: Dunton, Heather' the comma is inside one name; in 'To: Ann Lee, Bo Ng' it is not."""
        if i + 1 >= len(tokens) or not _LAST_FIRST_GAP.match(
            text[tokens[i].end : tokens[i + 1].start]
        ):
            return False
        return i == 0 or not _one_name(text, tokens[i - 1], tokens[i])

    @staticmethod
    def _header_name(text: str, tokens: list[_Token], i: int, words: Lexicon) -> bool:
        """A word in a From/To/Cc line that is part of someone's name."""
        token = tokens[i]
        if _header_pair(text, tokens, i, words):
            return True
        if token.shouted_surname:
            # in capitals, in no list and no word: a surname beside a first name
            # ("KOWALSKI, MARIA", "MARIA KOWALSKI"), else a company ("ACME CORP")
            return any(
                tokens[k].first is not None
                and _BESIDE.fullmatch(text, tokens[min(i, k)].end, tokens[max(i, k)].start)
                is not None
                for k in (i - 1, i + 1)
                if 0 <= k < len(tokens)
            )
        if token.initial or token.key in ("Re", "Fw", "Fwd") or _is_place([token], words):
            return False
        if token.nameish:
            return True
        # a surname that is also a word, after a first name: "To: Ann Lee, Bo Ng"
        before = tokens[i - 1] if i else None
        return (
            before is not None
            and before.first is not None
            and token.key not in _GROUP_WORDS
            and _one_name(text, before, token)
        )

    def _score_from(
        self,
        text: str,
        tokens: list[_Token],
        i: int,
        scores: list[float],
        words: Lexicon,
        joined: set[int],
        runs: _Runs,
    ) -> None:
        token = tokens[i]
        if token.initial or runs.in_place[i]:
            return  # an initial continues a name; it does not start one; nor does "York"
        if token.first is None and token.last is None and token.key.lower() in words.function_words:
            return  # "Ihre Kundennummer", "Unsere Rechnung": German's capitals, no name
        if (
            i
            and runs.end[i] == i + 1
            and tokens[i - 1].key.rstrip(".") in _SAINT
            and _one_name(text, tokens[i - 1], token)
        ):
            return  # "St Louis", "Saint-Germain": a place, or a saint; not "St John Smith"
        before = text[max(0, token.start - 40) : token.start]
        if (
            token.common
            and token.first is None
            and token.last is None
            and runs.end[i] == i + 1
            and not (token.title or token.shouted_surname or "-" in token.text)
            and not _named_as(before)
        ):
            # Most capitalised words of a text: a word alone, in no list of names
            # ("Quarterly", "Contact"). Only being named as one ("my name is Will
            # Power", below) makes it a name; every other rule below asks for a listed
            # name, a name's shape or a word beside it.
            return
        if _HONORIFIC.search(token.text):
            scores[i] = CUED  # "Hiroshi-san", "Tanaka-sensei", "Rahul-ji"
            return
        if (
            token.shouted_surname
            and _cued(before)
            and not followed_by_company_suffix(text, tokens[runs.end[i] - 1].end)
        ):
            # "Name on card: OLUWASEUN ADEBAYO": in capitals, no list's and no word, after a
            # cue: the name, with the words in capitals that go on with it
            end = i + 1
            while (
                end < len(tokens)
                and end - i < 4
                and tokens[end].text.isupper()
                and not (tokens[end].common and not tokens[end].shouted_surname)
                and _one_name(text, tokens[end - 1], tokens[end])
            ):
                end += 1
            if end - i > 1 or len(token.text) > 4:  # not an acronym alone: "From: PIRA"
                for k in range(i, end):
                    scores[k] = CUED
                return
        if token.common and _named_as(before):
            # "Her name is Summer Rain": a name, whatever else its words are (a name
            # that is no word is read as any other below, initials and all)
            end = i + 1
            while (
                end < len(tokens) and end - i < 4 and _one_name(text, tokens[end - 1], tokens[end])
            ):
                end += 1
            for k in range(i, end):
                scores[k] = CUED
            return
        if token.title:
            end = runs.end[i]
            if end == i + 1 and _word_after_a_title(text, tokens, i):
                end += 1  # "Dear Dr. Beer", "Ms. Warmer": after a title, a word is a surname
            for k in range(i + 1, end):
                scores[k] = STRONG_FULL
            return
        if (
            runs.end[i] == i + 1
            and _cued_surname(text, tokens, i, words)
            and (
                _cued(before)
                # a field's value, a first name mostly a name and the word ending the line:
                # "Customer: Joana Warmer"
                or (
                    token.first is True
                    and _FIELD_LABEL_BEFORE.search(before) is not None
                    and _LINE_ENDS.match(text, tokens[i + 1].end) is not None
                )
            )
        ):
            # "Owner: Grace Hopper", "Witness: KOFI ANNAN", "Dear Summer Rain": after a cue
            # and a first name, the word is the surname whatever else it is
            scores[i] = scores[i + 1] = CUED
            return
        end = runs.end[i]
        word_surname = (
            end - i == 2
            and end < len(tokens)
            and tokens[i + 1].initial
            and text[tokens[i + 1].end : tokens[i + 1].end + 1] == "."
            and token.first is True
            and tokens[end].common
            and tokens[end].key not in CALENDAR_WORDS
            and not tokens[end].title
            and _one_name(text, tokens[i + 1], tokens[end])
        )
        if word_surname:
            end += 1  # "John Q. Public": after a first name and an initial, a word is a surname
        if (
            end - i >= 3
            and tokens[i + 1].initial
            and not tokens[end - 1].initial
            and _name_word(tokens[i], first=True)
            and (word_surname or _name_word(tokens[end - 1], first=False))
        ):
            for k in range(i, end):  # "Ella H. Snider": an initial inside marks a name
                scores[k] = WITH_INITIAL
            return
        if _word_name_before_surname(text, tokens, words, i, runs):
            # "Einer Mikkelsen", "with Lucky Sandhu": a first name that is mostly a word,
            # before a surname that is no word and no place
            scores[i] = scores[i + 1] = STRONG_FULL
            return
        if token.common and not (
            _cued(before)
            or _weak_first_before_surname(text, tokens, words, i, runs)
            or (token.first is not None and _told(before))  # "Manny told Dag"
            or (_hailed(text, token) and token.key not in CALENDAR_WORDS)  # "Mark, can", not "May,"
            or (token.first is not None and _dash_signed(text, token.start, tokens[end - 1].end))
            # a first name that is mostly a word, doing what only people do with words:
            # "Drew drafted the proposal", "Pat texted"
            or (token.first is not None and _SAID_AFTER.match(text, tokens[end - 1].end))
            # a role in brackets after it: "Mark (host)", "Will (their CFO)"
            or (token.first is not None and _ROLE_AFTER.match(text, tokens[end - 1].end))
            or _first_name_from_somewhere(text, token, tokens[end - 1].end)
        ):
            return
        if _street_named_after_someone(
            text, token.start, tokens[end - 1].end, runs.any_street_type_after(i, end)
        ) and not _someone_whose_surname_is_a_street_type(text, before, token):
            return  # "760 Passauer Strasse 33", "808 Kálmán Imre u. 12": the place recognizer's
        if followed_by_company_suffix(text, token.end) or followed_by_company_suffix(
            text, tokens[end - 1].end
        ):
            return  # "Hoffman Inc", "Barnett, Melton and Sons": a company
        # Last, First (headers and lists): "Allen, Phillip K."
        if (
            token.last is not None
            and i + 1 < len(tokens)
            and tokens[i + 1].first is not None
            and _LAST_FIRST_GAP.match(text[token.end : tokens[i + 1].start])
            and not _is_place([tokens[i + 1]], words)  # "Houston, Texas"
        ):
            end = runs.end[i + 1]
            for k in range(i, end):
                scores[k] = STRONG_FULL
            joined.add(i)
            return
        end = runs.end[i]
        # someone described: "Estes, whose only win", "Washington, who climbed back"
        described = _WHO_AFTER.match
        if _a_place(text, tokens, i, end, words, before) and not described(
            text, tokens[end - 1].end
        ):
            # "Houston", "New York", "in Victoria": the place recognizer's. A lone word
            # that is a name too stays a candidate below the place's score: where the
            # policy only counts places, the name is still redacted.
            if end == i + 1 and (token.first is not None or token.last is not None):
                scores[i] = PLACE_OR_NAME
            return

        def cued() -> bool:  # read only where the score depends on it
            return token.nameish and (
                described(text, tokens[end - 1].end) is not None
                or _cued(before)
                or ((token.first is not None or token.last is not None) and _told(before))
                or (
                    # "ask Sunita", "loop in Persephone (their CISO)": no list knows them
                    _may_be_a_name(token, words)
                    and not _CAMEL.match(token.key)
                    and not _COMPANY_NOUN_AFTER.match(text, tokens[end - 1].end)
                    and (
                        _asked(before)
                        or _ROLE_AFTER.match(text, tokens[end - 1].end)
                        or _from_somewhere(text, tokens[end - 1].end, words)
                        or _PERSONAL_POSSESSION.match(text, tokens[end - 1].end)
                    )
                )
                or (_hailed(text, token) and end == i + 1 and token.key not in CALENDAR_WORDS)
                or (token.first is not None and _SAID_AFTER.match(text, tokens[end - 1].end))
                or (token.first is not None and _ROLE_AFTER.match(text, tokens[end - 1].end))
                or _first_name_from_somewhere(text, token, tokens[end - 1].end)
                or _dash_signed(text, token.start, tokens[end - 1].end)
            )

        if end == i + 1 and (
            _word_as_surname(text, tokens, i, words)
            or (
                i + 1 < len(tokens)
                and tokens[i + 1].key in _SURNAMES_THINGS_ARE_NAMED_WITH
                and _one_name(text, token, tokens[i + 1])
                and _someone_whose_surname_is_a_street_type(text, before, token)
            )
        ):
            end = i + 2  # "review by Beatrix Kiddo from Pasadena", "Kofi Annan referred us"
        if token.first is not None and end > i + 1:
            rest = tokens[i + 1 : end]
            strong = token.first or any(t.last is not None for t in rest)
            score = STRONG_FULL if strong or cued() else WEAK_FULL
        elif cued():
            score = CUED
        elif (
            end == i + 1
            and _may_be_a_name(token, words)
            and not _CAMEL.match(token.key)
            and _PRONOUN_LATER.match(text, token.end)
        ):
            score = WITH_PRONOUN_AFTER  # "Tell Quillon he can", "Met Sorelle; she runs ops"
        elif end - i >= 3 and runs.any_initial(i + 1, end - 1) and not tokens[end - 1].initial:
            score = WITH_INITIAL
        elif token.first is not None:
            score = STRONG_ALONE if token.first else WEAK_ALONE
        elif (
            (
                end == i + 1
                or (end == i + 2 and _after_a_hyphenated_given_name(token, tokens[i + 1]))
            )
            and "-" in token.text
            and hyphenated_given_name(token.text, words.common_words)
        ):
            # "Seo-yeon", "Ji-hoon": a Korean given name, by its shape; with the short
            # surname after it, whatever else that is ("Seo-yeon Park")
            score = WEAK_FULL
        elif (
            end - i == 2
            and _unlisted_name_shape(tokens[i])
            and _unlisted_name_shape(tokens[i + 1])
            # a document's or a department's title after an article of the customers'
            # languages: "la Factura Proforma", "il Servizio Clienti", "der Vertrag Neu"
            and not _ARTICLE_BEFORE.search(before)
        ):
            score = UNLISTED_PAIR
        elif token.last:
            score = LAST_ALONE
        else:
            return
        for k in range(i, end):
            scores[k] = score

    @staticmethod
    def _initialled_surnames(
        text: str, tokens: list[_Token], scores: list[float], words: Lexicon, runs: _Runs
    ) -> None:
        """'M. Butcher', 'J. R. Ewing': a surname after initials with their dots, on its own."""
        for j in range(1, len(tokens)):
            token = tokens[j]
            if (
                not tokens[j - 1].initial
                or scores[j]
                or token.initial
                or not _name_word(token, first=False)
            ):
                continue
            i = j
            while i and tokens[i - 1].initial and _one_name(text, tokens[i - 1], tokens[i]):
                i -= 1
            if (
                i == j
                or text[tokens[j - 1].end : tokens[j - 1].end + 1] != "."
                or (  # inside a longer name, "Faina D. Yefremova", or "Section A. Brown"
                    i
                    and (scores[i - 1] or tokens[i - 1].first is not None or tokens[i - 1].common)
                    and _one_name(text, tokens[i - 1], tokens[i])
                )
                or runs.end[j] != j + 1
                or runs.in_place[j]
                or _is_place(tokens, words, j)
                or _street_named_after_someone(
                    text, tokens[i].start, token.end, runs.any_street_type_after(i, j + 1)
                )
            ):
                continue
            scores[j] = WITH_INITIALS_BEFORE

    @staticmethod
    def _particle_surnames(
        text: str,
        tokens: list[_Token],
        scores: list[float],
        words: Lexicon,
        runs: _Runs,
        joined: set[int],
        lead: dict[int, int],
    ) -> None:
        """'Jan van der Berg', 'Maria de la Cruz', 'Dr. de Souza': after a first name or a
        title, lower-case particles and a capitalised word are a surname, whatever else
        the word is. Not inside a place's name: "Rio de Janeiro", "Costa del Sol"."""
        for k in range(len(tokens) - 1):
            before, surname = tokens[k], tokens[k + 1]
            if surname.start - before.end < 4:
                continue  # most words of a text: one space, or a comma, between them
            particles = _PARTICLES.fullmatch(text, before.end, surname.start)
            if particles is None or surname.initial or surname.key in CALENDAR_WORDS:
                continue
            titled = before.title
            # a first name, or the end of a full name: "Abdul Rahman bin Hassan"; or a word
            # no list knows, no word and no place, before a particle that places' names do
            # not hold and a surname that is no word either ("Liesl van Rensburg"; not
            # "Amsterdam van Gogh", "Villafranca del Cid")
            named = (
                before.first is not None
                or scores[k] >= WEAK_FULL
                or (
                    _unlisted_name_shape(before)
                    and not surname.common
                    and particles.group(1).split()[0] in _PEOPLES_PARTICLES
                    and not _is_place([before], words)
                )
                # a first name that is mostly a word, as its capital says: "Mats de Bruin",
                # "signed by Ties van Wijk"
                or _word_name_where_a_name_is(text, before, words)
            )
            if not (titled or (named and particles.group()[0] != ".")) or _place_across(
                text, tokens, words, k
            ):
                continue
            if titled:
                lead[k + 1] = particles.start(1)
            else:
                joined.add(k)
                scores[k] = max(scores[k], STRONG_FULL)
            for j in range(k + 1, runs.end[k + 1]):
                scores[j] = max(scores[j], STRONG_FULL)
        # The first particle capitalised, after a title, a first name or a cue: "Mrs Van
        # der Merwe", "Pieter Van der Merwe", "Dr. De la Cruz", "meneer Van den Broek".
        for k in range(len(tokens) - 1):
            particle, surname = tokens[k], tokens[k + 1]
            if (
                len(particle.key) > 5
                or particle.key.lower() not in _PARTICLE_FIRST_SET
                or surname.initial
                or not _SECOND_PARTICLE.fullmatch(text, particle.end, surname.start)
            ):
                continue
            before = tokens[k - 1] if k else None
            if (
                not (
                    (
                        before is not None
                        and _one_name(text, before, particle)
                        and (before.title or before.first is not None or scores[k - 1] >= WEAK_FULL)
                    )
                    # or a form of address or a greeting: "Beste meneer Van den Broek"
                    or _cued(text[max(0, particle.start - 40) : particle.start])
                )
                or _place_across(text, tokens, words, k)
            ):
                continue
            joined.add(k)
            for j in range(k, runs.end[k + 1]):
                scores[j] = max(scores[j], STRONG_FULL)
        # Particles, the first capitalised, then a surname, after a first name, a title or
        # a cue: "Giulia De Luca", "Jan Van Dyke", "Anna De La Cruz", "Mr De Jong", "Dear De
        # Jong". An article ("La", "Le", "El", "Al") comes before words too, so after it the
        # word must be a listed name or no word at all: "Marco La Rosa", not "Maria La Vie".
        for k in range(len(tokens) - 1):
            if tokens[k].key not in _CAPITALISED_PARTICLES:
                continue  # most words: one look-up
            m = k
            while (
                m < len(tokens) - 1
                and m - k < 2
                and _capitalised_particle(tokens[m], first=m == k)
                and _one_name(text, tokens[m], tokens[m + 1])
            ):
                m += 1
            if m == k or tokens[m].initial or tokens[m].key in CALENDAR_WORDS:
                continue
            surname = tokens[m]
            before = tokens[k - 1] if k and _one_name(text, tokens[k - 1], tokens[k]) else None
            if (
                before is not None
                and not before.title
                and (
                    before.first is not None
                    or scores[k - 1] >= WEAK_FULL
                    # a particle no English word or place is, after a word no list knows:
                    # "Fatimah Binti Abdullah" (not "Van" or "Bin": "Transit Van Rentals")
                    or (
                        tokens[k].key in _ONLY_PEOPLES_PARTICLES
                        and not before.common
                        and not _is_place([before], words)
                    )
                )
            ):
                first = k - 1  # the name begins at its first name
            elif (before is not None and before.title) or _cued(
                text[max(0, tokens[k].start - 40) : tokens[k].start]
            ):
                first = k  # a title or a greeting is no part of it
            else:
                continue
            if (
                (before is not None and _place_across(text, tokens, words, k - 1))
                or (m == k + 1 and _place_across(text, tokens, words, k))
                or (
                    tokens[m - 1].key in _ARTICLES
                    and surname.common
                    and surname.first is None
                    and surname.last is None
                )
            ):
                continue
            joined.update(range(first, m))
            joined.discard(m)  # the surname ends the name: "Marco La Rosa, Sophie Du Pont"
            for j in range(first, m + 1):
                scores[j] = max(scores[j], STRONG_FULL)

    @staticmethod
    def _name_pairs(text: str, tokens: list[_Token], scores: list[float], words: Lexicon) -> None:
        """'Deepa and Arjun': a word beside a known first name, joined by 'and', 'or', '+' or '/',
        that is no word, place or company and that no other word joins, is a name too
        (listed or not: "Deepa" is a weak first name, alone not enough)."""
        for k in range(len(tokens) - 1):
            a, b = tokens[k], tokens[k + 1]
            if b.start - a.end > 9:  # (the longest joint: " und mit ")
                continue
            joint = text[a.end : b.start]
            if joint not in _PAIRED and joint != _AMPERSAND:
                continue
            for known, other, o in ((a, b, k + 1), (b, a, k)):
                if (
                    known.first
                    and (joint != _AMPERSAND or other.first is not None)
                    and not known.common
                    and known.key not in words.places  # "Israel and Hizbollah"
                    and scores[o] < LISTED
                    # (or a first name that is mostly a word: "Pat and Chris")
                    and (
                        _may_be_a_name(other, words)
                        or (other.first is not None and other.key not in CALENDAR_WORDS)
                    )
                    and not _GOES_ON_AS_AN_ADDRESS.match(text, other.end)
                    and not followed_by_company_suffix(text, other.end)
                    and not (
                        o
                        and _one_name(text, tokens[o - 1], other)
                        and o - 1 != k
                        and not tokens[o - 1].common  # "Can Pat and Chris join?"
                    )
                    and not (
                        o + 1 < len(tokens) and o + 1 != k and _one_name(text, other, tokens[o + 1])
                    )
                ):
                    scores[o] = LISTED

    @staticmethod
    def _name_in_two_cells(
        text: str, tokens: list[_Token], scores: list[float], words: Lexicon
    ) -> None:
        """'"Jane","Doe"', '<td>Jane</td><td>Doe</td>', '| Jane | Doe |': a row's first name
        and surname, each alone in its cell, the surname even where it is a word too; one of
        the two mostly a name ("Rose","Gold" may be a product's colours)."""
        pairs = [
            k
            for k in range(len(tokens) - 1)
            if tokens[k].first is not None and tokens[k + 1].last is not None
        ]
        for k in pairs:
            a, b = tokens[k], tokens[k + 1]
            if (
                not (a.first or b.last)
                or scores[k + 1] >= LISTED
                or not _CELL_BREAK.fullmatch(text, a.end, b.start)
                or not _CELL_OPENS.search(text, max(0, a.start - 8), a.start)
                or not _CELL_CLOSES.match(text, b.end)
                or _is_place([a], words)  # "Paris","London"
                or _is_place([b], words)
            ):
                continue
            scores[k] = max(scores[k], LISTED)
            scores[k + 1] = max(scores[k + 1], LISTED)

    @staticmethod
    def _romanised_chinese(
        text: str, tokens: list[_Token], scores: list[float], words: Lexicon
    ) -> None:
        """'Wang Fang', 'Chen Xiaoming': a Chinese surname and a given name of its syllables,
        or the given name first as the West writes it ('Xiaoming Chen', 'Mei Ling Tan');
        not a place's words ('Hong Kong')."""

        def free(*ks: int) -> bool:  # not all of them a name already, and no initial
            return any(scores[k] < WEAK_FULL for k in ks) and not any(tokens[k].initial for k in ks)

        def third_syllable(k: int) -> None:
            """ "Ng Wai Man", "Chen Mei Ling": the given name's two syllables apart."""
            if (
                k + 2 < len(tokens)
                and _one_name(text, tokens[k + 1], tokens[k + 2])
                and (
                    given_syllable_after_surname(tokens[k + 2].key)
                    or (  # two syllables of pinyin written apart: "Mei Ling", not "Wei Can"
                        tokens[k + 2].key.lower() not in _OPENS_A_CLAUSE
                        and given_name_after(
                            tokens[k].key, tokens[k + 1].key + tokens[k + 2].key.lower()
                        )
                    )
                )
                and not _is_place(tokens, words, k + 2)  # "Wang Fang Long Beach"
            ):
                scores[k + 2] = max(scores[k + 2], STRONG_FULL)

        for k in range(len(tokens) - 1):
            a, b = tokens[k], tokens[k + 1]
            if not _one_name(text, a, b) or _place_words(tokens, words, k, k + 2) == 2:
                continue
            if is_surname(a.key) and free(k, k + 1) and given_name_after(a.key, b.key):
                scores[k] = scores[k + 1] = max(scores[k], scores[k + 1], STRONG_FULL)
                third_syllable(k)
            elif is_surname(a.key) and given_name_after(a.key, b.key):
                third_syllable(k)  # "Chen Mei Ling", its first two words a name already
            elif is_surname(b.key) and free(k, k + 1):
                if given_name_after(b.key, a.key, surname_first=False):
                    scores[k] = scores[k + 1] = max(scores[k], scores[k + 1], STRONG_FULL)
                elif (
                    k
                    and free(k - 1)
                    and _one_name(text, tokens[k - 1], a)
                    and given_name_after(
                        b.key, tokens[k - 1].key + a.key.lower(), surname_first=False
                    )
                ):  # "Mei Ling Tan": the given name's two syllables apart
                    scores[k - 1] = scores[k] = scores[k + 1] = max(scores[k + 1], STRONG_FULL)

    @staticmethod
    def _first_given_names(
        text: str, tokens: list[_Token], scores: list[float], words: Lexicon
    ) -> None:
        """'Luiz Miguel Caldeira': a word no list knows, and no ordinary word, right before a
        first name and a surname found, is the first of two given names."""
        for k in [
            k
            for k in range(len(tokens) - 2)
            if not scores[k] and scores[k + 1] >= WEAK_FULL and scores[k + 2] >= WEAK_FULL
        ]:
            word, given = tokens[k], tokens[k + 1]
            if (
                word.first is None
                and word.last is None
                and not (word.common or word.initial or word.title or word.text.isupper())
                and "-" not in word.text  # "Major-General Nikolai Sherbatov", "Ex-Yankee"
                # (in Latin letters: another script's words are in no list of ordinary ones,
                # "Клиент Иван Петров" is a customer, Ivan Petrov)
                and all(c < "\u0250" for c in word.text)
                and given.first is True  # mostly a name: not "Reynard Ford Cosworth"
                and _one_name(text, word, given)
                and _one_name(text, given, tokens[k + 2])
                and not _is_place([word], words)
                and word.key.casefold() not in words.organisations
            ):
                scores[k] = scores[k + 1]

    @staticmethod
    def _vietnamese(text: str, tokens: list[_Token], scores: list[float], words: Lexicon) -> None:
        """'Phạm Thu Hà', 'Đỗ Mười', 'Ngo Bao Chau': a Vietnamese family name and the
        syllables after it, which the lists mostly do not know."""
        for k in [k for k, t in enumerate(tokens) if t.key in vietnamese.ALL_FAMILY_NAMES]:
            family = tokens[k]
            if family.initial:
                continue
            marked = vietnamese.marked_family_name(family.key)
            end = k + 1
            while (
                end < len(tokens)
                and end - k <= 3
                and _one_name(text, tokens[end - 1], tokens[end])
                and vietnamese.is_syllable(tokens[end].key)
                and (
                    marked  # "Lê Thu": the family name says the language
                    or vietnamese.written_in_vietnamese(tokens[end].key)
                    or not tokens[end].common  # "Ngo Bao", not "Nguyen Can Help"
                )
            ):
                end += 1
            if end > k + 1 and not _is_place(tokens, words, k, end):
                for j in range(k, end):
                    scores[j] = max(scores[j], STRONG_FULL)

    @staticmethod
    def _families(text: str, tokens: list[_Token], scores: list[float], words: Lexicon) -> None:
        """'Meeting with the Hendersons', 'the Joneses', 'the Oyelaran family': a family by
        its surname."""
        family_words = any(word in text for word in _FAMILY_WORDS)
        for k, token in enumerate(tokens):
            key = token.key
            if (
                family_words
                and not scores[k]
                and not token.common
                and _FAMILY_AFTER.match(text, token.end)
                and text[max(0, token.start - 4) : token.start].lower() == "the "
                and not _is_place([token], words)
                and key.casefold() not in words.organisations
            ):
                scores[k] = CUED  # "the Oyelaran family", "the Nguyen household"
                continue
            if scores[k] or key[-1:] != "s" or len(key) < 5 or token.common:
                continue  # "the Browns", "the Millers": ordinary words too
            if text[max(0, token.start - 4) : token.start].lower() != "the ":
                continue
            for surname in (key[:-1], key[:-2] if key.endswith("es") else ""):
                if (
                    (
                        listed(words.last_names, surname)
                        or _surname_by_shape(surname, words)
                        or _double_barrelled(surname, words)  # "the Okonkwo-Smiths"
                    )
                    and surname not in _DEMONYMS
                    and key not in words.places
                ):
                    scores[k] = CUED
                    break

    def _name_lists(
        self, text: str, tokens: list[_Token], scores: list[float], words: Lexicon
    ) -> None:
        """'A, B and C' where most items are known names: all of them are people."""
        by_start = {t.start: k for k, t in enumerate(tokens)}
        listing = "," in text and any(joint.search(text) for joint in _LIST_JOINTS)
        for match in (
            once_per_run(_LIST, _LIST_START, _LIST_RUN, text, crowded=_LIST_CROWDED)
            if listing
            else ()
        ):
            items = [
                by_start.get(match.start() + m.start()) for m in _LIST_ITEM.finditer(match.group())
            ]
            if None in items:
                continue
            listed = [tokens[k] for k in items]  # type: ignore[index]
            known = sum(t.first is not None or t.last is not None for t in listed)
            if known * 2 >= len(listed) and not any(t.common for t in listed):
                for k in items:
                    scores[k] = max(scores[k], LISTED)  # type: ignore[index]
        if text.count("\n") >= 2:
            self._names_one_per_line(text, tokens, scores, words)
        if text.count(",") + text.count(";") + text.count("→") + text.count(">") >= 2:
            self._names_heading_entries(text, tokens, scores, words)

    @staticmethod
    def _names_heading_entries(
        text: str, tokens: list[_Token], scores: list[float], words: Lexicon
    ) -> None:
        """'Björk 112%, Oisín 98%, Mthunzi 87%', 'Tatsuya: $1.2M, Ximena: $800k': short
        entries of a list on one line, each headed by a capitalised word, three or more,
        most of them known first names and none a word or a place, are each headed by a
        person."""
        marks = [m.start() for m in _ENTRY_MARK.finditer(text)]  # both read in one pass
        breaks = [m.start() for m in _LINE_BREAK.finditer(text)]
        heads: list[int] = []
        line = -1

        def settle() -> None:
            known = sum(tokens[k].first is not None for k in heads)
            if len(heads) >= 3 and known * 2 >= len(heads):
                for k in heads:
                    scores[k] = max(scores[k], LISTED)

        for k, token in enumerate(tokens):
            if (
                text[token.start - 1 : token.start].isdigit()
                or text[token.end : token.end + 1].isdigit()
            ):
                continue  # a unit or a code, no word: "$1.2M", "A2"
            plain = token.common or token.title or token.initial or token.key in CALENDAR_WORDS
            if plain and not heads:
                continue  # most words of a text: no list is being read
            at_line = bisect.bisect_left(breaks, token.start)
            if at_line != line:  # a new line: the entries so far end
                settle()
                heads, line = [], at_line
            line_start = breaks[at_line - 1] + 1 if at_line else 0
            at_mark = bisect.bisect_left(marks, token.start)
            entry_start = marks[at_mark - 1] + 1 if at_mark else 0
            if entry_start <= line_start:
                if heads:
                    continue  # inside the entry whose head is read already
                entry_start = line_start
            elif heads and tokens[heads[-1]].start >= entry_start:
                continue  # this entry's head is read already
            if plain or token.start - entry_start > 12 or _is_place([token], words):
                settle()
                heads = []
                continue
            heads.append(k)
        settle()

    @staticmethod
    def _names_one_per_line(
        text: str, tokens: list[_Token], scores: list[float], words: Lexicon
    ) -> None:
        """'Attendees:\nZbigniew\nPriya\nOlamide': lines that each hold one name (bulleted
        or not), one after another, none a word or a place, most of them known names
        (both, of two), are all people."""
        by_start = {t.start: k for k, t in enumerate(tokens)}
        run: list[list[int]] = []
        last_end = -2

        def settle() -> None:
            if len(run) < 2:
                return
            lines = [[tokens[k] for k in line] for line in run]
            known = sum(any(t.first is not None or t.last is not None for t in ts) for ts in lines)
            # (two lines both: a card's name and company, "Zizi Kónya\nEnigmaio", are not)
            if known == len(lines) or (len(lines) > 2 and known * 2 >= len(lines)):
                for line in run:
                    for k in line:
                        scores[k] = max(scores[k], LISTED)

        for m in _NAME_LINE.finditer(text):
            items = [by_start.get(m.start(1) + w.start()) for w in _LIST_ITEM.finditer(m.group(1))]
            if None in items or any(
                tokens[k].common or _is_place([tokens[k]], words)  # type: ignore[index]
                for k in items
            ):
                settle()  # a heading ("Invited"), a word or a place ends the names
                run, last_end = [], -2
                continue
            if m.start() != last_end + 1:
                settle()
                run = []
            run.append(items)  # type: ignore[arg-type]
            last_end = m.end()
        settle()

    def _propagate(self, text: str, tokens: list[_Token], scores: list[float]) -> None:
        parts = {
            t.key for t, s in zip(tokens, scores, strict=True) if s >= WEAK_FULL and not t.initial
        }
        ends = [t.end for t in tokens]
        pairs = set()
        # An address holds no whitespace: only the runs around an @ are read.
        for start, end in runs_holding(text, AT, NOT_SPACE):
            for m in EMAIL_LOCAL_NAME.finditer(text, start, end):
                first, last = (p.capitalize() for p in m.groups())
                parts.update((first, last))
                pairs.add((first, last))
            if owner := _owner_before_address(text, tokens, ends, start):
                parts.add(owner)
        # A surname that is also a word, seen after a first name in the text, is the surname
        # where it stands alone as a person does, before a verb or a mark: "White wants 40
        # seats; Jeffery White will sign" (not "the White House", "the white paper"); so is
        # such a first name seen before a surname.
        surnames: set[str] | None = None  # read only for a word that may be one
        firsts: set[str] = set()
        for k, token in enumerate(tokens):
            if scores[k] not in (0.0, PLACE_OR_NAME) or token.key not in parts:
                continue  # (most tokens) ... "Washington" after "MaliVai Washington" is not
            if token.common and not addressed(text, token.start, token.end):
                if surnames is None:
                    surnames = _surnames_after_first_names(text, tokens, scores)
                    firsts = _first_names_before_surnames(text, tokens, scores)
                if not _alone_as_a_person(text, token) or not (
                    token.key in surnames
                    # (and a first name that is a word, seen before a surname: "Dag talked
                    # to Manny" after "cc: Dag Joraholmen"; not the verb it is, opening a
                    # sentence before its object: "Mark the calendar", "Sue them")
                    or (
                        token.key in firsts
                        and (
                            mid_sentence(text, token.start)
                            or not _OBJECT_AFTER.match(text, token.end)
                        )
                    )
                ):
                    continue
            scores[k] = PROPAGATED
        # Both words of the name an address spells, side by side, are that name even when
        # one is also a word: "Mats Ek" beside mats.ek@volvocars.com (one of them a listed
        # name: "Sales Team" beside sales.team@ is no one).
        firsts = {first for first, _ in pairs}
        for k in range(len(tokens) - 1) if pairs else ():
            a, b = tokens[k], tokens[k + 1]
            if (
                a.key in firsts
                and (a.key, b.key) in pairs
                and (a.first is not None or b.last is not None)
                and _one_name(text, a, b)
            ):
                for i in (k, k + 1):
                    if scores[i] in (0.0, PLACE_OR_NAME):
                        scores[i] = PROPAGATED
        _particles_with_their_surnames(text, tokens, scores)

    def _spans(  # type: ignore[no-untyped-def]
        self,
        text: str,
        tokens: list[_Token],
        scores: list[float],
        joined: set[int],
        lead: dict[int, int],
    ):
        results = []
        k = 0
        while k < len(tokens):
            if not scores[k]:
                k += 1
                continue
            j, score = k, scores[k]
            first = k
            while (
                first
                and tokens[first - 1].initial
                and _one_name(text, tokens[first - 1], tokens[first])
                and not _opening_article(text, tokens[first - 1])
            ):
                first -= 1  # "J. R. Ewing": the initials before a name are part of it
            while (
                j + 1 < len(tokens)
                and scores[j + 1]
                and (_one_name(text, tokens[j], tokens[j + 1]) or j in joined)
            ):
                j += 1
                score = max(score, scores[j])
            end = tokens[j].end + (
                1 if tokens[j].initial and text[tokens[j].end : tokens[j].end + 1] == "." else 0
            )
            if text[end : end + 1].isdigit():  # "J4ne D0e": the word goes on in digits
                end = _WORD_GOES_ON.match(text, end).end()  # type: ignore[union-attr]
            start = lead.get(first, tokens[first].start)
            if start == tokens[first].start and (
                particles := _PARTICLES_OPENING.search(text, max(0, start - 12), start)
            ):
                start = particles.start(1)  # "de Bruin wants 40 seats": the surname's own
            # The words before a place that is also a name were read above; a "Thanks"
            # a sentence back must not make "The Madrid team" a person's.
            settled = score == PLACE_OR_NAME
            results.append(self.result(start, end, score, "name lists and cues", settled=settled))
            k = j + 1
        return results
