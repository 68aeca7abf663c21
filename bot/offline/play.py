"""The demo's scripted team: a complete round played against the local Bot API server, and every chat
written out.

Nothing is faked on the bot's side: the same application as ``maturity-bot run`` long-polls the
project's own Bot API server over loopback HTTP. This plays the people: a team lead who adds the bot
to the group and opens a round, and N managers who tap the link, answer with the buttons (concurrently,
as in a meeting), comment, and then the lead closes the round; the team votes on its priorities, the lead
records a lighthouse project; the managers at the extremes of each difference say why, the lead has the
disputed points re-rated (some converge, some stay contested), a belief is recorded, and the lead asks for
the canvas. Afterwards every chat is written out.
"""

from __future__ import annotations

import asyncio
import random
import re
import tempfile
from pathlib import Path

from bot.app import build_application, running
from bot.offline.simulation import simulate_team
from bot.offline.telegram_server import BotApiServer

DEMO_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
DEMO_BOT = "maturity_demo_bot"


async def play_round(
    out: Path,
    managers: int,
    catalogues: dict,
    catalogue_id: str,
    anonymous: bool,
    language: str = "de",
) -> list[Path]:
    """Run server and bot, play the people, write every chat; returns the files written."""
    catalogue = catalogues[catalogue_id]
    team_members = simulate_team(catalogue, managers, language=language)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        async with BotApiServer(token=DEMO_TOKEN, bot_username=DEMO_BOT, bot_name="Maturity Check") as server:
            app = build_application(
                DEMO_TOKEN,
                Path(tmp) / "demo.db",
                catalogues,
                base_url=server.base_url,
                base_file_url=server.base_file_url,
                # the demo compresses a team's days into seconds: Telegram's pace of 20 messages a minute
                # per group would stretch it to minutes (the pacing is tested in test_journeys_faults.py)
                rate_limiter=False,
            )
            async with running(app, poll_timeout=1):
                group_name = (
                    "Geschäftsleitung Muster AG" if language == "de" else "Management team Example Ltd"
                )
                lead = server.add_user("Lena", last_name="Leiterin", username="lena", language_code=language)
                people = [
                    server.add_user(m.first_name, last_name=m.last_name, language_code=language)
                    for m in team_members
                ]
                team = server.add_group(group_name, creator=lead, members=people)
                await server.add_bot_to_group(team, by=lead, as_admin=True)
                await server.wait_for_message(team, "/newround")
                command = f"/newround {catalogue_id} 3d" + (" anonymous" if anonymous else "")
                await lead.send_text(team, command)
                announcement = await server.wait_for_message(team, "📋")
                url = announcement.buttons[0][0].url
                assert url is not None
                await asyncio.gather(
                    *(
                        _answer_round(server, person, url, member.ratings, member.comments, catalogue)
                        for person, member in zip(people, team_members, strict=True)
                    )
                )
                await server.wait_for(
                    lambda: f"{managers} " in announcement.content and "✅" in announcement.content,
                    timeout=20,
                )
                await lead.send_text(team, "/status")
                status = await server.wait_for_message(team, "📋", after=announcement)
                await lead.send_text(team, "/closeround")
                await server.wait_for_message(
                    team, "weitergeht" if language == "de" else "What to do next", after=status, timeout=60
                )
                await _after_the_results(server, team, lead, people, language)
                await _the_beliefs_loop(server, team, lead, people, team_members, catalogue, language)
                await _the_canvas(server, team, lead)
                await server.wait_idle(quiet=0.3)
            return write_outputs(server, out, team, lead, people)


async def _after_the_results(server, team, lead, people, language: str) -> None:  # type: ignore[no-untyped-def]
    """The method's next steps: everyone votes on priorities, the lead ends the poll, records the
    lighthouse project with the first manager as its owner, and asks for the canvas as picture and PDF."""
    german = language == "de"
    poll = await server.wait_for(
        lambda: next((m for m in server.bot_messages(team) if m.poll), None), timeout=30
    )
    choices = min(4, len(poll.poll.options))
    votes = random.Random(7)
    for person in people:
        await person.vote(poll, sorted(votes.sample(range(choices), k=min(2, choices))))
    await server.wait_idle(quiet=0.3)
    command = await lead.send_text(team, "/closepoll")
    await server.wait_for_message(team, "Leuchtturm" if german else "lighthouse", after=command, timeout=30)
    volunteer = await people[0].send_text(
        team,
        "Das Leuchtturmprojekt übernehme ich gern." if german else "I'll take on the lighthouse project.",
    )
    await lead.send_text(
        team,
        "/lighthouse Pilot in einem Kundensegment\nZiel: die erste Priorität in drei Monaten verbessern"
        if german
        else "/lighthouse Pilot in one customer segment\nGoal: improve the top priority within three months",
        reply_to=volunteer,
    )
    await server.wait_for_message(team, "Festgehalten" if german else "Recorded", timeout=30)


