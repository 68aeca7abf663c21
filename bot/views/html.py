"""Telegram HTML: the ``View`` every message is, escaping (``escape``, ``th``), and the results and
captions packed to fit Telegram's limits: escaped, balanced, and split.

Telegram counts a message's length *after* parsing its entities, in UTF-16 code units: 4096 for a text
message, 1024 for a photo caption. A report is usually longer than one message, so ``render_html`` packs
its blocks into as few messages as fit, never splitting a block. Only a block that alone is too long (a
statement with very long comments) is split, at a line break if possible, else between words, else between
characters; each part gets its own opening and closing tags, so every message is well-formed HTML and
nothing is ever cut off.

Every text is escaped here (``&``, ``<``, ``>``); styles are the only markup. Two more limits are kept,
both conservatively: the raw HTML of a message stays below ``RAW_FACTOR`` times the limit (text made of
``&`` and ``<`` grows five- and fourfold when escaped, and Telegram has refused very long raw texts with
"Entities_too_long"), and a message carries at most ``MAX_ENTITIES`` formatted stretches (Telegram
ignores the formatting of any after the 100th).

Rendering is deterministic: the bot records how many parts of a report it has posted and resumes after a
restart with the next one, which only works if the same report always yields the same parts.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from bot.domain.results import HEADING_SEPARATOR, SECTION_SEPARATOR, Line, Report, Style
from bot.domain.text import ELLIPSIS, utf16_len
from bot.texts import t

if TYPE_CHECKING:
    from telegram import InlineKeyboardMarkup

TELEGRAM_MESSAGE_LIMIT = 4096
TELEGRAM_CAPTION_LIMIT = 1024
#: The raw HTML of a part may be at most this many times the visible limit.
RAW_FACTOR = 2
#: Telegram silently drops the formatting of every entity after the 100th in a message.
MAX_ENTITIES = 100
#: Below this a single escaped character in code style might not fit a part: a caller's mistake.
MIN_LIMIT = 16

_TAGS: dict[Style, tuple[str, str]] = {
    Style.PLAIN: ("", ""),
    Style.BOLD: ("<b>", "</b>"),
    Style.ITALIC: ("<i>", "</i>"),
    Style.CODE: ("<code>", "</code>"),
}

#: A stretch of text in one style.
Run = tuple[str, Style]


def escape(text: str) -> str:
    """Escape text for Telegram HTML, which needs ``&``, ``<`` and ``>`` escaped and nothing else."""
    return html.escape(text, quote=False)


def th(lang: str, key: str, /, **values: object) -> str:
    """``t()`` with every value HTML-escaped: texts may hold markup, values never do."""
    return t(lang, key, **{name: escape(str(value)) for name, value in values.items()})


@dataclass(frozen=True)
class View:
    """A message as the bot sends it: HTML text and an optional inline keyboard.

    The keyboard is python-telegram-bot's plain ``InlineKeyboardMarkup``; this module does not import it,
    so that the chart worker, which renders text and pictures with the views, never loads Telegram's library.
    """

    text: str
    keyboard: InlineKeyboardMarkup | None = None
    #: the keyboard's JSON object when it is already known (a keyboard shared by many views)
    known_markup: dict[str, Any] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def markup(self) -> dict[str, Any] | None:
        """The keyboard as the Bot API's JSON object, converted once for a view that is sent many times."""
        if self.known_markup is not None:
            return self.known_markup
        return None if self.keyboard is None else self.keyboard.to_dict()


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(html_text: str) -> str:
    """What Telegram shows of a message: the text without tags, entities decoded."""
    collector = _TextCollector()
    collector.feed(html_text)
    collector.close()
    return "".join(collector.parts)


def count_visible(html_text: str) -> int:
    """The length Telegram checks against its limits (UTF-16 code units of the visible text)."""
    return utf16_len(visible_text(html_text))


# -------------------------------------------------------------------------------------------- measuring


@dataclass(frozen=True)
class _Budget:
    visible: int
    raw: int
    entities: int


@dataclass(frozen=True)
class _Size:
    """What a part uses of a budget, and the style it ends in (a following run of that style shares tags)."""

    visible: int = 0
    raw: int = 0
    entities: int = 0
    last: Style | None = None

    def plus(self, runs: Sequence[Run]) -> _Size:
        """The size after appending ``runs``, exactly as ``_to_html`` will render them."""
        visible, raw, entities, last = self.visible, self.raw, self.entities, self.last
        for text, style in runs:
            if not text:
                continue
            visible += utf16_len(text)
            raw += len(escape(text))
            if style is not last:
                if style is not Style.PLAIN:
                    entities += 1
                    raw += len(_TAGS[style][0]) + len(_TAGS[style][1])
                last = style
        return _Size(visible, raw, entities, last)

    def within(self, budget: _Budget) -> bool:
        return self.visible <= budget.visible and self.raw <= budget.raw and self.entities <= budget.entities


