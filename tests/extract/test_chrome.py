"""Page chrome lines: taglines and republication notes open the line, contact lines and
selection disclaimers may stand anywhere in it; a comment section's heading or form in the
body's second half ends the body."""

from __future__ import annotations

import pytest

from newscrawl.extract.chrome import comments_start, is_chrome, is_comments, without_chrome


@pytest.mark.parametrize(
    ("text", "chrome"),
    [
        ("Jane Doe covers city hall for The Courier.", True),
        ("Jane Doe is a senior staff writer for The Courier.", True),
        ("Officials say that Jane Doe covers the hearing.", False),  # a tagline opens the line
        ("Jane Doe is the Courier's weekend deals curator.", True),
        ("Jane Doe is an associate professor of geography at Riverbend College.", True),
        ("Is a visiting research fellow at the Harbor Institute.", True),  # the name apart
        ("The vote is the council's last before the summer.", False),
        ("This article originally appeared on Example News.", True),
        ("We said this article originally appeared elsewhere.", False),
        ("ORIGINALLY PUBLISHED ON Example News", True),
        ("Questions? Send tips to tips@example.com.", True),
        ("You can email her at jane@example.com", True),
        ("Stories on this site are automatically selected by a program.", True),
        ("Resend tips later", False),  # a word boundary before 'send'
        ("x" * 301 + " send tips", False),  # long lines are story text
        # taglines in other languages, with a role noun
        ("Korrespondentin Eva Muster ist bei der Zeitung für die Landespolitik zuständig.", True),
        ("Der Landkreis ist für die Räumung der Straßen zuständig.", False),  # no role
        ("Jan Muster ist Redakteur im Ressort Wirtschaft.", True),
        ("Jan Muster schreibt für das Magazin über Verkehr.", True),
        ("Lucía Gómez es periodista de la sección de cultura.", True),
        ("Claire Martin est journaliste au service politique.", True),
        ("Ana Souza é jornalista e cobre economia.", True),
        ("Marco Rossi è giornalista e scrive di sport.", True),
        ("La decisión es definitiva, dijo el juez.", False),
        # invitations to follow the site elsewhere
        ("Folgen Sie uns auf Twitter und Instagram", True),
        ("Follow Harbor News on Facebook for the latest updates.", True),
        ("Baca berita lain dan ikuti WhatsApp channel kami.", True),
        ("His followers on Twitter cheered the vote.", False),
        # appeals to subscribe, sign up, support or write in, with their object
        ("Trusted coverage every day. Support independent journalism by subscribing.", True),
        ("Creating an account is a free way to support our journalism.", True),
        ("Der Morgen-Newsletter bringt Ihnen die Nachrichten des Tages ins Postfach.", True),
        ("Abonniere den Telegram-Kanal der Harbor News und verpasse nichts mehr.", True),
        ("Guter Journalismus kostet Geld. Darum: jetzt abonnieren für die Pressefreiheit!", True),
        ("Suscríbete a nuestro boletín y recibe las noticias cada mañana.", True),
        ("Got a story? Email the desk at desk@harbor-news.example.", True),
        ("Get in touch with our newsroom at desk@harbor-news.example.", True),
        ("If you have a news tip or a correction, let us know.", True),
        ("The trust gave $2m to support local journalism on the island.", False),
        ("She said the newsletter now reaches 2,000 inboxes a week.", False),
        ("The islanders have a story to tell, she said.", False),
    ],
)
def test_is_chrome(text: str, chrome: bool) -> None:
    assert is_chrome(text) is chrome


def test_a_long_tagline_goes_only_as_the_body_s_last_line() -> None:
    tagline = "Jane Doe is a national affairs correspondent for The Courier. " + "She wrote. " * 30
    story = [f"Paragraph {n} of the story about the ferry vote." for n in range(8)]
    assert len(tagline) > 300
    assert without_chrome([*story, tagline]) == list(range(8))
    assert without_chrome([*story, tagline, "The end of the story."]) == list(range(10))


@pytest.mark.parametrize(
    ("text", "comments"),
    [
        ("12 responses to “Ferry plan passes”", True),
        ("3 thoughts on “Ferry plan passes”", True),
        ("1 Comment", True),
        ("Keine Kommentare", True),
        ("Leave a Reply", True),
        ("Comments are closed.", True),
        ("Comments (7)", True),
        ("Kommentare werden geladen...", True),
        ("Would you like to comment on this article?", True),
        ("You must be logged in to post a comment.", True),
        ("Du musst angemeldet sein, um einen Kommentar zu schreiben.", True),
        ("Para comentar tienes que iniciar sesión.", False),  # no comment word before it
        ("Los comentarios ofensivos no serán publicados por el moderador.", True),
        ("Please read our comment policy before posting.", True),
        ("Vous devez vous connecter afin de poster un commentaire.", True),
        ("Schreiben Sie einen Kommentar", True),
        ("Deixe um comentário", True),
        ("Laisser un commentaire", True),
        ("Comments from residents were mostly in favour of the plan.", False),
        ("The council received 40 comments on the plan before the vote.", False),
    ],
)
def test_is_comments(text: str, comments: bool) -> None:
    assert is_comments(text) is comments


def test_the_comment_section_after_the_story_goes() -> None:
    story = [f"Paragraph {n} of the story about the ferry vote." for n in range(6)]
    section = ["2 comments", "Reader One", "Great story, thanks.", "Leave a Reply", "Name"]
    assert comments_start([*story, *section]) == 6
    assert without_chrome([*story, *section]) == list(range(6))


def test_a_comment_heading_in_the_first_half_is_not_a_cut() -> None:
    lines = ["Comments", *(f"Paragraph {n} of the story." for n in range(6))]
    assert comments_start(lines) == len(lines)
