"""The demo's scripted team: a complete round played against the local Bot API server, and every chat
written out.

Nothing is faked on the bot's side: the same application as ``maturity-bot run`` long-polls the
project's own Bot API server over loopback HTTP. This plays the people: a team lead who adds the bot
to the group and opens a round, and N managers who tap the link, answer with the buttons (concurrently,
as in a meeting), comment, and then the lead closes the round; the team votes on its priorities, the lead
records a lighthouse project and asks for the canvas. Afterwards every chat is written out.
"""

from __future__ import annotations

import asyncio
import random
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
    for command_text in ("/canvas", "/canvas pdf"):
        command = await lead.send_text(team, command_text)
        await server.wait_for(
            lambda c=command: any(
                m.message_id > c.message_id and (m.photos or m.document) for m in server.bot_messages(team)
            ),
            timeout=60,
        )


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
    for message, name in zip(album[:2], ("comparison-chart.png", "dimension-profile.png"), strict=False):
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
