"""Names written all in lower case: "my name is lena andersson", "follow up with naomi ryan".

People type names in lower case in chat, and doing so must not be a way
around redaction. Without capitals a name cannot be told by its shape, so
only two readings are trusted:

- the words after a cue that introduces a person ("my name is", "call me",
  "this is"), when they are not ordinary words;
- the value of a record's field for someone's name ('"first_name": "ngozi"',
  "name=anh nguyen&");
- a handle mentioned with an @ after words that tag a colleague ("ping
  @jmorales and @sarah.k"), not a decorator or a package ("@pytest.fixture",
  "@types/node");
- the name shown in a mention as Slack writes it ("<@U024BE7LH|priya.n>");
- the name an email address of the text spells, written beside it in lower case
  ("jack oconnell" or "jack o'connell" and jack.oconnell@...);
- a surname of the shape O' that a list has ("jack o'connell", "o’brien"; not
  "o'clock"), with the first name before it;
- a listed first name that is not also an ordinary word or a place, with the
  surname after it when that is not an ordinary word either, or alone ("ask
  priya", "thx, olivia"), but not as part of an identifier, an address or a
  path ("olivia_test", "olivia.k@", "/home/olivia"), nor the names of assistants
  and software ("claude", "hugo").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from tollgate.redaction.lexicon import lexicon
from tollgate.redaction.occurrences import occurrences
from tollgate.redaction.prefilter import NOT_SPACE, runs_holding
from tollgate.redaction.text_cues import (
    AT,
    EMAIL_LOCAL_NAME,
    KIN_WORDS,
    PUNCTUATION_TO_SPACE,
    folded_like_re,
)

_INTRODUCED = re.compile(
    r"\b(?:my\s+name\s+is|name\s+is|call\s+me|called|named|i\s+am|i'm|this\s+is)[ \t]+"
    r"([^\W\d_]+(?:['’\-][^\W\d_]+)*)(?:[ \t]+([^\W\d_]+(?:['’\-][^\W\d_]+)*))?",
    re.IGNORECASE,
)


# In lower case, first names that are more often something else: assistants people
# ask ("ask claude"), software ("built with hugo", "a julia notebook", "apollo
# sequences"), a month ("due jan 15").
_NOT_PEOPLE = frozenset(["claude", "alexa", "siri", "cortana", "gemini", "bard", "grok",
                         "chatgpt", "copilot", "gpt", "llama", "mistral", "perplexity",
                         "hugo", "julia", "luigi", "apollo", "jan"])  # fmt: skip


@cache
def _first_names() -> frozenset[str]:
    """Strongly listed first names, in lower case, that are not ordinary words too."""
    words = lexicon()
    return frozenset(
        name.lower()
        for name, strong in words.first_names.items()
        if strong and name.lower() not in words.common_words and len(name) > 2
    )


def _alone_a_name(word: str) -> bool:
    """A first name that no list has as a surname or a place, nor software: alone in lower
    case, "hubbard" or "owens" is as often the company, the pipeline or the street named
    after someone, "maria" a town, "hugo" a site generator (with a surname after them,
    "maria kowalski", they are names)."""
    words, name = lexicon(), word.capitalize()
    return name not in words.last_names and name not in words.places and word not in _NOT_PEOPLE


def _ordinary(word: str) -> bool:
    return word.lower() in lexicon().common_words


def _may_name(word: str, *, first: bool) -> bool:
    """After a cue, a word names someone unless it is an ordinary word that no list
    has as a name ("my name is john smith": both are also listed names)."""
    listed = lexicon().first_names if first else lexicon().last_names
    return not _ordinary(word) or word.capitalize() in listed


def _without_possessive(end: int, word: str) -> int:
    """`end`, less a possessive "'s" ("krylova's" -> "krylova")."""
    return end - 2 if len(word) > 3 and word[-2:] in ("'s", "’s") else end


# "My name is" in the customers' languages, in lower case ("me llamo lucía fernández",
# "benim adım elif şahin"): a listed first name must follow, as the words after them are
# no English text's, whose common words would tell a name from a word.
_FOREIGN_INTRODUCED = re.compile(
    r"(?<![^\W\d_])(?:me llamo|mi nombre es|je m'appelle|je m’appelle|mon nom est|mi chiamo|"
    r"il mio nome è|mein name ist|ich heiße|ich heisse|ik heet|mijn naam is|meu nome é|"
    r"chamo-me|nazywam się|mam na imię|benim ad[ıi]m|ad[ıi]m|меня зовут|мене звати)[ \t]+"
    r"([^\W\d_]+)(?:[ \t]+([^\W\d_]+(?:['’\-][^\W\d_]+)*))?"
)
_FOREIGN_INTRODUCING_WORDS = ("llamo", "nombre", "appelle", "nom est", "chiamo", "nome", "name ist",
                              "heiße", "heisse", "heet", "naam", "chamo", "nazywam", "imię",
                              "adim", "зовут", "звати")  # fmt: skip
# (looked for in the text as `folded_like_re` writes it, and read in the view that
# reads a dotless ı as i: "adım" is "adim" in both)


def _introduced_in_other_languages(text: str) -> list[tuple[int, int, bool]]:
    words, found = lexicon(), []
    for m in _FOREIGN_INTRODUCED.finditer(text):
        first, last = m.group(1), m.group(2)
        if not first.islower() or first.capitalize() not in words.first_names:
            continue  # capitalised, the name recognizer's; else a word, not a name
        end = m.end(1)
        if surname_end := _particles_and_surname(text, end):
            end = surname_end
        elif (
            last
            and last.islower()
            and (last.capitalize() in words.last_names or not _ordinary(last))
        ):
            end = _without_possessive(m.end(2), last)
        found.append((m.start(1), end, True))
    return found


_NEXT_WORD = re.compile(r" ([^\W\d_]+(?:['’\-][^\W\d_]+)*)")
_CUES = ("name", "call", "i am", "i'm", "this is")
# A title in lower case before a lower-case name: "send it to mr. jenkins", "ms alvarez
# called". (The first letter is matched first, so `re` skips in C to each m, d or p;
# and it runs only when the text holds such a word.)
_LOWER_TITLES = frozenset(["mr", "mrs", "ms", "mx", "miss", "dr", "prof"])
_TITLED = re.compile(
    r"[mdp](?<![\w.][mdp])(?:(?<=m)(?:rs?|s|x|iss)|(?<=d)r|(?<=p)rof)\.?[ \t]+"
    r"([a-z][^\W\d_]*(?:['’\-][^\W\d_]+)*)(?:[ \t]+([a-z][^\W\d_]*(?:['’\-][^\W\d_]+)*))?"
)


# "@jmorales", "@sarah.k" after "ping", "cc", "ask", "thanks", "hey"..., and the
# mentions listed after it ("cc @ana, @li.wei and @tom")
_HANDLE = r"@[A-Za-z][\w.\-]{0,38}[A-Za-z0-9_](?![\w@/(\-]|\.\w)"
# An @ that opens a handle, not one inside an address ("jane@acme.com"): only these
# few are looked at, with the words just before them.
_HANDLE_AT = re.compile(r"@(?<![\w@.]@)(?=[A-Za-z])")
_TAGGING_WORDS = (
    r"ping|cc|ask|asking|thanks|thx|ty|hey|hi|hello|dm|tag|tagging|loop\s+in|assigned(?:\s+to)?|"
    r"is|was|"
    # a record's field that holds a person: "Deal owner: @sarah.j"
    r"owner|champion|blocker|rep|assignee|reviewer|approver|contact|sponsor|buyer|signer|"
    r"customer|lead"
)
_MENTION_CUE = re.compile(
    rf"(?<![^\W_])(?i:{_TAGGING_WORDS}|by|with|from|to|for)(?:[ \t]*:[ \t]*|[ \t]+)$"
)
# A capitalised handle is as often code's ("annotated with @Entity", "@Override
# public"): only words that tag someone cue it.
_CAPITALISED_MENTION_CUE = re.compile(rf"(?<![^\W_])(?i:{_TAGGING_WORDS})(?:[ \t]*:[ \t]*|[ \t]+)$")
_LIST_JOIN = re.compile(r"[ \t]*(?:,|and|or|&|/)[ \t]*")
# a message that opens on them talks to them: "@mike_t can you review?"
_WORDS_AFTER = re.compile(r"[^\n]*?[ \t][a-z]")
_MENTION = re.compile(_HANDLE)
# What follows an @ in code and style sheets, or tags everyone: not a person.
_NOT_HANDLES = frozenset(["param", "return", "returns", "throws", "raises", "see", "since",
                          "author", "version", "deprecated", "override", "media", "import",
                          "keyframes", "font-face", "apply", "tailwind", "layer", "supports",
                          "charset", "namespace", "mixin", "include", "extend", "use", "forward",
                          "property", "staticmethod", "classmethod", "dataclass", "todo",
                          "everyone", "channel", "here", "all", "team", "page", "container",
                          "tag", "type", "example", "link", "inheritdoc", "function", "if",
                          "else", "each", "for", "while", "end", "param", "var"])  # fmt: skip
# A handle given as someone's on a social network: "@marisolq on Twitter",
# "Instagram: @marisol.q", "tg @marisolq" (in any case: it names nobody else).
_NETWORKS = (
    r"twitter|x|instagram|insta|ig|telegram|tg|tiktok|threads|bluesky|mastodon|discord|"
    r"snapchat|signal|skype|slack|github|reddit|youtube|venmo|cash\s?app|paypal"
)
_ANY_HANDLE = re.compile(r"@([A-Za-z0-9_][\w.\-]{0,38}[A-Za-z0-9_])(?![\w@/(\-]|\.\w)")
_NETWORK_BEFORE = re.compile(
    rf"(?<![^\W_])(?i:{_NETWORKS}|handle|username)(?:[ \t]*[:=][ \t]*|[ \t]+)$"
)
# (not "on GitHub": "@pytest.fixture on GitHub" is code, and its handles as often projects)
_NETWORK_AFTER = re.compile(
    rf"[ \t]+(?i:on|at|via)[ \t]+(?i:{_NETWORKS.replace('github|', '')})(?!\w)"
)


def _social_handles(text: str) -> list[tuple[int, int, bool]]:
    """Each handle given as someone's on a social network, read from its @ (a text has few)."""
    found = []
    for m in _ANY_HANDLE.finditer(text):
        if m.group(1).lower() in _NOT_HANDLES:
            continue  # "Slack: @here", "@channel": everyone, no one
        if _NETWORK_BEFORE.search(text, max(0, m.start() - 24), m.start()) or (
            not (m.start() and _JOINED_BEFORE.match(text, m.start() - 1))
            and _NETWORK_AFTER.match(text, m.end())
        ):
            found.append((m.start(1), m.end(1), True))
    return found