async def _the_canvas(server, team, lead) -> None:  # type: ignore[no-untyped-def]
    """The lead asks for the canvas, as a picture and as a PDF."""
    for command_text in ("/canvas", "/canvas pdf"):
        command = await lead.send_text(team, command_text)
        await server.wait_for(
            lambda c=command: any(
                m.message_id > c.message_id and (m.photos or m.document) for m in server.bot_messages(team)
            ),
            timeout=60,
        )


#: What the managers at the extremes answer when asked why (one after the other, by language).
REASONS = {
    "de": (
        "Bei unseren Key Accounts erlebe ich das jede Woche so.",
        "Die Beschwerden im Kundendienst sagen etwas anderes.",
        "In meinem Bereich sehen wir die Kunden kaum.",
        "Die Zahlen der letzten zwei Quartale zeigen es deutlich.",
        "Wir reden viel darüber, aber entschieden wird ohne die Kunden.",
    ),
    "en": (
        "With our key accounts I see it like this every week.",
        "The complaints in customer service tell a different story.",
        "In my area we hardly ever see customers.",
        "The figures of the last two quarters show it clearly.",
        "We talk about it a lot, but decisions are made without customers.",
    ),
}


async def _the_beliefs_loop(  # type: ignore[no-untyped-def]
    server, team, lead, people, team_members, catalogue, language: str
) -> None:
    """Asked why, the managers at the extremes answer (the last one asked skips a question); the reasons
    reach the group; the lead has the disputed points re-rated, where the team converges on the first half
    of them and stays apart on the rest; a manager records the belief behind a point still contested."""
    german = language == "de"
    asked = "Warum sehen Sie das so?" if german else "Why do you see it this way?"
    thanks = "letzte Frage" if german else "last question"
    reasons = iter(REASONS[language] * 20)
    await server.wait_idle(quiet=0.5)
    askees = [p for p in people if _questions(server, p, asked)]
    for k, person in enumerate(askees):
        answered = 0
        while not any(thanks in m.content for m in server.bot_messages(person)):
            question = _questions(server, person, asked)[answered]
            if k == len(askees) - 1 and answered == 0 and len(askees) > 1:
                await person.press(question, "Diese überspringen" if german else "Skip this one")
            else:
                await person.send_text(None, next(reasons))
            answered += 1
            await server.wait_for(
                lambda p=person, n=answered: (
                    len(_questions(server, p, asked)) > n
                    or any(thanks in m.content for m in server.bot_messages(p))
                ),
                timeout=20,
            )
    title = "Warum die Einschätzungen auseinandergehen" if german else "Why the judgments differ"
    reasons_message = await server.wait_for_message(team, title, timeout=30)

    await lead.send_text(team, "/rerate")
    announcement = await server.wait_for_message(team, "🔁", timeout=30)
    url = announcement.buttons[0][0].url
    by_text = {s.text.get(language): s.id for s in catalogue.statements}
    await asyncio.gather(
        *(
            _rerate(server, person, url, member.ratings, by_text)
            for person, member in zip(people, team_members, strict=True)
        )
    )
    await lead.send_text(team, "/closeround")
    results = await server.wait_for_message(
        team, "Neu bewertet" if german else "Re-rated", after=announcement, timeout=60
    )
    # the belief behind a point still contested (or, if every point converged, behind the first one asked)
    contested = re.search(r"(?:Weiterhin strittig|Still contested): (\d+)", results.content) or re.search(
        r"^(\d+) · ", reasons_message.content, re.MULTILINE
    )
    if contested is not None:
        belief = (
            "Kundennähe ist Sache des Vertriebs, nicht der ganzen Firma"
            if german
            else "Customer closeness is the job of sales, not of the whole company"
        )
        await people[-1].send_text(team, f"/belief {contested.group(1)} {belief}")
        await server.wait_for_message(team, "📌", timeout=30)


def _questions(server, person, marker: str) -> list:  # type: ignore[no-untyped-def]
    return [m for m in server.bot_messages(person) if marker in m.content]


async def _rerate(server, person, url, ratings, by_text) -> None:  # type: ignore[no-untyped-def]
    """One manager re-rates the disputed points: on the first half they move to the team's middle level (the
    reasons convinced them), on the rest they keep their earlier rating."""
    start = await person.open_url(url)
    while True:
        question = await server.wait_for(
            lambda: next(
                (
                    m
                    for m in reversed(server.bot_messages(person))
                    if m.message_id > start.message_id and m.buttons
                ),
                None,
            ),
            timeout=20,
        )
        progress = re.match(r"(\d+)/(\d+)", question.content)
        if progress is None:
            return  # the summary: everything is answered
        number, total = int(progress.group(1)), int(progress.group(2))
        statement_id = next((sid for text, sid in by_text.items() if text in question.content), None)
        level = ratings.get(statement_id) if statement_id else None
        if number <= (total + 1) // 2:
            level = 3
        await person.press(question, "?" if level is None else str(level))
        await server.wait_for(lambda q=question, n=number: not q.content.startswith(f"{n}/"), timeout=20)
        if number == total:
            return


