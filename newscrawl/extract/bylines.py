"""Bylines: split a printed byline into person names and wire agencies; reject junk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from newscrawl.extract.dates import MONTHS, parse_date
from newscrawl.extract.text import clean_text, fold, words

# Agency display name -> patterns (matched on a whole byline part, case-insensitive).
AGENCIES: dict[str, tuple[str, ...]] = {
    "AP": (r"(?:the )?associated press", r"ap", r"a\.p\.", r"ap news"),
    "Reuters": (r"reuters", r"thomson reuters", r"reuters staff"),
    "AFP": (r"afp", r"agence france[- ]presse", r"a\.f\.p\."),
    "Bloomberg": (r"bloomberg(?: news)?",),
    "dpa": (r"dpa", r"deutsche presse-agentur"),
    "UPI": (r"upi", r"united press international"),
    "PA": (r"pa media", r"press association"),
    "CP": (r"(?:the )?canadian press",),
    "AAP": (r"aap", r"australian associated press"),
    "ANSA": (r"ansa",),
    "EFE": (r"efe", r"agencia efe"),
    "Europa Press": (r"europa press",),
    "Xinhua": (r"xinhua(?: news agency)?",),
    "KNA": (r"kna",),
    "epd": (r"epd",),
    "APA": (r"apa",),
    "SDA": (r"sda", r"keystone-sda"),
    "ANP": (r"anp",),
    "Belga": (r"belga",),
    "Yonhap": (r"yonhap",),
    "Kyodo": (r"kyodo(?: news)?",),
    "PTI": (r"pti", r"press trust of india"),
    "IANS": (r"ians",),
    "TASS": (r"tass",),
    "CNA": (r"cna",),
}
_AGENCY_ALTERNATION = "|".join(p for pats in AGENCIES.values() for p in pats)
# One pattern with a named group an agency, in AGENCIES' order: the group that matched is the
# first agency whose patterns match the whole part (one regex call, not one an agency).
_AGENCY_GROUPS = {f"a{i}": name for i, name in enumerate(AGENCIES)}
_AGENCY_RX = re.compile(
    r"^(?:"
    + "|".join(f"(?P<a{i}>{'|'.join(pats)})" for i, pats in enumerate(AGENCIES.values()))
    + r")$",
    re.I,
)
_DATELINE_CREDIT = re.compile(r"^[^()]{2,60}?\((?P<credit>[^()]{2,30})\)\s*[-–—:]\s")
_AGENCY_TAIL = re.compile(r"[\s,/]+(" + _AGENCY_ALTERNATION + r")$", re.I)
_AUTHOR_LABEL = r"(?:author|autor|verfasser)(?:in|innen|en|\*in|\(in\)|s)?"
# "By", "Von", "Written by", "Eingestellt von", "Autor:"... at the start of a byline.
_PREFIX = re.compile(
    r"^(?:(?:(?:written|posted|reported|story|words|text|photos?|published|compiled|edited|"
    r"interview|ein (?:beitrag|artikel|text|kommentar)|artikel|beitrag|text(?:e)?|"
    r"geschrieben|verfasst|veröffentlicht|eingestellt|erstellt|gepostet|gespeichert|submitted|"
    r"publié|écrit|"
    r"escrito|publicado|scritto|pubblicato)\s+)?"
    r"(?:by|from|von|vom|par|por|door|av|af)\b\s*:?\s*|"
    r"(?:über|about|more from|mehr von|(?:zeige |view )?alle beiträge von|(?:view )?all posts by|"
    r"posts by|articles by|stories by)\s+|"
    r"(?:author|autor(?:in)?|autoren|auteur|autore|reporter|byline|verfasser(?:in)?|text|"
    r"interview|redaktion)s?\s*:\s*|"
    # a label without a colon before a capitalized name on a short line: "Autor Jane Doe",
    # "Autorin/Autor ..." (not "Author Jane Doe, from Springfield, said she ...": prose)
    rf"{_AUTHOR_LABEL}(?:\s*/\s*{_AUTHOR_LABEL})?\s+"
    r"(?=(?-i:[A-ZÀ-Þ])[^\W\d_]+\s+(?-i:[A-ZÀ-Þ]))(?=.{0,40}$))",
    re.I,
)
_INLINE_BY = re.compile(r"^(.*?)\b(?:by|von|par|por|door)\s+(?=[A-ZÀ-ÝÄÖÜ])")
_INLINE_MAX = 160
_INLINE_LEAD = 60  # longest text before 'by' ('Posted on Monday, September 21, 2020')
# What may precede an inline 'by': a date, or words saying what was written or posted.
_INLINE_LEAD_WORDS = re.compile(
    r"\d|\b(?:posted|published|written|updated|story|article|post|photos?|text|interview|"
    r"report|column|review|essay|geschrieben|veröffentlicht|erstellt|gespeichert|eingestellt|"
    r"verfasst|beitrag|gastbeitrag|blogbeitrag|artikel|kommentar|bericht|publié|écrit|"
    r"publicado|escrito|pubblicato|scritto|kolumne|glosse|analyse|analysis|reportage|"
    r"chronique|tribune|crónica|análisis|cronaca|rubrica)\b",
    re.I,
)
_MAX_NAME_WORDS = 5
_ACRONYM = 5  # longest all-capitals single word kept as written
_DATED_PARTS = 4
_DATED_PART = 60  # longest part of a "date | name" line
_DATE_PART_LENGTH = 40  # longest date part of it
_LEADING_MARKS = " -–—•·|*>~:"
_DATE_SEPARATOR = re.compile(r"\s+[-–—|•·/]\s+|\s*[|•·]\s*|,\s+(?=\d)")
_DATE_PART = re.compile(r"\d{1,4}[./-]\d{1,2}|\b(?:19|20)\d{2}\b|\d{1,2}:\d{2}")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_HANDLE_TOKEN = re.compile(r"\s@\w+")
_GLUED_PREFIX = re.compile(
    r"^(?:(?:by|von|par|por)(?=[A-ZÄÖÜÉ])|(?:author|autor(?:in)?|auteur)\s*(?=[A-ZÄÖÜÉ]))"
)
_SPLIT = re.compile(
    r"\s*(?:,|;|\||/|&|\+|\band\b|\bund\b|(?-i:\bet\b|\by\b|\be\b|\ben\b|\bog\b|\boch\b|\bi\b)|"
    r"\bwith\b|\bam\b|\bon\b|·|•|\s[-–—]\s)\s*",  # "Sarah E. Needleman" is one name
    re.I,
)
_JOB_END = re.compile(
    r"(?:redakteur|reporter|korrespondent|journalist|editor|writer|correspondent|columnist|"
    r"photographer|fotograf)(?:in|s)?$",
    re.I,
)
_JOIN = re.compile(r"&|and|und|et|y", re.I)  # the words joining co-authors' names
# A capitalised affiliation after a name, no digit in it (a date ends the names).
_AFFILIATION = re.compile(r"^[A-ZÀ-Þ][^\d]*$")
_ROLE_WORDS = (
    r"(?:senior|chief|staff|contributing|special|national|political|local|sports?|business|"
    r"investigative|digital|managing|deputy|associate|executive|foreign|freelance|guest|"
    r"science|tech(?:nology)?|health|data|news|city|metro|features?|opinion|legal|online|"
    r"parliamentary|diplomatic|economics|education|environment|crime|court|culture|travel)"
)
_ROLE = re.compile(
    rf"^(?:{_ROLE_WORDS}[\s-]+)*(?:writers?|reporters?|editors?|correspondents?|columnists?|"
    r"contributors?|photographers?|producers?|journalists?|analysts?|interns?|"
    r"redakteur(?:in)?|redaktion|korrespondent(?:in)?|journalist(?:in)?|autor(?:in)?|"
    r"fotograf(?:in)?|volontär(?:in)?|chefredakteur(?:in)?|ressortleiter(?:in)?|"
    r"rédacteur|rédactrice|journaliste|periodista|redactor|redactora|giornalista)$|"
    r"^(?:staff|staff reports?|wire reports?|news services?|wire services?|"
    r"editorial(?: board| staff| team)?|the editors|newsroom|agencies|agency|admin|"
    r"administrator|webmaster|guest|anonymous|unknown|team|desk|news desk|sponsored|"
    r"partner content|redaktion|online-redaktion|editor|editors|autor|autorin|autoren|author|"
    r"authors|name|home|posted|published|menu|search|kontakt|contact)$",
    re.I,
)
# A job title before a name: "Rechtsanwalt Sebastian Einbock", "Redakteurin Jane Doe".
_JOB_BEFORE_NAME = re.compile(
    rf"^(?:{_ROLE_WORDS}[\s-]+)*(?:rechtsanw[aä]lt(?:in)?|fachanw[aä]lt(?:in)?|notar(?:in)?|"
    r"steuerberater(?:in)?|attorney|lawyer|redakteur(?:in)?|reporter(?:in)?|"
    r"korrespondent(?:in)?|journalist(?:in)?|correspondent)\s+(?=(?-i:[A-ZÀ-Þ])\S*\s+\S)",
    re.I,
)
_ROLE_START = re.compile(rf"^\s*{_ROLE_WORDS}\s", re.I)  # "Senior Politics", "Staff ..."
# A role or affiliation after a name: "Jane Doe, Staff Writer", "Ingo Arzt Redakteur für ...".
_ROLE_TAIL = re.compile(
    rf"(?:\s+|\s*,\s*)(?:(?:{_ROLE_WORDS}|the|ap|associated press|reuters|afp|dpa)\s+)*"
    r"(?:writer|correspondent|reporter|editor|columnist|photographer|contributor|"
    r"redakteur(?:in)?|korrespondent(?:in)?|autor(?:in)?|journalist(?:in)?|"
    r"chefredakteur(?:in)?|ressortleiter(?:in)?|sagt|says|said|schreibt|writes)s?\b.*$",
    re.I,
)
# A role after a name in scripts without case, where names are one word: "구현모 기자",
# "张三记者", "박준석 기자 외 1명" ("and one other").
_CASELESS_ROLE = re.compile(
    r"\s*(?:선임|객원|수습)?(?:기자|특파원|논설위원|편집위원)(?:\s*외\s*\d+\s*명)?$|"
    r"\s*(?:特派|特约|実習)?(?:記者|记者|特派員|編集委員|通讯员)$"
)
# A Korean name signed with its role ("순천, 광양 구현모 기자": places, then the reporter).
_SIGNED_HANGUL = re.compile(
    r"(?:^|(?<=[\s,·]))([\uac00-\ud7af]{2,4})\s*(?:선임|객원|수습)?(?:기자|특파원|논설위원|편집위원)"
)
_IDEOGRAPHIC = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_IDEOGRAPHIC_NAME = 4  # longest name in Hangul, Chinese or Japanese signs ("诸葛孔明")
# Words of outlets and institutions in scripts without case: "news", "agency", "foundation",
# "newspaper", "channel", "daily", "bureau" (Arabic, Persian, Chinese, Japanese, Korean, Hindi).
_CASELESS_ORG = re.compile(
    r"نيوز|أخبار|اخبار|وكالة|مؤسسة|صحيفة|جريدة|قناة|موقع|خبرگزاری|روزنامه|"
    r"新闻|新聞|日报|日報|通讯社|通信社|电视台|テレビ|일보|신문|뉴스|방송|통신|"
    r"दैनिक|समाचार|न्यूज़|न्यूज|ब्यूरो|डेस्क"
)
_JUNK = re.compile(
    r"https?://|www\.|\.(?:com|org|net|de|at|ch|fr|es|it)\b|@|\bfacebook\b|\btwitter\b|"
    r"\binstagram\b|\blinkedin\b|\bemail\b|\be-mail\b|\bfollow\b|\bupdated\b|\bpublished\b|"
    r"\bposted\b|\bminutes?\b|\bhours?\b|\bago\b|\bread more\b|\bclick\b|\bsubscribe\b|"
    r"\bcomments?\b|\bshare\b|\bprint\b|\bnewsletter\b|\d",
    re.I,
)
# Where a byline turns into something else: "Posted by Jane in Politics", "... unter Kategorie".
_STOP = re.compile(
    r"\s(?:in|under|unter|im|dans|filed under|posted in|kategorie|category|illustrations?|"
    r"fotos?|photos?|bilder|grafiken?|video|kamera|camera|um|at|for|für|follow|mit|"
    r"(?:hace|vor|há|il y a)\s+\d+)\s",  # "hace 13 horas", "vor 3 Stunden": a relative time
    re.I,
)
# A date glued to the names with a space ("Par Jane Doe le 07 Mai 2020", "By Jane Doe 8 May
# 2020, 3:51 pm", "Jane Doe November 8 2023"): names hold no digits, so the first word opening
# with one ends them (with the month's name or the label before it).
_MONTH_NAMES = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
_DATE_AFTER_NAMES = re.compile(
    r"\s+(?:(?:le|am|on|el|il|op|den|du|vom|at|um)\s+|[^\W\d_]+:\s*)?"  # "Lesezeit: 4 Min."
    rf"(?:(?:{_MONTH_NAMES})\.?\s+)?\d.*$",
    re.I,
)
_GLUED_DATE_WORD = re.compile(r"^(?:\d[\d.,:/-]*|[^\W\d_]+\.?,?)$")
_TIME_MARK = re.compile(r"^(?:[ap]\.?m\.?|uhr|h),?$", re.I)
_ZONE_MARK = re.compile(r"^[A-Z]{2,4}(?:[+-]\d{1,2})?,?$")
_NUMERIC_DATE = re.compile(r"^\d{1,2}([./-])\d{1,2}\1(?:19|20)\d{2},?$")
_YEAR = re.compile(r"^(?:19|20)\d{2}\b")
_MIN_GLUED_NAME, _MAX_GLUED_NAME = 2, 4  # words of a name glued to a date
_CODES = re.compile(r"^[a-z]{2,8}(?:\s*[,;/]\s*[a-z]{2,8}){0,3}$")  # signing codes, lower case
_CODE_SPLIT = re.compile(r"\s*[,;/]\s*")
_USER_NAME = re.compile(r"^(?=(?:[0-9.]*[a-z]){3})[a-z][a-z0-9.]{3,30}$")  # "eseppelt", "delta201"
# A date line glued to the byline ("Jane Doe, The Courier Published 7:40 p.m. ET ..."): not
# part of what is displayed.
_DISPLAY_TAIL = re.compile(
    r"[\s|•·,;–—-]+(?:last\s+)?(?:published|updated|posted\s+on|veröffentlicht|aktualisiert)"
    r"\b.*$",
    re.I,
)
# A button's label glued to the name it follows ("Jane DoeFollow", "Jane DoeTwitter").
_GLUED_BUTTON = re.compile(
    r"(?<=[a-zà-ÿ])(?:Follow|Folgen|Suivre|Seguir|Twitter|Facebook|LinkedIn|Instagram|E-?[Mm]ail)$"
)
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;])")
_HANDLE = re.compile(r"^[\w.-]*_[\w.-]*$|^[a-z0-9.-]+$")
# Indic and Thai vowel signs are marks, not word characters: "राहुल" is one word of a name.
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-\u0900-\u0dff\u0e00-\u0e7f]*$")
_NOT_NAME_WORDS = words(
    "on at the in of for to from a an this that with about photo photos video image updated "
    "posted published share comments january february march april may june july august "
    "september october november december januar februar märz juni juli oktober dezember "
    "montag dienstag mittwoch donnerstag freitag samstag sonntag monday tuesday wednesday "
    "thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat und and die das "
    "dem des ein eine mehr more alle all beiträge artikel articles posts news home menu login "
    "anmelden suche search us me uns mich moi "
    "it is was we you i veröffentlicht aktualisiert erstellt geändert stand publié publicado "
    "actualizado modified created written geschrieben kommentare kommentar text interview "
    "auteur autor author zur zum beim weiter zurück back next previous galerie gallery mehr "
    "lesen read"
)
# Job titles and institutions: "Staff Attorney", "ACLU Racial Justice Program".
_TITLE_WORDS = words(
    "attorney director program programme professor president ceo cto cfo founder manager officer "
    "counsel fellow researcher scientist student department university institute foundation "
    "association council committee program coordinator specialist consultant spokesperson "
    "spokesman spokeswoman chairman chairwoman secretary minister senator governor "
    "universität institut stiftung verband verein sprecher sprecherin leiter leiterin "
    "geschäftsführer geschäftsführerin vorsitzender vorsitzende professorin inc llc ltd "
    "gmbh ag corp corporation group media verlag marketing communications relations engineer "
    "engineering developer designer union anstalt gesellschaft zentrum center centre ministerium "
    "ministry amt kammer partei party club gemeinde kirche church school schule hochschule "
    "akademie academy bank klinik hospital museum theater theatre forum verbände diözese "
    "bistum blog page seite navigation"
)
_BEFORE_DER = words("van von vom op in")  # "der" is part of a name only after these
_LOWER_PARTICLES = words(
    "de da del della der den di du la le van von y bin al zu ter ten dos das e"
)
_NOT_CODES = _NOT_NAME_WORDS | _LOWER_PARTICLES | words("am um im an as or oder")


@dataclass
class Byline:
    """A parsed byline: person names, wire agencies, and the text as displayed."""

    text: str = ""
    authors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)


def agency_of(part: str) -> str | None:
    """The wire agency a byline part names ('The Associated Press' -> 'AP'), else None."""
    part = part.strip(" .,;:-–—()[]").strip()
    m = _AGENCY_RX.match(part)
    return _AGENCY_GROUPS[m.lastgroup] if m and m.lastgroup else None


def dateline_agency(paragraph: str) -> Byline | None:
    """The wire agency credited in a dateline: 'HAMBURG (dpa/lno) – ...' -> dpa ('dpa/lno')."""
    m = _DATELINE_CREDIT.match(paragraph)
    if not m:
        return None
    credit = m["credit"].strip()
    agencies = [a for a in map(agency_of, re.split(r"[/,]", credit)) if a]
    return Byline(credit, [], agencies[:1]) if agencies else None


def is_role(value: str) -> bool:
    """True for a job title or desk name standing in for a person ('Staff Writer', 'Redaktion')."""
    return bool(_ROLE.search(value.strip()))


def is_job_title(value: str) -> bool:
    """True for a line whose last word is a job ('Leitender Wirtschaftsredakteur')."""
    return bool(_JOB_END.search(value))


def is_cms_handle(value: str) -> bool:
    """True for CMS user names such as 'gvw_ap_news' or 'admin2' that are not bylines."""
    value = value.strip()
    return " " not in value and bool(_HANDLE.match(value)) and not value[:1].isupper()


def inline_byline(value: str) -> str:
    """The byline inside a meta line: 'Posted on May 3, 2024 by Jane Doe' -> 'Jane Doe'."""
    if len(value) > _INLINE_MAX:
        return ""
    m = _INLINE_BY.search(value)
    if not m or len(m.group(1)) > _INLINE_LEAD or not _INLINE_LEAD_WORDS.search(m.group(1)):
        return ""
    return value[m.end() :]


def has_prefix(value: str) -> bool:
    """True for text that opens like a byline ('By ...', 'Von ...', 'Written by ...', 'Autor:')."""
    value = value.lstrip(_LEADING_MARKS)
    return bool(_PREFIX.match(value) or _GLUED_PREFIX.match(value))


def dated_byline(value: str, *, glued: bool = True) -> str:
    """The name part of a 'date - name' line: '11.12.2019 - Jane Doe', 'Jane Doe | 3 May 2024',
    or (``glued``) a date and a name with no mark between them ('28. Jan. 2022 Jane Doe')."""
    if len(value) > _INLINE_MAX:
        return ""
    parts = [p.strip() for p in _DATE_SEPARATOR.split(value) if p.strip()]
    if not 1 <= len(parts) <= _DATED_PARTS or any(len(p) > _DATED_PART for p in parts):
        return ""  # a dateline opening a paragraph, not a "date - name" line
    rest = [p for p in parts if not (_DATE_PART.search(p) and len(p) <= _DATE_PART_LENGTH)]
    split = rest[0] if len(rest) == 1 < len(parts) else ""
    if split and person_name(split):
        return split
    return (_glued_to_date(value) if glued else "") or split


def one_case(words: list[str]) -> list[bool]:
    """Whether the words longer than an initial are set in capitals: [False] for 'Jane R.
    Doe', [True] for 'JANE DOE', both for 'FINA Championships POSTPONED' (no name)."""
    return sorted({w.isupper() for w in words if len(w.rstrip(".")) > 1})