_JOINED_BEFORE = re.compile(r"[\w@.]")

# A chat log's speaker, opening a line in angle brackets after its time: "[14:02]
# <kwame_a> did finance approve?" (not a markup tag: "<div> text", "<br> ")
_CHAT_NICK = re.compile(
    r"(?m)^[ \t]*(?:\[[^\]\n]{1,24}\][ \t]*)?<([A-Za-z][\w.\-]{1,30})>(?=[ \t]+\S)"
)
_MARKUP_TAGS = frozenset(["div", "span", "br", "html", "body", "head", "tr", "td", "th",
                          "li", "ul", "ol", "table", "script", "style", "meta", "link",
                          "title", "code", "pre", "em", "strong", "small", "sub", "sup",
                          "blockquote", "section", "article", "nav", "header", "footer",
                          "main", "aside", "form", "input", "label", "button", "select",
                          "option", "img", "hr", "tbody", "thead", "caption", "summary",
                          "details", "mark", "abbr", "cite", "kbd", "samp", "var", "dl",
                          "dt", "dd", "svg", "template", "slot", "noscript", "iframe"])  # fmt: skip


# ... or before a colon after its time: "[10:02] mkowalczyk: the PO is approved"
_CHAT_NICK_COLON = re.compile(
    r"(?m)^[ \t]*\[[^\]\n]{0,16}\d{1,2}:\d{2}[^\]\n]{0,12}\][ \t]*([A-Za-z][\w.\-]{1,30}):(?=[ \t]+\S)"
)


