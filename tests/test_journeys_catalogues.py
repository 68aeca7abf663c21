"""A team's own catalogue end to end over HTTP: uploaded as a document (fetched with getFile), checked with
every problem listed in the group's language, the template in both forms, rounds on it, a second version
while a round on the first is open, /history across versions, retiring, another group that never sees it,
a restart, and hostile files that are refused with one line each while the bot keeps running."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from bot.app import running
from bot.offline.telegram_server import BotApiServer, SimChat, SimMessage, SimUser, make_png
from tests.helpers import (
    TEAM_TOML,
    answer_all,
    bot_texts,
    join_round,
    local_application,
    setup_team,
    wait_text,
    zipped,
)

#: The same catalogue as team.toml in the CSV form, as German Excel saves it (semicolons, a BOM).
TEAM_CSV = (
    "\ufeffcatalogue;catalogue_de;catalogue_en;dimension;dimension_de;dimension_en;id;text_de;text_en;"
    "anchor_5_de;anchor_5_en\r\n"
    "ours;Unser Check;Our check;listen;Zuhören;Listening;calls;Wir rufen jede Woche Kunden an.;"
    "We call customers every week.;Jede Führungskraft, jede Woche;Every manager, every week\r\n"
    ";;;listen;;;complaints;Beschwerden erreichen die Geschäftsleitung.;Complaints reach the board.;;\r\n"
    ";;;act;Handeln;Acting;fixes;Was Kunden stört, beheben wir binnen eines Monats.;"
    "What bothers customers is fixed within a month.;;\r\n"
)


async def upload(
    server: BotApiServer,
    person: SimUser,
    team: SimChat,
    data: bytes | str,
    name: str = "ours.toml",
    *,
    contains: str | None = None,
) -> SimMessage:
    """Send a file with the caption /catalogue; the bot's answer (containing ``contains``)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    sent = await person.send_document(team, raw, file_name=name, caption="/catalogue")
    return await server.wait_for_message(team, contains, after=sent, timeout=15)


async def open_round(server: BotApiServer, lead: SimUser, team: SimChat, command: str) -> str:
    """Open a round with ``command``; the link of its announcement's button."""
    sent = await lead.send_text(team, command)
    announcement = await server.wait_for_message(team, "📋", after=sent, timeout=30)
    return announcement.buttons[0][0].url


async def run_round(
    server: BotApiServer,
    lead: SimUser,
    team: SimChat,
    managers: list[SimUser],
    command: str,
    levels: list[int],
) -> None:
    """Open a round with ``command``, every manager answers ``levels``, and the lead closes it."""
    url = await open_round(server, lead, team, command)
    for manager in managers:
        await join_round(server, manager, url)
        await answer_all(server, manager, list(levels))
    before = server.last_message(team)
    await lead.send_text(team, "/closeround")
    # two rounds' results within a minute may wait for the group's budget of 20 messages a minute
    await server.wait_for_message(team, "What to do next", after=before, timeout=75)


def statements_seen(server: BotApiServer, manager: SimUser) -> list[str]:
    """Every statement the manager was shown, in order (the questionnaire edits one message)."""
    shown = []
    for message in server.bot_messages(manager):
        for text in [*(text for text, _ in message.history), message.content]:
            if text and re.match(r"\d+/\d+ ", text) and text not in shown:
                shown.append(text)
    return shown


def stored_versions(db_path: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db_path) as db:
        return db.execute(
            "SELECT catalogue_id, number FROM catalogue_versions WHERE team_id IS NOT NULL ORDER BY id"
        ).fetchall()


# --------------------------------------------------------------------------------------- upload and use


async def test_an_admin_uploads_a_catalogue_and_the_team_runs_a_round_on_it(
    server: BotApiServer, bot
) -> None:
    lead, team, managers = await setup_team(server, managers=2)
    answer = await upload(server, lead, team, TEAM_TOML, contains="stored as version 1")
    assert "Catalogue Our check (ours) stored as version 1: 3 statements in 2 dimensions." in answer.content
    assert "/newround ours opens a round with it." in answer.content
    assert answer.reply_to is not None and answer.reply_to.document is not None
    assert len(server.downloads) == 1 and server.calls("getFile")

    await lead.send_text(team, "/catalogues")
    listing = await wait_text(server, team, "Catalogues of this team")
    assert "customer-centricity – Customer Centricity Maturity Check · 24 statements" in listing.content
    assert "quick – " in listing.content
    assert "ours – Our check · 3 statements · version 1 of" in listing.content
    assert [b.text for row in listing.buttons for b in row] == ["🗄 Retire ours"]

    await run_round(server, lead, team, managers, "/newround ours", [5, 4, 2])
    first = statements_seen(server, managers[0])[0]
    assert "We call customers every week." in first and "Every manager, every week" in first
    results = "\n".join(bot_texts(server, team))
    assert "We call customers every week." in results and "Listening" in results