def _is_date_word(word: str) -> bool:
    """A number ('17,', '28.', '2019') or a month's name ('Jan.', 'September')."""
    if word[:1].isdigit():
        return bool(_GLUED_DATE_WORD.match(word))
    return word.rstrip(".,").lower() in MONTHS


def _glued_to_date(value: str) -> str:
    """The name in a line that is a date and a name with no mark between them:
    '28. Jan. 2022 Jane Doe', 'September 17, 2019 Jane Doe 0' (a comment count after)."""
    tokens = value.split()
    dated = [_is_date_word(t) for t in tokens]
    timed = False
    for i, token in enumerate(tokens):  # "8:54 PM IST", "19:50 Uhr": a time's marks and zone
        if timed and (_TIME_MARK.match(token) or _ZONE_MARK.match(token)):
            dated[i] = True
        else:
            timed = ":" in token and token[:1].isdigit()
    numeric = any(_NUMERIC_DATE.match(t) for t in tokens)  # "3/5/2022", "03.05.2022"
    if not numeric and not any(_YEAR.match(t) for t in tokens):
        return ""  # "8:54 PM IST": a time, no date
    first = dated.index(False) if False in dated else len(tokens)
    month = any(d and not t[:1].isdigit() for t, d in zip(tokens, dated, strict=True))
    if not month and (not numeric or first):
        return ""  # no month's name: "2 Jane Doe" is no date; "Jane Doe 3/5/2022" is (not
        # "07.12.2022 Science Climate": a rubric after a numeric date)
    last = len(tokens) - dated[::-1].index(False) if False in dated else first
    name = tokens[first:last]
    if not _MIN_GLUED_NAME <= len(name) <= _MAX_GLUED_NAME or any(dated[first:last]):
        return ""
    if len(one_case(name)) > 1 or not all(_NAME_WORD.match(w) for w in name):
        return ""  # "FINA Weltmeisterschaften VERSCHOBEN", "— Jane Doe (@jdoe)", "Jane / Town"
    if first and last < len(tokens) and not all(t.isdigit() for t in tokens[last:]):
        return ""  # dates on both sides: prose
    return " ".join(name)