def _chat_nicks(text: str) -> list[tuple[int, int, bool]]:
    matches = [*_CHAT_NICK.finditer(text), *_CHAT_NICK_COLON.finditer(text)]
    return [
        (m.start(1), m.end(1), True)
        for m in matches
        if (nick := m.group(1).lower()) not in _MARKUP_TAGS
        and nick not in _NO_ONE
        and nick not in _NOT_HANDLES
        and not _ordinary(nick)
        and not nick.endswith(_NO_PERSONS_ENDINGS)
    ]


# A user name given without its @ after the network's name: "Her Skype is live:kasia.nowak_1",
# "Telegram: marisolq" (not GitHub's, as often a project, nor X's, a letter too)
_HANDLE_NETWORKS = (
    "skype", "telegram", "instagram", "insta", "twitter", "tiktok", "discord", "snapchat",
    "threads", "bluesky", "mastodon", "reddit", "wechat", "viber", "kik",
)  # fmt: skip
_NETWORK_WORDS = frozenset(
    form for n in _HANDLE_NETWORKS for form in (n, n.capitalize(), n.upper(), "WeChat", "TikTok")
)
_NAMED_ON_A_NETWORK = re.compile(
    rf"(?<![^\W_])(?i:{'|'.join(_HANDLE_NETWORKS)})(?:[ \t]+(?i:id|name|handle|username|user))?"
    r"(?:[ \t]*[:=][ \t]*|[ \t]+(?i:is)[ \t]+)(?:live:)?"
    # (Skype's ids after "live:", a name or an opaque one: "live:.cid.123abc456")
    r"(?![\w.\-]*@)((?<=live:)\.[\w.\-]{1,38}[A-Za-z0-9_]|[A-Za-z][\w.\-]{1,38}[A-Za-z0-9_])"
    r"(?![\w/@\-]|\.\w)"
)


# Someone talked with, told or asked, in chat's lower case: "i talked to mohammed",
# "tell priyanka and deepak", "lunch w/ ngozi and tunde", "reply to ana's email".
_TALKED_WITH = re.compile(
    r"\b(?i:(?:talked|talking|spoke|speaking|met|meeting|lunch|dinner|coffee|call|chat|chatted)"
    r"[ \t]+(?:to|with|w/)|tell|told|asked|remind|reminded|loop[ \t]+in|cc|reply[ \t]+to|"
    r"call[ \t]+back|(?:waiting[ \t]+on[ \t]+)?sign-?off[ \t]+from|waiting[ \t]+on)[ \t]+"
    r"([a-z][a-z'’\-]+)(?:[ \t]+(?:and|&|\+)[ \t]+([a-z][a-z'’\-]+))?"
)
_NOUN_ENDINGS = ("ment", "tion", "sion", "ance", "ence", "ness", "ship", "ity", "ing", "ware",
                 "desk", "hub", "soft", "ops", "ics", "ogy", "ism", "ist", "ers")  # fmt: skip
