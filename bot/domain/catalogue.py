"""Question catalogues: the statements managers judge, kept as TOML files in ``questions/``.

The built-in catalogues are edited in the repository's ``questions/`` and ship inside the package as
``bot/catalogues`` (a link to that folder in the source tree, copied into every sdist and wheel), read with
``importlib.resources``, so an installed bot finds them wherever it was installed. An operator adds their
own in a folder named by ``MATURITY_QUESTIONS_DIR``; a catalogue id used twice is refused, naming both files.

Catalogues are data edited by hand, often by people who are not programmers. A mistake in one must not
surface as a stack trace when the bot starts, and fixing them one at a time is tedious, so the checker
reports *every* problem of every file at once, each with the file, a place a person can find in the
document (``statements[4] (id "lead-1").text.en``, counted from 1 like the ``[[statements]]`` blocks) and
what is wrong, including the limit that was exceeded.

Checking happens in two passes. Pydantic validates the structure (types, missing and unknown fields, empty
translations, id syntax) and its errors are translated into readable problems. Then a consistency pass
looks across entries (duplicate ids, unknown dimensions, an incomplete scale) and at text lengths. The
second pass reads the raw document rather than the model, so one broken statement does not hide a
duplicate id elsewhere. ``load_catalogue`` and ``check_files`` run both passes (``check_document`` on a
parsed document, as for a team's upload in ``catalogue_io``); a ``Catalogue`` built directly in Python gets
only the first.

Each problem is also kept as a code with its values and a structured ``Place`` (a path, a line and column,
or a CSV row and column name), so that the bot can say it in the group's language (``describe``); the
English the command line prints comes from the same texts (``bot/texts/catalogue_problems.py``). A team's
own catalogue may name a single language (the validation context's ``SINGLE_LANGUAGE``).

Text budgets keep every rendered statement far below Telegram's 4096-character message limit (see
``statement_message_budget``), and ids are short enough for Telegram's 64-byte callback data.
"""

from __future__ import annotations

import importlib.resources
import logging
import os
import re
import tomllib
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictInt,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from bot.texts import t

logger = logging.getLogger(__name__)

#: Languages every text must have. German is the method's original language.
LANGUAGES: tuple[str, ...] = ("de", "en")
LANGUAGE_NAMES: Mapping[str, str] = {"de": "German", "en": "English"}
FALLBACK_LANGUAGE = "en"

#: The maturity levels; "can't judge" is not a level and is not part of a catalogue.
LEVELS: tuple[int, ...] = (1, 2, 3, 4, 5)

#: The environment variable naming a folder of an operator's own catalogues, loaded besides the built-in ones.
QUESTIONS_DIR_ENV = "MATURITY_QUESTIONS_DIR"

#: The validation context's flag that lets a catalogue name a single language (a team's own upload).
SINGLE_LANGUAGE = "single_language"

# Id limits. Statement and dimension ids travel in callback data ("a:<round>:<statement>:<level>", at most
# 64 bytes), so they stay short; the catalogue id only names a file and a round's catalogue.
CATALOGUE_ID_MAX = 32
DIMENSION_ID_MAX = 16
STATEMENT_ID_MAX = 16

# Text budgets, in characters, per field.
LEVEL_LABEL_MAX = 20  # an inline keyboard button
LEVEL_DESCRIPTION_MAX = 120  # one line under the statement
STATEMENT_TEXT_MAX = 500
ANCHOR_MAX = 200
HINT_MAX = 300
DIMENSION_TITLE_MAX = 60  # a heading, and a label in charts
DIMENSION_DESCRIPTION_MAX = 300
CATALOGUE_TITLE_MAX = 100
CATALOGUE_DESCRIPTION_MAX = 1000

TELEGRAM_MESSAGE_MAX = 4096
#: Generous allowance per level line for the number, separators and formatting tags around label and text.
LEVEL_LINE_OVERHEAD = 40
#: Generous allowance for what a renderer adds around a statement: progress ("12/24"), blank lines, tags.
MESSAGE_OVERHEAD = 300


def statement_message_budget() -> int:
    """The longest statement message the budgets allow: dimension title, text, hint and five level lines.

    Each level line shows the statement's anchor for that level or else the scale's description.
    """
    level_line = LEVEL_LABEL_MAX + max(ANCHOR_MAX, LEVEL_DESCRIPTION_MAX) + LEVEL_LINE_OVERHEAD
    return DIMENSION_TITLE_MAX + STATEMENT_TEXT_MAX + HINT_MAX + len(LEVELS) * level_line + MESSAGE_OVERHEAD