def strip_prefix(value: str) -> str:
    """A byline without its 'By'/'Von'/'Written by'/'Autor:' prefix."""
    value = _GLUED_PREFIX.sub("", value.strip().lstrip(_LEADING_MARKS), count=1)
    for _ in range(2):
        stripped = _PREFIX.sub("", value, count=1).strip(" .,;:-–—|")
        if stripped == value:
            break
        value = stripped
    return value


def _title_case_word(word: str) -> str:
    if word.lower() in _LOWER_PARTICLES:
        return word.lower()
    pieces = re.split(r"([-'’])", word)
    return "".join(p[:1].upper() + p[1:].lower() if p not in "-'’" else p for p in pieces)


#: Words that make a "name" an outlet's desk ("Cnn Business", "Metro Desk"). Teams and staff
#: ("Support Team", "HLNF Staff Report") are how some sites sign: they stay.
_DESK_WORDS = words("business auto autos desk wire wires bureau newsroom markets")


def person_name(value: str) -> str | None:
    """The text of a person's name as printed (trimmed, 'By' removed), or None when the text
    is not a plausible name. Analysis uses it to recognize names; the loader normalizes them.

    Cached (a page asks for the same names several times, and sites' authors recur), with
    the objects an uncached call gives: ``value`` itself when it is the name, else a new
    string, never one shared with an earlier call (a pickled outcome stays byte-identical).
    """
    name, itself = _person_name(value)
    if itself:
        return value
    return None if name is None else "".join(("", name))  # a new string