async def test_the_same_catalogue_as_csv_from_german_excel_and_one_unchanged_upload(
    server: BotApiServer, bot, db_path: Path
) -> None:
    lead, team, _ = await setup_team(server, managers=1, lead_language="de")
    answer = await upload(server, lead, team, TEAM_CSV, "Unser Check.csv", contains="gespeichert")
    assert (
        "Katalog Unser Check (ours) als Version 1 gespeichert: 3 Aussagen in 2 Dimensionen." in answer.content
    )
    again = await upload(server, lead, team, TEAM_CSV, "Unser Check (1).csv", contains="Nichts Neues")
    assert "ours ist schon Version 1, Wort für Wort." in again.content
    assert stored_versions(db_path) == [("ours", 1)]


async def test_a_single_language_catalogue_is_shown_in_that_language_to_everyone(
    server: BotApiServer, bot
) -> None:
    lead, team, managers = await setup_team(server, managers=2, manager_language="de")
    english_only = (
        "catalogue,catalogue_en,dimension,dimension_en,id,text_en\r\n"
        "solo,Solo check,one,One,first,Customers praise us unprompted.\r\n"
        ",,one,,second,We know why they leave.\r\n"
    )
    answer = await upload(server, lead, team, english_only, "solo.csv", contains="stored as version 1")
    assert "This catalogue is in English only: everyone sees it in English" in answer.content
    await lead.send_text(team, "/catalogues")
    assert (
        "solo – Solo check · 2 statements · version 1 of"
        in (await wait_text(server, team, "Catalogues")).content
    )
    await lead.send_text(team, "/newround solo")
    url = (await wait_text(server, team, "📋")).buttons[0][0].url
    question = await join_round(server, managers[0], url)
    assert "Customers praise us unprompted." in question.content
    assert "Kaum vorhanden" in question.content, "the bot's own texts stay in the manager's language"


# ----------------------------------------------------------------------------------------------- errors


BROKEN_TOML = (
    TEAM_TOML.replace('en = "Complaints reach the board."', 'en = ""')
    .replace('dimension = "act"', 'dimension = "acting"')
    .replace('id = "fixes"', 'id = "Fixes_1"')
)


async def test_every_problem_is_listed_with_its_place_in_the_groups_language_and_nothing_is_stored(
    server: BotApiServer, bot, db_path: Path
) -> None:
    lead, team, _ = await setup_team(server, managers=1, lead_language="de")
    answer = await upload(server, lead, team, BROKEN_TOML, contains="nichts gespeichert")
    lines = answer.content.splitlines()
    assert lines[0] == "❌ ours.toml: nichts gespeichert. 3 Probleme, die Sie beheben müssen:"
    assert lines[1:] == [
        '• Zeile 51, Spalte 1 (statements[2] (id "complaints").text.en): die englische Übersetzung fehlt',
        '• Zeile 54, Spalte 1 (statements[3] (id "Fixes_1").id): ungültige ID «Fixes_1»: nur a-z, 0-9 und '
        "Bindestriche dazwischen, wie «lead-2»",
        '• Zeile 55, Spalte 1 (statements[3] (id "Fixes_1").dimension): unbekannte Dimension «acting» '
        "(bekannt: listen, act)",
    ]
    broken_csv = TEAM_CSV.replace("Complaints reach the board.", "").replace(";act;", ";;")
    answer = await upload(server, lead, team, broken_csv, "ours.csv", contains="nichts gespeichert")
    assert answer.content.splitlines()[1:] == [
        "• Zeile 3, Spalte text_en: die englische Übersetzung fehlt",
        "• Zeile 4, Spalte dimension: Feld fehlt",
    ]
    await lead.send_text(team, "/language en")
    await wait_text(server, team, "English")
    formula = TEAM_CSV.replace("Complaints reach the board.", '=HYPERLINK("http://x")')
    answer = await upload(server, lead, team, formula, "ours.csv", contains="nothing stored")
    assert answer.content.splitlines()[1:] == [
        "• row 3, column text_en: begins with “=”: a spreadsheet would run it as a formula; cells may not "
        "begin with =, +, - or @"
    ]
    assert stored_versions(db_path) == []
    await lead.send_text(team, "/newround ours")
    refused = await wait_text(server, team, "I don't know the catalogue")
    assert "Available: customer-centricity, quick." in refused.content