# --------------------------------------------------------------------------------------------- models


class _Model(BaseModel):
    """Unknown fields are errors (a typo like ``hnit`` must not vanish silently); texts are trimmed."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(_Model):
    """One text in every language of the bot."""

    de: str
    en: str

    @field_validator("de", "en")
    @classmethod
    def _not_empty(cls, value: str, info: Any) -> str:
        if not value:
            raise PydanticCustomError(
                "missing_translation",
                "missing {language} translation",
                {
                    "language": LANGUAGE_NAMES[info.field_name],
                    "language_key": f"catalogue.language.{info.field_name}",
                },
            )
        return value

    def get(self, lang: str) -> str:
        """The text in ``lang``; English for any other language the bot might meet."""
        return self.de if lang == "de" else self.en


def _slug(limit: int, why: str, why_key: str) -> AfterValidator:
    """An id that is safe in callback data, file names and logs: lowercase, digits, inner hyphens.

    ``why`` says what the limit is for (``why_key``: the same as a text key, for other languages)."""

    def check(value: str) -> str:
        if not value:
            raise PydanticCustomError("empty_id", "the id is empty")
        if not _SLUG.fullmatch(value):
            raise PydanticCustomError(
                "bad_id",
                'bad id "{id}": use only a-z, 0-9 and hyphens between them, like "lead-2"',
                {"id": value},
            )
        if len(value) > limit:
            raise PydanticCustomError(
                "id_too_long",
                'id "{id}" is {length} characters long; the limit is {limit} ({why})',
                {"id": value, "length": len(value), "limit": limit, "why": why, "why_key": why_key},
            )
        return value

    return AfterValidator(check)


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

_CALLBACK = "it goes into Telegram's 64-byte callback data"
CatalogueId = Annotated[
    str, _slug(CATALOGUE_ID_MAX, "a catalogue id is a short name", "catalogue.why.catalogue_id")
]
DimensionId = Annotated[str, _slug(DIMENSION_ID_MAX, _CALLBACK, "catalogue.why.callback")]
StatementId = Annotated[str, _slug(STATEMENT_ID_MAX, _CALLBACK, "catalogue.why.callback")]
#: Anchors are keyed by level; TOML keys are strings ("1"), which pydantic turns into numbers.
AnchorLevel = Annotated[int, Field(ge=LEVELS[0], le=LEVELS[-1])]


class Level(_Model):
    """One step of the generic scale, shown as a button label and a one-line description."""

    level: StrictInt
    label: Text
    description: Text

    @field_validator("level")
    @classmethod
    def _on_scale(cls, value: int) -> int:
        if value not in LEVELS:
            raise PydanticCustomError(
                "level_range", "level {level} is outside the scale: the levels are 1 to 5", {"level": value}
            )
        return value


class Dimension(_Model):
    """A group of statements; results are also summarised per dimension."""

    id: DimensionId
    title: Text
    description: Text


class Statement(_Model):
    """A declarative sentence about the company that each manager rates on the scale.

    ``anchors`` say what a level looks like for this statement; levels without an anchor fall back to the
    scale's generic description (see ``Catalogue.level_text``), so a catalogue may anchor only some levels.
    """

    id: StatementId
    dimension: str
    text: Text
    anchors: dict[AnchorLevel, Text] = Field(default_factory=dict)
    hint: Text | None = None

    def anchor(self, level: int) -> Text | None:
        return self.anchors.get(level)


class Catalogue(_Model):
    """A whole catalogue. Lookups by id are indexed once, since handlers do them on every answer."""

    id: CatalogueId
    title: Text
    version: str
    languages: list[str]
    description: Text | None = None
    scale: list[Level]
    dimensions: list[Dimension]
    statements: list[Statement]

    _dimensions: dict[str, Dimension] = PrivateAttr(default_factory=dict)
    _statements: dict[str, Statement] = PrivateAttr(default_factory=dict)
    _levels: dict[int, Level] = PrivateAttr(default_factory=dict)
    #: statement id -> its number (1..N) in the whole catalogue, kept by ``subset``
    _numbers: dict[str, int] = PrivateAttr(default_factory=dict)

    @field_validator("scale")
    @classmethod
    def _scale_in_order(cls, value: list[Level]) -> list[Level]:
        """Renderers list the levels as given; an editor may write them in any order."""
        return sorted(value, key=lambda lv: lv.level)

    @field_validator("version")
    @classmethod
    def _version_given(cls, value: str) -> str:
        if not value:
            raise PydanticCustomError("empty_version", "the version is empty")
        return value

    @field_validator("languages")
    @classmethod
    def _known_languages(cls, value: list[str], info: ValidationInfo) -> list[str]:
        """Both languages; a team's own catalogue may have one (``SINGLE_LANGUAGE`` in the context)."""
        single = bool(info.context and info.context.get(SINGLE_LANGUAGE))
        if single and not value:
            raise PydanticCustomError("languages_empty", 'names no language: "de", "en" or both')
        missing = [lang for lang in LANGUAGES if lang not in value]
        if missing and not (single and len(value) == 1 and value[0] in LANGUAGES):
            raise PydanticCustomError(
                "languages_missing",
                "must include {required} (missing: {missing})",
                {"required": " and ".join(f'"{x}"' for x in LANGUAGES), "missing": ", ".join(missing)},
            )
        unsupported = [lang for lang in value if lang not in LANGUAGES]
        if unsupported:
            raise PydanticCustomError(
                "language_unsupported",
                "unsupported language {languages}: texts can only be given in {supported}",
                {
                    "languages": ", ".join(f'"{x}"' for x in unsupported),
                    "supported": " and ".join(LANGUAGES),
                },
            )
        return value

    def model_post_init(self, context: Any, /) -> None:
        self._dimensions = {d.id: d for d in self.dimensions}
        self._statements = {s.id: s for s in self.statements}
        self._levels = {lv.level: lv for lv in self.scale}
        self._numbers = {s.id: n for n, s in enumerate(self.statements, start=1)}

    def subset(self, statement_ids: Iterable[str]) -> Catalogue:
        """The catalogue narrowed to some statements (a re-check round), in catalogue order, with the
        dimensions they belong to; statements keep their numbers in the whole catalogue, so "7" means the
        same statement in every report. Unknown ids are left out."""
        wanted = set(statement_ids)
        statements = [s for s in self.statements if s.id in wanted]
        used = {s.dimension for s in statements}
        narrowed = self.model_copy(
            update={"statements": statements, "dimensions": [d for d in self.dimensions if d.id in used]}
        )
        narrowed.model_post_init(None)
        narrowed._numbers = {s.id: self._numbers[s.id] for s in statements}
        return narrowed

    def number_of(self, statement_id: str) -> int | None:
        """The statement's number in the whole catalogue (1-based), as reports and the canvas show it."""
        return self._numbers.get(statement_id)

    def dimension(self, id: str) -> Dimension:
        """The dimension with this id; KeyError if the catalogue has none."""
        return self._dimensions[id]

    def statement(self, id: str) -> Statement:
        """The statement with this id; KeyError if the catalogue has none."""
        return self._statements[id]

    def level(self, n: int) -> Level:
        """The scale level ``n`` (1..5); KeyError otherwise."""
        return self._levels[n]

    def dimension_of(self) -> dict[str, str]:
        """Statement id -> dimension id, the shape the analysis takes."""
        return {s.id: s.dimension for s in self.statements}

    def statements_in(self, dimension_id: str) -> list[Statement]:
        """The statements of one dimension, in catalogue order."""
        return [s for s in self.statements if s.dimension == dimension_id]

    def level_text(self, statement_id: str, n: int) -> Text:
        """What level ``n`` means for this statement: its anchor, or else the scale's description."""
        return self.statement(statement_id).anchor(n) or self.level(n).description


