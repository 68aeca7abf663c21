"""A team's own catalogues: an upload fetched from Telegram, read in the worker, stored as a new version and
answered; the template; /catalogues and retiring; and which catalogue ``/newround <id>`` means.

Nothing is stored unless the whole file is fine. The file is read in the worker process: parsing a hostile
file within the size limit takes long enough that the event loop, and every other chat, must not wait for
it (BENCHMARKS.md, the catalogue uploads).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum

from telegram import Document, InputMediaDocument, Message
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.context import App, Services
from bot.domain.catalogue import Catalogue, Text
from bot.domain.catalogue_io import Upload, read_upload, too_big
from bot.domain.rounds import DEFAULT_CATALOGUE, Team
from bot.domain.team_catalogues import (
    MAX_OWN_CATALOGUES,
    MAX_VERSIONS,
    CatalogueVersion,
    SaveOutcome,
    version_changes,
)
from bot.infra.workers import run_in_worker
from bot.texts import t
from bot.views.catalogues import (
    StoredInput,
    catalogues_view,
    refusal_messages,
    stored_messages,
    template_files,
)
from bot.views.html import View, th

logger = logging.getLogger(__name__)

#: The id the template carries: not a built-in one, so it can be sent back as it is.
TEMPLATE_ID = "team-check"


# ------------------------------------------------------------------------------------------- uploading


async def receive_catalogue(app: App, message: Message, document: Document, lang: str) -> None:
    """Fetch, read and store an uploaded catalogue, and answer in the group: every problem with its
    place, or what was stored. Nothing is stored when anything is wrong."""
    services = app.bot_data
    name = document.file_name or ""
    upload = too_big(name, document.file_size or 0)
    if upload is None:
        try:
            telegram_file = await app.bot.get_file(document.file_id)
            data = bytes(await telegram_file.download_as_bytearray())
        except TelegramError as exc:
            logger.info("catalogue file %r not fetched: %s", name, exc)
            await message.reply_html(th(lang, "catalogue.download_failed"))
            return
        upload = await run_in_worker(
            read_upload, name, data, _default(services).scale, frozenset(services.catalogues)
        )
    if upload.catalogue is None or upload.format is None:
        await _reply(message, refusal_messages(upload.name, upload.problems, lang))
        return
    chat = message.chat
    team = await services.db.upsert_team(chat.id, chat.title or "", services.now())
    await _store(services, message, team, upload, lang)


async def _store(services: Services, message: Message, team: Team, upload: Upload, lang: str) -> None:
    catalogue = upload.catalogue
    assert catalogue is not None and upload.format is not None
    saved = await services.db.save_team_catalogue(team.id, catalogue, upload.format.value, services.now())
    if saved.outcome is SaveOutcome.UNCHANGED:
        assert saved.version is not None
        await message.reply_html(
            th(lang, "catalogue.unchanged", id=catalogue.id, number=saved.version.number)
        )
        return
    if saved.outcome is SaveOutcome.TOO_MANY_CATALOGUES:
        await message.reply_html(th(lang, "catalogue.too_many_catalogues", limit=MAX_OWN_CATALOGUES))
        return
    if saved.outcome is SaveOutcome.TOO_MANY_VERSIONS:
        await message.reply_html(th(lang, "catalogue.too_many_versions", id=catalogue.id, limit=MAX_VERSIONS))
        return
    version = saved.version
    assert version is not None
    previous = saved.previous
    before = services.stored_catalogue(previous.row) if previous is not None else None
    current = await services.db.current_round(team.id)
    keeps = (
        current.catalogue_version
        if current is not None
        and current.catalogue_id == catalogue.id
        and current.catalogue_version_id != version.row
        else None
    )
    source = StoredInput(
        catalogue=catalogue,
        version=version,
        previous=previous,
        changes=version_changes(before, catalogue) if before is not None else None,
        open_round_version=keeps,
        warnings=upload.warnings,
    )
    await _reply(message, stored_messages(source, lang))


async def _in_use(services: Services, team: Team) -> list[CatalogueVersion]:
    return [v for v in await services.db.team_catalogues(team.id) if not v.retired]


async def _reply(message: Message, parts: list[str]) -> None:
    for part in parts:
        await message.reply_html(part)


def _default(services: Services) -> Catalogue:
    """The default catalogue (its scale serves CSV catalogues, it is the template); any built-in one if an
    operator has none of that id."""
    return services.catalogues.get(DEFAULT_CATALOGUE) or services.catalogues[min(services.catalogues)]


# ------------------------------------------------------------------------------------------- the template


async def send_template(message: Message, services: Services, lang: str) -> None:
    """The default catalogue in both forms, under an id of the team's own, as one album of two files."""
    default = _default(services)
    template = default.model_copy(
        update={
            "id": TEMPLATE_ID,
            "version": "1",
            "title": Text(de=t("de", "catalogue.template.title"), en=t("en", "catalogue.template.title")),
        }
    )
    files = template_files(template, lang)
    await message.reply_media_group(
        [
            InputMediaDocument(files.toml, filename=f"{TEMPLATE_ID}.toml"),
            InputMediaDocument(
                files.csv,
                filename=f"{TEMPLATE_ID}.csv",
                caption=th(lang, "catalogue.template.caption"),
                parse_mode=ParseMode.HTML,
            ),
        ]
    )


