"""Reading a round's ratings from CSV in long form: one line per (rater, statement, rating).

The CSV is written by people and by spreadsheets, so this reader is forgiving about form (a UTF-8 byte order
mark, ``,`` or ``;`` or tab as delimiter as German Excel writes it, header names in any case, extra
columns, blank lines) and strict about content: every problem raises ``RatingsCsvError`` naming the file
and line, because a silently skipped or guessed rating would change the analysis without anyone noticing.

An empty rating or ``?`` means "can't judge" (None in the matrix); a pair that does not occur means "not
answered".
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

#: Ratings that mean "can't judge".
CANT_JUDGE_MARKS: frozenset[str] = frozenset({"", "?"})

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


@dataclass(frozen=True)
class RatingsTable:
    """A parsed CSV: the matrix, plus where each id first appeared so later checks can name the line."""

    matrix: RatingMatrix
    source: str
    #: statement id -> line of its first rating
    statement_lines: dict[str, int]
    #: rater id -> line of their first rating
    rater_lines: dict[str, int]


def read_ratings_csv(data: str | bytes | os.PathLike[str], *, source: str | None = None) -> RatingMatrix:
    """A round's ratings from CSV; see ``parse_ratings_csv``."""
    return parse_ratings_csv(data, source=source).matrix


def parse_ratings_csv(data: str | bytes | os.PathLike[str], *, source: str | None = None) -> RatingsTable:
    """Parse a ratings CSV given as text (``str``), raw bytes (an upload) or a path (``os.PathLike``).

    A ``str`` is always CSV text, never a file name, so that a one-line text cannot be mistaken for a path;
    pass ``Path(name)`` to read a file. ``source`` names the input in error messages (default: the path
    as given, or ``<text>``). Raters and statements keep the order of their first appearance.
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
        return _parse(_decode(raw, name), name)
    name = source if source is not None else "<text>"
    if isinstance(data, bytes):
        return _parse(_decode(data, name), name)
    return _parse(data.removeprefix("\ufeff"), name)


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


def _parse(text: str, source: str) -> RatingsTable:
    records = _records(text, source)

    header_line, header = next(records, (1, []))
    if not header:
        raise RatingsCsvError(source, 1, "empty file")
    columns = _columns(header, header_line, source)

    cells: dict[tuple[str, str], Rating] = {}
    first_line: dict[tuple[str, str], int] = {}
    rater_lines: dict[str, int] = {}
    statement_lines: dict[str, int] = {}
    for line, row in records:
        rater, statement, rating_text = (
            _field(row, columns, name, line, source) for name in REQUIRED_COLUMNS
        )
        if not rater:
            raise RatingsCsvError(source, line, "empty rater")
        if not statement:
            raise RatingsCsvError(source, line, "empty statement")
        key = (rater, statement)
        if key in cells:
            raise RatingsCsvError(
                source,
                line,
                f"duplicate rating for rater {rater!r} and statement {statement!r} "
                f"(first on line {first_line[key]})",
            )
        cells[key] = _rating(rating_text, line, source)
        first_line[key] = line
        rater_lines.setdefault(rater, line)
        statement_lines.setdefault(statement, line)

    if not cells:
        raise RatingsCsvError(source, header_line, "no ratings below the header")
    matrix = RatingMatrix(raters=tuple(rater_lines), statements=tuple(statement_lines), cells=cells)
    return RatingsTable(matrix, source, statement_lines, rater_lines)


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
    """Index of each required column; names are matched without regard to case or surrounding blanks."""
    names = [cell.strip() for cell in header]
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        key = name.lower()
        if key in REQUIRED_COLUMNS:
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