async def test_the_template_comes_in_both_forms_and_goes_back_as_it_is(
    server: BotApiServer, bot, db_path: Path
) -> None:
    lead, team, _ = await setup_team(server, managers=1)
    await lead.send_text(team, "/catalogue template")
    caption = await wait_text(server, team, "The default catalogue in both forms")
    files = {m.document.file_name: m.document.data for m in server.chat(team) if m.document is not None}
    assert set(files) == {"team-check.toml", "team-check.csv"}
    assert caption.media_group_id is not None
    toml_text = files["team-check.toml"].decode("utf-8")
    assert toml_text.startswith("# The team's own question catalogue for maturity-bot.")
    assert 'id = "team-check"' in toml_text and 'title.en = "Our customer centricity check"' in toml_text
    csv_bytes = files["team-check.csv"]
    assert csv_bytes.startswith("\ufeffcatalogue,catalogue_de,catalogue_en,dimension,".encode())

    answer = await upload(
        server, lead, team, files["team-check.toml"], "team-check.toml", contains="version 1"
    )
    assert "stored as version 1: 24 statements in 8 dimensions" in answer.content
    answer = await upload(server, lead, team, csv_bytes, "team-check.csv", contains="version 2")
    # the CSV form has no dimension descriptions: everything else is the same
    assert "Compared with version 1: the same statements with the same texts; other texts changed." in (
        answer.content
    )
    assert stored_versions(db_path) == [("team-check", 1), ("team-check", 2)]


async def test_who_may_upload_and_what_else_is_said(server: BotApiServer, bot, db_path: Path) -> None:
    lead, team, managers = await setup_team(server, managers=1)
    anna = managers[0]
    await upload(server, anna, team, TEAM_TOML, contains="Only admins")
    await anna.send_text(team, "/catalogue template")
    await wait_text(server, team, "Only admins")
    await lead.send_text(team, "/catalogue")
    await wait_text(server, team, "To upload the team's own catalogue, send the file")
    await lead.send_text(team, "/catalogue please")
    await wait_text(server, team, "I don't understand “please”.")
    text = await lead.send_text(team, "here it comes")
    await lead.send_text(team, "/catalogue", reply_to=text)
    await wait_text(server, team, "That message holds no file.")
    document = await anna.send_document(team, TEAM_TOML.encode(), file_name="ours.toml")
    await lead.send_text(team, "/catalogue", reply_to=document)
    await wait_text(server, team, "stored as version 1")
    await anna.send_document(None, TEAM_TOML.encode(), file_name="ours.toml", caption="/catalogue")
    await wait_text(server, anna, "A catalogue belongs to a team: send it in the team's group")
    before = server.last_message(team)
    await lead.send_document(team, TEAM_TOML.encode(), file_name="ours.toml", caption="/catalogue@other_bot")
    await lead.send_text(team, "/status")
    status = await server.wait_for_message(team, after=before)
    assert status.content.startswith("No round is open."), "the file for another bot got no answer"
    assert stored_versions(db_path) == [("ours", 1)]


# ------------------------------------------------------------------------------------------- versions


VERSION_2 = (
    TEAM_TOML.replace('en = "We call customers every week."', 'en = "We call customers every single week."')
    .replace('[[statements]]\nid = "complaints"', '[[statements]]\nid = "visits"')
    .replace("Complaints reach the board.", "Managers visit customers.")
)


async def test_a_second_version_while_a_round_on_the_first_is_open_and_history_across_versions(
    server: BotApiServer, bot
) -> None:
    lead, team, managers = await setup_team(server, managers=2)
    anna, ben = managers
    await upload(server, lead, team, TEAM_TOML, contains="version 1")
    url = await open_round(server, lead, team, "/newround ours")
    await join_round(server, anna, url)
    answer = await upload(server, lead, team, VERSION_2, contains="version 2")
    assert "Compared with version 1: 1 added, 1 removed, 1 reworded." in answer.content
    assert "The open round keeps version 1; the next round uses version 2." in answer.content

    # the open round goes on with version 1: the removed statement is still asked, the old wording shown
    await answer_all(server, anna, [4, 3, 2])
    await join_round(server, ben, url)
    await answer_all(server, ben, [4, 3, 2])
    texts = "\n".join(statements_seen(server, anna))
    assert "Complaints reach the board." in texts and "every single week" not in texts
    before = server.last_message(team)
    await lead.send_text(team, "/closeround")
    await server.wait_for_message(team, "What to do next", after=before, timeout=30)

    await run_round(server, lead, team, managers, "/newround ours", [5, 3, 2])
    assert "We call customers every single week." in "\n".join(statements_seen(server, anna))
    before = server.last_message(team)
    await lead.send_text(team, "/history")
    history = await server.wait_for_message(team, "The catalogue changed", after=before, timeout=30)
    text = history.content
    assert (
        "The catalogue changed (version 1 → 2); the rounds are compared statement by statement by id." in text
    )
    assert "Added:\n• 2 · Managers visit customers." in text
    assert "Removed (numbers of version 1):\n• 2 · Complaints reach the board." in text
    assert "Reworded:\n• 1 · We call customers every single week." in text