# -------------------------------------------------------------------------------------------- problems

Severity = Literal["error", "warning"]

#: A location in the catalogue's document, as pydantic gives it: keys and 0-based list positions.
Loc = tuple[int | str, ...]


@dataclass(frozen=True)
class Place:
    """Where a problem is, so that a person finds it: a path of keys in the document (TOML), a line and
    column, a row and column name (CSV), or the whole file. Said in English or German by ``text``."""

    #: ``statements[4] (id "lead-1").text.en``: the keys as written, the same in every language
    path: str = ""
    line: int | None = None
    column: int | None = None
    #: a CSV record (the header row is row 1) and the name of its column
    row: int | None = None
    column_name: str | None = None
    #: "file", "end" (of document) or "directory": the place is the whole of it
    whole: str = ""

    def text(self, lang: str) -> str:
        if self.row is not None:
            if self.column_name is None:
                return t(lang, "catalogue.place.row", row=self.row)
            return t(lang, "catalogue.place.row_column", row=self.row, column=self.column_name)
        if self.line is not None:
            key = "catalogue.place.line_path" if self.path else "catalogue.place.line"
            return t(lang, key, line=self.line, column=self.column or 1, path=self.path)
        if self.whole:
            return t(lang, f"catalogue.place.{self.whole}")
        return self.path