@lru_cache(maxsize=1 << 12)
def _person_name(given: str) -> tuple[str | None, bool]:
    """:func:`person_name` of ``given``, and whether it is ``given`` itself."""
    value = clean_text(given).strip(" .,;:-–—|()[]\"'“”")
    value = _GLUED_BUTTON.sub("", strip_prefix(value))
    if not value or len(value) > 60 or _JUNK.search(value) or _ROLE.search(value):
        return None, False
    if _CASELESS_ORG.search(value):
        return None, False
    if is_cms_handle(value):
        return None, False
    words = value.split()
    half = len(words) // 2
    if half and words[:half] == words[half:]:  # printed twice: a link's text and its label
        words = words[:half]
        value = " ".join(words)
    if not 1 <= len(words) <= _MAX_NAME_WORDS or not all(_NAME_WORD.match(w) for w in words):
        return None, False
    lowered = [w.lower() for w in words]
    if any(w in _NOT_NAME_WORDS or w in _TITLE_WORDS or w in _DESK_WORDS for w in lowered):
        return None, False
    if len(words) > 1 and agency_of(words[0]):
        return None, False  # "AP Auto", "Reuters Staff": a desk of an agency, no person
    if not value.islower() and not all(
        _capital(w) or w in _LOWER_PARTICLES or len(w) <= 2 for w in words
    ):
        return None, False
    if len(words) == 1 and (not _capital(words[0]) or len(words[0]) < 2):
        return None, False
    if len(words) > 1 and words[-1] in _LOWER_PARTICLES:
        return None, False  # "von Gastleser zu <a story>": a comment on another story
    if any(w == "der" and p.lower() not in _BEFORE_DER for p, w in pairwise(words)):
        return None, False  # "Buch der Woche": a phrase ("Jan van der Berg" is a name)
    return value, value is given