async def test_a_round_keeps_its_version_across_a_restart(
    server: BotApiServer, db_path: Path, clock, catalogues
) -> None:
    async with running(local_application(server, db_path, clock, catalogues), poll_timeout=1):
        lead, team, managers = await setup_team(server, managers=1)
        await upload(server, lead, team, TEAM_TOML, contains="version 1")
        await lead.send_text(team, "/newround ours")
        url = (await wait_text(server, team, "📋")).buttons[0][0].url
        await join_round(server, managers[0], url)
        await upload(server, lead, team, VERSION_2, contains="version 2")
        await server.wait_idle()
    async with running(local_application(server, db_path, clock, catalogues), poll_timeout=1):
        await answer_all(server, managers[0], [3, 3, 3])
        assert "Complaints reach the board." in "\n".join(statements_seen(server, managers[0]))
        await managers[0].send_text(None, "/answers")
        summary = await wait_text(server, managers[0], "Complaints reach the board")
        assert "Managers visit customers" not in summary.content


async def test_a_re_rating_asks_the_version_of_the_round_it_re_rates(
    server: BotApiServer, bot, db_path: Path
) -> None:
    lead, team, managers = await setup_team(server, managers=2)
    anna, ben = managers
    await upload(server, lead, team, TEAM_TOML, contains="version 1")
    url = await open_round(server, lead, team, "/newround ours")
    for manager, levels in ((anna, [1, 3, 3]), (ben, [5, 3, 3])):
        await join_round(server, manager, url)
        await answer_all(server, manager, levels)
    before = server.last_message(team)
    await lead.send_text(team, "/closeround")
    await server.wait_for_message(team, "What to do next", after=before, timeout=30)
    await upload(server, lead, team, VERSION_2, contains="version 2")
    command = await lead.send_text(team, "/rerate")
    announcement = await server.wait_for_message(team, "Re-rating", after=command, timeout=30)
    question = await join_round(server, anna, announcement.buttons[0][0].url)
    assert question.content.startswith("1/1") and "We call customers every week." in question.content
    with sqlite3.connect(db_path) as db:
        versions = db.execute("SELECT catalogue_version_id FROM rounds ORDER BY id").fetchall()
    assert versions[0] == versions[1] and versions[0][0] is not None


# ----------------------------------------------------------------------------------- belonging, retiring


async def test_another_group_neither_sees_nor_uses_nor_retires_it(server: BotApiServer, bot) -> None:
    lead, team, _ = await setup_team(server, managers=1)
    await upload(server, lead, team, TEAM_TOML, contains="version 1")
    await lead.send_text(team, "/catalogues")
    listing = await wait_text(server, team, "Catalogues of this team")
    retire_data = listing.buttons[0][0].data
    other_lead = server.add_user("Otto", language_code="en")
    other = server.add_group("Other team", creator=other_lead)
    await server.add_bot_to_group(other, by=other_lead, as_admin=True)
    await other_lead.send_text(other, "/catalogues")
    theirs = await wait_text(server, other, "Catalogues of this team")
    assert "ours" not in theirs.content and "None of its own yet" in theirs.content
    await other_lead.send_text(other, "/newround ours")
    await wait_text(server, other, "I don't know the catalogue “ours”")
    pressed = await other_lead.press_data(theirs, retire_data)
    assert pressed.answer_text == "This button does not belong to your round. Nothing was changed."
    assert pressed.show_alert
    await lead.send_text(team, "/newround ours")
    await wait_text(server, team, "📋")


async def test_admins_retire_a_catalogue_and_rounds_run_with_it_keep_it(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=2)
    await upload(server, lead, team, TEAM_TOML, contains="version 1")
    await run_round(server, lead, team, managers, "/newround ours", [5, 4, 2])
    await lead.send_text(team, "/catalogues")
    listing = await wait_text(server, team, "Catalogues of this team")
    pressed = await managers[0].press(listing, "🗄 Retire ours")
    assert pressed.answer_text == "Only admins can decide that." and pressed.show_alert
    pressed = await lead.press(listing, "🗄 Retire ours")
    assert pressed.answer_text == "ours is retired; rounds run with it keep it."
    await server.wait_for(lambda: "Retired" in listing.content, what="the list without it")
    assert not listing.buttons and "None of its own yet" in listing.content
    await lead.send_text(team, "/newround ours")
    await wait_text(server, team, "The catalogue “ours” is retired.")
    await lead.send_text(team, "/results")
    results = await wait_text(server, team, "We call customers every week.", timeout=30)
    assert results is not None
    await upload(server, lead, team, TEAM_TOML, contains="stored as version 2")