@dataclass(frozen=True)
class CatalogueProblem:
    """One thing wrong in one file. Warnings do not stop loading; the ``check`` command still fails.

    ``place`` and ``message`` are English, as the command line prints them; ``code``, ``values`` and
    ``where`` say the same in any language (``describe``), as the bot does for an uploaded file.
    """

    file: str
    place: str
    message: str
    severity: Severity = "error"
    #: the message as ``catalogue.problem.<code>`` with its values; "" for a problem made without one
    code: str = ""
    values: tuple[tuple[str, object], ...] = ()
    where: Place | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def describe(self, lang: str, escape: Callable[[str], str] = str) -> tuple[str, str]:
        """(place, message) in ``lang``, each inserted value passed through ``escape`` (HTML for the bot)."""
        place = escape(self.where.text(lang) if self.where is not None else self.place)
        if not self.code:
            return place, escape(self.message)
        return place, _say(self.code, self.values, lang, escape)

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}: {self.place}: {prefix}{self.message}"


def problem(
    file: str, where: Place, code: str, severity: Severity = "error", /, **values: object
) -> CatalogueProblem:
    """A problem said by its code: the English place and message are made from the texts."""
    pairs = tuple(values.items())
    return CatalogueProblem(
        file, where.text("en"), _say(code, pairs, "en", str), severity, code=code, values=pairs, where=where
    )


def _say(code: str, values: Iterable[tuple[str, object]], lang: str, escape: Callable[[str], str]) -> str:
    """The message of ``code`` in ``lang``: a value that is a Place is said as one, a value named
    ``<name>_key`` is the text of that key filled with the other values (and fills ``{<name>}``); values
    are escaped, the text is not."""
    filled: dict[str, str] = {}
    plain: dict[str, str] = {}
    keys: dict[str, str] = {}
    for name, value in values:
        if name.endswith("_key"):
            keys[name[: -len("_key")]] = str(value)
        elif isinstance(value, Place):
            filled[name] = escape(value.text(lang))
        else:
            plain[name] = str(value)
            filled[name] = escape(plain[name])
    said = {name: escape(t(lang, key, **plain)) for name, key in keys.items()}
    return t(lang, f"catalogue.problem.{code}", **{**filled, **said})


