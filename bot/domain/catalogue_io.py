"""A catalogue as a file a team sends or gets: an upload read safely (TOML or CSV), and the template in both
forms.

An upload comes from anyone who administers a group, so it is read as hostile until proven otherwise. In
order, each step with a one-line refusal: the size (``MAX_UPLOAD_BYTES``); what the bytes are (an archive,
a spreadsheet workbook, UTF-16 text, anything binary); UTF-8 (a byte order mark is allowed, as Excel and
Notepad write one); the format (by the file's name, else by its look). A TOML file is scanned before it is
parsed: nesting deeper than ``MAX_NESTING`` would drive ``tomllib``'s recursion to its limit, so it is
refused without parsing, and after parsing a document with more than ``MAX_VALUES`` values or more
statements or dimensions than a round can carry is refused before validation (a round asks every
statement one by one; charts stay readable). Then the document is checked by exactly the rules of
``maturity-bot questions check`` (``catalogue.check_document``), every problem with its place: a TOML
path with its line and column, or a CSV row and column name.

A team's catalogue may be in one language (``languages = ["en"]``, or only ``text_en`` in a CSV): its
texts then stand in for the other language too, so everyone sees that one (``fill_single_language``).

The CSV form is what Excel and LibreOffice write: UTF-8 with or without a byte order mark, comma,
semicolon or tab between cells (or the one a first line ``sep=;`` names, as Excel reads it), one row per
statement under a header row naming the columns (``CSV_COLUMNS``, in any order, case and surrounding
blanks ignored). The catalogue's id and title and a
dimension's title are given in at least one row and must agree wherever repeated; rows left empty are
skipped. A cell beginning with ``=``, ``+``, ``-`` or ``@`` is refused: a spreadsheet would run it as a
formula, and it would travel on to every ``/export``. A CSV catalogue uses the scale of the default
catalogue (``scale``) and has no dimension descriptions (the title serves as one).
"""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bot.domain.catalogue import (
    CATALOGUE_ID_MAX,
    LANGUAGES,
    LEVELS,
    Catalogue,
    CatalogueProblem,
    Level,
    Loc,
    Place,
    Placer,
    Text,
    check_document,
    parser_message,
    problem,
    toml_path,
    toml_syntax_problem,
)
from bot.domain.export import FORMULA_TRIGGERS, escape_cell

#: Largest file accepted: a full catalogue of 60 statements with every anchor in two languages is ~80 KB.
MAX_UPLOAD_BYTES = 256 * 1024
#: Most statements a team's catalogue may have: each is one message and one press per manager.
MAX_STATEMENTS = 60
#: Most dimensions: each is a line in the profile chart and a heading in the results.
MAX_DIMENSIONS = 12
#: Deepest nesting of TOML arrays and tables (a catalogue needs 4); deeper is refused before parsing.
MAX_NESTING = 10
#: Most values (texts, numbers, tables, lists) in a document; a full catalogue has about 1,500.
MAX_VALUES = 5_000

_FILE = Place(whole="file")


class FileFormat(StrEnum):
    TOML = "toml"
    CSV = "csv"