# ------------------------------------------------------------------------------------------ hostile files


HOSTILE: list[tuple[str, bytes, str]] = [
    ("ours.csv", make_png(), "is not a text file"),
    ("ours.zip", zipped({"ours.toml": TEAM_TOML.encode()}), "is an archive (zip)"),
    (
        "ours.xlsx",
        zipped({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}),
        "spreadsheet workbook",
    ),
    ("ours.csv", TEAM_CSV.encode("utf-16"), "is UTF-16 text"),
    ("ours.csv", TEAM_CSV.replace("\ufeff", "").encode("latin-1"), "row 2"),
    ("ours.toml", ("x = " + "[" * 5000 + "]" * 5000 + "\n").encode(), "nested more than 10 levels"),
    ("ours.toml", "".join(f"k{i} = {i}\n" for i in range(6000)).encode(), "holds more than 5000 values"),
    ("ours.toml", (TEAM_TOML.replace('id = "ours"', 'id = "quick"')).encode(), "id of a built-in catalogue"),
    ("ours.pdf", b"%PDF-1.7 hello", "neither .toml nor .csv"),
    ("ours.toml", b'id = "ours"\ntitle = {\n', "TOML syntax error"),
    ("ours.csv", b"\r\n\r\n", "is empty"),
]


async def test_hostile_files_are_refused_with_one_line_each_and_the_bot_keeps_running(
    server: BotApiServer, bot, db_path: Path
) -> None:
    lead, team, _ = await setup_team(server, managers=1)
    for name, data, says in HOSTILE:
        answer = await upload(server, lead, team, data, name, contains="nothing stored")
        assert says in answer.content, (name, answer.content)
        assert len(answer.content.splitlines()) == 2, answer.content
    many = "catalogue,catalogue_en,dimension,dimension_en,id,text_en\r\n" + "".join(
        f"big,Big,d,D,s-{n},Statement {n}\r\n" for n in range(61)
    )
    answer = await upload(server, lead, team, many, "big.csv", contains="nothing stored")
    assert "61 statements; a catalogue may have at most 60" in answer.content
    downloads = len(server.downloads)
    answer = await upload(server, lead, team, b"#" * (300 * 1024), "huge.toml", contains="nothing stored")
    assert "is 300 KB; a catalogue may have at most 256 KB" in answer.content
    assert len(server.downloads) == downloads, "a file too big is never fetched"
    assert stored_versions(db_path) == []
    await upload(server, lead, team, TEAM_TOML, contains="stored as version 1")


async def test_the_export_of_a_round_on_a_team_catalogue_names_its_version(server: BotApiServer, bot) -> None:
    lead, team, managers = await setup_team(server, managers=2)
    await upload(server, lead, team, TEAM_TOML, contains="version 1")
    await run_round(server, lead, team, managers, "/newround ours", [5, 4, 2])
    await lead.send_text(None, "/start")
    await lead.send_text(team, "/export")
    await wait_text(server, team, "sent you the export privately")
    documents = await server.wait_for(
        lambda: {m.document.file_name: m.document.data for m in server.chat(lead) if m.document} or None
    )
    exported = json.loads(next(data for name, data in documents.items() if name.endswith(".json")))
    (round_,) = exported["rounds"]
    assert (round_["catalogue"], round_["catalogue_version"]) == ("ours", "1")


async def test_in_a_forum_the_answers_go_to_the_topic_the_file_was_sent_in(server: BotApiServer, bot) -> None:
    lead = server.add_user("Lena", language_code="en")
    team = server.add_group("Leadership team", supergroup=True, forum=True, creator=lead)
    await server.add_bot_to_group(team, by=lead, as_admin=True)
    topic = await server.create_topic(team, "Our questions", by=lead)
    sent = await lead.send_document(
        team, TEAM_TOML.encode(), file_name="ours.toml", caption="/catalogue", topic=topic
    )
    answer = await server.wait_for_message(team, "stored as version 1", after=sent, timeout=15)
    assert answer.thread_id == topic
    command = await lead.send_text(team, "/catalogue template", topic=topic)
    caption = await server.wait_for_message(team, "The default catalogue in both forms", after=command)
    assert caption.thread_id == topic
