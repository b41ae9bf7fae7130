"""Page chrome written as prose: lines at the start or end of a body that are not the story.

General classes, whatever the site: staff taglines ("Jane Doe covers city hall for The
Courier. Send tips to ...", in German, Spanish, French, Portuguese and Italian too), selection
disclaimers ("Wire stories on this site are selected by ..."), republication notes ("This
article originally appeared on ..."), and appeals to subscribe, support or write in ("Support
independent journalism by subscribing", "Got a story? Get in touch with our news team"). Only
short lines at the edges of the body are tested: the same words inside the story stay. A
comment section's heading or form ("12 responses to ...", "Leave a Reply", "You must be logged
in to comment") in the second half of the body, by lines or by characters, ends it.
"""

from __future__ import annotations

import re

_NAME = r"(?:[A-Z][\w.'’-]*\s){1,3}"
_ROLE_DE = (
    r"(?:Korrespondent|Redakteur|Reporter|Autor|Journalist|Kolumnist|Volontär|Ressortleiter|"
    r"Chefredakteur|Moderator)(?:in)?"
)
_ROLE_ROMANCE = (
    r"(?:periodista|corresponsal|redactora?|reportera?|columnista|"
    r"journaliste|correspondante?|rédact(?:eur|rice)|chroniqueu(?:r|se)|éditorialiste|"
    r"jornalista|correspondente|repórter|colunista|"
    r"giornalista|corrispondente|redatt(?:ore|rice)|editorialista)"
)
# Lines that open with chrome (tried at the start only) and lines that hold it anywhere: two
# patterns, so the anchored alternatives are not tried again at every position of the line.
_CHROME_START = re.compile(
    "|".join(
        [
            # staff taglines: "Jane Doe covers ...", "Jane Doe is a staff writer for ...",
            # "Jane Doe is the paper's deal curator", contributors' ("... is a senior lecturer
            # at ..."), the name in an element of its own ("Is a visiting fellow at ...")
            rf"{_NAME}(?:covers|reports on|writes about)\b",
            rf"(?:{_NAME})?is (?:an?|the|\w+['’]s) (?:[\w'’-]+ ){{0,3}}"
            r"(?:writer|reporter|correspondent|editor|journalist|columnist|intern|contributor|"
            r"curator|researcher|lecturer|professor|fellow)\b",
            # the same in other languages: "Korrespondent Jan Muster ist bei ... für ...
            # zuständig", "Jan Muster ist Redakteur bei ...", "... es periodista de ...",
            # "... est journaliste à ...", "... é jornalista ...", "... è giornalista ..."
            rf"{_ROLE_DE} {_NAME}ist\b.{{1,120}}\bzuständig\b",
            rf"{_NAME}(?:ist|arbeitet als) (?:[\w-]+ ){{0,2}}{_ROLE_DE}\b",
            rf"{_NAME}schreibt (?:für|als)\b",
            rf"{_NAME}(?:es|est|é|è) (?:[\w'’-]+ ){{0,2}}{_ROLE_ROMANCE}\b",
            # republication notes
            r"(?:this|the) (?:article|story|post|piece|report|column) (?:was |has been )?"
            r"(?:originally|first) (?:appeared|published|posted|ran)\b",
            r"(?:originally|first) (?:appeared|published|posted) (?:on|in|at|by)\b",
        ]
    ),
    re.I,
)
_CHROME_ANYWHERE = re.compile(
    "|".join(
        [
            # contact lines
            r"\b(?:send (?:news )?tips|(?:e-?mail|reach|contact) (?:him|her|them|the author)"
            r" at)\b",
            # selection disclaimers
            r"\b(?:stories|articles|content|news|posts) (?:on|in) this (?:site|page|website|"
            r"section|feed) (?:are|is|were|was|have been|has been) (?:automatically )?"
            r"(?:selected|chosen|curated|aggregated|provided)\b",
        ]
    ),
    re.I,
)
# Invitations to follow the site elsewhere ("Folgen Sie uns auf Twitter", "Follow Example
# News on Facebook", "ikuti WhatsApp channel ..."), tried only on lines naming a platform (a
# pattern searched at every word of every line costs more than the rest of the chrome test).
_PLATFORMS = ("whatsapp", "telegram", "instagram", "facebook", "twitter", "tiktok", "google news")
_FOLLOW = re.compile(
    r"\b(?:follow|folg(?:e|t|st|en)|ikuti|suivez|síguenos|seguici)\b(?:\s+\S+){0,5}?\s+"
    rf"(?:{'|'.join(_PLATFORMS)})\b",
    re.I,
)
# Appeals to subscribe, sign up, donate, support or write in, with their object (a newsletter,
# an inbox, journalism, the news team): "Support independent journalism by subscribing", "Der
# Newsletter ... in Ihr Postfach", "Got a story? Get in touch with our news team". Tried only on
# lines holding one of the stems, as the follow-us pattern is.
_APPEAL_STEMS = (
    "journalis",
    "newsletter",
    "inbox",
    "postfach",
    "abonnier",
    "news team",
    "newsroom",
    "news tip",
    "a story?",
    "pressefreiheit",
    "periodismo",
    "jornalismo",
    "boletín",
)
_APPEAL = re.compile(
    "|".join(
        [
            # an imperative opening a sentence, its object in the same sentence
            r"(?:^|[.!?:–—]\s+)(?:please\s+)?(?:support|subscribe|sign up|donate|invest in|"
            r"register|join|unterstütz\w*|abonnier\w*|suscr[ií]b\w*|ap[oó]ya\w*|abonnez|"
            r"soutenez|assine|apoie)\b[^.!?]{0,80}?(?:journalism|newsletter|inbox|journalismus|"
            r"pressefreiheit|periodismo|journalisme|jornalismo|bolet[ií]n)",
            r"\b(?:support|fund|subscribe to|unterstützen sie|unterstütze)\s+(?:our|unseren?)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:journalism|reporting|newsletter|journalismus)",
            r"\b(?:abonnier\w*|subscrib\w*)\b[^.!?]{0,60}?(?:kanal|channel|newsletter|"
            r"pressefreiheit)\b",
            # a newsletter's box: what it sends and where ("... in Ihr Postfach. Zur Anmeldung")
            r"\bnewsletter\b.{0,200}?(?:\binbox\b|postfach|\banmeld|\bsign up\b|\bsubscribe\b)",
            # the newsroom asking for stories
            r"(?:^|[.!?]\s+)(?:got|have you got|do you have) a (?:news )?(?:story|tip)\b",
            r"\bget in touch with (?:our|the) (?:news ?team|newsroom|news desk)\b",
            r"\bif you have a news tip\b",
        ]
    ),
    re.I,
)
_COMMENTS_WORD = r"(?:comments?|kommentare?|comentarios?|comentários?|commentaires?|commenti)"
# A comment section's heading or form: the line opens with it ...
_COMMENTS_START = re.compile(
    "|".join(
        [
            r"(?:\d+|no|keine|sin|aucun) (?:comments?|responses?|replies|thoughts|"
            r"kommentare?|comentarios?|comentários?|commentaires?)\b",
            r"(?:leave|post|add|write|submit) (?:a|an|your) (?:comment|reply|response)\b",
            r"comments? (?:are|is) (?:closed|disabled|moderated)\b",
            # the heading alone, with a count or a loading notice ("Kommentare werden geladen")
            rf"{_COMMENTS_WORD}(?: \(\d+\)| \d+| (?:are )?loading| werden geladen| cargando)?"
            r"\W*$",
            r"(?:would you like|want) to comment\b",
            r"join (?:our|the) (?:commenting|comment|discussion)\b",
            r"(?:schreibe|schreiben sie|hinterlasse|hinterlassen sie) (?:einen|deinen|ihren) "
            r"kommentar\b",
            r"kommentar (?:schreiben|verfassen|abgeben)\b",
            r"(?:deja|deje|escribe|deixe|deixa) (?:un|um|tu|su|seu) comentári?o\b",
            r"(?:laisser|laissez|ajouter|écrire) un commentaire\b",
        ]
    ),
    re.I,
)
# ... or holds it: a log-in asked for commenting, a comment policy; tried only on lines
# holding one of the stems (searching every line of the body's second half is the cost)
_COMMENTS_STEMS = ("comment", "kommentar", "comentar", "comentár", "discussion")
_COMMENTS_ANYWHERE = re.compile(
    r"\b(?:logged in|signed in|eingeloggt|angemeldet|iniciar sesión|connect(?:é|er))\b.{0,40}"
    r"\b(?:comment|kommentar|comentar|commenta|discussion)"
    r"|\b(?:comment(?:s|ing)?|kommentare?|comentarios?|comentários?)\b.{0,120}"
    r"\b(?:log in|sign in|eingeloggt|angemeldet|iniciar sesión|moder(?:at|ad)\w*)\b"
    r"|\bcomment(?:ing)? policy\b|\bkeep comments\b|\bcomment data is processed\b",
    re.I,
)
MAX_CHROME = 300  # longer lines are story text
MAX_LAST_TAGLINE = 600  # ... except a tagline closing the body ("... He has written ...")
MAX_COMMENTS = 400  # longest line read as a comment section's heading or form
HEAD, TAIL = 3, 5  # lines at the start and at the end of the body that are tested


