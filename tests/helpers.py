"""What several test modules share: the bot's token and a clock for the local server, the real bot built
for it, acting as people (a lead, a team group, managers answering), a PNG check, and a round of four
managers whose results have something in every section."""

from __future__ import annotations

import asyncio
import io
import os
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from bot.app import build_application
from bot.context import App
from bot.domain.analysis import RatingMatrix, RoundAnalysis, analyse
from bot.domain.catalogue import Catalogue, load_catalogues
from bot.domain.results import Report, ReportInput, build_report
from bot.offline.telegram_server import BotApiServer, SimChat, SimMessage, SimUser

MANAGER_NAMES = ("Anna", "Ben", "Clara", "Dario", "Eva", "Felix", "Greta", "Hugo")
#: The pictures of the results' album: the comparison chart, the dimension profile, the map of agreement.
CHARTS = 3


async def setup_team(
    server: BotApiServer, managers: int, lead_language: str = "en", manager_language: str | None = None
) -> tuple[SimUser, SimChat, list[SimUser]]:
    """A lead (the group's creator), ``managers`` members, and the bot added as admin."""
    lead = server.add_user("Lena", last_name="Lead", username="lena", language_code=lead_language)
    people = [
        server.add_user(name, last_name="Muster", language_code=manager_language or lead_language)
        for name in MANAGER_NAMES[:managers]
    ]
    team = server.add_group("Leadership team", creator=lead, members=people)
    await server.add_bot_to_group(team, by=lead, as_admin=True)
    await server.wait_for_message(team, "/newround")
    return lead, team, people


async def wait_text(
    server: BotApiServer, where: SimChat | SimUser, contains: str, timeout: float = 10.0
) -> SimMessage:
    return await server.wait_for_message(where, contains, timeout=timeout)


def bot_texts(server: BotApiServer, where: SimChat | SimUser) -> list[str]:
    return [message.content for message in server.bot_messages(where)]


def last_bot_message(server: BotApiServer, where: SimChat | SimUser) -> SimMessage | None:
    return server.last_message(where)


async def join_round(server: BotApiServer, manager: SimUser, url: str) -> SimMessage:
    """Tap the announcement's link: the private chat opens with /start <payload>; returns the question."""
    sent = await manager.open_url(url)
    assert sent is not None
    return await server.wait_for(
        lambda: next(
            (m for m in server.bot_messages(manager) if m.message_id > sent.message_id and m.buttons), None
        ),
        what="the first statement",
    )


def _question(server: BotApiServer, manager: SimUser) -> SimMessage:
    """The questionnaire message: the bot's latest message with answer buttons."""
    for message in reversed(server.bot_messages(manager)):
        if message.buttons and any(
            b.data and b.data.startswith("a:") for row in message.buttons for b in row
        ):
            return message
    raise AssertionError("no questionnaire message in the chat")


async def answer_all(
    server: BotApiServer,
    manager: SimUser,
    levels: list[int | str],
    comment_after: dict[int, str] | None = None,
) -> None:
    """Answer statements in order (a level, or "?" for can't judge), commenting where asked."""
    comment_after = comment_after or {}
    for index, level in enumerate(levels):
        question = await server.wait_for(
            lambda i=index: _question_at(server, manager, i), what=f"statement {index + 1}"
        )
        await manager.press(question, str(level))
        await server.wait_for(
            lambda i=index, q=question: not q.content.startswith(f"{i + 1}/"),
            what=f"the question after statement {index + 1}",
        )
        if index in comment_after:
            before = server.last_message(manager)
            await manager.send_text(None, comment_after[index])
            await server.wait_for_message(manager, "💬", after=before)


def _question_at(server: BotApiServer, manager: SimUser, index: int) -> SimMessage | None:
    try:
        question = _question(server, manager)
    except AssertionError:
        return None
    return question if question.content.startswith(f"{index + 1}/") else None


# ----------------------------------------------------------------------- the command line


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any of the bot's settings, plus ``settings``."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "MATURITY_"))}
    return {**environment, **settings}


async def maturity_bot(cwd: Path, *args: str, **settings: str) -> tuple[int, str, str]:
    """``python -m bot ARGS`` with only ``settings`` set, without blocking the event loop (the local Bot
    API server lives in it); returns the exit code, stdout and stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=cwd,
        env=clean_environment(**settings),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    return process.returncode or 0, out.decode(), err.decode()


# ----------------------------------------------------------------------- the bot and its clock

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
BOT_USERNAME = "maturity_test_bot"
START = 1_795_000_000.0  # a fixed "now" (late 2026) so that dates in texts are reproducible


class Clock:
    """Time the bot sees; tests move it forward instead of sleeping."""

    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def local_application(
    server: BotApiServer, db_path: Path, clock: Clock, catalogues: dict[str, Catalogue], **settings: Any
) -> App:
    """The real application for the local server; deadlines are looked for every 50 ms; ``settings``
    override ``build_application``'s."""
    return build_application(
        TOKEN,
        db_path,
        catalogues,
        **{
            "base_url": server.base_url,
            "base_file_url": server.base_file_url,
            "clock": clock,
            "deadline_check_seconds": 0.05,
            **settings,
        },
    )


# ------------------------------------------------------------------------------------- pictures


