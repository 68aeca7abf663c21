"""After the results, end to end: the priority poll, votes, /priorities, /closepoll, the lighthouse project,
its review reminders with injected time, the owner's status, and the re-check round."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import running
from bot.domain.catalogue import Catalogue
from bot.offline.telegram_server import BotApiServer, SimChat, SimMessage, SimUser
from tests.helpers import Clock, answer_all, join_round, local_application, png_info, setup_team, wait_text

DAY = 86_400.0


def unpaced_bot(server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]):
    """The real application without the rate limiter: these journeys put a round's results, a poll, a
    ranking and a dozen commands into one group within seconds, which the limiter would rightly spread
    over minutes (20 messages a minute per group; its pacing is tested in test_journeys_faults.py)."""
    return local_application(server, db_path, clock, catalogues, rate_limiter=False)


@pytest.fixture
async def bot(server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]):
    async with running(unpaced_bot(server, db_path, clock, catalogues), poll_timeout=1) as app:
        yield app


#: Quick catalogue (6 statements): statement 1 agreed weak, 2 polarised, 3 agreed weak, 4-6 middling/strong
LEVELS = [
    [1, 1, 2, 3, 4, 4],
    [2, 5, 1, 3, 4, 5],
    [1, 1, 2, 4, 3, 4],
    [2, 5, 1, 3, 4, 4],
]


async def closed_round(
    server: BotApiServer, lang: str = "en", anonymous: bool = False
) -> tuple[SimUser, SimChat, list[SimUser], SimMessage]:
    """A team whose quick round is closed; returns the lead, group, managers and the priority poll."""
    lead, team, managers = await setup_team(server, managers=4, lead_language=lang)
    await lead.send_text(team, "/newround quick" + (" anonymous" if anonymous else ""))
    announcement = await server.wait_for(
        lambda: next((m for m in server.bot_messages(team) if any(b.url for r in m.buttons for b in r)), None)
    )
    url = announcement.buttons[0][0].url
    for manager, levels in zip(managers, LEVELS, strict=True):
        await join_round(server, manager, url)
        await answer_all(server, manager, levels)
    await lead.send_text(team, "/closeround")
    poll = await server.wait_for(
        lambda: next((m for m in server.bot_messages(team) if m.poll is not None), None),
        timeout=30,
        what="the priority poll",
    )
    return lead, team, managers, poll


async def test_results_are_followed_by_a_priority_poll_with_votes_and_a_ranking(
    server: BotApiServer, bot
) -> None:
    lead, team, managers, message = await closed_round(server)
    poll = message.poll
    assert poll is not None and not poll.is_anonymous and poll.allows_multiple_answers
    assert "tackle first" in poll.question
    texts = [text for text, _ in poll.options]
    assert 2 <= len(texts) <= 12 and all(len(text) <= 100 for text in texts)
    # agreed weaknesses first (▼), then the disputed statement (≠)
    assert texts[0].startswith("▼ ") and any(text.startswith("≠ 2 · ") for text in texts)
    await managers[0].vote(message, [texts[-1]])
    await managers[1].vote(message, [0, len(texts) - 1])
    await managers[2].vote(message, [0])
    await managers[2].vote(message, [len(texts) - 1])  # changed
    await managers[3].vote(message, [0])
    await managers[3].retract_vote(message)
    await server.wait_for(lambda: len(server.calls("getUpdates", ok=True)) > 0)
    await server.wait_idle()
    await lead.send_text(team, "/priorities")
    standing = await wait_text(server, team, "standing so far")
    assert "3 voted" in standing.text
    first_line = standing.text.split("\n")[2]
    assert first_line.startswith("1. ≠ 2 · ") and "3 votes" in first_line
    assert "Anna" in standing.text and "Ben" in standing.text
    await managers[0].send_text(team, "/closepoll")
    await wait_text(server, team, "Only admins")
    await lead.send_text(team, "/closepoll")
    ranking = await wait_text(server, team, "the poll has ended")
    assert message.poll.is_closed  # type: ignore[union-attr]
    assert "Proposed lighthouse project" in ranking.text and "2 · " in ranking.text
    await lead.send_text(team, "/closepoll")
    await wait_text(server, team, "No priority poll is open")


async def test_anonymous_round_gets_an_anonymous_poll_counted_without_names(
    server: BotApiServer, bot
) -> None:
    lead, team, managers, message = await closed_round(server, anonymous=True)
    assert message.poll is not None and message.poll.is_anonymous
    await managers[0].vote(message, [1])
    await managers[1].vote(message, [1, 0])
    await server.wait_idle()
    await lead.send_text(team, "/priorities")
    standing = await wait_text(server, team, "anonymous poll")
    assert "2 votes" in standing.text
    for manager in managers:
        assert manager.first_name not in standing.text
    await lead.send_text(team, "/closepoll")
    ranking = await wait_text(server, team, "the poll has ended")
    assert "2 votes" in ranking.text and "1 vote" in ranking.text


async def test_the_poll_ends_by_itself_after_its_time(server: BotApiServer, bot, clock: Clock) -> None:
    _lead, team, managers, message = await closed_round(server)
    await managers[0].vote(message, [0])
    await server.wait_idle()
    clock.advance(73 * 3600)
    ranking = await wait_text(server, team, "the poll has ended")
    assert "1 voted" in ranking.text
    assert message.poll is not None and message.poll.is_closed


async def test_lighthouse_with_owner_reminders_status_and_recheck(
    server: BotApiServer, bot, clock: Clock
) -> None:
    lead, team, managers, message = await closed_round(server, lang="de")
    await managers[1].vote(message, [0])
    await server.wait_idle()
    await lead.send_text(team, "/lighthouse")
    await wait_text(server, team, "Noch kein Leuchtturmprojekt")
    await managers[0].send_text(team, "/lighthouse Kundeninterviews")
    await wait_text(server, team, "Das dürfen nur Admins")
    await lead.send_text(team, "/lighthouse Kundeninterviews\nZiel: Segment X besser verstehen\nAussagen: 99")
    await wait_text(server, team, "keine Aussage-Nummer")
    owner_message = await managers[1].send_text(team, "Ich übernehme das gern.")
    await lead.send_text(
        team,
        "/lighthouse Kundeninterviews im Segment X\nZiel: Zufriedenheit im Segment X steigern\n"
        "Überprüfung: 3, 6",
        reply_to=owner_message,
    )
    card = await wait_text(server, team, "Festgehalten")
    assert "Leuchtturmprojekt: Kundeninterviews im Segment X" in card.text
    assert "Verantwortlich: Ben Muster" in card.text
    assert "nach 3 Monaten" in card.text and "nach 6 Monaten" in card.text
    assert "nach 12 Monaten" not in card.text
    await managers[0].send_text(team, "/lighthouse")
    shown = await wait_text(server, team, "Adressiert")
    assert "Zufriedenheit im Segment X steigern" in shown.text
    # three months later the group is reminded and the owner asked
    clock.advance(93 * DAY)
    reminder = await wait_text(server, team, "Überprüfung nach 3 Monaten")
    assert "Ben Muster" in reminder.text
    assert [b.text for row in reminder.buttons for b in row] == [
        "Die adressierten Aussagen neu bewerten",
        "Den ganzen Katalog neu bewerten",
    ]
    await managers[0].send_text(team, "Läuft gut!", reply_to=reminder)
    await wait_text(server, team, "Den Stand gibt Ben Muster")
    await managers[1].send_text(team, "Zwei Interviews geführt, drei geplant.", reply_to=reminder)
    await wait_text(server, team, "Danke, festgehalten")
    await lead.send_text(team, "/lighthouse")
    card = await wait_text(server, team, "Zwei Interviews geführt")
    assert "nach 6 Monaten" in card.text
    # a member cannot open the re-check; the lead can, on the addressed statement only
    pressed = await managers[0].press(reminder, "Die adressierten")
    assert pressed.show_alert and "Nur Admins" in pressed.answer_text
    await lead.press(reminder, "Die adressierten")
    announcement = await wait_text(server, team, "Neubewertung für das Leuchtturmprojekt")
    url = next(b.url for row in announcement.buttons for b in row if b.url)
    question = await join_round(server, managers[2], url)
    assert question.content.startswith("1/1")
    # the re-check round asks only statement 1 (the top priority) and closes like any round
    for manager in managers[:2]:
        await join_round(server, manager, url)
    for manager, level in zip(managers[:3], (2, 3, 2), strict=True):
        await answer_all(server, manager, [level])
    close = await lead.send_text(team, "/closeround")
    await server.wait_for_message(team, "Wie es weitergeht", after=close, timeout=30)
    results = "\n".join(m.content for m in server.bot_messages(team) if m.message_id > close.message_id)
    assert "3 Führungskräfte haben geantwortet" in results
    dimension_lines = [line for line in results.split("\n") if line.startswith("▰")]
    assert len(dimension_lines) == 1, "one statement asked, so one dimension reported"
    await server.wait_for_message(team, "zu wenig auswertbare Aussagen", after=close)


async def test_review_reminders_survive_a_restart(
    server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue]
) -> None:
    async with running(unpaced_bot(server, db_path, clock, catalogues), poll_timeout=1):
        lead, team, managers, message = await closed_round(server)
        await managers[0].vote(message, [0])
        await server.wait_idle()
        await lead.send_text(team, "/lighthouse Faster answers\nOwner: @lena\nReviews: 1")
        await wait_text(server, team, "Recorded")
    clock.advance(40 * DAY)
    async with running(unpaced_bot(server, db_path, clock, catalogues), poll_timeout=1):
        reminder = await wait_text(server, team, "Review after 1 month: Faster answers")
        assert "Lena Lead" in reminder.text


async def test_canvas_as_picture_and_pdf(server: BotApiServer, bot) -> None:
    lead, team, _managers, _message = await closed_round(server)
    await lead.send_text(team, "/canvas")
    await wait_text(server, team, "Customer Centricity Canvas")
    picture = server.bot_messages(team)[-1]
    assert picture.photos and picture.photos[0].startswith(b"\x89PNG\r\n\x1a\n")
    width, height = png_info(picture.photos[0])[:2]
    assert width == 1080 and 1000 < height <= 2340
    await lead.send_text(team, "/canvas pdf")
    document = await server.wait_for(
        lambda: next((m for m in server.bot_messages(team) if m.document is not None), None), timeout=20
    )
    assert document.document is not None and document.document.data.startswith(b"%PDF-")
    assert document.document.file_name is not None and document.document.file_name.endswith(".pdf")
    assert document.document.data.count(b"/Type /Page\n") + document.document.data.count(b"/Type /Page ") >= 1
    await lead.send_text(team, "/canvas poster")
    await wait_text(server, team, "/canvas pdf")


async def test_history_after_two_rounds_and_export_to_the_admin_only(
    server: BotApiServer, bot, clock: Clock, tmp_path: Path
) -> None:
    lead, team, managers, _message = await closed_round(server)
    await lead.send_text(team, "/history")
    await wait_text(server, team, "One round so far")
    clock.advance(90 * DAY)
    await lead.send_text(team, "/newround quick")
    announcement = await server.wait_for(
        lambda: next(
            (m for m in reversed(server.bot_messages(team)) if any(b.url for r in m.buttons for b in r)), None
        )
    )
    url = announcement.buttons[0][0].url
    for manager, levels in zip(
        managers,
        [[3, 3, 3, 3, 4, 4], [3, 3, 2, 3, 4, 5], [3, 4, 3, 4, 3, 4], [3, 3, 2, 3, 4, 4]],
        strict=True,
    ):
        await join_round(server, manager, url)
        await answer_all(server, manager, levels)
    await lead.send_text(team, "/closeround")
    await server.wait_for(
        lambda: sum(1 for m in server.bot_messages(team) if m.poll is not None) == 2, timeout=30
    )
    command = await managers[0].send_text(team, "/history")
    changed = await wait_text(server, team, "What changed")
    chart = next(m for m in server.bot_messages(team) if m.message_id > command.message_id and m.photos)
    assert png_info(chart.photos[0])[0] == 1200 and "over 2 round(s)" in (chart.caption or "")
    assert "Overall maturity" in changed.text and "come closer together" in changed.text
    assert "Disputed before, agreed now" in changed.text and "2 · " in changed.text
    await managers[0].send_text(team, "/export")
    await wait_text(server, team, "Only admins")
    await lead.send_text(team, "/export")  # the lead never wrote to the bot: it may not write first
    refusal = await wait_text(server, team, "cannot write to you privately yet")
    link = refusal.buttons[0][0].url
    assert link == "https://t.me/maturity_test_bot?start=export"
    await lead.open_url(link)
    await wait_text(server, lead, "Now send /export in the group again")
    await lead.send_text(team, "/export")
    await wait_text(server, team, "sent you the export privately")
    documents = {m.document.file_name: m.document.data for m in server.bot_messages(lead) if m.document}
    assert sorted(name.rsplit(".", 1)[1] for name in documents) == ["csv", "json"]
    assert not [m for m in server.bot_messages(team) if m.document is not None]
    # the CSV re-imports with `maturity-bot analyse` and gives the statistics the JSON export holds
    exported = json.loads(next(data for name, data in documents.items() if name.endswith(".json")))
    csv_file = tmp_path / "export.csv"
    csv_file.write_bytes(next(data for name, data in documents.items() if name.endswith(".csv")))
    assert [r["id"] for r in exported["rounds"]] == [1, 2]
    for exported_round in exported["rounds"]:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "bot",
                "analyse",
                str(csv_file),
                "--round",
                str(exported_round["id"]),
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        analysed = json.loads(result.stdout)
        assert analysed.pop("round") == str(exported_round["id"]) and analysed.pop("catalogue") == "quick"
        assert analysed == exported_round["statistics"]