def _to_html(runs: Sequence[Run]) -> str:
    """Runs as HTML: neighbouring runs of one style share a tag pair; every tag is closed again."""
    merged: list[Run] = []
    for text, style in runs:
        if not text:
            continue
        if merged and merged[-1][1] is style:
            merged[-1] = (merged[-1][0] + text, style)
        else:
            merged.append((text, style))
    return "".join(f"{_TAGS[style][0]}{escape(text)}{_TAGS[style][1]}" for text, style in merged)


# ---------------------------------------------------------------------------------------------- packing

_LINES, _WORDS, _CHARACTERS, _NOTHING = 0, 1, 2, 3


@dataclass(frozen=True)
class _Item:
    """One unit to pack: its runs, what stands before it when it follows something, and how to split it."""

    separator: Sequence[Run]
    runs: Sequence[Run]
    #: the items it is made of (a list: its entries), used when it is too big for one part
    children: Sequence[_Item] | None = None
    #: without children: split into lines, else words, else characters
    level: int = _LINES

    def split(self) -> list[_Item]:
        return list(self.children) if self.children is not None else _split(self.runs, self.level)


def _pack(items: Sequence[_Item], budget: _Budget) -> list[list[Run]]:
    """Greedily fill parts with whole items; an item that alone is too big is split into smaller ones.

    The separator between two parts is dropped (Telegram trims each message anyway); an oversized item
    starts a part of its own so that its pieces stay together.
    """
    parts: list[list[Run]] = []
    current: list[Run] = []
    used = _Size()
    for item in items:
        if current:
            joined = used.plus(item.separator).plus(item.runs)
            if joined.within(budget):
                current += [*item.separator, *item.runs]
                used = joined
                continue
            parts.append(current)
            current = []
        if all(text.isspace() for text, _style in item.runs):
            continue  # a part must not start with blank space: Telegram trims it and refuses empty messages
        alone = _Size().plus(item.runs)
        if alone.within(budget):
            current, used = list(item.runs), alone
            continue
        pieces = _pack(item.split(), budget)
        parts.extend(pieces[:-1])
        current = pieces[-1]
        used = _Size().plus(current)
    if current:
        parts.append(current)
    return parts


_TOKEN = re.compile(r"\s+|\S+")
_NEWLINE: tuple[Run, ...] = (("\n", Style.PLAIN),)


def _split(runs: Sequence[Run], level: int) -> list[_Item]:
    """An oversized unit as smaller items: lines, else words (with the blanks before), else characters."""
    if level == _LINES:
        lines: list[list[Run]] = [[]]
        for text, style in runs:
            for i, piece in enumerate(text.split("\n")):
                if i:
                    lines.append([])
                if piece:
                    lines[-1].append((piece, style))
        return [_Item(() if i == 0 else _NEWLINE, line, level=_WORDS) for i, line in enumerate(lines)]
    if level == _WORDS:
        items: list[_Item] = []
        blank: list[Run] = []
        word: list[Run] = []
        for text, style in runs:
            for token in _TOKEN.findall(text):
                if token.isspace():
                    if word:
                        items.append(_Item(blank, word, level=_CHARACTERS))
                        blank, word = [], []
                    blank.append((token, style))
                else:
                    word.append((token, style))
        if word:
            items.append(_Item(blank, word, level=_CHARACTERS))
        return items
    if level == _CHARACTERS:
        return [_Item((), ((char, style),), level=_NOTHING) for text, style in runs for char in text]
    raise ValueError("a single character does not fit into a message: the limit is too small")


def _section_items(report: Report) -> list[_Item]:
    """Each block is one item, a list section (compact) one item of its entries; a section's heading
    travels with its first block, so that it never stands alone at the end of a message.
    """
    items: list[_Item] = []
    for section in report.sections:
        separator: tuple[Run, ...] = ((SECTION_SEPARATOR, Style.PLAIN),) if items else ()
        heading: list[Run] = [(section.heading, Style.BOLD)]
        blocks = [runs for runs in (_block_runs(block.lines) for block in section.blocks) if runs]
        if not blocks:
            items.append(_Item(separator, heading))
            continue
        between: tuple[Run, ...] = ((section.separator, Style.PLAIN),)
        entries = [_Item((), [*heading, (HEADING_SEPARATOR, Style.PLAIN), *blocks[0]])]
        entries += [_Item(between, runs) for runs in blocks[1:]]
        if section.compact:
            runs = [
                run
                for i, entry in enumerate(entries)
                for run in (*(entry.separator if i else ()), *entry.runs)
            ]
            items.append(_Item(separator, runs, children=entries))
        else:
            items.append(_Item(separator, entries[0].runs))
            items += entries[1:]
    return items