def png_info(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, after checking it decodes: signature, chunk CRCs, IHDR, pixel data, IEND.

    Only an 8-bit palette without interlacing is accepted, which is what the charts are written as.
    """
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    pos, chunks, idat = 8, [], b""
    header: tuple[int, ...] = ()
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r}"
        chunks.append(kind)
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    assert chunks[0] == b"IHDR" and chunks[-1] == b"IEND" and pos == len(data)
    assert b"PLTE" in chunks and chunks.index(b"PLTE") < chunks.index(b"IDAT")
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and colour == 3 and interlace == 0
    assert len(zlib.decompress(idat)) == height * (1 + width)
    return width, height


# ------------------------------------------------------------------- a round with something to say


@cache
def catalogue() -> Catalogue:
    return load_catalogues()["customer-centricity"]


def statement_ids() -> list[str]:
    return [s.id for s in catalogue().statements]


# ------------------------------------------------------------------------------------------ the scenarios

#: Rater ids look like the bot's labels; names are distinctive, so a leak is easy to spot.
NAMES = {"r-anna": "Anna", "r-ben": "Ben", "r-clara": "Clara", "r-doerte": "Dörte"}
DANGEROUS = 'Wir reden über <script>alert("x")</script> & meinen es "ernst" – Kunde ist König?'
ON_DISSENT = "Ich erlebe täglich, wie offen die Geschäftsleitung Rückmeldungen aufnimmt."
ON_OTHER = "Buchhaltung & Logistik: <b>kein</b> Kundenbezug. Grüsse aus Zürich 😀"
ON_OTHER_2 = "NPS messen wir seit 2019 – aber wer schaut hin?"


def four_managers() -> tuple[RatingMatrix, dict[tuple[str, str], str]]:
    """Four managers on the real catalogue, built so that every section has something to say.

    cust-1 polarised, empl-3 dispersed (disagreements), lead-2 Clara dissents, empl-1 a knowledge gap,
    Dörte one level above the others almost everywhere, Anna answered only 18 of 24 statements.
    """
    ids = statement_ids()
    cells: dict[tuple[str, str], int | None] = {}
    for i, sid in enumerate(ids):
        base = (4, 2, 3)[i % 3]
        row = {"r-anna": base, "r-ben": base, "r-clara": base, "r-doerte": min(base + 1, 5)}
        row |= {
            "cust-1": {"r-anna": 1, "r-ben": 2, "r-clara": 5, "r-doerte": 4},
            "lead-2": {"r-anna": 3, "r-ben": 3, "r-clara": 5, "r-doerte": 3},
            "empl-1": {"r-anna": None, "r-ben": None, "r-clara": 4, "r-doerte": 5},
            "empl-3": {"r-anna": 1, "r-ben": 3, "r-clara": 5, "r-doerte": 3},
        }.get(sid, {})
        for rater, level in row.items():
            if rater == "r-anna" and i >= 18:
                continue
            cells[(rater, sid)] = level
    matrix = RatingMatrix(tuple(NAMES), tuple(ids), cells, catalogue().dimension_of())
    comments = {
        ("r-anna", "cust-1"): DANGEROUS,
        ("r-clara", "lead-2"): ON_DISSENT,
        ("r-ben", "proc-1"): ON_OTHER,
        ("r-doerte", "steer-2"): "  " + ON_OTHER_2 + "\r\n",
        ("r-ben", "steer-3"): "   ",
    }
    return matrix, comments


def report_of(
    matrix: RatingMatrix,
    comments: Mapping[tuple[str, str], str],
    lang: str,
    names: Mapping[str, str] | None,
    *,
    analysis: RoundAnalysis | None = None,
    excluded: int = 0,
    title: str | None = None,
) -> Report:
    """A report as the bot builds it: partial raters counted from the matrix like ``bot.flows.closing``."""
    total = len(matrix.statements)
    answered = {r: sum(1 for (rater, _s) in matrix.cells if rater == r) for r in matrix.raters}
    partial = {r: (n, total) for r, n in answered.items() if 0 < n < total}
    return build_report(
        ReportInput(
            analysis=analysis or analyse(matrix),
            catalogue=catalogue(),
            lang=lang,
            rater_names=names,
            comments=comments,
            partial_raters=partial,
            excluded_count=excluded,
            title=title,
        )
    )


def random_round(
    managers: int, seed: int, comment_length: int = 60
) -> tuple[RatingMatrix, dict[tuple[str, str], str], dict[str, str]]:
    """A larger team: random ratings around a common view, some "can't judge", a comment per statement."""
    rnd = random.Random(seed)
    ids = statement_ids()
    raters = tuple(f"r{i:02d}" for i in range(managers))
    truth = {sid: rnd.randint(1, 5) for sid in ids}
    cells: dict[tuple[str, str], int | None] = {}
    comments: dict[tuple[str, str], str] = {}
    for rater in raters:
        for sid in ids:
            if rnd.random() < 0.1:
                cells[(rater, sid)] = None
            else:
                cells[(rater, sid)] = max(1, min(5, truth[sid] + rnd.choice((-2, -1, 0, 0, 0, 1, 2))))
    for j, sid in enumerate(ids):
        for rater in rnd.sample(raters, 3):
            words = " ".join(
                rnd.choice(("Kunde", "<b>", "&", "Ärger", "😀", "Prozess", '"x"')) for _ in range(40)
            )
            comments[(rater, sid)] = f"Kommentar {j}-{rater}: {words}"[:comment_length] + f" #{j}-{rater}"
    names = {r: f"Führungskraft {r.upper()}" for r in raters}
    return RatingMatrix(raters, tuple(ids), cells, catalogue().dimension_of()), comments, names


# ------------------------------------------------------------------------------------ catalogue files

#: A team's own catalogue as an admin would upload it: three statements in two dimensions.
TEAM_TOML = (Path(__file__).parent / "data" / "catalogues" / "team.toml").read_text(encoding="utf-8")


def zipped(entries: dict[str, bytes]) -> bytes:
    """A zip archive of ``entries`` (name -> content): what a hostile or mistaken upload may be."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()
