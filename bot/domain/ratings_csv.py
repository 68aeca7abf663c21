"""Reading a round's ratings from CSV in long form: one line per (rater, statement, rating).

The CSV is written by people and by spreadsheets, so this reader is forgiving about form (a UTF-8 byte order
mark, ``,`` or ``;`` or tab as delimiter as German Excel writes it, header names in any case, extra
columns, blank lines) and strict about content: every problem raises ``RatingsCsvError`` naming the file
and line, because a silently skipped or guessed rating would change the analysis without anyone noticing.

An empty rating or ``?`` means "can't judge" (None in the matrix); a pair that does not occur means "not
answered". A rating ``-`` also means "not answered": the line only gives the rater and the statement their
place. The bot's export (``bot.domain.export``) writes such a line for every manager and statement without
an answer, because the order of raters and statements and a statement nobody answered all change the
analysis, and a file of answered pairs alone cannot carry them.

Two optional columns make a file the bot exported read back as the same round:

- ``round``: a file may hold several rounds. Asked for one (``round_id``), only its lines count and lines of
  other rounds are not checked; a file with several rounds and none asked for is an error naming them
  (``MultipleRoundsError``), because silently mixing rounds would compare answers to different questions.
- ``dimension``: the statement's dimension id, the same on every line of a statement (empty: none).
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.domain.analysis import LEVELS, Rating, RatingMatrix

REQUIRED_COLUMNS: tuple[str, ...] = ("rater", "statement", "rating")
#: Columns read when present (see the module's docstring); any other column is ignored.
OPTIONAL_COLUMNS: tuple[str, ...] = ("round", "dimension")

#: Ratings that mean "can't judge".
CANT_JUDGE_MARKS: frozenset[str] = frozenset({"", "?"})
#: The rating that means "not answered" (the line only places the rater and the statement).
NOT_ANSWERED_MARK = "-"

_DELIMITERS: tuple[str, ...] = (",", ";", "\t")
_WHOLE_NUMBER = re.compile(r"[0-9]+")


class RatingsCsvError(ValueError):
    """A problem in a ratings CSV; ``str()`` is ``SOURCE:LINE: WHAT`` (or ``SOURCE: WHAT`` without a line)."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class MultipleRoundsError(RatingsCsvError):
    """The file holds several rounds and none was asked for; ``rounds`` in order of first appearance."""

    def __init__(self, source: str, rounds: tuple[str, ...]) -> None:
        self.rounds = rounds
        super().__init__(source, None, f"holds {len(rounds)} rounds ({', '.join(rounds)}): choose one")


@dataclass(frozen=True)
class RatingsTable:
    """A parsed CSV: the matrix, plus where each id first appeared so later checks can name the line."""

    matrix: RatingMatrix
    source: str
    #: statement id -> line of its first rating
    statement_lines: dict[str, int]
    #: rater id -> line of their first rating
    rater_lines: dict[str, int]
    #: the round read, when the file has a ``round`` column; None otherwise
    round: str | None = None


def read_ratings_csv(
    data: str | bytes | os.PathLike[str], *, source: str | None = None, round_id: str | None = None
) -> RatingMatrix:
    """A round's ratings from CSV; see ``parse_ratings_csv``."""
    return parse_ratings_csv(data, source=source, round_id=round_id).matrix


def parse_ratings_csv(
    data: str | bytes | os.PathLike[str], *, source: str | None = None, round_id: str | None = None
) -> RatingsTable:
    """Parse a ratings CSV given as text (``str``), raw bytes (an upload) or a path (``os.PathLike``).

    A ``str`` is always CSV text, never a file name, so that a one-line text cannot be mistaken for a path;
    pass ``Path(name)`` to read a file. ``source`` names the input in error messages (default: the path
    as given, or ``<text>``). Raters and statements keep the order of their first appearance.
    ``round_id`` picks one round of a file with a ``round`` column (compared as text, blanks around it
    ignored); asking for a round in a file without that column is an error rather than ignored, so a
    mistaken file is noticed.
    """
    if isinstance(data, os.PathLike):
        path = Path(data)
        name = source if source is not None else str(data)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise RatingsCsvError(name, None, "no such file") from None
        except OSError as exc:
            raise RatingsCsvError(name, None, f"cannot read: {exc.strerror or exc}") from None
        return _parse(_decode(raw, name), name, round_id)
    name = source if source is not None else "<text>"
    if isinstance(data, bytes):
        return _parse(_decode(data, name), name, round_id)
    return _parse(data.removeprefix("\ufeff"), name, round_id)