# The words one of which a text must hold for the pattern to run (as the text splits)
_TALK_WORDS = frozenset(
    form
    for word in (
        "talked",
        "talking",
        "spoke",
        "speaking",
        "met",
        "meeting",
        "lunch",
        "dinner",
        "coffee",
        "call",
        "chat",
        "chatted",
        "tell",
        "told",
        "asked",
        "remind",
        "reminded",
        "loop",
        "cc",
        "reply",
        "waiting",
        "sign",
    )  # fmt: skip
    for form in (word, word.capitalize(), word.upper())
)
_LOGIN_WORDS = frozenset(["user", "username", "userid", "login"])


def _talked_with(text: str) -> list[tuple[int, int, bool]]:
    found = []
    for m in _TALKED_WITH.finditer(text):
        for group in (1, 2):
            word = m.group(group)
            if word is None:
                continue
            end = _without_possessive(m.end(group), word)
            bare = text[m.start(group) : end]
            if _names_someone_in_lower_case(bare):
                found.append((m.start(group), end, True))
            elif group == 1:
                break  # "tell them and priya": the pair is read only after a name
    return found


def _names_someone_in_lower_case(word: str) -> bool:
    """A listed first name, or a word that is no ordinary one, no assistant and no
    software: "mohammed", "priyanka"; not "them", "chatgpt"."""
    if len(word) < 3 or not word.isalpha() or word in _NOT_PEOPLE or word in _LOWER_TITLES:
        return False
    words, name = lexicon(), word.capitalize()
    if _ordinary(word):
        return words.first_names.get(name) is True
    if name in words.first_names or name in words.last_names:
        return True
    # no list's: a person's as often as a product's or a team's in chat ("tell jira"
    # stays a cost), but not a word built as nouns are, nor a company the lists know
    return not word.endswith(_NOUN_ENDINGS) and word not in words.organisations


# A user name in a record's field that holds a person, as trackers and code write it:
# "Assignee: t.wright", "CC: jpatel", "Reporter: ngozi.obi", "TODO(bkowalczyk)", and
# quoted as code and queries write it: "owner = 'tanvir.hossain'", 'assignee="mwalsh"'.
# A login as a tracker's field holds it, to its end: "t.wright", "jpatel", "kasia_n"
_LOGIN_VALUE = r"([a-z][a-z0-9._\-]{1,30}[a-z0-9])(?![\w@/(\-]|\.\w)"
_FIELD_LOGIN = re.compile(
    r"(?:\b(?i:reporter|assignee|assigned[ \t]+to|owner|cc|reviewer|approver|author|requester|"
    r"(?:requested|raised|created|updated|modified|closed|resolved)[ \t]+by)[ \t]*[:=][ \t]*[\"']?"
    r"|\b(?:TODO|FIXME|XXX)\("
    # ... and said in a sentence, of a value shaped as only a login is: "submitted by ayo_b",
    # "assign the ticket to rajesh.k"
    r"|\b(?i:submitted|posted|sent|written|reported|created|shared|uploaded)[ \t]+by[ \t]+"
    r"(?=[a-z][a-z0-9]*[._\d])"
    r"|\b(?i:assign|assigned|reassign|reassigned)(?:[ \t]+(?:it|this|the[ \t]+\w+))?[ \t]+to[ \t]+"
    r"(?=[a-z][a-z0-9]*[._\d])"
    # ... and a deal's or a ticket's roles without their mark, before a login no word
    # shares: "owner jlee, approver mgarcia"
    r"|\b(?i:owner|approver|reviewer|assignee|reporter|requester)[ \t]+(?=[a-z][a-z0-9._\-]*[ \t]*[,;\n]))"
    + _LOGIN_VALUE
)
# ... and the logins listed after the first: "CC: rpatel, jsmith; m.garcia and k.oneill"
_NEXT_LOGIN = re.compile(r"[\"']?[ \t]*(?:[,;]|[ \t]and[ \t]|[ \t]?&)[ \t]*[\"']?" + _LOGIN_VALUE)


def _field_logins(text: str) -> list[tuple[int, int, bool]]:
    found = []
    for m in _FIELD_LOGIN.finditer(text):
        login: re.Match[str] | None = m
        while login is not None and _a_field_login(login.group(1)):
            found.append((login.start(1), login.end(1), True))
            login = _NEXT_LOGIN.match(text, login.end(1))
    return found


def _a_field_login(value: str) -> bool:
    return (
        not _ordinary(value)
        and value not in _NO_ONE
        and value not in _RECORD_FIELD_WORDS  # the next field's: "owner jlee, approver ..."
        and not value.endswith(_NO_PERSONS_ENDINGS)
    )


