"""A team's catalogues as the group sees them: an upload's problems (each with its place), what was stored,
/catalogues with its retire buttons, and the template's files. Plain data in, Telegram HTML and keyboards
out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import callbacks
from bot.domain.catalogue import Catalogue, CatalogueProblem
from bot.domain.catalogue_io import catalogue_csv, catalogue_toml
from bot.domain.rounds import format_date
from bot.domain.team_catalogues import CatalogueVersion, VersionChanges
from bot.domain.text import counted, shorten
from bot.texts import t
from bot.views.html import View, escape, pack_blocks, th

#: Problems listed after a refused upload; the rest are counted (fixing the first ones often fixes them).
SHOWN_PROBLEMS = 15
#: Longest value quoted in a problem (a key, an id, a cell); a hostile file must not make a message huge.
QUOTED_CHARS = 120
#: Title length in /catalogues (the id names the catalogue; the title only reminds).
LISTED_TITLE_CHARS = 60


def _clipped(text: str) -> str:
    return escape(shorten(text, QUOTED_CHARS))


def problem_lines(problems: Sequence[CatalogueProblem], lang: str, shown: int = SHOWN_PROBLEMS) -> list[str]:
    """One line per problem, its place first, in ``lang``; after ``shown`` lines the rest are counted."""
    lines = []
    for found in problems[:shown]:
        place, message = found.describe(lang, _clipped)
        lines.append(t(lang, "catalogue.problem_line", place=place, message=message))
    if len(problems) > shown:
        lines.append(th(lang, "catalogue.more_problems", count=len(problems) - shown))
    return lines


def refusal_messages(file_name: str, problems: Sequence[CatalogueProblem], lang: str) -> list[str]:
    """Why an upload was not stored: every error with its place (the first ``SHOWN_PROBLEMS``), split
    into as few messages as fit."""
    errors = [p for p in problems if p.is_error]
    header = th(
        lang, counted("catalogue.refused", len(errors)), file=shorten(file_name, 60), count=len(errors)
    )
    return pack_blocks(["\n".join([header, *problem_lines(errors, lang)])])


@dataclass(frozen=True)
class StoredInput:
    """What the answer to a stored upload says."""

    catalogue: Catalogue
    version: CatalogueVersion
    #: the version before, and what changed since (None for a first upload)
    previous: CatalogueVersion | None
    changes: VersionChanges | None
    #: the version the team's open round keeps, if it runs on an earlier version of this catalogue
    open_round_version: str | None
    warnings: tuple[CatalogueProblem, ...]


def stored_messages(source: StoredInput, lang: str) -> list[str]:
    """A stored upload: its id, version and size, how to use it, what changed since the version before,
    that a single-language catalogue is shown in that language to everyone, what the open round keeps,
    and the warnings."""
    catalogue, version = source.catalogue, source.version
    lines = [
        th(
            lang,
            "catalogue.saved",
            title=shorten(catalogue.title.get(lang), LISTED_TITLE_CHARS),
            id=catalogue.id,
            number=version.number,
            statements=len(catalogue.statements),
            dimensions=len(catalogue.dimensions),
        )
    ]
    if source.previous is not None and source.changes is not None:
        lines.append(
            th(
                lang,
                "catalogue.changes_since",
                number=source.previous.number,
                changes=changes_summary(source.changes, lang),
            )
        )
    if version.single_language is not None:
        lines.append(th(lang, f"catalogue.only.{version.single_language}"))
    if source.open_round_version is not None:
        lines.append(
            th(lang, "catalogue.open_round_keeps", before=source.open_round_version, after=version.version)
        )
    if source.warnings:
        lines += ["", th(lang, "catalogue.warnings"), *problem_lines(source.warnings, lang)]
    return pack_blocks(["\n".join(lines)])


def changes_summary(changes: VersionChanges, lang: str) -> str:
    """ "2 added, 1 reworded": what changed between two versions, counted."""
    parts = [
        t(lang, f"catalogue.changes.{kind}", count=len(ids))
        for kind, ids in (
            ("added", changes.added),
            ("removed", changes.removed),
            ("reworded", changes.reworded),
            ("moved", changes.moved),
        )
        if ids
    ]
    return ", ".join(parts) if parts else t(lang, "catalogue.changes.none")


def catalogues_view(
    builtin: Sequence[Catalogue], own: Sequence[CatalogueVersion], lang: str, tz: str
) -> View:
    """/catalogues: the built-in catalogues and the team's own in use (each with its statements, version
    and upload date, and a retire button), then the retired ones by id."""
    lines = [th(lang, "catalogues.title"), "", th(lang, "catalogues.builtin")]
    for catalogue in builtin:
        lines.append(
            th(
                lang,
                "catalogues.builtin_line",
                id=catalogue.id,
                title=shorten(catalogue.title.get(lang), LISTED_TITLE_CHARS),
                statements=len(catalogue.statements),
                version=catalogue.version,
            )
        )
    in_use = [v for v in own if not v.retired]
    retired = [v for v in own if v.retired]
    lines += ["", th(lang, "catalogues.own")]
    if not in_use:
        lines.append(th(lang, "catalogues.none_own"))
    for version in in_use:
        line = th(
            lang,
            "catalogues.own_line",
            id=version.catalogue_id,
            title=shorten(version.title.get(lang), LISTED_TITLE_CHARS),
            statements=version.statements,
            number=version.number,
            date=format_date(version.created_at, tz, lang),
        )
        if version.single_language is not None:
            line += th(lang, f"catalogues.only.{version.single_language}")
        lines.append(line)
    if retired:
        lines += ["", th(lang, "catalogues.retired", ids=", ".join(v.catalogue_id for v in retired))]
    lines += ["", th(lang, "catalogues.footer")]
    if not in_use:
        return View("\n".join(lines))
    lines.append(th(lang, "catalogues.footer_admins"))
    buttons = [
        [
            InlineKeyboardButton(
                t(lang, "catalogues.retire_button", id=version.catalogue_id),
                callback_data=callbacks.encode(callbacks.RetireCatalogue(version.row)),
            )
        ]
        for version in in_use
    ]
    return View("\n".join(lines), InlineKeyboardMarkup(buttons))


@dataclass(frozen=True)
class TemplateFiles:
    toml: bytes
    csv: bytes


def template_files(catalogue: Catalogue, lang: str) -> TemplateFiles:
    """The default catalogue as a starting point, in both forms: the TOML with a comment on how to edit
    it (in the group's language), the CSV separated as Excel opens it in that language (semicolons for
    German, commas for English)."""
    comments = t(lang, "catalogue.template.comments").split("\n")
    return TemplateFiles(
        toml=catalogue_toml(catalogue, comments).encode("utf-8"),
        csv=catalogue_csv(catalogue, ";" if lang == "de" else ","),
    )