def _decode(raw: bytes, source: str) -> str:
    """UTF-8 (with or without BOM); failing that Windows-1252, which Excel's plain "CSV" writes in Western
    European locales."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        line = raw[: utf8_error.start].count(b"\n") + 1
        raise RatingsCsvError(source, line, "not UTF-8 text") from None


def _delimiter(text: str) -> str:
    """The header line's most frequent candidate delimiter; ``,`` when there is none or a tie."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _parse(text: str, source: str, round_id: str | None) -> RatingsTable:
    records = _records(text, source)

    header_line, header = next(records, (1, []))
    if not header:
        raise RatingsCsvError(source, 1, "empty file")
    columns = _columns(header, header_line, source)
    chosen, selected = _select_round(list(records), columns, header_line, source, round_id)

    cells: dict[tuple[str, str], Rating] = {}
    first_line: dict[tuple[str, str], int] = {}
    rater_lines: dict[str, int] = {}
    statement_lines: dict[str, int] = {}
    dimension_of: dict[str, str] = {}
    dimension_seen: dict[str, tuple[str, int]] = {}
    for line, row in chosen:
        rater, statement, rating_text = (
            _field(row, columns, name, line, source) for name in REQUIRED_COLUMNS
        )
        if not rater:
            raise RatingsCsvError(source, line, "empty rater")
        if not statement:
            raise RatingsCsvError(source, line, "empty statement")
        key = (rater, statement)
        if key in first_line:
            raise RatingsCsvError(
                source,
                line,
                f"duplicate rating for rater {rater!r} and statement {statement!r} "
                f"(first on line {first_line[key]})",
            )
        if rating_text != NOT_ANSWERED_MARK:
            cells[key] = _rating(rating_text, line, source)
        first_line[key] = line
        rater_lines.setdefault(rater, line)
        statement_lines.setdefault(statement, line)
        if "dimension" in columns:
            dimension = _field(row, columns, "dimension", line, source)
            seen, seen_line = dimension_seen.setdefault(statement, (dimension, line))
            if dimension != seen:
                raise RatingsCsvError(
                    source,
                    line,
                    f"statement {statement!r} is in dimension {dimension!r} here but in {seen!r} "
                    f"on line {seen_line}",
                )
            if dimension:
                dimension_of[statement] = dimension

    if not first_line:
        raise RatingsCsvError(source, header_line, "no ratings below the header")
    matrix = RatingMatrix(
        raters=tuple(rater_lines), statements=tuple(statement_lines), cells=cells, dimension_of=dimension_of
    )
    return RatingsTable(matrix, source, statement_lines, rater_lines, selected)


def _select_round(
    rows: list[tuple[int, list[str]]],
    columns: dict[str, int],
    header_line: int,
    source: str,
    round_id: str | None,
) -> tuple[list[tuple[int, list[str]]], str | None]:
    """The lines of the round to read and its id (None without a ``round`` column)."""
    if "round" not in columns:
        if round_id is not None:
            raise RatingsCsvError(
                source, header_line, f"round {round_id.strip()!r} asked for, but there is no 'round' column"
            )
        return rows, None
    first_line: dict[str, int] = {}
    for line, row in rows:
        value = _field(row, columns, "round", line, source)
        if not value:
            raise RatingsCsvError(source, line, "empty round")
        first_line.setdefault(value, line)
    found = tuple(first_line)
    if round_id is None:
        if len(found) > 1:
            raise MultipleRoundsError(source, found)
        selected = found[0] if found else None
    else:
        selected = round_id.strip()
        if selected not in first_line:
            held = f"rounds found: {', '.join(found)}" if found else "it holds no lines"
            raise RatingsCsvError(source, None, f"no round {selected!r} in the file ({held})")
    position = columns["round"]
    return [(line, row) for line, row in rows if row[position].strip() == selected], selected


def _records(text: str, source: str) -> Iterator[tuple[int, list[str]]]:
    """The non-blank records with the line each starts on (a quoted field may span lines)."""
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RatingsCsvError(source, reader.line_num or start, f"malformed CSV: {exc}") from None
        if any(cell.strip() for cell in row):
            yield start, row


def _columns(header: list[str], line: int, source: str) -> dict[str, int]:
    """Index of each required column and of the optional ones present; names are matched without regard
    to case or surrounding blanks."""
    names = [cell.strip() for cell in header]
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        key = name.lower()
        if key in REQUIRED_COLUMNS or key in OPTIONAL_COLUMNS:
            if key in index:
                raise RatingsCsvError(source, line, f"column {key!r} appears twice")
            index[key] = position
    missing = [column for column in REQUIRED_COLUMNS if column not in index]
    if missing:
        found = ", ".join(names)
        listed = " and ".join(repr(column) for column in missing)
        plural = "s" if len(missing) > 1 else ""
        raise RatingsCsvError(source, line, f"missing column{plural} {listed} (found: {found})")
    return index


def _field(row: list[str], columns: dict[str, int], name: str, line: int, source: str) -> str:
    position = columns[name]
    if position >= len(row):
        raise RatingsCsvError(source, line, f"no value for column {name!r} (the line has {len(row)} fields)")
    return row[position].strip()


def _rating(text: str, line: int, source: str) -> Rating:
    """A level 1..5, or None for "can't judge" (empty or ``?``)."""
    if text in CANT_JUDGE_MARKS:
        return None
    if not _WHOLE_NUMBER.fullmatch(text):
        raise RatingsCsvError(
            source, line, f"rating {text!r} is not a whole number (1–5, or empty or '?' for can't judge)"
        )
    level = int(text)
    if level not in LEVELS:
        raise RatingsCsvError(source, line, f"rating {text!r} is outside {LEVELS[0]}–{LEVELS[-1]}")
    return level
