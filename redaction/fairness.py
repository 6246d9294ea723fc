"""The fairness guard: prompts that ask for decisions about people by a protected characteristic.

"Rank these leads by likely ethnicity", "skip anyone over 60", "only call the
ones who sound American". Offline and explainable: a finding needs, in one
sentence (or a question and the instruction that answers it), a protected
characteristic said of people and a word that decides about them (rank, skip,
only call, exclude, target...). Each finding names its trait and the words
that fired, so the decision in the log says why.

Words that name a characteristic but often mean something else ("the account's
age", "white paper", "single sign-on", "disabled accounts", "the German
subsidiary") count only where they are said of people: next to a word for
people, or as a property of them. Sentences that talk about fairness itself
("never use age in scoring", "make sure no one was excluded because of their
age") are left alone. Measured on bench/fairness with `make quality`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollgate.redaction.normalize import normalized_view
from tollgate.redaction.text_cues import folded_like_re

TRAITS = (
    "race",
    "religion",
    "sex",
    "age",
    "disability",
    "orientation",
    "nationality",
    "pregnancy",
    "marital",
)


@dataclass(frozen=True, slots=True)
class FairnessFinding:
    trait: str  # one of TRAITS
    term: str  # the words that named the characteristic
    cue: str  # the words that decide about people

    @property
    def rule(self) -> str:
        return f"fairness.{self.trait}"

    def explain(self) -> str:
        return f"{self.rule}: {self.cue!r} with {self.term!r}"


def _any(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


# Words for the people a sales prompt decides about.
PEOPLE = _any(
    r"people", r"persons?", r"folks", r"ones", r"leads?", r"prospects?", r"customers?",
    r"clients?", r"contacts?", r"applicants?", r"candidates?", r"households?",
    r"famil(?:y|ies)", r"owners?", r"founders?", r"buyers?", r"callers?", r"users",
    r"employees", r"staff", r"reps?", r"workers", r"homeowners?", r"decision[- ]makers?",
    r"men", r"women", r"couples?", r"parents?", r"mothers?", r"fathers?", r"names?",
    r"surnames?", r"nationals", r"attendees", r"shoppers", r"borrowers", r"tenants",
    r"patients", r"subscribers", r"individuals", r"anyone", r"everyone", r"those",
    r"guys", r"girls", r"boys", r"kids", r"students", r"graduates",
)  # fmt: skip
# "they are ...", "who seem ...", "if the contact is ..."
SAID_OF = (
    r"(?:\b(?:are|is|be|being|seem|seems|look|looks|appear|appears|sound|sounds|sounding)"
    r"(?: to be)?(?: likely| probably| obviously| clearly)? )"
)
_PERSONAL = _any(
    r"their", r"his", r"her", r"its owner's", r"(?:the )?(?:customer|lead|contact|prospect|"
    r"applicant|candidate|client|rep|person|user|buyer|caller)'?s",
)  # fmt: skip

# Data about a characteristic, not people: "the gender field", "disability insurance".
_NOT_PEOPLE_AFTER = _any(
    r"field", r"column", r"attribute", r"question", r"box", r"checkbox", r"dropdown",
    r"option", r"data", r"insurance", r"brokers?", r"report", r"statement", r"policy",
    r"clinics?", r"centers?", r"centres?", r"store", r"retailers?", r"apparel", r"market",
    r"markets", r"subsidiary", r"entity", r"office", r"team's",
)  # fmt: skip

_DEMONYMS = _any(
    r"american", r"british", r"english", r"german", r"french", r"italian", r"spanish",
    r"mexican", r"canadian", r"chinese", r"japanese", r"korean", r"indian", r"pakistani",
    r"nigerian", r"polish", r"russian", r"ukrainian", r"turkish", r"irish", r"scottish",
    r"brazilian", r"filipino", r"vietnamese", r"iranian", r"iraqi", r"syrian", r"somali",
    r"romanian", r"portuguese", r"dutch", r"greek", r"egyptian", r"moroccan", r"cuban",
    r"haitian", r"jamaican", r"venezuelan", r"colombian", r"afghan", r"ethiopian",
    r"kenyan", r"ghanaian", r"bangladeshi", r"thai", r"australian", r"swedish",
)  # fmt: skip
_RACES = _any(
    r"black", r"white", r"asian", r"hispanic", r"latino", r"latina", r"latinx", r"arab",
    r"african", r"caucasian", r"brown", r"native american", r"indigenous",
)  # fmt: skip
_FAITHS = _any(
    r"muslims?", r"christians?", r"jewish", r"jews", r"hindus?", r"sikhs?", r"buddhists?",
    r"catholics?", r"protestants?", r"atheists?", r"mormons?", r"evangelicals?",
)  # fmt: skip
_AGE_GROUPS = _any(
    r"seniors", r"senior citizens", r"retirees", r"pensioners", r"boomers", r"millennials", r"gen ?z",
    r"zoomers", r"teenagers", r"elderly", r"the (?:old|young)(?=[,.;!?]| and\b| or\b|$)",
)  # fmt: skip
_UNITS = _any(
    r"k\b", r"%", r"days?", r"weeks?", r"months?", r"quarters?", r"units?", r"seats?",
    r"users", r"employees", r"percent", r"dollars?", r"euros?", r"pounds", r"licen[cs]es?",
    r"items?", r"orders?", r"deals?", r"calls?", r"emails?", r"points", r"minutes?",
    r"hours?", r"mb", r"gb", r"000", r"miles?", r"km",
)  # fmt: skip

_T = r"(?:[\w'-]+ ){0,3}?"  # up to three words in between

# (trait, pattern): a pattern matches words that name the characteristic of people.
_TERMS: tuple[tuple[str, str], ...] = (
    ("race", r"\b(?:ethnicit(?:y|ies)|ethnic(?:ally)?|racial(?:ly)?)\b"),
    ("race", r"\b(?:race|races)\b(?! to\b| conditions?\b| against\b| car| track)"),
    ("race", r"\bskin (?:colou?r|tone)\b"),
    ("race", rf"\b(?:of )?{_any('african', 'asian', 'chinese', 'indian', 'arab', 'hispanic', 'european')}"
             r" (?:descent|origin|heritage|background)\b"),
    ("race", rf"\b{_RACES}(?:[- ](?:sounding|looking))? {_T}{PEOPLE}\b"),
    ("race", rf"{SAID_OF}{_RACES}\b"),
    ("race", r"\b(?:caucasian|hispanic|latinos?|latinas?|latinx)\b"),
    ("race", rf"\b{_RACES}[- ](?:sounding|looking)\b"),
    ("religion", r"\breligio(?:n|ns|us)\b(?! (?:field|column))"),
    ("religion", r"\b(?:faith|religious affiliation)\b(?! in\b)(?<!good faith)"),
    ("religion", rf"\b{_FAITHS}(?![- ](?:community|center|centre|school|holiday))\b"),
    ("religion", rf"\b{_FAITHS}[- ]sounding\b"),
    ("religion", r"\b(?:church-?goers?|churchgoers?|hijabs?|headscarf|turbans?|kippahs?)\b"),
    ("religion", rf"\b{_PERSONAL} (?:mosque|church|synagogue|temple|prayers?)\b"),
    ("sex", r"\b(?:gender|genders|sex)\b"),
    ("sex", r"\b(?:transgender|trans|non-?binary|male|female|males|females)\b"),
    ("sex", r"\b(?:men|women|man|woman|guys|girls|boys|ladies|gentlemen)\b(?!'s)"),
    ("age", rf"\b{_PERSONAL} ages?\b"),
    ("age", r"\b(?:by|on|of|for) (?:likely |their |estimated )?age\b"),
    ("age", r"\bage (?:groups?|brackets?|ranges?|bands?)\b"),
    ("age", rf"\bhow old (?:they|he|she|the {PEOPLE}) (?:are|is)\b"),
    ("age", r"\b(?:aged|age) \d{2}\b"),
    ("age", r"\b(?:born|graduated) (?:before|after|in) (?:19|20)\d{2}\b"),
    ("age", r"\b(?:date of birth|birth year|year of birth|retirement age)\b"),
    ("age", r"\b(?:oldest|youngest|eldest) (?:first|last|on top|at the top)\b"),
    ("age", rf"\b(?:{PEOPLE}|who) (?:are |is |have |has )?(?:retired|nearing retirement)\b"),
    ("age", rf"{SAID_OF}(?:too |very |quite )?(?:old|young|older|younger)\b"),
    ("age", rf"\b{_AGE_GROUPS}\b"),
    ("age", r"\bin their (?:teens|twenties|thirties|forties|fifties|sixties|seventies|20s|30s|40s|50s|60s|70s)\b"),
    ("age", rf"\b(?:older|younger|oldest|youngest|old|young|elderly|middle-aged) {_T}{PEOPLE}\b"),
    ("age", rf"\b{PEOPLE} (?:who|that) (?:are|is|look|looks|seem|seems) (?:too )?(?:older|old|younger|young)\b"),
    ("age", rf"\b{PEOPLE} {_T}(?:over|under|above|below|older than|younger than) \d{{2}}\b(?! ?{_UNITS})"),
    ("age", r"\b(?:over|under|older than|younger than) \d{2} years? old\b"),
    ("age", rf"{SAID_OF}(?:over|under|older than|younger than) \d{{2}}\b(?! ?{_UNITS})"),
    ("disability", r"\bdisabilit(?:y|ies)\b"),
    ("disability", r"\b(?:disabled|handicapped)\b(?! (?:users? accounts?|accounts?|features?|plugins?|"
                   r"buttons?|fields?|options?|integrations?|settings?))"),
    ("disability", r"\b(?:wheelchairs?|deaf|hard of hearing|autis(?:m|tic)|able-bodied|non-disabled"
                   r"|adhd|dyslexi\w*|epilep\w*|bipolar|schizophreni\w*|down syndrome"
                   r"|cerebral palsy|multiple sclerosis|paralys\w+|paralyzed|paralysed|amputees?"
                   r"|hearing loss|(?:hearing|visually|mentally|physically) impaired|impairments?)\b"),
    ("disability", r"\b(?:blind)\b(?! (?:copy|carbon|spot|test|review|side|date))"),
    ("disability", r"\b(?:mental illness|mental health (?:conditions?|issues?|problems?)|"
                   r"chronic(?:ally)? ill(?:ness)?|health conditions?|sick leave|"
                   r"accessibility accommodations?|medical conditions?)\b"),
    ("orientation", r"\bsexual orientation\b"),
    ("orientation", r"\bby orientation\b"),
    ("orientation", r"\b(?:gay|lesbians?|bisexuals?|lgbt\w*|queer|homosexuals?|heterosexuals?|same-sex)\b"),
    ("orientation", rf"\bstraight {PEOPLE}\b"),
    ("nationality", r"\b(?:nationalit(?:y|ies)|national origin|country of origin|citizenship|"
                    r"immigrants?|immigration status|foreigners?|migrants?|refugees?)\b"),
    ("nationality", r"\b(?:us|u\.s\.|uk|eu|\w+) citizens?\b(?<!senior citizen)(?<!senior citizens)"),
    ("nationality", r"\bforeign[- ](?:sounding|looking|born|names?|accents?)\b"),
    ("nationality", r"\bnative (?:\w+ )?speakers?\b"),
    ("nationality", r"\b(?:accents?)\b"),
    ("nationality", r"\b(?:born in (?:the )?\w+|\w+-born)\b"),
    ("nationality", rf"\b{_DEMONYMS}(?:[- ](?:sounding|looking))? {_T}{PEOPLE}\b"),
    ("nationality", rf"{SAID_OF}{_DEMONYMS}\b"),
    ("nationality", rf"\b{_DEMONYMS}s\b"),
    ("pregnancy", r"\b(?:pregnan(?:t|cy|cies)|maternity leave|expectant (?:mothers?|parents?)|"
                  r"gave birth|new mothers?|planning a family|plans? for pregnancy)\b"),
    ("pregnancy", r"\bexpecting (?:a baby|a child|children|twins)\b"),
    ("marital", r"\b(?:marital status|unmarried|divorced|divorcees?|widowed|widows?|widowers?|"
                r"spouses?|separated from)\b"),
    ("marital", r"\bmarried\b(?![- ]to\b)"),
    ("marital", rf"\bsingle {PEOPLE}\b"),
    ("marital", rf"{SAID_OF}(?:single|separated)\b"),
)  # fmt: skip

# Words that decide about, score, rank, filter or target people.
_CUES = re.compile(
    r"\b(?:rank(?:s|ed|ing)?|sort(?:s|ed)?|scor(?:e|es|ed|ing)|rat(?:e|ed|ing) (?:each|them|the|every)"
    r"|filter(?:s|ed)?|exclud(?:e|es|ed|ing)|skip(?:s|ped)?|drop(?:s|ped)?|remov(?:e|es|ed)"
    r"|cut|deprioriti[sz]e[sd]?|prioriti[sz]e[sd]?|target(?:s|ed|ing)?|select(?:s|ed)?"
    r"|pick(?:s|ed)?|choose|shortlist(?:ed)?|screen(?:ed)? out|weed(?:ed)? out|reject(?:s|ed)?"
    r"|disqualif(?:y|ied)|hire|fire|promote|decide[sd]?|segment(?:s|ed)?|classif(?:y|ied)"
    r"|favou?r|penali[sz]e|deduct|give|gives|offer only|keep only|leave out|ignore"
    r"|only (?:call|email|contact|hire|invite|shortlist|target|include|keep|give|select|offer"
    r"|send|show|approve|call back)|only\b|(?:don't|do not|never) (?:call|contact|send|target"
    r"|offer|email|invite|hire|approve)|deny|denied|decline|approve|lower|higher|worse|better"
    r"|first|last|bottom|top|put|infer|guess|predict|adjust|categori[sz]e"
    r"|(?:leave|leaves|left|take|takes|cross|crossed|strike|keep|kept|pull|pulled|shut|cut)"
    r" [\w'-]+(?: [\w'-]+){0,6} (?:off|out)"
    r"|(?:cross|strike|check|rule|weed|sort|filter|phase|screen)(?:ed)? (?:off|out)"
    r"|bump(?:ed)?|push(?:ed)?|move[sd]?|demote[sd]?|waste time on|avoid|pass on|reject pile"
    r"|not worth|too (?:old|young)|mark(?:s|ed)?|flag(?:s|ged)?|tag(?:s|ged)?|label(?:s|led)?"
    r"|discard(?:s|ed)?|ditch(?:es|ed)?|dump(?:ed)?|toss(?:ed)?|bin|pull(?:s|ed)?"
    r"|downgrade[sd]?|upgrade[sd]?|reassign(?:ed)?|hold back|withh[oe]ld|turn(?:ed)? away"
    r"|refuse[sd]?|(?:should|must|shall|will|can) not|shouldn't|mustn't|won't|can't"
    r"|should(?: only)? (?:get|be|go|make)|(?:go|goes|sent|send) to the (?:end|back|bottom)"
    r"|end of the (?:list|queue|line)|low(?:er)? (?:priority|value)|high(?:er)? (?:priority|value)"
    r"|(?:oldest|youngest) (?:first|last)|make the (?:shortlist|cut|list)|reorder(?:ed)?"
    r"|reach out|call(?:ed)? first|get the|gets the|only"
    r"|get(?:ting)? rid of|prefer(?:red|ring|ably)?|preference for|(?:don't|do not|doesn't|does not)"
    r" (?:want|need|like)|weigh(?:t|ts|ted|s)?(?: [\w'-]+){0,4} (?:against|in favou?r of)"
    r"|take[sn]? out|took out|exclusively|instead of|not (?:hire|call|contact|serve|invite|promote"
    r"|interview|shortlist|approve|include|target|offer)|cull|purge|eliminate|strip out|omit"
    r"|ban|bar from|ineligible|not eligible|restrict(?:ed)? to|limit(?:ed)? to|reserve[sd]? for"
    r"|steer clear|keep away|hide from|screen(?:ed|ing)?)\b"
)  # fmt: skip

# Sentences about fairness itself: the rule, not a request to break it.
_ABOUT_FAIRNESS = re.compile(
    r"\b(?:(?:never|must not|mustn't|should not|shouldn't|do not|don't|cannot|can't|may not)"
    r" (?:use|consider|factor|take into account|ask about|ask for|collect|store|infer|record)"
    r"|not be used|illegal|unlawful|discriminat\w*|bias\w*|equal opportunit\w*|fair\b|fairly"
    r"|regardless of|without regard|make sure no one|ensure no one|no one was|ignores? (?:the )?"
    r"(?:race|religion|age|gender|sex|nationality|ethnicity|disability|marital status"
    r"|sexual orientation)|audit\w*|check that)\b"
)
# "Sort the invoices by age": a characteristic every record has; about people only
# when the sentence names people and no business object.
_OBJECTS = re.compile(
    r"\b(?:tickets?|invoices?|deals?|opportunit(?:y|ies)|products?|orders?|quotes?|skus?"
    r"|accounts?|pipeline|licen[cs]es?|versions?|files?|records?|stock|inventory|buckets?"
    r"|compan(?:y|ies)|startups?)\b"
)
_PEOPLE_WORD = re.compile(rf"\b{PEOPLE}\b")
_AMBIGUOUS = re.compile(
    r"^(?:(?:by|on|of|for) (?:likely |their |estimated )?age|age (?:groups?|brackets?|ranges?|bands?)"
    r"|(?:oldest|youngest|eldest) (?:first|last|on top|at the top))$"
)
_SENTENCES = re.compile(r"(?<=[.!?;\n])\s+|\n+")
_CLAUSE_END = ("?", ";", ":")
_PRONOUN = re.compile(r"\b(?:them|they|those|these|him|her|the ones)\b")
_COMPILED = tuple((trait, re.compile(pattern)) for trait, pattern in _TERMS)


def _plain(alternation: str) -> set[str]:
    """The words of an alternation such as _RACES, plurals included."""
    words = set(re.sub(r"[()?:]", " ", alternation.replace("s?", " ")).replace("|", " ").split())
    return words | {f"{word}s" for word in words}


# Every term above needs one of these words (or a word starting with one of the
# prefixes): a sentence without any is not run through the ninety patterns,
# which is what most sentences of a prompt are. Python's regex engine tries
# each alternative at each position, so this set lookup is a hundred times cheaper.
_TRIGGER_WORDS = """
    ethnicity ethnicities ethnic ethnically racial racially race races skin descent
    religion religions religious faith affiliation churchgoer churchgoers church goers
    hijab hijabs headscarf turban turbans kippah kippahs mosque synagogue temple prayer prayers
    gender genders sex transgender trans binary nonbinary male female males females men women
    man woman guys girls boys ladies gentlemen age ages old older oldest young younger youngest
    elderly aged born graduated birth retirement retired seniors senior retirees pensioners
    boomers millennials gen genz zoomers teenagers teens twenties thirties forties fifties
    sixties seventies 20s 30s 40s 50s 60s 70s over under above below than
    disability disabilities disabled handicapped wheelchair wheelchairs deaf hearing autism
    autistic bodied adhd bipolar syndrome palsy sclerosis amputee amputees blind mental illness
    ill chronic chronically health sick accessibility medical conditions condition
    sexual orientation gay lesbian lesbians bisexual bisexuals queer homosexual homosexuals
    heterosexual heterosexuals straight nationality nationalities national citizenship citizen
    citizens immigrant immigrants immigration foreigner foreigners foreign migrant migrants
    refugee refugees native speaker speakers accent accents origin pregnant pregnancy
    pregnancies maternity expectant expecting mothers mother family marital unmarried divorced
    divorcee divorcees widowed widow widows widower widowers spouse spouses separated married
    single same loss impaired impairment impairments visually mentally physically