class CatalogueError(Exception):
    """A catalogue could not be loaded; ``problems`` holds every problem found, one per line in ``str``."""

    def __init__(self, problems: Sequence[CatalogueProblem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


# ---------------------------------------------------------------------------------------------- loading


def builtin_questions_dir() -> Path:
    """The catalogues shipped in the package: ``bot/catalogues`` (in a checkout, a link to ``questions/``)."""
    folder = importlib.resources.files("bot") / "catalogues"
    return folder if isinstance(folder, Path) else Path(str(folder))


def operator_questions_dir() -> Path | None:
    """The folder named by ``MATURITY_QUESTIONS_DIR``, if it is set."""
    override = os.environ.get(QUESTIONS_DIR_ENV)
    return Path(override).expanduser() if override else None


def questions_dirs() -> list[Path]:
    """Where the bot's catalogues come from: the built-in ones, then the operator's folder."""
    operator = operator_questions_dir()
    return [builtin_questions_dir(), *([operator] if operator is not None else [])]


def catalogue_sources() -> tuple[list[Path], list[CatalogueProblem]]:
    """Every catalogue file of ``questions_dirs()``, and each folder that is missing or empty."""
    files: list[Path] = []
    problems: list[CatalogueProblem] = []
    for directory in questions_dirs():
        found, missing = catalogue_files(directory)
        files += found
        problems += missing
    return files, problems


def catalogue_files(directory: Path) -> tuple[list[Path], list[CatalogueProblem]]:
    """Every ``*.toml`` in ``directory``, sorted; a missing or empty directory is a problem."""
    shown = _display(directory)
    if not directory.is_dir():
        return [], [CatalogueProblem(shown, "directory", "does not exist or is not a directory")]
    files = sorted(directory.glob("*.toml"))
    if not files:
        return [], [CatalogueProblem(shown, "directory", "contains no catalogue (*.toml) files")]
    return files, []


def load_catalogue(path: Path) -> Catalogue:
    """One catalogue file, fully checked; raises CatalogueError with every error. Warnings are logged."""
    catalogues, problems = check_files([path])
    return _only_errors_raise(problems, catalogues)[0]


def load_catalogues(directory: Path | None = None) -> dict[str, Catalogue]:
    """Every catalogue in ``directory`` by id; by default the built-in ones and the operator's folder.

    Raises CatalogueError listing every error of every file (two files with one catalogue id included),
    so a broken deployment says all it needs fixed at once.
    """
    files, problems = catalogue_files(directory) if directory is not None else catalogue_sources()
    if problems:
        raise CatalogueError(problems)
    catalogues, problems = check_files(files)
    return {c.id: c for c in _only_errors_raise(problems, catalogues)}


def check_files(paths: Sequence[Path]) -> tuple[list[Catalogue], list[CatalogueProblem]]:
    """Check each file and the files together (catalogue ids must be unique).

    Returns the catalogues without errors (warnings allowed) and every problem found, in file order.
    """
    catalogues: list[Catalogue] = []
    problems: list[CatalogueProblem] = []
    first_file_of: dict[str, str] = {}
    for path in paths:
        catalogue, file_problems = _check_file(path)
        problems.extend(file_problems)
        if catalogue is None:
            continue
        shown = _display(path)
        if catalogue.id in first_file_of:
            problems.append(
                CatalogueProblem(
                    shown,
                    "id",
                    f'catalogue id "{catalogue.id}" is also used by {first_file_of[catalogue.id]}',
                )
            )
            continue
        first_file_of[catalogue.id] = shown
        catalogues.append(catalogue)
    return catalogues, problems


def _only_errors_raise(problems: list[CatalogueProblem], catalogues: list[Catalogue]) -> list[Catalogue]:
    errors = [p for p in problems if p.is_error]
    if errors:
        raise CatalogueError(errors)
    for warning in problems:
        logger.warning("catalogue %s", warning)
    return catalogues


def _display(path: Path) -> str:
    """Paths under the working directory are shown relative to it: shorter, and what the user typed."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


_TOML_POSITION = re.compile(
    r"^(?P<what>.*) \(at (?:line (?P<line>\d+), column (?P<column>\d+)|(?P<end>end of document))\)$"
)

#: Where a location of the document is for a person: the TOML path, or a CSV row and column.
Placer = Callable[[Loc], Place]


def _check_file(path: Path) -> tuple[Catalogue | None, list[CatalogueProblem]]:
    shown = _display(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [problem(shown, FILE, "cannot_read", reason=error.strerror or error)]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        return None, [problem(shown, FILE, "not_utf8", byte=error.start)]
    except tomllib.TOMLDecodeError as error:
        return None, [toml_syntax_problem(shown, error)]
    return check_document(data, shown)


FILE = Place(whole="file")


#: tomllib's messages (Python 3.11 to 3.13), each with the text that says it in every language; the
#: groups fill the text. A message not known here is shown as tomllib wrote it.
_TOML_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), name)
    for pattern, name in (
        (r"Cannot declare (?P<key>.+) twice", "declared_twice"),
        (r"Cannot mutate immutable namespace (?P<key>.+)", "immutable"),
        (r"Cannot overwrite a value", "overwrite"),
        (r"Cannot redefine namespace (?P<key>.+)", "redefine"),
        (r"Duplicate inline table key (?P<key>.+)", "duplicate_inline_key"),
        (r"Escaped character is not a Unicode scalar value", "bad_escape_char"),
        (r"Expected '=' after a key in a key/value pair", "expected_equals"),
        (r"Expected '\]' at the end of a table declaration", "expected_table_end"),
        (r"Expected '\]\]' at the end of an array declaration", "expected_array_end"),
        (r"Expected newline or end of document after a statement", "expected_line_end"),
        (r"Expected (?P<char>.+)", "expected"),
        (r"Found invalid character (?P<char>.+)", "invalid_character"),
        (r"Illegal character (?P<char>.+)", "illegal_character"),
        (r"Invalid date or datetime", "invalid_date"),
        (r"Invalid hex value", "invalid_hex"),
        (r"Invalid initial character for a key part", "invalid_key_start"),
        (r"Invalid statement", "invalid_statement"),
        (r"Invalid value", "invalid_value"),
        (r"Unclosed array", "unclosed_array"),
        (r"Unclosed inline table", "unclosed_inline_table"),
        (r"Unescaped '\\' in a string", "unescaped_backslash"),
        (r"Unterminated string", "unterminated_string"),
    )
)


def toml_syntax_problem(file: str, error: tomllib.TOMLDecodeError) -> CatalogueProblem:
    """tomllib's error with its line and column, said in the reader's language where the message is known."""
    match = _TOML_POSITION.match(str(error))
    what = str(error) if match is None else match["what"]
    where = FILE
    if match is not None:
        where = (
            Place(whole="end")
            if match["end"]
            else Place(line=int(match["line"]), column=int(match["column"]))
        )
    return problem(file, where, "toml_syntax", **parser_message(what, _TOML_MESSAGES, "catalogue.toml"))


def parser_message(what: str, known: Sequence[tuple[re.Pattern[str], str]], texts: str) -> dict[str, object]:
    """A parser's English message as a problem's values: the text ``<texts>.<name>`` of the first pattern
    that matches (its groups fill the text), so it can be said in any language; else the message as is."""
    for pattern, name in known:
        found = pattern.fullmatch(what)
        if found is not None:
            return {"what_key": f"{texts}.{name}", **found.groupdict()}
    return {"what": what}


def check_document(
    data: Mapping[str, Any],
    file: str,
    *,
    placer: Placer | None = None,
    single_language: bool = False,
) -> tuple[Catalogue | None, list[CatalogueProblem]]:
    """Both passes over a parsed document; the catalogue if it has no error, and every problem.

    ``placer`` says where a location is (default: the TOML path); ``single_language`` lets a catalogue
    name one language only (a team's own: see ``catalogue_io.fill_single_language``).
    """
    place = placer or (lambda loc: Place(path=toml_path(loc, data)))
    problems: list[CatalogueProblem] = []
    catalogue: Catalogue | None = None
    try:
        catalogue = Catalogue.model_validate(data, context={SINGLE_LANGUAGE: single_language})
    except ValidationError as error:
        for err in error.errors():
            code, values = _message(err)
            problems.append(problem(file, place(err["loc"]), code, **values))
    for loc, code, severity, values in _consistency(data):
        shown = {
            name: _short(place(value.loc)) if isinstance(value, _At) else value
            for name, value in values.items()
        }
        problems.append(problem(file, place(loc), code, severity, **shown))
    if any(p.is_error for p in problems):
        return None, problems
    return catalogue, problems


# ------------------------------------------------------------------------------ translating pydantic errors


def _item_label(section: str, index: int, item: object) -> str:
    """``[4] (id "lead-1")``: the position counted from 1 and, where it has one, the entry's id or level."""
    label = f"[{index + 1}]"
    if isinstance(item, dict):
        if isinstance(item.get("id"), str):
            label += f' (id "{item["id"]}")'
        elif section == "scale" and isinstance(item.get("level"), int):
            label += f" (level {item['level']})"
    return label


def toml_path(loc: tuple[int | str, ...], data: object) -> str:
    """A pydantic location as a path a person can find in the TOML file."""
    parts: list[str] = []
    node = data
    for key in loc:
        if key == "[key]":  # pydantic's marker for an invalid dict key; the key itself came just before
            continue
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            section = parts[-1] if parts else ""
            label = _item_label(section, key, item)
            if parts:
                parts[-1] += label
            else:
                parts.append(label)
            node = item
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts) if parts else "catalogue"


def _toml_kind(value: object) -> str:
    """The text key naming what kind of TOML value ``value`` is."""
    if isinstance(value, bool):
        return "catalogue.kind.bool"
    if isinstance(value, int):
        return "catalogue.kind.int"
    if isinstance(value, float):
        return "catalogue.kind.float"
    if isinstance(value, str):
        return "catalogue.kind.text"
    if isinstance(value, list):
        return "catalogue.kind.list"
    if isinstance(value, dict):
        return "catalogue.kind.table"
    return "catalogue.kind.datetime"


def _model_at(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """The model that a location points into, to name the fields it knows when one is unknown."""
    annotation: Any = Catalogue
    for key in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(key) if isinstance(key, str) else None
            if field is None:
                return None
            annotation = field.annotation
        elif get_origin(annotation) is list and isinstance(key, int):
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) is dict:
            annotation = get_args(annotation)[1]
        else:
            return None
    annotation = _unwrap(annotation)
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` to ``X``."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


#: pydantic's own error types (and ours, raised as PydanticCustomError) that are a problem code as they are
_OWN_CODES = {
    "missing_translation",
    "empty_id",
    "bad_id",
    "id_too_long",
    "level_range",
    "empty_version",
    "languages_missing",
    "languages_empty",
    "language_unsupported",
}


def _message(error: Any) -> tuple[str, dict[str, object]]:
    """A pydantic error as a sentence for someone editing TOML, not for a Python programmer: its code
    and values (``catalogue.problem.<code>`` in bot/texts)."""
    kind: str = error["type"]
    loc: tuple[int | str, ...] = error["loc"]
    value = error.get("input")
    if kind in _OWN_CODES:
        context = dict(error.get("ctx") or {})
        context.pop("why", None)
        context.pop("language", None)
        return kind, context
    if loc and loc[-1] == "[key]":
        key = loc[-2]
        if kind == "int_parsing":
            return "anchor_not_level", {"key": key}
        return "anchor_range", {"key": key}
    if kind == "missing":
        if loc and loc[-1] in LANGUAGE_NAMES:
            return "missing_translation", {"language_key": f"catalogue.language.{loc[-1]}"}
        return "missing_field", {}
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        if model is None:
            return "unknown_field", {"field": loc[-1]}
        return "unknown_field_known", {"field": loc[-1], "expected": ", ".join(model.model_fields)}
    if kind == "string_type":
        return "not_text", {"kind_key": _toml_kind(value)}
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if _model_at(loc) is Text:
            name = str(loc[-1]) if loc and isinstance(loc[-1], str) else "text"
            return "not_both_languages", {"name": name, "kind_key": _toml_kind(value)}
        return "not_table", {"kind_key": _toml_kind(value)}
    if kind == "list_type":
        name = next((str(k) for k in reversed(loc) if isinstance(k, str)), "entries")
        return "not_list", {"name": name, "kind_key": _toml_kind(value)}
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "not_whole_number", {"kind_key": _toml_kind(value)}
    return "other", {"detail": error["msg"]}


# --------------------------------------------------------------------------------------- consistency pass


@dataclass(frozen=True)
class _At:
    """A value of a problem that is another place in the document ("first at statements[1]")."""

    loc: Loc


#: (location, code, severity, values)
_Finding = tuple[Loc, str, Severity, dict[str, object]]


def _entries(data: Mapping[str, Any], section: str) -> list[tuple[Loc, dict[str, Any]]]:
    """The entries of a list section that are tables, each with its location; the rest pydantic reports."""
    entries = data.get(section)
    if not isinstance(entries, list):
        return []
    return [((section, i), item) for i, item in enumerate(entries) if isinstance(item, dict)]


def _consistency(data: Mapping[str, Any]) -> list[_Finding]:
    """Checks across entries, and text budgets: everything pydantic cannot see field by field."""
    findings: list[_Finding] = []
    findings += _scale_findings(data)
    dimension_ids = _unique_ids(_entries(data, "dimensions"), "dimension", findings)
    statements = _entries(data, "statements")
    _unique_ids(statements, "statement", findings)
    if isinstance(data.get("dimensions"), list) and not data["dimensions"]:
        findings.append((("dimensions",), "no_dimensions", "error", {}))
    if isinstance(data.get("statements"), list) and not data["statements"]:
        findings.append((("statements",), "no_statements", "error", {}))

    used: set[str] = set()
    known = ", ".join(dimension_ids)
    for loc, statement in statements:
        dimension = statement.get("dimension")
        if not isinstance(dimension, str):
            continue
        used.add(dimension)
        if dimension_ids and dimension not in dimension_ids:
            findings.append(
                ((*loc, "dimension"), "unknown_dimension", "error", {"dimension": dimension, "known": known})
            )
    for dimension_id, loc in dimension_ids.items():
        if dimension_id not in used:
            findings.append((loc, "unused_dimension", "warning", {}))

    findings += _length_findings(data)
    return findings


def _scale_findings(data: Mapping[str, Any]) -> list[_Finding]:
    if not isinstance(data.get("scale"), list):
        return []
    findings: list[_Finding] = []
    first_loc: dict[int, Loc] = {}
    for loc, entry in _entries(data, "scale"):
        level = entry.get("level")
        if not isinstance(level, int) or isinstance(level, bool) or level not in LEVELS:
            continue
        if level in first_loc:
            findings.append((loc, "level_twice", "error", {"level": level, "first": _At(first_loc[level])}))
        else:
            first_loc[level] = loc
    for level in LEVELS:
        if level not in first_loc:
            findings.append((("scale", f"level {level}"), "level_missing", "error", {}))
    return findings


def _unique_ids(
    entries: list[tuple[Loc, dict[str, Any]]], what: str, findings: list[_Finding]
) -> dict[str, Loc]:
    """Report repeated ids; return each id with the location of its first entry."""
    first_loc: dict[str, Loc] = {}
    for loc, entry in entries:
        entry_id = entry.get("id")
        if not isinstance(entry_id, str):
            continue
        if entry_id in first_loc:
            findings.append(
                (
                    (*loc, "id"),
                    f"duplicate_{what}_id",
                    "error",
                    {"id": entry_id, "first": _At(first_loc[entry_id])},
                )
            )
        else:
            first_loc[entry_id] = loc
    return first_loc


def _short(place: Place) -> Place:
    """A place named inside another problem's message: the path without its entry's id."""
    return replace(place, path=_position(place.path)) if place.path else place


def _position(place: str) -> str:
    """``statements[1] (id "a-1")`` to ``statements[1]``, where the id would only repeat itself."""
    return place.split(" (", 1)[0]


_TEXT = TypeAdapter(Text)


def _text_at(entry: Mapping[str, Any], key: str) -> Text | None:
    """A text that validates on its own; broken or absent ones are the structural pass's to report."""
    try:
        return _TEXT.validate_python(entry.get(key))
    except ValidationError:
        return None


def _too_long(loc: Loc, text: Text | None, limit: int, why: str) -> list[_Finding]:
    """``why``: the text key (``catalogue.why.<why>``) saying what the limit keeps the text fit for."""
    if text is None:
        return []
    return [
        (
            (*loc, lang),
            "too_long",
            "error",
            {"length": len(value), "limit": limit, "why_key": f"catalogue.why.{why}"},
        )
        for lang in LANGUAGES
        if len(value := text.get(lang)) > limit
    ]


def _length_findings(data: Mapping[str, Any]) -> list[_Finding]:
    findings: list[_Finding] = []
    findings += _too_long(("title",), _text_at(data, "title"), CATALOGUE_TITLE_MAX, "title")
    findings += _too_long(
        ("description",), _text_at(data, "description"), CATALOGUE_DESCRIPTION_MAX, "description"
    )
    for loc, entry in _entries(data, "scale"):
        findings += _too_long((*loc, "label"), _text_at(entry, "label"), LEVEL_LABEL_MAX, "label")
        findings += _too_long(
            (*loc, "description"), _text_at(entry, "description"), LEVEL_DESCRIPTION_MAX, "level_description"
        )
    for loc, entry in _entries(data, "dimensions"):
        findings += _too_long(
            (*loc, "title"), _text_at(entry, "title"), DIMENSION_TITLE_MAX, "dimension_title"
        )
        findings += _too_long(
            (*loc, "description"),
            _text_at(entry, "description"),
            DIMENSION_DESCRIPTION_MAX,
            "dimension_description",
        )
    for loc, entry in _entries(data, "statements"):
        findings += _too_long((*loc, "text"), _text_at(entry, "text"), STATEMENT_TEXT_MAX, "message")
        findings += _too_long((*loc, "hint"), _text_at(entry, "hint"), HINT_MAX, "message")
        anchors = entry.get("anchors")
        if isinstance(anchors, dict):
            for key in anchors:
                findings += _too_long((*loc, "anchors", key), _text_at(anchors, key), ANCHOR_MAX, "message")
    return findings