_RECORD_FIELD_WORDS = frozenset(
    form
    for word in (
        "reporter",
        "assignee",
        "assigned",
        "assign",
        "reassign",
        "reassigned",
        "owner",
        "cc",
        "reviewer",
        "approver",
        "author",
        "requester",
        "requested",
        "raised",
        "created",
        "updated",
        "modified",
        "closed",
        "resolved",
        "todo",
        "fixme",
        "xxx",
        "submitted",
        "posted",
        "sent",
        "written",
        "reported",
        "shared",
        "uploaded",
    )  # fmt: skip
    for form in (word, word.capitalize(), word.upper())
)
_NO_PERSONS_ENDINGS = (
    "bot",
    "-ci",
    "-cd",
    "-service",
    "-app",
    "-sync",
    # a team's or a queue's: "sales-team", "it_ops", "billing-queue"
    *(mark + group for mark in "-_." for group in ("team", "group", "queue", "ops", "support")),
)  # "jenkins-ci", "renovate-bot"
# What such a field holds when no one is meant
_NO_ONE = frozenset(["unassigned", "none", "nobody", "tbd", "tba", "everyone", "admin", "root",
                     "system", "bot", "null", "undefined", "me", "self", "team", "pending",
                     "unknown", "vacant"])  # fmt: skip


# The value of a record's field for someone's name, in lower case as forms and exports
# often hold it: '"first_name": "ngozi"', "full_name=haruto tanaka", "name=anh nguyen&",
# '"name": "zhang wei"'. The value runs to the field's end: a quote, "&", ";", "," or
# the line's end.
# (read from each "name", "Name" or "NAME" followed by its ":" or "=", found by plain
# substring search: a pattern of every field's name tried at each position cost 0.16 ms
# per 2 KB, a case-blind one for "name" alone 12 µs)
_NAME_FIELD = re.compile(r"(?:name|Name|NAME)[\"']?[ \t]*[:=][ \t]*[\"']?")
# A prefix joined by an underscore is the field's own, "customer_first_name"; a bare
# "name" stands alone: not "company_name", "file-name".
_NAME_PART = re.compile(
    r"(?<![^\W_])(?i:(?:first|last|given|family|middle|full|display|legal|customer|contact|"
    r"client|person|lead|buyer|owner)[ _\-]?|sur|fore)\Z"
)
_NAME_VALUE = re.compile(
    r"[a-z][^\W\d_]*(?:['’\-][^\W\d_]+)*(?:[ \t]+[a-z][^\W\d_]*(?:['’\-][^\W\d_]+)*){0,3}"
    r"(?=[ \t]*(?:[\"'&;,\n]|\Z))"
)


def _names_in_fields(text: str) -> list[tuple[int, int, bool]]:
    found = []
    for start in sorted(_positions(text, ("name", "Name", "NAME"))):
        field = _NAME_FIELD.match(text, start)
        if field is None:
            continue
        part = _NAME_PART.search(text, max(0, start - 9), start) is not None
        if not part and start and (text[start - 1].isalnum() or text[start - 1] in "_-."):
            continue
        value = _NAME_VALUE.match(text, field.end())
        if value is not None and _a_name_in_a_field(value.group(), part=part):
            found.append((value.start(), value.end(), True))
    return found


def _positions(text: str, words: tuple[str, ...]) -> Iterator[int]:
    for word in words:
        at = text.find(word)
        while at >= 0:
            yield at
            at = text.find(word, at + 1)


def _a_name_in_a_field(value: str, *, part: bool) -> bool:
    """A field for a part of a name holds one unless its words are all ordinary ones
    ("first_name: test" is a placeholder); a bare "name" field, as often a product's or a
    file's, only where a word of it is a listed name that is no ordinary word."""
    words = value.split()
    if value in _NO_ONE or all(_ordinary(w) for w in words):
        return False
    if part:
        return True
    names = lexicon()
    return any(
        (w.capitalize() in names.first_names or w.capitalize() in names.last_names)
        and not _ordinary(w)
        for w in words
    )


# A user name given as one: "user jsmith1987", "username: kasia_n", "login=mwalsh".
_USER_NAMES = re.compile(
    r"(?<![\w.\-])(?i:(user|login)(?:[ _\-]?(name|id))?)(?:[ \t]*[:=#][ \t]*|[ \t]+)"
    r"([A-Za-z][\w.\-]{1,38}[A-Za-z0-9_])(?![\w@/(\[\-]|\.\w)"
)
_NOT_LETTERS = re.compile(r"[^A-Za-z]+")


def _a_login(m: re.Match[str]) -> bool:
    """A value of three letters or more with a digit, "_" or "." in it is a login ("user
    jsmith1987"; not "user experience", "login: v2.1"); after "username", "login:" or
    "user=" any word that is no ordinary one ("login=mwalsh", "user=mwalsh"; not "login:
    admin")."""
    value = m.group(3)
    words = [w for w in _NOT_LETTERS.split(value) if len(w) > 1]
    if sum(map(len, words)) < 3 or all(_ordinary(w) for w in words):
        return False  # "v2.1", "test123", code's "self.user", "get_user"
    if any(ch.isdigit() or ch in "_." for ch in value):
        return True
    kind = (m.group(2) or "").lower()
    between = m.string[m.end(2 if kind else 1) : m.start(3)]
    # ("user=mwalsh" in a log line, "user: mwalsh"; not "user experience")
    named = kind == "name" or (not kind and (":" in between or "=" in between))
    return named and not _ordinary(value)


