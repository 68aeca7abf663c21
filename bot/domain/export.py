"""A team's rounds as files a team lead can keep, open in a spreadsheet and analyse again (``/export``).

Two forms, both made from the same plain data (``RoundExport``, one per round):

- ``export_csv``: one CSV in long form for every round, read back by ``bot.domain.ratings_csv`` (and so by
  ``maturity-bot analyse FILE --round N``) as the very matrix the round was analysed with. For that it holds
  a line for *every* rater and statement of a round, not only the answered ones: the rating ``-`` marks
  "not answered", ``?`` "can't judge". A file of answered pairs alone loses the order of raters and
  statements, statements nobody answered and raters' places, and each of those changes the analysis.
- ``export_json``: the same answers and comments with each round's metadata and statistics
  (``analysis_to_json``), validated by pydantic models (``ExportDocument``) so scripts can rely on them.

Anonymous rounds carry no names at all: ``RoundExport`` refuses names and any rater label other than the
bot's pseudonyms (``m1``, ``m2``, …), so a user id or a name cannot slip in as a label.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-`` or ``@`` (also a tab or carriage return) as a
formula, and comments and names are typed by people: ``=HYPERLINK(…)`` in a comment must stay text. Free
text cells (name, comment, statement_text) starting with one of those, or with ``'``, get a leading ``'``
(OWASP's advice: the cell stays text). ``unescape_cell`` removes it again: one leading ``'``
is always ours, so the original text is recovered exactly. Identifiers (round, catalogue, rater, statement,
dimension) are checked instead of escaped, since the ratings reader must read them unchanged; the rating
``-`` is a lone character, which no spreadsheet reads as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.analysis import LEVELS, Rating, RatingMatrix, RoundAnalysis, analysis_to_json
from bot.domain.beliefs import Belief
from bot.domain.ratings_csv import NOT_ANSWERED_MARK
from bot.domain.round_data import RoundData
from bot.domain.rounds import RoundStatus

#: Bumped whenever a field of ``ExportDocument`` changes meaning or disappears.
EXPORT_SCHEMA_VERSION = 1

#: The CSV's columns in order; ``round``, ``rater``, ``statement``, ``rating`` and ``dimension`` are what
#: ``ratings_csv`` reads, the others are for people.
CSV_COLUMNS: tuple[str, ...] = (
    "round",
    "closed_at",
    "catalogue",
    "rater",
    "name",
    "statement",
    "dimension",
    "rating",
    "comment",
    "statement_text",
    "reason",
)

#: The rating written for "can't judge": ``?`` rather than an empty cell, so a blank left by a spreadsheet
#: edit is not mistaken for an answer.
CANT_JUDGE_CELL = "?"

#: First characters that make a spreadsheet read a cell as a formula (or hide a formula behind them).
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: The mark that makes a cell text; also put before a text that starts with it, so unescaping is exact.
TEXT_MARK = "'"

#: Excel takes a CSV for UTF-8 only with a byte order mark; without one, umlauts and emoji are garbled.
CSV_ENCODING = "utf-8-sig"

#: A rater label in an anonymous round: the bot's pseudonym, never a user id or a name.
_PSEUDONYM = re.compile(r"m[0-9]+")


def escape_cell(text: str) -> str:
    """Free text as a CSV cell no spreadsheet runs as a formula (see the module's docstring)."""
    return TEXT_MARK + text if text.startswith((*FORMULA_TRIGGERS, TEXT_MARK)) else text


def unescape_cell(cell: str) -> str:
    """The text ``escape_cell`` was given: one leading ``'`` is always the escape."""
    return cell.removeprefix(TEXT_MARK)


def iso_time(moment: float) -> str:
    """Unix seconds as ISO 8601 in UTC with its offset: unambiguous wherever the file is opened."""
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")


def _iso_or_none(moment: float | None) -> str | None:
    return None if moment is None else iso_time(moment)


# --------------------------------------------------------------------------------------------- the input


@dataclass(frozen=True)
class RoundExport:
    """One round as the export needs it: plain data, read from storage by the caller.

    ``matrix`` is the matrix the round is analysed with (raters are labels like ``m1``; its
    ``dimension_of`` gives each statement's dimension). ``names`` maps rater labels to display names and
    must be None in an anonymous round; labels without a name, or with an empty one (removed by
    /deletemydata), get none, and names of people who rated nothing are not exported. ``comments`` maps
    (rater label, statement id) to the text and must lie inside the matrix's raters and statements.
    ``statement_texts`` are the statements in the round's language. Inconsistent data raises ValueError
    here: an export that silently dropped or invented something would not re-import as the same round.
    """

    id: int
    catalogue_id: str
    catalogue_version: str
    status: RoundStatus
    anonymous: bool
    language: str
    #: Unix seconds, as stored
    opened_at: float
    closed_at: float | None
    matrix: RatingMatrix
    names: Mapping[str, str] | None
    comments: Mapping[tuple[str, str], str] = field(default_factory=dict)
    statement_texts: Mapping[str, str] = field(default_factory=dict)
    #: answers of people who had left the group at the close, excluded from the matrix
    excluded_count: int = 0
    #: (rater label, statement id) -> the reason a manager at an extreme gave when asked why
    reasons: Mapping[tuple[str, str], str] = field(default_factory=dict)
    #: the round whose disputed statements this one re-rated; None if it is no re-rating
    rerate_of: int | None = None

    def __post_init__(self) -> None:
        problems = list(self._problems())
        if problems:
            raise ValueError(f"round {self.id}: " + "; ".join(problems))

    def _problems(self) -> Iterator[str]:
        matrix = self.matrix
        yield from _identifier_problems("catalogue id", [self.catalogue_id])
        yield from _identifier_problems("rater label", matrix.raters)
        yield from _identifier_problems("statement id", matrix.statements)
        yield from _identifier_problems("dimension id", sorted(set(matrix.dimension_of.values())))
        for kind, ids in (("rater", matrix.raters), ("statement", matrix.statements)):
            if len(set(ids)) != len(ids):
                yield f"a {kind} appears twice in the matrix"
        raters, statements = set(matrix.raters), set(matrix.statements)
        outside = [key for key in matrix.cells if key[0] not in raters or key[1] not in statements]
        if outside:
            yield f"ratings outside the matrix's raters and statements: {sorted(outside)}"
        odd = sorted(key for key, level in matrix.cells.items() if level is not None and level not in LEVELS)
        if odd:
            yield f"ratings outside {LEVELS[0]}–{LEVELS[-1]}: {odd}"
        orphans = sorted(key for key in self.comments if key[0] not in raters or key[1] not in statements)
        if orphans:
            yield f"comments outside the matrix's raters and statements: {orphans}"
        stray = sorted(key for key in self.reasons if key[0] not in raters or key[1] not in statements)
        if stray:
            yield f"reasons outside the matrix's raters and statements: {stray}"
        if self.anonymous:
            if self.names is not None:
                yield "an anonymous round must not carry names"
            labels = [r for r in matrix.raters if not _PSEUDONYM.fullmatch(r)]
            if labels:
                yield f"an anonymous round's rater labels must be pseudonyms like 'm1', not {labels}"

    def name(self, rater: str) -> str | None:
        """The rater's display name; None in anonymous rounds, for unknown labels and removed names."""
        if self.anonymous or self.names is None:
            return None
        return self.names.get(rater) or None


def _identifier_problems(kind: str, values: Sequence[str]) -> Iterator[str]:
    """Identifiers must read back unchanged: the ratings reader strips blanks, and an identifier is never
    escaped like free text, so it must not look like a formula or span lines either."""
    for value in values:
        if (
            not value
            or value != value.strip()
            or value.startswith((*FORMULA_TRIGGERS, TEXT_MARK))
            or any(c in value for c in "\r\n")
        ):
            yield f"{kind} {value!r} cannot be exported (empty, blanks around it, a line break, or a leading "
            "=, +, -, @ or ')"


def _check_unique(rounds: Sequence[RoundExport]) -> None:
    ids = [r.id for r in rounds]
    doubled = sorted({i for i in ids if ids.count(i) > 1})
    if doubled:
        raise ValueError(f"rounds appear twice: {doubled}")


# ----------------------------------------------------------------------------------------------------- CSV


def export_csv(rounds: Sequence[RoundExport]) -> str:
    """Every round as one CSV in long form (columns ``CSV_COLUMNS``), in the order given.

    One line per rater and statement of each round, statements in the matrix's order and within each the
    raters in theirs, so that reading the file back gives both orders unchanged. A round without raters
    or statements has no lines (its metadata is in the JSON). Comma-separated, quoted where needed, lines
    ending in CRLF (RFC 4180); encode it with ``CSV_ENCODING`` (or use ``export_csv_bytes``).
    """
    _check_unique(rounds)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in rounds:
        closed = _iso_or_none(r.closed_at) or ""
        for statement in r.matrix.statements:
            dimension = r.matrix.dimension_of.get(statement, "")
            text = escape_cell(r.statement_texts.get(statement, ""))
            for rater in r.matrix.raters:
                writer.writerow(
                    (
                        r.id,
                        closed,
                        r.catalogue_id,
                        rater,
                        escape_cell(r.name(rater) or ""),
                        statement,
                        dimension,
                        _rating_cell(r.matrix, rater, statement),
                        escape_cell(r.comments.get((rater, statement), "")),
                        text,
                        escape_cell(r.reasons.get((rater, statement), "")),
                    )
                )
    return out.getvalue()


def _rating_cell(matrix: RatingMatrix, rater: str, statement: str) -> str:
    """A level, ``?`` for "can't judge" or ``-`` for "not answered", as ``ratings_csv`` reads them."""
    key = (rater, statement)
    if key not in matrix.cells:
        return NOT_ANSWERED_MARK
    level: Rating = matrix.cells[key]
    return CANT_JUDGE_CELL if level is None else str(level)


def export_csv_bytes(rounds: Sequence[RoundExport]) -> bytes:
    """``export_csv`` as the bytes of a file: UTF-8 with the byte order mark Excel needs."""
    return export_csv(rounds).encode(CSV_ENCODING)


# ---------------------------------------------------------------------------------------------------- JSON


class _Model(BaseModel):
    """Closed, immutable models: an unknown or misspelt field in an export is an error, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class ExportedRater(_Model):
    label: str
    #: None in anonymous rounds and when the person removed their name
    name: str | None


class ExportedStatement(_Model):
    id: str
    dimension: str | None
    #: in the round's language
    text: str | None


class ExportedAnswer(_Model):
    """An answer; a pair without one was not answered."""

    rater: str
    statement: str
    #: None: "can't judge"
    rating: int | None = Field(ge=LEVELS[0], le=LEVELS[-1])


class ExportedComment(_Model):
    rater: str
    statement: str
    text: str


class ExportedReason(_Model):
    """Why a manager at an extreme of a difference rated as they did (asked after the close)."""

    rater: str
    statement: str
    text: str


class ExportedBelief(_Model):
    """A belief the team recorded on a statement."""

    statement: str
    catalogue: str
    #: the round it was recorded after; None when that round was deleted
    round: int | None
    text: str
    #: ISO 8601, UTC
    recorded_at: str


class ExportedRound(_Model):
    id: int
    catalogue: str
    catalogue_version: str
    status: RoundStatus
    anonymous: bool
    language: str
    #: ISO 8601, UTC
    opened_at: str
    closed_at: str | None
    excluded_count: int
    raters: list[ExportedRater]
    statements: list[ExportedStatement]
    answers: list[ExportedAnswer]
    comments: list[ExportedComment]
    reasons: list[ExportedReason]
    #: the round whose disputed statements this one re-rated; None if it is no re-rating
    rerate_of: int | None
    #: ``analysis_to_json`` of the round's analysis; None when none was given
    statistics: dict[str, Any] | None


class ExportDocument(_Model):
    schema_version: Literal[1] = EXPORT_SCHEMA_VERSION
    team: str
    #: ISO 8601, UTC
    exported_at: str | None
    rounds: list[ExportedRound]
    beliefs: list[ExportedBelief] = Field(default_factory=list)


def export_document(
    rounds: Sequence[RoundExport],
    analyses: Mapping[int, RoundAnalysis],
    *,
    team_title: str,
    exported_at: float | None = None,
    beliefs: Sequence[Belief] = (),
) -> ExportDocument:
    """The JSON export as a model. ``analyses`` maps round ids to their analyses; a round without one gets
    ``statistics: null``. An analysis of other raters or statements than its round's matrix is refused:
    statistics that do not belong to the answers beside them would mislead without anyone noticing."""
    _check_unique(rounds)
    by_id = {r.id: r for r in rounds}
    unknown = sorted(set(analyses) - set(by_id))
    if unknown:
        raise ValueError(f"analyses of rounds not exported: {unknown}")
    for round_id, analysis in analyses.items():
        matrix = by_id[round_id].matrix
        if analysis.raters != matrix.raters or tuple(s.id for s in analysis.statements) != matrix.statements:
            raise ValueError(f"round {round_id}: the analysis is not of this round's matrix")
    return ExportDocument(
        team=team_title,
        exported_at=_iso_or_none(exported_at),
        rounds=[_round_document(r, analyses.get(r.id)) for r in rounds],
        beliefs=[
            ExportedBelief(
                statement=b.statement_id,
                catalogue=b.catalogue_id,
                round=b.round_id,
                text=b.text,
                recorded_at=iso_time(b.created_at),
            )
            for b in beliefs
        ],
    )


def export_json(
    rounds: Sequence[RoundExport],
    analyses: Mapping[int, RoundAnalysis],
    *,
    team_title: str,
    exported_at: float | None = None,
    beliefs: Sequence[Belief] = (),
) -> str:
    """The JSON export as text: keys in the models' order (the same input gives the same bytes), non-ASCII
    characters as they are, indented for people, ending in a line break."""
    document = export_document(
        rounds, analyses, team_title=team_title, exported_at=exported_at, beliefs=beliefs
    )
    return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def _round_document(r: RoundExport, analysis: RoundAnalysis | None) -> ExportedRound:
    matrix = r.matrix
    grid = [(rater, statement) for statement in matrix.statements for rater in matrix.raters]
    return ExportedRound(
        id=r.id,
        catalogue=r.catalogue_id,
        catalogue_version=r.catalogue_version,
        status=r.status,
        anonymous=r.anonymous,
        language=r.language,
        opened_at=iso_time(r.opened_at),
        closed_at=_iso_or_none(r.closed_at),
        excluded_count=r.excluded_count,
        raters=[ExportedRater(label=rater, name=r.name(rater)) for rater in matrix.raters],
        statements=[
            ExportedStatement(id=s, dimension=matrix.dimension_of.get(s), text=r.statement_texts.get(s))
            for s in matrix.statements
        ],
        answers=[
            ExportedAnswer(rater=rater, statement=statement, rating=matrix.cells[(rater, statement)])
            for rater, statement in grid
            if (rater, statement) in matrix.cells
        ],
        comments=[
            ExportedComment(rater=rater, statement=statement, text=r.comments[(rater, statement)])
            for rater, statement in grid
            if (rater, statement) in r.comments
        ],
        reasons=[
            ExportedReason(rater=rater, statement=statement, text=r.reasons[(rater, statement)])
            for rater, statement in grid
            if (rater, statement) in r.reasons
        ],
        rerate_of=r.rerate_of,
        statistics=None if analysis is None else analysis_to_json(analysis),
    )


def round_export(data: RoundData, reasons: Mapping[tuple[str, str], str] | None = None) -> RoundExport:
    """One round as the export takes it. Comments (and reasons) of people without a rating cannot stand in
    a long-form file of ratings and are left out; names never leave an anonymous round."""
    matrix = data.matrix
    raters, statements = set(matrix.raters), set(matrix.statements)
    round_ = data.round
    return RoundExport(
        id=round_.id,
        catalogue_id=round_.catalogue_id,
        catalogue_version=round_.catalogue_version,
        status=round_.status,
        anonymous=round_.anonymous,
        language=round_.language,
        opened_at=round_.opened_at,
        closed_at=round_.closed_at,
        matrix=matrix,
        names=None if round_.anonymous else {r: data.names.get(r, "") for r in matrix.raters},
        comments={k: v for k, v in data.comments.items() if k[0] in raters and k[1] in statements},
        statement_texts={s.id: s.text.get(round_.language) for s in data.catalogue.statements},
        excluded_count=round_.excluded_count,
        reasons={k: v for k, v in (reasons or {}).items() if k[0] in raters and k[1] in statements},
        rerate_of=round_.rerate_of,
    )