@dataclass(frozen=True)
class Upload:
    """What an uploaded file turned out to be: the catalogue, or why not (every problem, warnings too)."""

    name: str
    format: FileFormat | None
    catalogue: Catalogue | None
    problems: tuple[CatalogueProblem, ...] = ()

    @property
    def errors(self) -> tuple[CatalogueProblem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[CatalogueProblem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


def too_big(name: str, size: int) -> Upload | None:
    """The refusal of a file too big to fetch at all (Telegram tells its size before the download)."""
    if size <= MAX_UPLOAD_BYTES:
        return None
    where, code, values = _size_refusal(size)
    shown = name or "file"
    return Upload(shown, None, None, (problem(shown, where, code, **values),))


def read_upload(name: str, data: bytes, scale: Sequence[Level], reserved: Collection[str] = ()) -> Upload:
    """An uploaded file as a catalogue, or every problem with it (``Upload.errors``); nothing raised.

    ``scale``: the levels a CSV catalogue uses (the default catalogue's). ``reserved``: ids a team's
    catalogue may not take (the built-in ones: ``/newround <id>`` must mean one thing).
    """
    shown = name or "file"
    refusal = _refusal(data)
    if refusal is not None:
        return Upload(shown, None, None, (problem(shown, *refusal[:2], **refusal[2]),))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _line_and_column(data, error.start)
        # a spreadsheet's row is a line of its CSV (a cell spanning lines is rare in a catalogue)
        where = Place(row=line) if _suffix(name) == "csv" else Place(line=line, column=column)
        return Upload(shown, None, None, (problem(shown, where, "not_utf8_upload", byte=error.start),))
    kind = _format_of(name, text)
    if kind is None:
        return Upload(shown, None, None, (problem(shown, _FILE, "unknown_format", name=name),))
    if kind is FileFormat.TOML:
        parsed: tuple[dict[str, Any], Placer] | list[CatalogueProblem] = _read_toml(shown, text)
    else:
        parsed = _read_csv(shown, text, scale)
    if isinstance(parsed, list):
        return Upload(shown, kind, None, tuple(parsed))
    document, placer = parsed
    too_many = _too_many(shown, document)
    if too_many is not None:
        return Upload(shown, kind, None, (too_many,))
    fill_single_language(document)
    document.setdefault("version", "1")
    catalogue, problems = check_document(document, shown, placer=placer, single_language=True)
    catalogue_id = document.get("id")
    if isinstance(catalogue_id, str) and catalogue_id in reserved:
        suggestion = f"{catalogue_id[: CATALOGUE_ID_MAX - 5]}-team"
        problems.insert(
            0, problem(shown, placer(("id",)), "builtin_id", id=catalogue_id, suggestion=suggestion)
        )
        catalogue = None
    return Upload(shown, kind, catalogue, _without_repeats(problems))


def fill_single_language(document: dict[str, Any]) -> None:
    """A catalogue naming one language: each of its texts stands in for the other language where that is
    missing, so everyone sees the one language (a text given in both stays as given)."""
    languages = document.get("languages")
    if not (isinstance(languages, list) and len(languages) == 1 and languages[0] in LANGUAGES):
        return
    given = languages[0]
    others = [lang for lang in LANGUAGES if lang != given]
    for table in _tables(document):
        value = table.get(given)
        if isinstance(value, str):
            for other in others:
                table.setdefault(other, value)


def _tables(node: object, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every table in a document (its depth is bounded before this runs)."""
    if depth > MAX_NESTING:
        return
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _tables(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from _tables(value, depth + 1)


def _without_repeats(problems: Sequence[CatalogueProblem]) -> tuple[CatalogueProblem, ...]:
    """One line per distinct problem (a CSV dimension title stands for its description too)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for found in problems:
        key = (found.place, found.message)
        if key not in seen:
            seen.add(key)
            kept.append(found)
    return tuple(kept)


# ------------------------------------------------------------------------------------- what the bytes are

_ARCHIVES: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"Rar!\x1a\x07", "rar"),
    (b"BZh", "bzip2"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)


def _refusal(data: bytes) -> tuple[Place, str, dict[str, object]] | None:
    """Why these bytes are no catalogue at all, before anything reads them as text; None if they may be."""
    if len(data) > MAX_UPLOAD_BYTES:
        return _size_refusal(len(data))
    if not data.strip():
        return _FILE, "empty_file", {}
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        head = data[:4096]
        if b"xl/" in head or b"[Content_Types].xml" in head or b"opendocument.spreadsheet" in head:
            return _FILE, "workbook", {}
        return _FILE, "archive", {"kind": "zip"}
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _FILE, "workbook", {}
    for magic, kind in _ARCHIVES:
        if data.startswith(magic):
            return _FILE, "archive", {"kind": kind}
    if len(data) > 262 and data[257:262] == b"ustar":
        return _FILE, "archive", {"kind": "tar"}
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(data):
        return _FILE, "utf16", {}
    if any(byte < 0x20 and byte not in (0x09, 0x0A, 0x0D) for byte in data):
        return _FILE, "binary", {}
    return None


def _size_refusal(size: int) -> tuple[Place, str, dict[str, object]]:
    return _FILE, "too_big", {"size": -(-size // 1024), "limit": MAX_UPLOAD_BYTES // 1024}


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a byte order mark: text in which every other byte is zero."""
    head = data[:200]
    return len(head) >= 4 and (
        head[1::2].count(0) >= len(head) // 2 - 1 or head[0::2].count(0) >= len(head) // 2 - 1
    )


def _line_and_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


_TOML_LOOK = re.compile(r"^\s*(?:\[\[?\s*[A-Za-z0-9_.\"' -]+\]\]?|[A-Za-z0-9_.\"'-]+\s*=)", re.MULTILINE)


def _suffix(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def _format_of(name: str, text: str) -> FileFormat | None:
    """By the file's name; a file without one (or a .txt) by its look: TOML has ``key = value`` lines."""
    suffix = _suffix(name)
    if suffix == "toml":
        return FileFormat.TOML
    if suffix == "csv":
        return FileFormat.CSV
    if suffix not in ("", "txt"):
        return None
    first = next(
        (line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")), ""
    )
    return FileFormat.TOML if _TOML_LOOK.match(first) else FileFormat.CSV


def _too_many(file: str, document: Mapping[str, Any]) -> CatalogueProblem | None:
    """More statements or dimensions than a round carries: one line, before any validation."""
    for section, limit, code in (
        ("statements", MAX_STATEMENTS, "too_many_statements"),
        ("dimensions", MAX_DIMENSIONS, "too_many_dimensions"),
    ):
        entries = document.get(section)
        if isinstance(entries, list) and len(entries) > limit:
            return problem(file, Place(path=section), code, count=len(entries), limit=limit)
    return None


# ------------------------------------------------------------------------------------------------- TOML

_PLAIN, _BASIC, _LITERAL, _ML_BASIC, _ML_LITERAL, _COMMENT = range(6)


@dataclass
class _TomlScan:
    """What a pass over the characters finds before parsing: the deepest nesting, and for each line
    whether it starts inside a multi-line string (such lines hold no keys)."""

    depth: int = 0
    deepest_at: tuple[int, int] = (1, 1)
    in_string: list[bool] = field(default_factory=list)


def _scan_toml(text: str) -> _TomlScan:
    """Strings and comments are skipped; ``[`` and ``{`` outside them open a level, ``]`` and ``}`` close
    one. Only the depth is measured: syntax is ``tomllib``'s to judge."""
    scan = _TomlScan(in_string=[False])
    state, depth, line, column, i = _PLAIN, 0, 1, 0, 0
    length = len(text)
    while i < length:
        char = text[i]
        column += 1
        if char == "\n":
            line, column = line + 1, 0
            if state in (_BASIC, _LITERAL, _COMMENT):
                state = _PLAIN
            scan.in_string.append(state in (_ML_BASIC, _ML_LITERAL))
            i += 1
            continue
        if state == _PLAIN:
            if char == "#":
                state = _COMMENT
            elif text.startswith('"""', i):
                state, i, column = _ML_BASIC, i + 2, column + 2
            elif text.startswith("'''", i):
                state, i, column = _ML_LITERAL, i + 2, column + 2
            elif char == '"':
                state = _BASIC
            elif char == "'":
                state = _LITERAL
            elif char in "[{":
                depth += 1
                if depth > scan.depth:
                    scan.depth, scan.deepest_at = depth, (line, column)
            elif char in "]}":
                depth = max(0, depth - 1)
        elif state in (_BASIC, _ML_BASIC) and char == "\\":
            if text.startswith("\n", i + 1):
                i += 1
                continue  # a line-ending backslash: the line break is counted above
            i, column = i + 1, column + 1  # the escaped character cannot end the string
        elif (state == _BASIC and char == '"') or (state == _LITERAL and char == "'"):
            state = _PLAIN
        elif (state == _ML_BASIC and text.startswith('"""', i)) or (
            state == _ML_LITERAL and text.startswith("'''", i)
        ):
            state, i, column = _PLAIN, i + 2, column + 2
        i += 1
    return scan


def _read_toml(file: str, text: str) -> tuple[dict[str, Any], Placer] | list[CatalogueProblem]:
    """The parsed document and where its locations are; or the one problem that stops reading it."""
    scan = _scan_toml(text)
    if scan.depth > MAX_NESTING:
        line, column = scan.deepest_at
        where = Place(line=line, column=column)
        return [problem(file, where, "too_deep", limit=MAX_NESTING)]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return [toml_syntax_problem(file, error)]
    except RecursionError:  # not reached below MAX_NESTING; a parser's limit must never crash the bot
        return [problem(file, _FILE, "too_deep", limit=MAX_NESTING)]
    values, depth = _size(document)
    if depth > MAX_NESTING:
        return [problem(file, _FILE, "too_deep", limit=MAX_NESTING)]
    if values > MAX_VALUES:
        return [problem(file, _FILE, "too_many_values", limit=MAX_VALUES)]
    locate = _TomlLines(text, scan.in_string)

    def place(loc: Loc) -> Place:
        path = toml_path(loc, document)
        found = locate(loc)
        return Place(path=path, line=found[0], column=found[1]) if found else Place(path=path)

    return document, place


def _size(document: object) -> tuple[int, int]:
    """How many values a parsed document holds, and how deep it is (dotted keys nest without brackets);
    counted without recursion, and stopped early past the limits."""
    values, deepest = 0, 0
    stack: list[tuple[object, int]] = [(document, 0)]
    while stack:
        node, depth = stack.pop()
        values += 1
        deepest = max(deepest, depth)
        if values > MAX_VALUES or deepest > MAX_NESTING:
            break
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        stack.extend((child, depth + 1) for child in children)
    return values, deepest


_KEY_PART = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER = re.compile(rf"^\s*\[(\[?)\s*({_DOTTED})\s*\]\]?")
_KEY = re.compile(rf"^(\s*)({_DOTTED})\s*=")
_PART = re.compile(_KEY_PART)


def _parts(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in _PART.findall(dotted))


class _TomlLines:
    """Finds the line (and column) of a location in a TOML document: the ``n``-th ``[[section]]`` block,
    and in it (or at the top) the key that names the location or the longest part of it; a location in no
    key of its own (a missing field) is at its block's header. Heuristic by design: a line number helps a
    person find the place, and the path printed beside it is exact."""

    def __init__(self, text: str, in_string: Sequence[bool]) -> None:
        #: (line, column, array?, name) of each table header
        self.headers: list[tuple[int, int, bool, tuple[str, ...]]] = []
        #: (line, column, header index or -1 at the top, dotted key)
        self.keys: list[tuple[int, int, int, tuple[str, ...]]] = []
        for number, line in enumerate(text.split("\n"), start=1):
            if number <= len(in_string) and in_string[number - 1]:
                continue
            header = _HEADER.match(line)
            if header:
                column = line.index("[") + 1
                self.headers.append((number, column, bool(header[1]), _parts(header[2])))
                continue
            key = _KEY.match(line)
            if key:
                self.keys.append((number, len(key[1]) + 1, len(self.headers) - 1, _parts(key[2])))

    def __call__(self, loc: Loc) -> tuple[int, int] | None:
        path = tuple(str(part) for part in loc if part != "[key]")
        if len(loc) >= 2 and isinstance(loc[0], str) and isinstance(loc[1], int):
            blocks = [i for i, (_, _, array, name) in enumerate(self.headers) if array and name == (loc[0],)]
            if loc[1] < len(blocks):
                block = blocks[loc[1]]
                found = self._key_in(block, path[2:])
                line, column = self.headers[block][:2]
                return found or (line, column)
            return self._key_in(-1, path[:1])
        return self._key_in(-1, path)

    def _key_in(self, block: int, path: tuple[str, ...]) -> tuple[int, int] | None:
        best: tuple[int, int, int] | None = None
        for line, column, where, key in self.keys:
            if where != block or not key or path[: len(key)] != key:
                continue
            if best is None or len(key) > best[0]:
                best = (len(key), line, column)
        return (best[1], best[2]) if best else None


# -------------------------------------------------------------------------------------------------- CSV


def _csv_columns(languages: Sequence[str] = LANGUAGES) -> tuple[str, ...]:
    """The header of the CSV form, in the template's order."""
    return (
        "catalogue",
        *(f"catalogue_{lang}" for lang in languages),
        "dimension",
        *(f"dimension_{lang}" for lang in languages),
        "id",
        *(f"text_{lang}" for lang in languages),
        *(f"hint_{lang}" for lang in languages),
        *(f"anchor_{level}_{lang}" for level in LEVELS for lang in languages),
    )


#: Every column the CSV form knows.
CSV_COLUMNS: tuple[str, ...] = _csv_columns()
_REQUIRED_COLUMNS = ("catalogue", "dimension", "id")


@dataclass
class _Given:
    """A value given once for the whole file (or a dimension) and perhaps repeated: the first row that
    gives it and its value."""

    row: int
    value: str


@dataclass
class _CsvDocument:
    """The rows of a CSV catalogue turned into the TOML form's document, remembering which row gave what,
    so that every problem the checker finds is said as a row and a column."""

    languages: list[str]
    document: dict[str, Any] = field(default_factory=dict)
    statement_rows: list[int] = field(default_factory=list)
    dimension_rows: dict[str, dict[str, int]] = field(default_factory=dict)
    dimension_order: list[str] = field(default_factory=list)
    catalogue_rows: dict[str, int] = field(default_factory=dict)
    first_row: int = 2

    def place(self, loc: Loc) -> Place:
        first = self.languages[0] if self.languages else LANGUAGES[0]
        parts = [str(part) for part in loc if part != "[key]"]
        if loc[:1] == ("statements",) and len(loc) >= 2 and isinstance(loc[1], int):
            row = self.statement_rows[loc[1]] if loc[1] < len(self.statement_rows) else None
            if row is None:
                return _FILE
            rest = parts[2:]
            if not rest:
                return Place(row=row)
            if rest[0] in ("id", "dimension"):
                return Place(row=row, column_name=rest[0])
            if rest[0] in ("text", "hint"):
                return Place(row=row, column_name=f"{rest[0]}_{rest[1] if len(rest) > 1 else first}")
            if rest[0] == "anchors" and len(rest) >= 2:
                return Place(row=row, column_name=f"anchor_{rest[1]}_{rest[2] if len(rest) > 2 else first}")
            return Place(row=row)
        if loc[:1] == ("dimensions",) and len(loc) >= 2 and isinstance(loc[1], int):
            if loc[1] >= len(self.dimension_order):
                return _FILE
            rows = self.dimension_rows[self.dimension_order[loc[1]]]
            rest = parts[2:]
            if rest[:1] in (["title"], ["description"]):
                lang = rest[1] if len(rest) > 1 else first
                return Place(row=rows.get(lang, rows["first"]), column_name=f"dimension_{lang}")
            return Place(row=rows["first"], column_name="dimension")
        if parts[:1] == ["id"]:
            return Place(row=self.catalogue_rows.get("id", self.first_row), column_name="catalogue")
        if parts[:1] in (["title"], ["description"]):
            lang = parts[1] if len(parts) > 1 else first
            return Place(row=self.catalogue_rows.get(lang, self.first_row), column_name=f"catalogue_{lang}")
        if parts[:1] == ["languages"]:
            return Place(row=1)
        return _FILE


_SEPARATOR_LINE = re.compile(r"sep=(.)\r?\n")


def _delimiter(text: str) -> tuple[str, str]:
    """The separator and the text without Excel's ``sep=;`` line, if it has one (Excel shows no such row);
    else the header row's semicolon (German Excel), comma or tab, whichever it has most."""
    declared = _SEPARATOR_LINE.match(text)
    if declared is not None:
        return declared[1], text[declared.end() :]
    header = text.split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return (best if counts[best] else ","), text


def _records(file: str, text: str) -> list[list[str]] | CatalogueProblem:
    """The file's records (a quoted cell may span lines); its first malformed record as a problem."""
    delimiter, text = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            records.append(record)
    except csv.Error as error:
        said = parser_message(str(error), _CSV_MESSAGES, "catalogue.csv")
        if said.get("delimiter") == "\t":
            said["delimiter"] = "Tab"  # a tab between quotes would look like nothing
        return problem(file, Place(row=len(records) + 1), "csv_syntax", **said)
    return records


#: The csv module's messages in strict mode (Python 3.11 to 3.13), each with the text that says it.
_CSV_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"'(?P<delimiter>.)' expected after '(?P<quote>.)'"), "after_quote"),
    (re.compile(r"unexpected end of data"), "unclosed_quote"),
    (re.compile(r"field larger than field limit \((?P<limit>\d+)\)"), "cell_too_long"),
)


_KNOWN_COLUMNS = ", ".join(CSV_COLUMNS[:11]) + ", anchor_1_de … anchor_5_en"


def _read_csv(
    file: str, text: str, scale: Sequence[Level]
) -> tuple[dict[str, Any], Placer] | list[CatalogueProblem]:
    """The rows as the TOML form's document and where its locations are; or the problems that stop
    reading it as one (the header, cells too many, formulas, values that disagree)."""
    records = _records(file, text)
    if isinstance(records, CatalogueProblem):
        return [records]
    if not records or not any(cell.strip() for cell in records[0]):
        return [problem(file, Place(row=1), "csv_no_header")]
    header = [cell.strip().lower() for cell in records[0]]
    rows = [
        (number, record)
        for number, record in enumerate(records[1:], start=2)
        if any(cell.strip() for cell in record)
    ]
    if len(rows) > MAX_STATEMENTS:
        return [problem(file, _FILE, "too_many_statements", count=len(rows), limit=MAX_STATEMENTS)]

    problems: list[CatalogueProblem] = []
    column_of: dict[str, int] = {}
    for index, name in enumerate(header):
        shown = name or f"#{index + 1}"
        if not name and all(index >= len(r) or not r[index].strip() for _, r in rows):
            continue  # an unnamed, empty column: the separators a spreadsheet leaves at the end of a row
        if name in column_of:
            problems.append(
                problem(file, Place(row=1, column_name=shown), "csv_duplicate_column", column=shown)
            )
        elif name not in CSV_COLUMNS:
            problems.append(
                problem(
                    file,
                    Place(row=1, column_name=shown),
                    "csv_unknown_column",
                    column=shown,
                    known=_KNOWN_COLUMNS,
                )
            )
        else:
            column_of[name] = index
    for name in _REQUIRED_COLUMNS:
        if name not in column_of:
            problems.append(problem(file, Place(row=1, column_name=name), "csv_missing_column", column=name))
    text_columns = [lang for lang in LANGUAGES if f"text_{lang}" in column_of]
    if not text_columns:
        problems.append(problem(file, Place(row=1), "csv_no_text_column"))
    for number, record in rows:
        for index, cell in enumerate(record):
            value = cell.strip()
            if index >= len(header) or (not header[index] and index not in column_of.values()):
                if value:
                    problems.append(problem(file, Place(row=number), "csv_extra_cells"))
                    break
                continue
            if value.startswith(FORMULA_TRIGGERS):
                name = header[index] or f"#{index + 1}"
                problems.append(
                    problem(file, Place(row=number, column_name=name), "csv_formula", start=value[0])
                )
    if problems:
        return problems

    def cell(record: list[str], name: str) -> str:
        """A cell's text, trimmed, with the line breaks of a cell spanning lines as ``\\n``."""
        index = column_of.get(name)
        if index is None or index >= len(record):
            return ""
        return record[index].replace("\r\n", "\n").replace("\r", "\n").strip()

    languages = [
        lang for lang in text_columns if any(cell(r, f"text_{lang}") for _, r in rows)
    ] or text_columns
    built = _CsvDocument(languages, first_row=rows[0][0] if rows else 2)
    given: dict[str, _Given] = {}
    differs: list[CatalogueProblem] = []

    def once(key: str, column: str, number: int, value: str) -> None:
        """A value that holds for the whole file (or dimension): the first row's, the same everywhere."""
        if not value:
            return
        first = given.get(key)
        if first is None:
            given[key] = _Given(number, value)
        elif first.value != value:
            differs.append(
                problem(
                    file,
                    Place(row=number, column_name=column),
                    "csv_differs",
                    value=_clip(value),
                    earlier=_clip(first.value),
                    first=Place(row=first.row),
                )
            )

    statements: list[dict[str, Any]] = []
    for number, record in rows:
        once("catalogue", "catalogue", number, cell(record, "catalogue"))
        dimension = cell(record, "dimension")
        for lang in languages:
            once(f"title.{lang}", f"catalogue_{lang}", number, cell(record, f"catalogue_{lang}"))
            if dimension:
                once(
                    f"dimension.{dimension}.{lang}",
                    f"dimension_{lang}",
                    number,
                    cell(record, f"dimension_{lang}"),
                )
        statement: dict[str, Any] = {}
        if cell(record, "id"):
            statement["id"] = cell(record, "id")
        if dimension:
            statement["dimension"] = dimension
            if dimension not in built.dimension_rows:
                built.dimension_rows[dimension] = {"first": number}
                built.dimension_order.append(dimension)
        statement["text"] = {
            lang: cell(record, f"text_{lang}") for lang in languages if cell(record, f"text_{lang}")
        }
        hint = {lang: cell(record, f"hint_{lang}") for lang in languages if cell(record, f"hint_{lang}")}
        if hint:
            statement["hint"] = hint
        anchors = {}
        for level in LEVELS:
            anchor = {lang: v for lang in languages if (v := cell(record, f"anchor_{level}_{lang}"))}
            if anchor:
                anchors[str(level)] = anchor
        if anchors:
            statement["anchors"] = anchors
        statements.append(statement)
        built.statement_rows.append(number)
    if differs:
        return differs

    document: dict[str, Any] = {
        "languages": list(languages),
        "scale": [_level_table(level) for level in scale],
    }
    if "catalogue" in given:
        document["id"] = given["catalogue"].value
        built.catalogue_rows["id"] = given["catalogue"].row
    title = {}
    for lang in languages:
        if f"title.{lang}" in given:
            title[lang] = given[f"title.{lang}"].value
            built.catalogue_rows[lang] = given[f"title.{lang}"].row
    if title:
        document["title"] = title
    dimensions = []
    for dimension in built.dimension_order:
        entry: dict[str, Any] = {"id": dimension}
        names = {}
        for lang in languages:
            found = given.get(f"dimension.{dimension}.{lang}")
            if found is not None:
                names[lang] = found.value
                built.dimension_rows[dimension][lang] = found.row
        if names:
            entry["title"] = names
            entry["description"] = dict(names)
        dimensions.append(entry)
    document["dimensions"] = dimensions
    document["statements"] = statements
    built.document = document
    return document, built.place


def _clip(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _level_table(level: Level) -> dict[str, Any]:
    return {
        "level": level.level,
        "label": {lang: level.label.get(lang) for lang in LANGUAGES},
        "description": {lang: level.description.get(lang) for lang in LANGUAGES},
    }


# ------------------------------------------------------------------------------------------ the template


def _toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's (quote, backslash, control characters)."""
    return json.dumps(value, ensure_ascii=False)


def _toml_text(key: str, text: Text | None, languages: Sequence[str]) -> list[str]:
    if text is None:
        return []
    return [f"{key}.{lang} = {_toml_string(text.get(lang))}" for lang in languages]


def catalogue_toml(catalogue: Catalogue, comments: Sequence[str] = ()) -> str:
    """The catalogue in the TOML form of ``questions/``, one value per line, ``comments`` on top; reading
    it back (``read_upload``) gives the same catalogue."""
    languages = list(catalogue.languages)
    lines = [f"# {comment}".rstrip() for comment in comments]
    if lines:
        lines.append("")
    lines += [
        f"id = {_toml_string(catalogue.id)}",
        f"version = {_toml_string(catalogue.version)}",
        f"languages = [{', '.join(_toml_string(lang) for lang in languages)}]",
        *_toml_text("title", catalogue.title, languages),
        *_toml_text("description", catalogue.description, languages),
    ]
    for level in catalogue.scale:
        lines += ["", "[[scale]]", f"level = {level.level}"]
        lines += _toml_text("label", level.label, languages)
        lines += _toml_text("description", level.description, languages)
    for dimension in catalogue.dimensions:
        lines += ["", "[[dimensions]]", f"id = {_toml_string(dimension.id)}"]
        lines += _toml_text("title", dimension.title, languages)
        lines += _toml_text("description", dimension.description, languages)
    for statement in catalogue.statements:
        lines += [
            "",
            "[[statements]]",
            f"id = {_toml_string(statement.id)}",
            f"dimension = {_toml_string(statement.dimension)}",
        ]
        lines += _toml_text("text", statement.text, languages)
        lines += _toml_text("hint", statement.hint, languages)
        for level, anchor in sorted(statement.anchors.items()):
            lines += _toml_text(f"anchors.{level}", anchor, languages)
    return "\n".join(lines) + "\n"


def catalogue_csv(catalogue: Catalogue, delimiter: str = ",") -> bytes:
    """The catalogue in the CSV form, as Excel opens it: UTF-8 with a byte order mark, CRLF line ends.

    The catalogue's id and title are in the first row only, a dimension's title in its first row; the
    scale is the default's (a CSV has none). A cell that would begin like a formula is escaped as
    ``/export`` escapes cells, though no built-in text does.
    """
    languages = list(catalogue.languages)
    columns = _csv_columns(languages)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    titled: set[str] = set()
    for index, statement in enumerate(catalogue.statements):
        row: dict[str, str] = {"dimension": statement.dimension, "id": statement.id}
        if index == 0:
            row["catalogue"] = catalogue.id
            row.update({f"catalogue_{lang}": catalogue.title.get(lang) for lang in languages})
        if statement.dimension not in titled:
            titled.add(statement.dimension)
            title = catalogue.dimension(statement.dimension).title
            row.update({f"dimension_{lang}": title.get(lang) for lang in languages})
        for lang in languages:
            row[f"text_{lang}"] = statement.text.get(lang)
            if statement.hint is not None:
                row[f"hint_{lang}"] = statement.hint.get(lang)
            for level, anchor in statement.anchors.items():
                row[f"anchor_{level}_{lang}"] = anchor.get(lang)
        writer.writerow([escape_cell(row.get(column, "")) for column in columns])
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