def _capital(word: str) -> bool:
    """True for a word that opens as a name does: a capital, or a letter of a script without
    case (Hangul, Chinese, Arabic, Devanagari: '구현모', '焦鹏'); in the scripts that write a
    name in one word of a few signs, no longer word ('使用百度前必读' is a phrase)."""
    first = word[:1]
    if first.isupper():
        return True
    if not first.isalpha() or first.islower():
        return False
    return len(word) <= _IDEOGRAPHIC_NAME or not _IDEOGRAPHIC.match(word)


def normalize_name(value: str) -> str | None:
    """A person's name in display case, or None when the text is not a plausible name."""
    name = person_name(value)
    if name is None:
        return None
    words = name.split()
    if len(words) == 1 and name.isupper() and len(name) <= _ACRONYM:
        return name  # "BDZV", "UOL": an acronym keeps its case
    if name.isupper() or name.islower():
        return " ".join(_title_case_word(w) for w in words)
    return " ".join(_title_case_word(w) if w.isupper() and len(w) > 2 else w for w in words)


def name_key(name: str) -> str:
    """What two spellings of one name share ('JANE DOE', 'Jane Doe')."""
    return fold(name)


def parse_byline(value: str | None, *, handles: bool = False) -> Byline:
    """Split 'By JANE DOE and JOHN ROE, Associated Press' into names and agencies.

    With ``handles``, for text known to be a byline ('von eseppelt · 31. Oktober'), a user
    name such as ``eseppelt`` counts as the author when no name is found; never one with
    underscores such as ``gvw_ap_news``, which is a CMS account, not a byline; so do the
    lower-case codes editors sign with ('mh', 'abc/defg; hij'), when they are all it holds.
    """
    text = clean_text(value)
    codes = _CODES.match(strip_prefix(text)) if handles else None
    if codes:  # "mh", "abc/defg; hij": the codes editors sign with
        names = [c for c in _CODE_SPLIT.split(codes[0]) if c not in _NOT_CODES and not is_role(c)]
        return Byline(value or "", names, []) if names else Byline()
    if not text or len(text) > 300 or is_cms_handle(text):
        return Byline()
    body = _HANDLE_TOKEN.sub("", _PARENTHESES.sub(" ", strip_prefix(text)))
    body = _STOP.split(body, maxsplit=1)[0]
    result = Byline(text=value or "")
    joins = [""] + [m.group(0).strip() for m in _SPLIT.finditer(body)]
    skipping = False  # in a named author's affiliation, until a join word names another
    for join, part in zip(joins, _SPLIT.split(body), strict=True):
        if skipping and not _JOIN.fullmatch(join):
            continue
        part = _JOB_BEFORE_NAME.sub("", strip_prefix(part.strip()), count=1)
        if not part:
            continue
        part = _undated(part)
        agency = agency_of(part)
        if agency:
            if agency not in result.agencies:
                result.agencies.append(agency)
            continue
        part = _CASELESS_ROLE.sub("", part)
        role = _ROLE_TAIL.search(part)
        if role and role.start() > 0:
            part = part[: role.start()]
            if " " not in part.strip() or _ROLE_START.match(part):
                continue  # "Gazette Staff Writer", "Senior Politics Reporter": no person
        tail = _AGENCY_TAIL.search(part)  # "Jane Doe Associated Press" (no comma)
        if tail and len(part[: tail.start()].split()) >= 2:
            agency = agency_of(tail.group(1))
            if agency and agency not in result.agencies:
                result.agencies.append(agency)
            part = part[: tail.start()]
        if result.authors and part.isupper() and " " not in part.strip():
            continue  # "Jane Doe, CNN": an outlet after the names
        name = person_name(part)
        if name is None and handles and not result.authors and _USER_NAME.match(part):
            name = None if is_role(part) or part in _NOT_NAME_WORDS else part
        if name is None:
            if result.authors and not skipping and _AFFILIATION.match(part):
                skipping = True  # "Jane Doe, Staff Attorney, Program & John Roe, Director"
                continue
            if result.authors or result.agencies:
                break  # "Jane Doe | 3 May 2024 | Politics": what follows the names is not names
            if len(part.split()) > _MAX_NAME_WORDS:
                return Byline()  # "By the time we realised ...": prose, not a byline
            continue
        if name_key(name) not in {name_key(a) for a in result.authors}:
            result.authors.append(name)
    signed = list(dict.fromkeys(_SIGNED_HANGUL.findall(body)))
    if signed:
        result.authors = signed  # the names before "기자": a dateline's places are not names
    elif len(result.authors) > 1 and all(" " not in a for a in result.authors):
        result.authors = []  # "Von Sprachregeln, Gender-Politik und ...": words, not names
    if not result.authors and not result.agencies:
        return Byline()
    result.text = _without_date_after(value or "", result.authors)
    return result


