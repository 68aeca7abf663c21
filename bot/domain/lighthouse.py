"""The lighthouse project: reading the admin's ``/lighthouse`` command and computing its review dates.

After prioritising, the team commits to one visible project that addresses its top priority, and checks
progress after 3, 6 and 12 months. An admin records it in the group as one message::

    /lighthouse Onboarding call for every new customer
    Goal: every new customer gets a call in their first week
    Owner: @anna
    Statements: 3, 7
    Reviews: 3, 6, 12

``parse_lighthouse`` reads the text after the command into a ``LighthouseDraft``; the handler resolves the
owner reference (a mention, a name, or the message replied to when no owner line is given), maps statement
numbers to ids (``statement_ids``) and stores it. ``review_dates`` turns review months into times.

The syntax, chosen so that people write it without reading a manual:

- The first non-blank line is the title (a leading ``Title:``/``Titel:`` is accepted and dropped). It may
  instead be ``title | goal`` on one line, the natural short form in a chat.
- Each further line is ``Key: value``; keys are case-insensitive and bilingual:
  ``Goal``/``Ziel``; ``Owner``/``Verantwortlich`` (also ``Verantwortliche``, ``Verantwortlicher``);
  ``Statements``/``Statement``/``Aussagen``/``Aussage``; ``Reviews``/``Review``/``Überprüfung``/
  ``Überprüfungen`` (also spelt ``Ueberpruefung``).
- Lines without a key continue the goal: right after the title they *are* the goal, after a ``Goal:`` line
  they extend it (kept as separate lines). Anywhere else they are an error, since guessing what they mean
  would store something the admin did not say.
- A line that starts with a single word and a colon (``Budget: …``) is an unknown key, reported as such, so a
  typo like ``Gaol:`` is named rather than swallowed into the goal. A goal line with a colon after several
  words or digits ("Phase 1: calls") is not mistaken for a key.
- Statement numbers are those of the report (1..N in catalogue order), separated by commas, semicolons,
  spaces, "&", "and" or "und", with or without ``#``: ``3, 7`` or ``#3 #7``. Review months are whole
  numbers 1..36 in the same form, with an optional unit after each or after the list (``3m, 6m``,
  ``3, 6, 12 months``/``Monate``). Both come back sorted and without repeats: their order carries no
  meaning.

The text is read in Unicode NFC, so a key typed with a combining accent is still a key.

Every mistake raises ``LighthouseSyntaxError`` with a ``code`` (``LighthouseErrorCode``), the offending
``value`` as written, and the ``limit`` where one was exceeded, so that the handler can answer with a
specific message in the group's language.

Limits: a title of at most 120 characters (it is a name shown in headings, reminders and the pinned summary,
and a poll question holds 300, so a title fits with room for context), a goal of at most 500 (as long as a
catalogue statement: a goal is one sentence or a few, and reminders stay far below Telegram's 4096), an
owner reference of at most 100 (a username has at most 32, a full name 64 + 64 characters, but nobody
writes such a name). Lengths are counted in characters (code points), like the catalogue's budgets: these
limits are ours, not Telegram's.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

#: How long an owner's status at a review may be, in characters.
MAX_STATUS_LENGTH = 1000

TITLE_MAX = 120
GOAL_MAX = 500
OWNER_MAX = 100
MONTHS_MIN = 1
MONTHS_MAX = 36

#: Reviews after 3, 6 and 12 months, as the method suggests.
DEFAULT_REVIEW_MONTHS: tuple[int, ...] = (3, 6, 12)


class LighthouseErrorCode(StrEnum):
    #: no text at all, or the first line is already a key
    TITLE_MISSING = "title_missing"
    #: ``limit`` = TITLE_MAX
    TITLE_TOO_LONG = "title_too_long"
    #: ``limit`` = GOAL_MAX
    GOAL_TOO_LONG = "goal_too_long"
    #: ``limit`` = OWNER_MAX
    OWNER_TOO_LONG = "owner_too_long"
    #: ``value`` = the key as written
    UNKNOWN_KEY = "unknown_key"
    #: a key given twice (or the goal both after "|" and as a line); ``value`` = the key as written
    DUPLICATE_KEY = "duplicate_key"
    #: a key without a value; ``value`` = the key as written
    EMPTY_VALUE = "empty_value"
    #: a line without a key after the owner, statements or reviews; ``value`` = the line
    UNEXPECTED_LINE = "unexpected_line"
    #: not a whole number, or outside 1..statement_count; ``value`` = the item, ``limit`` = N if known
    BAD_STATEMENT_NUMBER = "bad_statement_number"
    #: not a whole number, or outside 1..36; ``value`` = the item, ``limit`` = MONTHS_MAX
    BAD_MONTHS = "bad_months"


class LighthouseSyntaxError(ValueError):
    """The ``/lighthouse`` text could not be read; ``code`` says why, ``value`` what was wrong."""

    def __init__(self, code: LighthouseErrorCode, value: str | None = None, limit: int | None = None) -> None:
        self.code = code
        self.value = value
        self.limit = limit
        detail = f": {value!r}" if value is not None else ""
        bound = f" (limit {limit})" if limit is not None else ""
        super().__init__(f"{code}{detail}{bound}")


@dataclass(frozen=True)
class LighthouseDraft:
    """What the admin wrote, checked for form; the handler resolves the owner and the statement ids."""

    title: str
    #: the goal; several lines are joined by line breaks
    goal: str | None
    #: the owner as written ("@anna", "Anna Muster"); None: not given (the handler may use a reply)
    owner_ref: str | None
    #: statement numbers as in the report (1..N), ascending, without repeats; empty if none were given
    statements: tuple[int, ...]
    #: review months, ascending, without repeats; None: not given (use DEFAULT_REVIEW_MONTHS)
    review_months: tuple[int, ...] | None


class _Field(StrEnum):
    TITLE = "title"
    GOAL = "goal"
    OWNER = "owner"
    STATEMENTS = "statements"
    REVIEWS = "reviews"


_KEYS: dict[str, _Field] = {
    "title": _Field.TITLE,
    "titel": _Field.TITLE,
    "goal": _Field.GOAL,
    "ziel": _Field.GOAL,
    "owner": _Field.OWNER,
    "verantwortlich": _Field.OWNER,
    "verantwortliche": _Field.OWNER,
    "verantwortlicher": _Field.OWNER,
    "statements": _Field.STATEMENTS,
    "statement": _Field.STATEMENTS,
    "aussagen": _Field.STATEMENTS,
    "aussage": _Field.STATEMENTS,
    "reviews": _Field.REVIEWS,
    "review": _Field.REVIEWS,
    "überprüfung": _Field.REVIEWS,
    "überprüfungen": _Field.REVIEWS,
    "ueberpruefung": _Field.REVIEWS,
    "ueberpruefungen": _Field.REVIEWS,
}

#: "Key: value" where the key is one word of letters (hyphens inside allowed): anything else is text.
_KEY_LINE = re.compile(r"(?P<key>[^\W\d_]+(?:-[^\W\d_]+)*)\s*:(?!//)(?P<value>.*)", re.DOTALL)
_LIST_SEPARATORS = re.compile(r"(?:[\s,;&]|\band\b|\bund\b)+", re.IGNORECASE)
_MONTH_UNIT = re.compile(r"months?|monate?n?|mon\.?|mo\.?|m", re.IGNORECASE)
_NUMBER_WITH_UNIT = re.compile(r"^(\d+)(?:months?|monate?n?|mon\.?|mo\.?|m)$", re.IGNORECASE)


def parse_lighthouse(text: str, *, statement_count: int | None = None) -> LighthouseDraft:
    """Read the text after ``/lighthouse`` (see the module docstring for the syntax).

    ``statement_count`` is N, the number of statements in the report the numbers refer to; when given,
    numbers above it are refused here, so the admin hears about a typo at once. Raises
    ``LighthouseSyntaxError``.
    """
    # NFC first: "Ü" typed as "U" and a combining diaeresis must still make the key "Überprüfung"
    lines = [unicodedata.normalize("NFC", line).strip() for line in text.strip().splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise LighthouseSyntaxError(LighthouseErrorCode.TITLE_MISSING)

    title, goal_lines = _title_line(lines[0])
    values: dict[_Field, str] = {}
    goal_open = True  # keyless lines belong to the goal until another key is given
    for line in lines[1:]:
        found = _key(line, strict=True)
        if found is None:
            if not goal_open:
                raise LighthouseSyntaxError(LighthouseErrorCode.UNEXPECTED_LINE, line)
            goal_lines.append(line)
            continue
        written, field, value = found
        if field is _Field.TITLE or field in values or (field is _Field.GOAL and goal_lines):
            raise LighthouseSyntaxError(LighthouseErrorCode.DUPLICATE_KEY, written)
        if not value:
            raise LighthouseSyntaxError(LighthouseErrorCode.EMPTY_VALUE, written)
        goal_open = field is _Field.GOAL
        if field is _Field.GOAL:
            goal_lines.append(value)
        else:
            values[field] = value

    goal = "\n".join(goal_lines) or None
    if goal is not None and len(goal) > GOAL_MAX:
        raise LighthouseSyntaxError(LighthouseErrorCode.GOAL_TOO_LONG, goal, GOAL_MAX)
    owner = values.get(_Field.OWNER)
    if owner is not None and len(owner) > OWNER_MAX:
        raise LighthouseSyntaxError(LighthouseErrorCode.OWNER_TOO_LONG, owner, OWNER_MAX)
    statements: tuple[int, ...] = ()
    if _Field.STATEMENTS in values:
        statements = _numbers(
            values[_Field.STATEMENTS], LighthouseErrorCode.BAD_STATEMENT_NUMBER, 1, statement_count
        )
    months = None
    if _Field.REVIEWS in values:
        months = _numbers(
            values[_Field.REVIEWS], LighthouseErrorCode.BAD_MONTHS, MONTHS_MIN, MONTHS_MAX, units=True
        )
    return LighthouseDraft(title, goal, owner, statements, months)


def _title_line(line: str) -> tuple[str, list[str]]:
    """The title and the goal's first line (from "title | goal") of the first line.

    Only a known key counts here: "Onboarding: a call in week one" is a title, not an unknown key.
    """
    found = _key(line, strict=False)
    if found is not None:
        if found[1] is not _Field.TITLE:
            raise LighthouseSyntaxError(LighthouseErrorCode.TITLE_MISSING)
        line = found[2]
    title, bar, inline_goal = line.partition("|")
    title = " ".join(title.split())
    if not title:
        raise LighthouseSyntaxError(LighthouseErrorCode.TITLE_MISSING)
    if len(title) > TITLE_MAX:
        raise LighthouseSyntaxError(LighthouseErrorCode.TITLE_TOO_LONG, title, TITLE_MAX)
    if bar and not inline_goal.strip():
        raise LighthouseSyntaxError(LighthouseErrorCode.EMPTY_VALUE, "|")
    return title, [" ".join(inline_goal.split())] if bar else []


def _key(line: str, *, strict: bool) -> tuple[str, _Field, str] | None:
    """(key as written, field, value) for a "Key: value" line; None for a line of plain text.

    With ``strict``, a single word before a colon that is no key raises UNKNOWN_KEY (a typo like "Gaol:"),
    see the module docstring; without, such a line is plain text.
    """
    match = _KEY_LINE.fullmatch(line)
    if match is None:
        return None
    written = match["key"]
    field = _KEYS.get(written.casefold())
    if field is None:
        if strict:
            raise LighthouseSyntaxError(LighthouseErrorCode.UNKNOWN_KEY, written)
        return None
    return written, field, " ".join(match["value"].split())


def _numbers(
    text: str, code: LighthouseErrorCode, low: int, high: int | None, *, units: bool = False
) -> tuple[int, ...]:
    """Whole numbers in ``low..high``, each with an optional "#", separated as the module docstring says.

    With ``units``, a month unit may follow each number or the list ("3m, 6m", "3, 6, 12 Monate").
    """
    found: set[int] = set()
    for item in _LIST_SEPARATORS.split(text.strip()):
        if not item or (units and _MONTH_UNIT.fullmatch(item)):
            continue
        digits = item.removeprefix("#")
        if units:
            digits = _NUMBER_WITH_UNIT.sub(r"\1", digits)
        if not (digits.isascii() and digits.isdigit()):
            raise LighthouseSyntaxError(code, item, high)
        number = int(digits)
        if number < low or (high is not None and number > high):
            raise LighthouseSyntaxError(code, item, high)
        found.add(number)
    if not found:
        raise LighthouseSyntaxError(code, text, high)
    return tuple(sorted(found))


def statement_ids(numbers: Sequence[int], statement_order: Sequence[str]) -> tuple[str, ...]:
    """Report numbers (1..N) to statement ids; ``statement_order`` is the catalogue's statement ids in order.

    Raises ``LighthouseSyntaxError`` (BAD_STATEMENT_NUMBER) for a number outside 1..N, for handlers that
    parsed without ``statement_count``.
    """
    out = []
    for number in numbers:
        if not 1 <= number <= len(statement_order):
            raise LighthouseSyntaxError(
                LighthouseErrorCode.BAD_STATEMENT_NUMBER, str(number), len(statement_order)
            )
        out.append(statement_order[number - 1])
    return tuple(out)


# ------------------------------------------------------------------------------------------ review dates


def review_dates(start: float, months: Sequence[int], tz: str) -> tuple[float, ...]:
    """Unix times of the reviews ``months`` calendar months after ``start``, in the input's order.

    Calendar arithmetic in the time zone ``tz`` (an IANA name for ``zoneinfo``): the local date moves by
    whole months, the day is clamped to the length of the target month (31 January + 1 month = 28 or
    29 February), and the local time of day stays, across daylight saving changes, so a project recorded
    at 10:00 in winter is reviewed at 10:00 in summer. A local time that does not exist on the target day
    (inside a spring-forward gap) is read with the offset before the gap, i.e. it moves one hour later; an
    ambiguous one (a fall-back hour) is its first occurrence. Both are Python's ``fold=0`` rules.

    Raises ``ValueError`` for a month count below 1 and ``zoneinfo.ZoneInfoNotFoundError`` for an unknown
    time zone.
    """
    zone = ZoneInfo(tz)
    local = datetime.fromtimestamp(start, UTC).astimezone(zone)
    out = []
    for count in months:
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"review months must be whole numbers ≥ 1, got {count!r}")
        month_index = local.month - 1 + count
        year, month = local.year + month_index // 12, month_index % 12 + 1
        day = min(local.day, calendar.monthrange(year, month)[1])
        target = local.replace(year=year, month=month, day=day, fold=0)
        out.append(target.timestamp())
    return tuple(out)