def _opens_with_a_first_name(handle: str) -> bool:
    """'kayla_m', 'Sarah.J', 'priya-k': a handle made of a first name that is mostly a
    name and what follows it is someone's, whatever the words before it."""
    first, joined, _ = handle.replace(".", "_").replace("-", "_").partition("_")
    return bool(joined) and lexicon().first_names.get(first.capitalize()) is True


def _mentions(text: str) -> list[tuple[int, int, bool]]:
    """Each handle mentioned after words that tag a colleague, listed after such a handle
    ("cc @ana, @li.wei and @tom"), or opening a line that goes on in words."""
    found: list[tuple[int, int, bool]] = []
    last_end = -1
    for at in _HANDLE_AT.finditer(text):
        handle = _MENTION.match(text, at.start())
        if handle is None or handle.group()[1:].lower() in _NOT_HANDLES:
            continue
        start = at.start()
        line_start = text.rfind("\n", 0, start) + 1
        capitalised = text[start + 1].isupper()
        cue = _CAPITALISED_MENTION_CUE if capitalised else _MENTION_CUE
        if (
            (last_end >= 0 and _LIST_JOIN.fullmatch(text, last_end, start))
            or cue.search(text, max(line_start, start - 40), start)
            or (
                not capitalised
                and not text[line_start:start].strip(" \t")
                and _WORDS_AFTER.match(text, handle.end())
            )
            or _opens_with_a_first_name(handle.group()[1:])
        ):
            found.append((start + 1, handle.end(), True))
            last_end = handle.end()
    return found