def _block_runs(lines: Sequence[Line]) -> list[Run]:
    runs: list[Run] = []
    for i, line in enumerate(lines):
        if i:
            runs.append(("\n", Style.PLAIN))
        runs += [(span.text, span.style) for span in line if span.text]
    return runs


def render_html(report: Report, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """The report as Telegram HTML messages (parse_mode HTML), each within ``limit`` visible characters.

    Joined, the parts' visible texts give ``report_plain_text(report)`` up to the blank space at the cuts.
    """
    if limit < MIN_LIMIT:
        raise ValueError(f"limit {limit} is below {MIN_LIMIT}")
    budget = _Budget(limit, RAW_FACTOR * limit, MAX_ENTITIES)
    return [_to_html(part) for part in _pack(_section_items(report), budget)]


def pack_blocks(blocks: Sequence[str], limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """Telegram HTML blocks (each line balanced on its own) packed into as few messages as fit.

    Blocks are joined with a blank line and never split while one fits into a message; a block too long
    for one is split between its lines. Used for texts composed of lines of static markup and escaped
    values (the reasons), where ``render_html``'s structured report does not apply.
    """
    parts: list[str] = []
    current = ""
    for block in blocks:
        pieces = [block] if count_visible(block) <= limit else block.split("\n")
        for index, piece in enumerate(pieces):
            separator = "\n\n" if index == 0 else "\n"
            joined = f"{current}{separator}{piece}" if current else piece
            if count_visible(joined) <= limit and len(joined) <= RAW_FACTOR * limit:
                current = joined
                continue
            if current:
                parts.append(current)
            current = piece
    if current:
        parts.append(current)
    return parts


# --------------------------------------------------------------------------------------------- captions


@dataclass(frozen=True)
class _Tag:
    name: str
    attrs: tuple[tuple[str, str | None], ...]

    def opening(self) -> str:
        attrs = "".join(
            f" {key}" if value is None else f' {key}="{html.escape(value, quote=True)}"'
            for key, value in self.attrs
        )
        return f"<{self.name}{attrs}>"


class _RunCollector(HTMLParser):
    """Telegram HTML as text runs, each with the tags open around it (they may nest)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Tag] = []
        self.runs: list[tuple[str, tuple[_Tag, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(_Tag(tag, tuple(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].name == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        self.runs.append((data, tuple(self.stack)))


def render_caption(html_text: str, limit: int = TELEGRAM_CAPTION_LIMIT) -> str:
    """A photo caption, given as Telegram HTML (static markup, escaped values, as ``th`` makes).

    Returned unchanged when it fits. A longer one is shortened at a word boundary and ends with "…", with
    its tags closed: a caption is only a label for a chart whose content the report gives in full, and
    Telegram would refuse the photo rather than cut the caption.
    """
    if count_visible(html_text) <= limit:
        return html_text
    collector = _RunCollector()
    collector.feed(html_text)
    collector.close()
    room = limit - utf16_len(ELLIPSIS)
    text = "".join(data for data, _tags in collector.runs)
    keep = _prefix_within(text, room)
    cut = text[:keep].rstrip()
    boundary = max(cut.rfind(" "), cut.rfind("\n"))
    if boundary > len(cut) * 3 // 4:
        cut = cut[:boundary].rstrip()
    out: list[str] = []
    remaining = len(cut)
    last_tags: tuple[_Tag, ...] = ()
    for data, run_tags in collector.runs:
        if remaining <= 0:
            break
        piece = data[:remaining]
        remaining -= len(piece)
        out.append(_wrap(escape(piece), run_tags))
        last_tags = run_tags
    out.append(_wrap(ELLIPSIS, last_tags))
    return "".join(out)


def _wrap(escaped: str, tags: Sequence[_Tag]) -> str:
    return (
        "".join(tag.opening() for tag in tags) + escaped + "".join(f"</{tag.name}>" for tag in reversed(tags))
    )


def _prefix_within(text: str, units: int) -> int:
    """How many characters of ``text`` fit into ``units`` UTF-16 code units."""
    used = 0
    for i, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > units:
            return i
    return len(text)