# ------------------------------------------------------------------------------------ listing, retiring


async def catalogues_overview(services: Services, team: Team | None, lang: str) -> View:
    """/catalogues: the built-in catalogues and the team's own."""
    own = await services.db.team_catalogues(team.id) if team is not None else []
    builtin = [services.catalogues[key] for key in sorted(services.catalogues)]
    return catalogues_view(builtin, own, lang, services.timezone)


async def retire(services: Services, team: Team, version: CatalogueVersion) -> bool:
    """No new rounds on the team's catalogue; rounds already run keep their version. False if it was
    retired already."""
    return await services.db.retire_catalogue(team.id, version.catalogue_id, services.now())


# ---------------------------------------------------------------------------------------------- choosing


class Unavailable(StrEnum):
    """Why ``/newround <id>`` cannot take a catalogue: the text key that says so."""

    UNKNOWN = "newround.unknown_catalogue"
    RETIRED = "newround.retired"


@dataclass(frozen=True)
class Chosen:
    """The catalogue a new round asks, and its stored version (None: a built-in one, stored as a snapshot
    when the round opens)."""

    catalogue: Catalogue
    version: CatalogueVersion | None


async def choose_catalogue(services: Services, team: Team | None, catalogue_id: str) -> Chosen | Unavailable:
    """A built-in catalogue, or the latest version of the team's own (another team's is unknown here)."""
    builtin = services.catalogues.get(catalogue_id)
    if builtin is not None:
        return Chosen(builtin, None)
    version = await services.db.team_catalogue(team.id, catalogue_id) if team is not None else None
    if version is None:
        return Unavailable.UNKNOWN
    if version.retired:
        return Unavailable.RETIRED
    catalogue = services.stored_catalogue(version.row)
    return Chosen(catalogue, version) if catalogue is not None else Unavailable.UNKNOWN


async def catalogue_for_recheck(
    services: Services, team: Team | None, catalogue_id: str, round_id: int | None
) -> Chosen | None:
    """The catalogue a re-check of a lighthouse project asks: the team's current one of that id (the
    latest version of its own), else the version the project's round used (its own catalogue retired
    since); None when neither is there."""
    chosen = await choose_catalogue(services, team, catalogue_id)
    if isinstance(chosen, Chosen):
        return chosen
    round_ = await services.db.round(round_id) if round_id is not None else None
    if round_ is None or round_.catalogue_version_id is None:
        return None
    catalogue = services.whole_catalogue_of(round_)
    version = await services.db.catalogue_version(round_.catalogue_version_id)
    return Chosen(catalogue, version) if catalogue is not None and version is not None else None


async def available_ids(services: Services, team: Team | None) -> list[str]:
    """The ids ``/newround`` takes in this team: the built-in ones, then the team's own in use."""
    own = await _in_use(services, team) if team is not None else []
    return sorted(services.catalogues) + [v.catalogue_id for v in own]