def is_chrome(text: str, limit: int = MAX_CHROME) -> bool:
    """True for a line of page chrome written as prose, ``limit`` characters or fewer."""
    if len(text) > limit:
        return False
    if _CHROME_START.match(text) or _CHROME_ANYWHERE.search(text):
        return True
    low = text.lower()
    if any(p in low for p in _PLATFORMS) and _FOLLOW.search(text):
        return True
    return any(s in low for s in _APPEAL_STEMS) and bool(_APPEAL.search(text))


def is_comments(text: str) -> bool:
    """True for a comment section's heading or form ("Leave a Reply", "3 Kommentare")."""
    if len(text) > MAX_COMMENTS:
        return False
    if _COMMENTS_START.match(text):
        return True
    low = text.lower()
    return any(s in low for s in _COMMENTS_STEMS) and bool(_COMMENTS_ANYWHERE.search(text))


def comments_start(lines: list[str]) -> int:
    """Where the comment section after the story starts: the first line that is its heading
    or form in the body's second half (by lines, or by characters: the lines above it hold half
    of the text or more); ``len(lines)`` when there is none."""
    n, total, above = len(lines), sum(map(len, lines)), 0
    for k, text in enumerate(lines):
        if k and (k >= n // 2 or 2 * above >= total) and is_comments(text):
            return k
        above += len(text)
    return n


def without_chrome(lines: list[str]) -> list[int]:
    """Positions of the lines kept: the comment section after the story goes, then chrome
    lines at either end of what is left."""
    n = comments_start(lines)
    return [
        k
        for k, text in enumerate(lines[:n])
        if not (
            (k < HEAD and is_chrome(text))
            or (k >= n - TAIL and is_chrome(text, MAX_LAST_TAGLINE if k == n - 1 else MAX_CHROME))
        )
    ]