def _undated(part: str) -> str:
    """A byline's part without a date printed after its names ('Jane Doe 8 May 2020');
    a part left with one word ('Datum: 3.5.19', 'Oct 24') or a lower-case one ('em São
    Paulo 12/03/2020': a place), or followed by no date (a phone number), stays whole."""
    m = _DATE_AFTER_NAMES.search(part)
    if not m:
        return part
    names = part[: m.start()]
    if len(names.split()) < _MIN_GLUED_NAME or not names[:1].isupper():
        return part
    return names if parse_date(part[m.start() :]) else part


def _without_date_after(text: str, authors: list[str]) -> str:
    """A byline's text without the date glued after its last name."""
    end = text.rfind(authors[-1]) + len(authors[-1]) if authors else -1
    if end > 0 and text[end : end + 1] == ".":
        end += 1  # "Jane Doe C." names without the initial's dot
    if end <= 0 or not _DATE_AFTER_NAMES.match(text[end:]) or not parse_date(text[end:]):
        return text
    return text[:end]


def display_text(text: str) -> str:
    """A byline as displayed, without a date line glued to its end and stray spaces."""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", _DISPLAY_TAIL.sub("", text)).strip()


def byline_text(authors: list[str], agencies: list[str]) -> str:
    """A display byline built from names and agencies ('By Jane Doe, AP')."""
    parts = [", ".join(authors)] if authors else []
    parts += agencies
    return "By " + ", ".join(p for p in parts if p) if parts else ""