async def _answer_round(server, person, url, ratings, comments, catalogue) -> None:  # type: ignore[no-untyped-def]
    """One manager: open the link, answer every statement with the buttons, comment where they want to."""
    await person.open_url(url)
    ids = [s.id for s in catalogue.statements]
    for index, statement_id in enumerate(ids):
        question = await server.wait_for(
            lambda i=index: _question_showing(server, person, f"{i + 1}/{len(ids)}"), timeout=20
        )
        level = ratings[statement_id]
        await person.press(question, "?" if level is None else str(level))
        await server.wait_for(
            lambda i=index, q=question: not q.content.startswith(f"{i + 1}/{len(ids)}"), timeout=20
        )
        if statement_id in comments:
            before = server.last_message(person)
            await person.send_text(None, comments[statement_id])
            await server.wait_for_message(person, "💬", after=before, timeout=20)


def _question_showing(server, person, progress: str):  # type: ignore[no-untyped-def]
    for message in reversed(server.bot_messages(person)):
        if message.buttons and message.content.startswith(progress):
            return message
    return None


def write_outputs(server, out: Path, team, lead, people) -> list[Path]:  # type: ignore[no-untyped-def]
    """The group's charts as PNG, its messages as HTML and text, and a transcript of every chat."""
    written: list[Path] = []
    album = [message for message in server.chat(team) if message.photos and message.media_group_id]
    names = ("comparison-chart.png", "dimension-profile.png", "agreement-map.png")
    for message, name in zip(album[:3], names, strict=False):
        path = out / f"group-{name}"
        path.write_bytes(message.photos[0])
        written.append(path)
    canvas = [m for m in server.bot_messages(team) if m.photos and not m.media_group_id]
    if canvas:
        path = out / "group-canvas.png"
        path.write_bytes(canvas[-1].photos[0])
        written.append(path)
    documents = [m for m in server.bot_messages(team) if m.document is not None]
    if documents:
        path = out / "group-canvas.pdf"
        path.write_bytes(documents[-1].document.data)
        written.append(path)
    results = [m for m in server.bot_messages(team) if m.text is not None]
    html_path = out / "group-messages.html"
    html_path.write_text(
        "<!doctype html><meta charset='utf-8'><title>Group messages</title>"
        "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.4}"
        "article{white-space:pre-wrap;border:1px solid #ccc;border-radius:8px;padding:1em;margin:1em 0}"
        "</style>\n" + "\n".join(f"<article>{m.html}</article>" for m in results),
        encoding="utf-8",
    )
    written.append(html_path)
    transcripts = out / "transcripts"
    transcripts.mkdir(exist_ok=True)
    for who, name in [
        (team, "group"),
        (lead, _slug(lead.full_name)),
        *((p, _slug(p.full_name)) for p in people),
    ]:
        path = transcripts / f"{name}.txt"
        path.write_text(_transcript(server, who), encoding="utf-8")
        written.append(path)
    return written


def _slug(name: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in name.lower()).strip("-")


def _transcript(server, where) -> str:  # type: ignore[no-untyped-def]
    """Every message in order; an edited message shows each version the person saw."""
    chat = server.chat(where)
    lines: list[str] = []
    for message in chat:
        who = "Bot" if message.from_bot else (message.sender.full_name if message.sender else "?")
        versions = [text for text, _ in message.history if text] + [message.content]
        if message.is_service:
            versions = [f"[{', '.join(message.service)}]"]
        elif message.photos:
            versions = [
                f"[photo {message.photo.width}×{message.photo.height}] {message.caption or ''}".strip()
            ]
        elif message.document is not None:
            versions = [f"[document {message.document.file_name}] {message.caption or ''}".strip()]
        elif message.poll is not None:
            poll = message.poll
            options = "\n".join(f"  {votes} · {text}" for text, votes in poll.options)
            versions = [
                f"[poll, {'anonymous' if poll.is_anonymous else 'public'}] {poll.question}\n{options}"
            ]
        for number, text in enumerate(versions):
            label = who if number == 0 else f"{who} (edited)"
            lines.append(f"── {label}")
            lines.append(text)
            if number == len(versions) - 1:
                for row in message.buttons:
                    lines.append("   " + "  ".join(f"[{b.text}]" for b in row))
            lines.append("")
    return "\n".join(lines)