"""
_TRIGGERS = frozenset(
    _plain(_RACES) | _plain(_FAITHS) | _plain(_DEMONYMS) | set(_TRIGGER_WORDS.split())
)
_TRIGGER_PREFIXES = ("lgbt", "dyslexi", "epilep", "schizophreni", "paraly")
_WORD = re.compile(r"[a-z0-9]+")


def _may_name_a_trait(sentence: str) -> bool:
    words = set(_WORD.findall(sentence))
    return not words.isdisjoint(_TRIGGERS) or any(
        word.startswith(_TRIGGER_PREFIXES) for word in words
    )


# Matched where a trait's words end, in the sentence itself: a copy of the
# rest of the sentence for each match was quadratic on one long sentence.
_NOT_PEOPLE = re.compile(rf"[- ]?{_NOT_PEOPLE_AFTER}\b")


def find_fairness(texts: list[str] | tuple[str, ...]) -> tuple[FairnessFinding, ...]:
    """What in `texts` asks for decisions about people by a protected characteristic."""
    found: dict[tuple[str, str, str], FairnessFinding] = {}
    for text in texts:
        # The same plain form detection reads: look-alike letters, hidden
        # characters and encodings do not disguise "ethnicity" either.
        plain, _ = normalized_view(text)
        lowered = folded_like_re(plain)  # "RELİGİON" is "religion" too
        # A sentence's words are words of its text: a text naming no trait at
        # all, as most prompts, is not split into sentences to test each.
        if not _may_name_a_trait(lowered):
            continue
        for sentence in _units(lowered):
            if not _may_name_a_trait(sentence) or _ABOUT_FAIRNESS.search(sentence):
                continue
            cue = _CUES.search(sentence)
            if cue is None:
                continue
            # Whether "by age" and the like are about things, not people: the
            # same for each of them in the sentence, so read once.
            about_things: bool | None = None
            for trait, pattern in _COMPILED:
                for match in pattern.finditer(sentence):
                    if _NOT_PEOPLE.match(sentence, match.end()):
                        continue
                    if _AMBIGUOUS.match(match.group(0)):
                        if about_things is None:
                            about_things = bool(
                                _OBJECTS.search(sentence) or not _PEOPLE_WORD.search(sentence)
                            )
                        if about_things:
                            continue
                    key = (trait, match.group(0).strip(), cue.group(0))
                    found.setdefault(key, FairnessFinding(*key))
    return tuple(found.values())


def _units(text: str) -> list[str]:
    """Sentences; a question or clause is joined to the instruction after it that points
    back to it ("Which are X? Drop them.", "no time for X; skip them")."""
    sentences = [s.strip() for s in _SENTENCES.split(text) if s.strip()]
    units: list[
        list[str]
    ] = []  # joined at the end: joined as they come, a long chain was quadratic
    for sentence in sentences:
        if units and units[-1][-1].endswith(_CLAUSE_END) and _PRONOUN.search(sentence):
            units[-1].append(sentence)
        else:
            units.append([sentence])
    return [" ".join(parts) for parts in units]
