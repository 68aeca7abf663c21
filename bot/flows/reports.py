"""/canvas, /history and /export: read what each is drawn from, have the worker draw it, deliver the export.

Reading happens on the event loop (a few queries); the drawing and the files are made in the worker
process (``bot.views.reports``), so other chats keep moving meanwhile.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import InputMediaDocument
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot.context import App, Services
from bot.domain.priorities import Ranked
from bot.domain.round_data import RoundData
from bot.domain.rounds import Team, format_date
from bot.flows.beliefs import belief_lines
from bot.flows.followup import standing
from bot.flows.round_data import load_round_data
from bot.infra.workers import run_in_worker
from bot.views.html import th
from bot.views.reports import (
    CanvasInput,
    HistoryInput,
    HistoryOutput,
    build_export,
    build_history_output,
    canvas_file_name,
    export_file_stem,
    lighthouse_info,
    render_canvas_file,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CanvasFile:
    """The canvas as the group gets it: a PNG or PDF, its caption, and a file name for the PDF."""

    data: bytes
    caption: str
    file_name: str


async def canvas_file(services: Services, team: Team, lang: str, fmt: str) -> CanvasFile | None:
    """The team's canvas of its latest results, drawn in the worker; None without a closed round."""
    data = await canvas_round(services, team.id)
    if data is None:
        return None
    poll = await services.db.latest_priority_poll(team.id)
    ranked: tuple[Ranked, ...] = ()
    if poll is not None:
        _, _, ranked = await standing(services, poll)
    closed_at = data.round.closed_at or data.round.opened_at
    source = CanvasInput(
        data=data,
        lang=lang,
        title=team.title or data.catalogue.title.get(lang),
        date_text=format_date(closed_at, services.timezone, lang),
        priorities=tuple((r.candidate.statement_id, r.votes) for r in ranked if r.votes > 0),
        lighthouse=lighthouse_info(await services.db.current_lighthouse(team.id), services.timezone, lang),
        beliefs=tuple(
            (b.statement_id, b.text)
            for b in await services.db.beliefs(team.id)
            if b.catalogue_id == data.round.catalogue_id
        ),
    )
    picture = await run_in_worker(render_canvas_file, source, fmt)
    return CanvasFile(
        picture,
        th(lang, "canvas.caption", team=source.title, date=source.date_text),
        canvas_file_name(source.title, closed_at, services.timezone),
    )


async def history_output(services: Services, team: Team, lang: str) -> tuple[HistoryOutput, int] | None:
    """The history chart and its text, drawn in the worker, and how many rounds it covers; None without
    a closed round."""
    rounds = await history_rounds(services, team.id)
    if not rounds:
        return None
    catalogues = [services.whole_catalogue_of(data.round) for data in rounds]
    catalogue = catalogues[-1]
    assert catalogue is not None
    closed = await services.db.closed_rounds(team.id)
    earlier = None
    if len(rounds) >= 2 and rounds[-2].round.catalogue_version_id != rounds[-1].round.catalogue_version_id:
        earlier = catalogues[-2]
    source = HistoryInput(
        rounds,
        catalogue,
        lang,
        services.timezone,
        team.title or "",
        beliefs=tuple(await belief_lines(services, team.id, lang)),
        rerates=sum(1 for r in closed if r.rerate_of is not None and r.catalogue_id == catalogue.id),
        earlier_catalogue=earlier,
        versions=(rounds[-2].round.catalogue_version, rounds[-1].round.catalogue_version)
        if earlier is not None
        else None,
        titles=tuple(c for c in catalogues if c is not None),
    )
    output = await run_in_worker(build_history_output, source)
    return output, len(rounds)


async def send_export(app: App, user_id: int, team: Team, lang: str) -> bool | None:
    """Every closed round of the team as CSV and JSON, sent to ``user_id``'s private chat, never the group.

    None when the team has no closed round; False when the private chat is not open yet (the person never
    started the bot, or blocked it)."""
    services = app.bot_data
    rounds = await export_rounds(services, team.id)
    if not rounds:
        return None
    reasons = {
        data.round.id: {
            (q.rater, q.statement_id): q.reason
            for q in await services.db.reason_questions(data.round.id)
            if q.reason
        }
        for data in rounds
    }
    beliefs = await services.db.beliefs(team.id)
    files = await run_in_worker(build_export, rounds, team.title or "", services.now(), reasons, beliefs)
    stem = export_file_stem(team.title or "team", services.now(), services.timezone)
    caption = th(lang, "export.caption", team=team.title or "", rounds=files.rounds)
    try:
        await app.bot.send_media_group(
            user_id,
            [
                InputMediaDocument(files.csv, filename=f"{stem}.csv"),
                InputMediaDocument(
                    files.json, filename=f"{stem}.json", caption=caption, parse_mode=ParseMode.HTML
                ),
            ],
        )
    except (Forbidden, BadRequest) as exc:
        logger.info("export for %s not delivered privately: %s", user_id, exc)
        return False
    return True


# ------------------------------------------------------------------------------------------- reading


async def canvas_round(services: Services, team_id: int) -> RoundData | None:
    """The round the canvas shows: the latest closed round over the whole catalogue (a re-check of a few
    statements is not the team's whole picture), else the latest closed round."""
    rounds = await services.db.closed_rounds(team_id)
    if not rounds:
        return None
    whole = [r for r in rounds if r.statement_ids is None]
    chosen = (whole or rounds)[-1]
    return await load_round_data(services, chosen)


async def history_rounds(services: Services, team_id: int) -> tuple[RoundData, ...]:
    """The team's closed rounds of the catalogue of its latest one (every version of it), oldest first."""
    rounds = await services.db.closed_rounds(team_id)
    if not rounds:
        return ()
    # a re-rating is part of its round, not a new level of maturity
    rounds = [r for r in rounds if r.rerate_of is None]
    if not rounds:
        return ()
    catalogue_id = rounds[-1].catalogue_id
    same = [r for r in rounds if r.catalogue_id == catalogue_id and services.catalogue_of(r) is not None]
    return tuple([await load_round_data(services, r) for r in same])


async def export_rounds(services: Services, team_id: int) -> tuple[RoundData, ...]:
    """Every closed round of the team, oldest first."""
    return tuple([await load_round_data(services, r) for r in await services.db.closed_rounds(team_id)])