def lowercase_names(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, introduced) of each lower-case name; introduced: after a cue."""
    found: list[tuple[int, int, bool]] = []
    if "@" in text:
        found += _mentions(text)
        found += _social_handles(text)
        if "<@" in text:
            found += [(m.start(1), m.end(1), True) for m in _SLACK_MENTION.finditer(text)]
    if "> " in text or "] " in text:
        found += _chat_nicks(text)
    lowered = folded_like_re(text)
    if any(cue in lowered for cue in _CUES):  # the cue pattern is slow to run for nothing
        for m in _INTRODUCED.finditer(text):
            first, last = m.group(1), m.group(2)
            if not first.islower() or len(first) < 3 or not _may_name(first, first=True):
                continue  # "this is a flash", "i am sure"
            if last and last.islower() and len(last) > 1 and _may_name(last, first=False):
                end = _without_possessive(m.end(2), last)
            else:
                end = _without_possessive(m.end(1), first)
            found.append((m.start(1), end, True))
    if any(cue in lowered for cue in _FOREIGN_INTRODUCING_WORDS):
        found += _introduced_in_other_languages(text)
    words = set(text.translate(PUNCTUATION_TO_SPACE).split())
    lowered_words = (
        {word.lower() for word in words} if ("user" in lowered or "login" in lowered) else set()
    )
    if not _NETWORK_WORDS.isdisjoint(words):
        found += [
            (m.start(1), m.end(1), True)
            for m in _NAMED_ON_A_NETWORK.finditer(text)
            if not _ordinary(m.group(1))  # "Twitter is down"
        ]
    # (read apart, and added last: the first names below skip what is found already)
    talked = [] if _TALK_WORDS.isdisjoint(words) else _talked_with(text)
    if not _RECORD_FIELD_WORDS.isdisjoint(words):
        found += _field_logins(text)
    if "name" in lowered:
        found += _names_in_fields(text)
    if "@" in text:
        found += _names_addresses_spell(text)
    if "o'" in lowered or "o’" in lowered:
        found += _o_surnames(text)
    if not _RELATED_WORDS.isdisjoint(words):
        found += _related(text)
    if ("user" in lowered or "login" in lowered) and not _LOGIN_WORDS.isdisjoint(lowered_words):
        found += [(m.start(3), m.end(3), True) for m in _USER_NAMES.finditer(text) if _a_login(m)]
    if not _LOWER_TITLES.isdisjoint(words):  # the pattern tries every m, d and p
        found += [titled for m in _TITLED.finditer(text) if (titled := _titled(m))]
    # Lower-case first names in the text, found by set intersection rather than
    # a look-up per word; only they are then looked for in place.
    named = _first_names().intersection(words)
    if not named:
        return found + talked
    # Both the cued names and the words are in order of position: one walk over
    # each, not a look through every name found so far for every word.
    cued, next_cued, last_end = sorted(found), 0, 0
    for start, end in name_words(text, named):
        while next_cued < len(cued) and cued[next_cued][1] <= start:
            next_cued += 1
        if start < last_end or (next_cued < len(cued) and cued[next_cued][0] <= start):
            continue
        if _DOT_WORD.match(text, end):
            # a user name made of the name: "by hannah.schmidt"; not an address, a
            # path or an identifier ("olivia.k@", "olivia.test.js", "olivia.config")
            login = _LOGIN_SURNAME.match(text, end)
            if login is not None and _surname_like(login.group(1)):
                last_end = login.end()
            elif (initial := _LOGIN_INITIAL.match(text, end)) and _alone_a_name(text[start:end]):
                last_end = initial.end()  # and its surname's initial: "agnieszka.k"
            else:
                continue
        elif (
            (after := _NEXT_WORD.match(text, end)) is not None
            and after.group(1).islower()
            and (not _ordinary(after.group(1)) or _surname_above_all(after.group(1)))
        ):
            last_end = _without_possessive(after.end(), after.group(1))
        elif surname_end := _particles_and_surname(text, end):
            last_end = surname_end
        elif _alone_a_name(text[start:end]) or _greeted(text, start, end):
            last_end = end
        else:
            continue
        found.append((start, last_end, False))
    return found + talked


# A lower-case greeting or thanks opening a line or a sentence, before a listed first name
# and its comma: "hi maria,", "hey jan!", "thanks julia" (any listed name, "maria" a town too)
_GREETING_BEFORE = re.compile(
    r"(?i:hi|hey|hello|hiya|dear|thanks|thank[ \t]+you|thx|ty|cheers|morning)[ \t]+\Z"
)


def _greeted(text: str, start: int, end: int) -> bool:
    if text[end : end + 1] not in (",", "!", "\n", "") and not text[end:].startswith(" -"):
        return False
    greeting = _GREETING_BEFORE.search(text, max(0, start - 12), start)
    if greeting is None:
        return False
    before = text[: greeting.start()].rstrip(" \t")
    return not before or before[-1] in "\n.!?;:,("


# What may not touch a lower-case name on either side: it would be part of a word, an
# address, a path or an identifier.
_MARKS_BEFORE_NO_NAME = frozenset("'’-./#:")
_MARKS_AFTER_NO_NAME = frozenset("'’-/@")


def name_words(text: str, names: set[str]) -> list[tuple[int, int]]:
    """(start, end) of each of `names` written as a word of `text`, in order of position
    (found by `str.find`: a pattern of the text's own names, compiled for each text, cost
    more than the search, and `re`'s cache keeps only so many)."""
    return [
        (start, end)
        for start, end, _name in occurrences(
            text,
            names,
            whole_words=True,
            marks_before=_MARKS_BEFORE_NO_NAME,
            marks_after=_MARKS_AFTER_NO_NAME,
        )
    ]


# A mention as Slack's messages write it, the user's id and the name shown for it:
# "<@U024BE7LH|priya.n>" (the name is someone's, whatever its case or shape).
_SLACK_MENTION = re.compile(r"<@[UW][A-Z0-9]{6,}\|([^<>|\n]{1,80})>")


# Someone named by how they are related, in lower case: "her husband mark", "my boss
# bill", "his daughter april smith"; the word a listed first name, whatever else it is
# ("will", "may" and the other verbs a relation is as often followed by are none).
_RELATED_WORDS = frozenset([*KIN_WORDS, "boss", "manager", "colleague", "coworker", "assistant",
                            "partner", "fiance", "fiancé", "fiancee", "fiancée", "friend",
                            "boyfriend", "girlfriend", "neighbor", "neighbour"])  # fmt: skip
_RELATED = re.compile(
    r"\b(?:my|his|her|their|our|your)[ \t]+(?:" + "|".join(sorted(_RELATED_WORDS)) + r")"
    r",?[ \t]+([a-z]+)(?:[ \t]+([a-z]+))?"
)
_VERBS_AFTER_A_RELATION = frozenset(["will", "may", "can", "might", "must", "shall", "should",
                                     "would", "could", "did", "does", "is", "was", "has", "had",
                                     "and", "or", "said", "says", "told", "thinks"])  # fmt: skip


def _related(text: str) -> list[tuple[int, int, bool]]:
    words, found = lexicon(), []
    for m in _RELATED.finditer(text):
        first, last = m.group(1), m.group(2)
        if first in _VERBS_AFTER_A_RELATION or first.capitalize() not in words.first_names:
            continue
        end = m.end(1)
        if last and (_surname_above_all(last) or (_surname_like(last))):
            end = m.end(2)
        found.append((m.start(1), end, True))
    return found


def _names_addresses_spell(text: str) -> list[tuple[int, int, bool]]:
    """ "jack oconnell" where jack.oconnell@... is in the text: the first word a listed
    first name, the second a listed surname or no ordinary word ("sales team" beside
    sales.team@ is no one, nor "bill payments")."""
    words = lexicon()
    surnames: dict[str, set[str]] = {}  # first name -> the surnames addresses give it
    for start, end in runs_holding(text, AT, NOT_SPACE):
        for m in EMAIL_LOCAL_NAME.finditer(text, start, end):
            first, last = m.group(1).lower(), m.group(2).lower()
            if first.capitalize() in words.first_names and (
                last.capitalize() in words.last_names or not _ordinary(last)
            ):
                surnames.setdefault(first, set()).add(last)
    if len(surnames) > _MOST_ADDRESS_NAMES:
        return []  # a list of addresses, each found as one: read once per first name, no more
    found = []
    for first, lasts in surnames.items():
        at = text.find(first + " ")
        while at >= 0:
            after = _NEXT_WORD.match(text, at + len(first))
            if (
                after is not None
                and _STARTS_A_WORD.match(text, at)
                and after.group(1).islower()
                and after.group(1).translate(_NO_JOINS) in lasts
            ):
                found.append((at, after.end(1), True))
            at = text.find(first + " ", at + 1)
    return sorted(found)


# Each first name is looked for through the whole text, once.
_MOST_ADDRESS_NAMES = 50


_STARTS_A_WORD = re.compile(r"(?<![\w.@'’\-])")
_NO_JOINS = str.maketrans("", "", "'’-")
# (the possessive is left out: "jack o'connell's deal")
_O_SURNAME = re.compile(r"(?<![^\W\d_'’.\-])o['’]([a-z]{3,})(?:['’]s)?(?![^\W\d_'’\-])")
_FIRST_BEFORE = re.compile(r"(?<![^\W\d_'’.\-])([a-z]{2,})[ \t]+\Z")


def _o_surnames(text: str) -> list[tuple[int, int, bool]]:
    """Lower-case surnames of the shape O' that a list has, with a listed first name
    before them, ordinary word or not ("jack o'connell", "will o'brien")."""
    words, found = lexicon(), []
    for m in _O_SURNAME.finditer(text):
        if "O'" + m.group(1).capitalize() not in words.last_names:
            continue  # "o'clock"
        start = m.start()
        before = _FIRST_BEFORE.search(text[max(0, start - 24) : start])
        if before is not None and before.group(1).capitalize() in words.first_names:
            start -= len(before.group()) - before.start(1) + before.start()
        found.append((start, m.end(1), True))
    return found


def _particles_and_surname(text: str, end: int) -> int:
    """Where a surname's particles and the surname after a first name ending at `end`
    end ("sanne de vries", "jan van der berg", "maria da silva"); 0 for none."""
    particles = _PARTICLES_AFTER.match(text, end)
    if particles is None or not particles.group(1).islower():
        return 0
    surname = particles.group(1)
    if _ordinary(surname) and not _surname_like(surname):
        return 0  # "olivia de facto"
    return _without_possessive(particles.end(), surname)


_PARTICLES_AFTER = re.compile(
    r" (?:van|von|de|der|den|da|das|do|dos|di|du|la|le|ter|ten|bin|binti|al|el|ap)"
    r"(?: (?:van|von|de|der|den|la|le|da|do|di))? ([^\W\d_]+(?:['’\-][^\W\d_]+)*)"
)
_DOT_WORD = re.compile(r"\.\w")
_LOGIN_SURNAME = re.compile(r"\.([a-z]{2,})(?![\w@/\-]|\.\w)")
_LOGIN_INITIAL = re.compile(r"\.[a-z](?![\w@/\-]|\.\w)")


def _surname_above_all(word: str) -> bool:
    """A word that, capitalised, is mostly a surname, and is no place or people:
    "jones", "smith", "lee" after "sarah" ("talked to sarah jones"); not "london",
    "english"."""
    name, words = word.capitalize(), lexicon()
    return (
        words.last_names.get(name) is True
        and name not in words.places
        and word not in _PEOPLES_AND_FAITHS
    )


_PEOPLES_AND_FAITHS = frozenset(["english", "french", "arab", "roman", "christian", "christians"])


def _surname_like(word: str) -> bool:
    return word.capitalize() in lexicon().last_names and not _ordinary(word)


def _titled(m: re.Match[str]) -> tuple[int, int, bool] | None:
    """The name after a lower-case title, unless it is an ordinary word no list has as a
    name ("ms teams", "dr. strange") or any ordinary word after "miss"; a listed first
    name takes the surname after it ("mr john smith")."""
    words, first, last = lexicon(), m.group(1), m.group(2)
    if (bare := _without_possessive(len(first), first)) < len(first):
        first, last = first[:bare], None  # "dr. patel's notes": the name ends there
    # "miss" is as often the verb: "miss june's deadline", "miss daisy" stays
    verb = m.group().startswith("miss")
    if len(first) < 2 or (_ordinary(first) and (verb or not _listed(first, words))):
        return None
    if last and first.capitalize() in words.first_names and _may_name(last, first=False):
        return m.start(1), _without_possessive(m.end(2), last), True
    return m.start(1), m.start(1) + len(first), True


def _listed(word: str, words: object) -> bool:
    name = word.capitalize()
    return name in words.last_names or name in words.first_names  # type: ignore[attr-defined]
