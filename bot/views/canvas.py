"""The Customer Centricity Canvas drawn as one page: a PNG for phones and the same layout as an A4 PDF.

The content (``bot.domain.canvas``) arrives finished, in the group's language; this module only lays it
out. Like ``bot.charts`` it uses matplotlib's object API (a private ``Figure`` and the Agg canvas, never
``pyplot``), so it is safe in a worker thread, and it places everything at computed pixel positions, so
the bytes depend on the content only.

The PNG is 1080 px wide, the width of most phone screens, and at most 2340 px tall (a 19.5:9 screen), so
Telegram's viewer shows the whole canvas at full width without shrinking it; the body text is 28 px. The
PDF is an A4 page laid out by the same code on a 1600 px wide grid (28 px ≈ 10.4 pt on paper), in vector
form with embedded DejaVu Sans glyphs.

A page has room for a few items per section only. Instead of overflowing, the layout gives way in steps:
statements take up to three lines while the longest sections drop their last items (a "+ N more" line
says how many) down to two each; then statements take two lines, then sections go down to one item, then
statements to one line (an ellipsis ends a shortened text; the figure after it always stays visible).
Items are given back while they fit. Every section keeps at least its first item, which for the ranked
lists (weaknesses, priorities) is the one that matters most, and the lighthouse is never cut.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Literal

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyBboxPatch, Rectangle

from bot.domain.canvas import CanvasContent, CanvasItem, CanvasSection, CanvasSectionKind
from bot.texts import t
from bot.views.png import palette_png

__all__ = ["PDF_WIDTH", "PNG_MAX_HEIGHT", "PNG_WIDTH", "render_canvas"]

# --------------------------------------------------------------------------------------------- geometry

PNG_WIDTH = 1080
#: 1080 × 2340 is a 19.5:9 phone screen: a canvas no taller is shown whole at full width
PNG_MAX_HEIGHT = 2340
PNG_DPI = 144

#: the PDF's layout grid: A4 portrait at this many px across
PDF_WIDTH = 1600
A4_INCHES = (8.2677, 11.6929)
PDF_HEIGHT = round(PDF_WIDTH * A4_INCHES[1] / A4_INCHES[0])

FONT = "DejaVu Sans"  # matplotlib's bundled font: umlauts, Ø, α, ≠, the ellipsis and the dashes
MARGIN = 36
CARD_GAP = 18
CARD_PAD_X = 26
CARD_PAD_Y = 20
ACCENT_W = 10
RADIUS = 18
BADGE_W = 58
BADGE_GAP = 16
ITEM_GAP = 12
DETAIL_GAP = 4  # between the lighthouse's details, which read as one block
LINE = 1.3  # line height as a multiple of the font size

# font sizes in px on the layout grid
SIZE_EYEBROW = 24
SIZE_TITLE = 44
SIZE_SUBTITLE = 28
SIZE_INDEX = 88
SIZE_CAPTION = 28
SIZE_HEADING = 34
SIZE_NOTE = 26
SIZE_BODY = 28
SIZE_LIGHTHOUSE = 32
SIZE_BADGE = 26
SIZE_FOOTER = 24

# colours
INK = "#1a1a1a"
MUTED = "#5f6368"
NAVY = "#1f3a5f"
NAVY_SOFT = "#c9d6e6"
WHITE = "#ffffff"

ELLIPSIS = "…"

SOFT_MIN_ITEMS = 2


@dataclass(frozen=True)
class _Style:
    """A section's colours: the accent (bar, badges), a light tint for the card and a dark ink for text."""

    accent: str
    tint: str
    ink: str
    badge_ink: str = WHITE


STYLES: dict[CanvasSectionKind, _Style] = {
    CanvasSectionKind.STRENGTHS: _Style("#2e7d32", "#eaf5eb", "#1b5e20"),
    CanvasSectionKind.WEAKNESSES: _Style("#d84315", "#fcece7", "#a8320e"),
    CanvasSectionKind.DISPUTED: _Style("#f2a900", "#fff6df", "#7a5200", badge_ink="#3b2a00"),
    CanvasSectionKind.BELIEFS: _Style("#5d4037", "#f3eeeb", "#3e2723"),
    CanvasSectionKind.PRIORITIES: _Style("#1565c0", "#e7f0fb", "#0d47a1"),
    CanvasSectionKind.LIGHTHOUSE: _Style("#00838f", "#e2f4f6", "#005f66"),
    CanvasSectionKind.COMPETENCES: _Style("#6a1b9a", "#f3e8f7", "#4a148c"),
}

#: sections left out while they have nothing to show
OPTIONAL = frozenset({CanvasSectionKind.BELIEFS})
#: sections never cut to "+ N more": the lighthouse is one project with its details
WHOLE = frozenset({CanvasSectionKind.LIGHTHOUSE})
#: items a section keeps before statements are shortened; the competences are a short list the caller
#: chose by count, one line each, and keep three
SOFT_FLOOR: dict[CanvasSectionKind, int] = {CanvasSectionKind.COMPETENCES: 3}

#: when a section must give up an item, the one lowest here gives first (of the longest sections)
KEEP_RANK: dict[CanvasSectionKind, int] = {
    CanvasSectionKind.LIGHTHOUSE: 7,
    CanvasSectionKind.PRIORITIES: 6,
    CanvasSectionKind.WEAKNESSES: 5,
    CanvasSectionKind.DISPUTED: 4,
    CanvasSectionKind.BELIEFS: 3,
    CanvasSectionKind.COMPETENCES: 2,
    CanvasSectionKind.STRENGTHS: 1,
}


def _step(size: float) -> float:
    return size * LINE


def _gap(section: CanvasSection) -> float:
    return DETAIL_GAP if section.kind is CanvasSectionKind.LIGHTHOUSE else ITEM_GAP


# --------------------------------------------------------------------------------------------- the page

#: a character's advance in layout px by (character, size px, weight, dpi), shared by every page: the same
#: inputs always measure the same, so threads that race to fill an entry store the same number
_ADVANCES: dict[tuple[str, float, str, float], float] = {}


class _Page:
    """A figure whose single axes maps data coordinates 1:1 to layout pixels, origin top left.

    Sizes are given in layout pixels and converted to points for the figure's dpi, so one layout serves
    the PNG (1 layout px = 1 image px) and the A4 PDF (the grid scaled onto the page). Text is measured
    with the Agg renderer at that dpi; a character's advance is measured once per process and summed,
    which errs on the wide side (kerning only narrows DejaVu Sans), so wrapped lines never overrun.
    """

    def __init__(self, width: int, dpi: float) -> None:
        self.width = width
        self.dpi = dpi
        self.fig = Figure(figsize=(width / dpi, 1000 / dpi), dpi=dpi, facecolor=WHITE)
        self._agg = FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0.0, 0.0, 1.0, 1.0))
        self.ax.set_axis_off()
        self._renderer = self._agg.get_renderer()
        self._props: dict[tuple[float, str, str], FontProperties] = {}

    def pt(self, px: float) -> float:
        """Layout pixels to typographic points (font sizes, line widths)."""
        return px * 72 / self.dpi

    def font(self, size: float, weight: str = "normal", style: str = "normal") -> FontProperties:
        key = (size, weight, style)
        if key not in self._props:
            self._props[key] = FontProperties(family=FONT, size=self.pt(size), weight=weight, style=style)
        return self._props[key]

    def measure(self, text: str, size: float, weight: str = "normal") -> float:
        return sum(self._advance(ch, size, weight) for ch in text)

    def _advance(self, ch: str, size: float, weight: str) -> float:
        key = (ch, size, weight, self.dpi)
        if key not in _ADVANCES:
            prop = self.font(size, weight)
            measure = self._renderer.get_text_width_height_descent
            # between two bars, so a space counts with its advance, not its (empty) ink
            with_char, _, _ = measure(f"|{ch}|", prop, ismath=False)
            without, _, _ = measure("||", prop, ismath=False)
            _ADVANCES[key] = max(float(with_char - without), 0.0)
        return _ADVANCES[key]

    def fit(self, text: str, width: float, size: float, weight: str = "normal", suffix: str = "") -> str:
        """The longest prefix of ``text`` that fits ``width`` with ``suffix`` appended (at least 1 char)."""
        lo, hi = 1, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.measure(text[:mid] + suffix, size, weight) <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[: max(lo, 1)]

    def wrap(
        self,
        text: str,
        width: float,
        size: float,
        weight: str = "normal",
        max_lines: int = 2,
        first_width: float | None = None,
    ) -> list[str]:
        """Greedy word wrap; the first line may be narrower; text left over ends the last line with "…".

        Only plain spaces and line breaks separate words: a no-break space keeps "α = 0,81" together.
        """
        words = [word for word in text.replace("\n", " ").split(" ") if word]
        lines: list[str] = []
        current = ""
        i = 0

        def room() -> float:
            return first_width if first_width is not None and not lines else width

        while i < len(words) and len(lines) < max_lines:
            word = words[i]
            candidate = f"{current} {word}" if current else word
            if self.measure(candidate, size, weight) <= room():
                current, i = candidate, i + 1
                continue
            if current:
                lines.append(current)
                current = ""
            else:
                # one word wider than the line: break it where it stops fitting
                head = self.fit(word, room(), size, weight)
                lines.append(head)
                words[i] = word[len(head) :]
        if current:
            lines.append(current)
        if i < len(words) and lines:
            last_room = first_width if first_width is not None and len(lines) == 1 else width
            lines[-1] = self.ellipsize(lines[-1], last_room, size, weight)
        return lines or [""]

    def ellipsize(self, line: str, width: float, size: float, weight: str = "normal") -> str:
        """``line`` ending in "…", shortened to fit ``width``."""
        line = line.rstrip(ELLIPSIS)
        head = self.fit(line, width, size, weight, ELLIPSIS)
        return head.rstrip(" ,;:.-–·") + ELLIPSIS

    def text(
        self,
        x: float,
        baseline: float,
        s: str,
        size: float,
        weight: str = "normal",
        color: str = INK,
        ha: str = "left",
        style: str = "normal",
        **kwargs: Any,
    ) -> None:
        """Text on a baseline; never parsed as mathtext (a ``$`` in a title is a dollar sign)."""
        self.ax.text(
            x,
            baseline,
            s,
            fontproperties=self.font(size, weight, style),
            color=color,
            ha=ha,
            va="baseline",
            parse_math=False,
            **kwargs,
        )

    def box(
        self, x: float, y: float, w: float, h: float, color: str, radius: float = 0.0, z: float = 0.0
    ) -> None:
        if radius:
            patch: Rectangle | FancyBboxPatch = FancyBboxPatch(
                (x, y),
                w,
                h,
                boxstyle=f"round,pad=0,rounding_size={radius}",
                facecolor=color,
                edgecolor="none",
                zorder=z,
            )
        else:
            patch = Rectangle((x, y), w, h, facecolor=color, edgecolor="none", zorder=z)
        self.ax.add_patch(patch)

    def finish(self, height: float) -> None:
        self.fig.set_size_inches(self.width / self.dpi, height / self.dpi)
        self.ax.set_xlim(0, self.width)
        self.ax.set_ylim(height, 0)

    def png(self, height: int) -> bytes:
        self.finish(height)
        return palette_png(self._agg)

    def pdf(self, height: int) -> bytes:
        self.finish(height)
        buffer = io.BytesIO()
        # no dates and no producer version: the same canvas gives the same bytes
        self.fig.savefig(
            buffer,
            format="pdf",
            dpi=self.dpi,
            facecolor=WHITE,
            metadata={"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
        )
        return buffer.getvalue()


def _baseline(top: float, size: float) -> float:
    """The baseline that centres capitals in a line box of ``_step(size)`` starting at ``top``."""
    return top + _step(size) / 2 + 0.36 * size


# --------------------------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class _ItemLayout:
    """An item wrapped for the page: its lines, and whether the value follows the last line or sits below."""

    item: CanvasItem
    lines: tuple[str, ...]
    size: float
    weight: str
    value_below: bool

    @property
    def height(self) -> float:
        return (len(self.lines) + self.value_below) * _step(self.size)


@dataclass(frozen=True)
class _Geometry:
    """Where things go across the page, derived from its width."""

    width: int

    @property
    def card_x(self) -> float:
        return MARGIN

    @property
    def card_w(self) -> float:
        return self.width - 2 * MARGIN

    @property
    def inner_x(self) -> float:
        return MARGIN + ACCENT_W + CARD_PAD_X

    @property
    def inner_w(self) -> float:
        return self.width - MARGIN - CARD_PAD_X - self.inner_x

    @property
    def text_x(self) -> float:
        return self.inner_x + BADGE_W + BADGE_GAP

    @property
    def text_w(self) -> float:
        return self.inner_x + self.inner_w - self.text_x


class _Layout:
    """Wraps every text of a canvas for one page width and decides how much of each section fits."""

    def __init__(self, page: _Page, content: CanvasContent) -> None:
        self.page = page
        self.content = content
        self.geo = _Geometry(page.width)
        self._items: dict[tuple[int, int, int], _ItemLayout] = {}
        self._heights: dict[tuple[int, int, int], float] = {}

    # --- items ----------------------------------------------------------------------------------------

    def item(self, section: int, index: int, max_lines: int) -> _ItemLayout:
        key = (section, index, max_lines)
        if key not in self._items:
            item = self.content.sections[section].items[index]
            self._items[key] = self._wrap_item(item, max_lines)
        return self._items[key]

    def _wrap_item(self, item: CanvasItem, max_lines: int) -> _ItemLayout:
        page, geo = self.page, self.geo
        if item.strong:
            size, weight = SIZE_LIGHTHOUSE, "bold"
            lines = page.wrap(item.body, geo.inner_w, size, weight, max_lines=max(max_lines, 2))
            return _ItemLayout(item, tuple(lines), size, weight, False)
        size = SIZE_BODY
        if item.label:
            # a lighthouse detail: "Label: body", the label in bold on the first line
            label_w = page.measure(f"{item.label}: ", size, "bold")
            lines = page.wrap(
                item.body, geo.inner_w, size, max_lines=min(max_lines, 2), first_width=geo.inner_w - label_w
            )
            return _ItemLayout(item, tuple(lines), size, "normal", False)
        lines = page.wrap(item.body, geo.text_w, size, max_lines=max_lines)
        if not item.value:
            return _ItemLayout(item, tuple(lines), size, "normal", False)
        tail = page.measure("  " + item.value, size, "bold")
        if page.measure(lines[-1], size) + tail <= geo.text_w:
            return _ItemLayout(item, tuple(lines), size, "normal", False)
        if len(lines) < max_lines:
            return _ItemLayout(item, tuple(lines), size, "normal", True)
        lines[-1] = page.ellipsize(lines[-1], geo.text_w - tail, size)
        return _ItemLayout(item, tuple(lines), size, "normal", False)

    # --- sections -------------------------------------------------------------------------------------

    def heading_height(self, section: CanvasSection) -> float:
        height = _step(SIZE_HEADING)
        if section.note:
            height += _step(SIZE_NOTE)
        return height + 6

    def empty_lines(self, section: CanvasSection) -> list[str]:
        return self.page.wrap(section.empty_text, self.geo.inner_w, SIZE_BODY, max_lines=2)

    def section_height(self, index: int, shown: int, max_lines: int) -> float:
        key = (index, shown, max_lines)
        if key not in self._heights:
            self._heights[key] = self._section_height(index, shown, max_lines)
        return self._heights[key]

    def _section_height(self, index: int, shown: int, max_lines: int) -> float:
        section = self.content.sections[index]
        height = 2 * CARD_PAD_Y + self.heading_height(section)
        if section.empty:
            return height + len(self.empty_lines(section)) * _step(SIZE_BODY)
        items = [self.item(index, k, max_lines) for k in range(shown)]
        height += sum(i.height for i in items) + _gap(section) * (len(items) - 1)
        if shown < len(section.items):
            height += ITEM_GAP / 2 + _step(SIZE_NOTE)
        return height

    # --- header ---------------------------------------------------------------------------------------

    @cached_property
    def title_lines(self) -> list[str]:
        return self.page.wrap(self.content.title, self.geo.card_w, SIZE_TITLE, "bold", max_lines=2)

    @cached_property
    def caption_lines(self) -> list[tuple[str, str]]:
        """The index caption (white) and the agreement (softer) as (line, colour) beside the index."""
        width = self.index_text_w
        lines = [(line, WHITE) for line in self.page.wrap(self.content.index_caption, width, SIZE_CAPTION)]
        if self.content.agreement:
            lines += [
                (line, NAVY_SOFT) for line in self.page.wrap(self.content.agreement, width, SIZE_CAPTION)
            ]
        return lines

    @cached_property
    def index_w(self) -> float:
        """The width of the big index figure's column."""
        if self.content.index_text is None:
            return 0.0
        return self.page.measure(self.content.index_text, SIZE_INDEX, "bold") + 2 * CARD_PAD_X

    @property
    def index_text_w(self) -> float:
        return self.geo.card_w - self.index_w - 2 * CARD_PAD_X

    @cached_property
    def index_card_height(self) -> float:
        text = len(self.caption_lines) * _step(SIZE_CAPTION) + 2 * CARD_PAD_Y + 22  # 22: the index bar
        figure = _step(SIZE_INDEX) + 2 * CARD_PAD_Y if self.content.index_text else 0.0
        return max(text, figure)

    @cached_property
    def header_height(self) -> float:
        return (
            MARGIN
            + _step(SIZE_EYEBROW)
            + len(self.title_lines) * _step(SIZE_TITLE)
            + _step(SIZE_SUBTITLE)
            + 16
            + self.index_card_height
            + CARD_GAP
        )

    @cached_property
    def footer_lines(self) -> list[str]:
        return self.page.wrap(self.content.footer, self.geo.card_w, SIZE_FOOTER, max_lines=2)

    @cached_property
    def footer_height(self) -> float:
        return len(self.footer_lines) * _step(SIZE_FOOTER) + MARGIN

    # --- fitting --------------------------------------------------------------------------------------

    def total(self, shown: Sequence[int], max_lines: int) -> float:
        sections = sum(self.section_height(k, n, max_lines) for k, n in enumerate(shown))
        return self.header_height + sections + CARD_GAP * (len(shown) - 1) + CARD_GAP + self.footer_height

    def fit(self, max_height: float) -> tuple[list[int], int, float]:
        """How many items each section shows and how many lines a statement may take, to fit the page.

        Statements may take three lines while every section keeps its soft floor of items; if the page is
        still too full they take two (and the items are counted again), then sections go down to one
        item, then statements to one line. Among the sections that can give an item, the one showing
        most gives first; ties go to the section the canvas needs least (``KEEP_RANK``).
        """
        sections = self.content.sections
        ranks = [KEEP_RANK[s.kind] for s in sections]
        shown = [len(s.items) for s in sections]

        def shrink(soft: bool, max_lines: int) -> float:
            floors = [SOFT_FLOOR.get(s.kind, SOFT_MIN_ITEMS) if soft else 1 for s in sections]
            total = self.total(shown, max_lines)
            while total > max_height:
                candidates = [
                    k for k, n in enumerate(shown) if n > floors[k] and sections[k].kind not in WHOLE
                ]
                if not candidates:
                    break
                k = max(candidates, key=lambda k: (shown[k], -ranks[k]))
                shown[k] -= 1
                total = self.total(shown, max_lines)
            return total

        for max_lines, soft in ((3, True), (2, True), (2, False), (1, False)):
            if soft:
                shown[:] = [len(s.items) for s in sections]
            total = shrink(soft, max_lines)
            if total <= max_height:
                break
        return shown, max_lines, self.grow(shown, max_lines, max_height)

    def grow(self, shown: list[int], max_lines: int, max_height: float) -> float:
        """Give items back while they fit: the last step may have freed more room than it needed.

        The section showing fewest gets one first; ties go to the section the canvas needs most.
        """
        sections = self.content.sections
        total = self.total(shown, max_lines)
        while True:
            candidates = sorted(
                (k for k, n in enumerate(shown) if n < len(sections[k].items)),
                key=lambda k: (shown[k], -KEEP_RANK[sections[k].kind]),
            )
            for k in candidates:
                shown[k] += 1
                bigger = self.total(shown, max_lines)
                if bigger <= max_height:
                    total = bigger
                    break
                shown[k] -= 1
            else:
                return total


# --------------------------------------------------------------------------------------------- drawing


def _draw_header(layout: _Layout, top: float) -> float:
    page, geo, content = layout.page, layout.geo, layout.content
    y = top
    page.text(geo.card_x, _baseline(y, SIZE_EYEBROW), content.eyebrow.upper(), SIZE_EYEBROW, "bold", NAVY)
    y += _step(SIZE_EYEBROW)
    for line in layout.title_lines:
        page.text(geo.card_x, _baseline(y, SIZE_TITLE), line, SIZE_TITLE, "bold")
        y += _step(SIZE_TITLE)
    subtitle = page.wrap(content.subtitle, geo.card_w, SIZE_SUBTITLE, max_lines=1)[0]
    page.text(geo.card_x, _baseline(y, SIZE_SUBTITLE), subtitle, SIZE_SUBTITLE, color=MUTED)
    y += _step(SIZE_SUBTITLE) + 16

    height = layout.index_card_height
    page.box(geo.card_x, y, geo.card_w, height, NAVY, RADIUS)
    x = geo.card_x + CARD_PAD_X
    if content.index_text is not None:
        figure_top = y + (height - _step(SIZE_INDEX)) / 2
        page.text(x, _baseline(figure_top, SIZE_INDEX), content.index_text, SIZE_INDEX, "bold", WHITE)
        x += layout.index_w
    lines = layout.caption_lines
    block = len(lines) * _step(SIZE_CAPTION) + 22
    text_top = y + (height - block) / 2
    right = geo.card_x + geo.card_w - CARD_PAD_X
    # the index as a bar from level 1 (0 %) to level 5 (100 %), above the caption
    bar_y = text_top + 4
    page.box(x, bar_y, right - x, 10, NAVY_SOFT, 5, z=1)
    if content.index is not None and content.index > 0:
        share = min(content.index, 100.0) / 100
        page.box(x, bar_y, max((right - x) * share, 10), 10, WHITE, 5, z=2)
    text_top += 22
    for k, (line, colour) in enumerate(lines):
        page.text(
            x, _baseline(text_top + k * _step(SIZE_CAPTION), SIZE_CAPTION), line, SIZE_CAPTION, color=colour
        )
    return y + height + CARD_GAP


def _draw_section(layout: _Layout, index: int, shown: int, max_lines: int, top: float) -> float:
    page, geo = layout.page, layout.geo
    section = layout.content.sections[index]
    style = STYLES[section.kind]
    height = layout.section_height(index, shown, max_lines)
    page.box(geo.card_x, top, geo.card_w, height, style.tint, RADIUS)
    # the accent: a bar down the card's left edge, under the card's rounded corner
    page.box(geo.card_x, top, ACCENT_W + RADIUS, height, style.accent, RADIUS, z=0.5)
    page.box(geo.card_x + ACCENT_W, top, RADIUS + 1, height, style.tint, 0, z=0.6)

    y = top + CARD_PAD_Y
    heading = page.wrap(section.heading, geo.inner_w, SIZE_HEADING, "bold", max_lines=1)[0]
    page.text(geo.inner_x, _baseline(y, SIZE_HEADING), heading, SIZE_HEADING, "bold", style.ink)
    y += _step(SIZE_HEADING)
    if section.note:
        note = page.wrap(section.note, geo.inner_w, SIZE_NOTE, max_lines=1)[0]
        page.text(geo.inner_x, _baseline(y, SIZE_NOTE), note, SIZE_NOTE, color=MUTED)
        y += _step(SIZE_NOTE)
    y += 6

    if section.empty:
        for line in layout.empty_lines(section):
            page.text(geo.inner_x, _baseline(y, SIZE_BODY), line, SIZE_BODY, color=MUTED, style="italic")
            y += _step(SIZE_BODY)
        return top + height

    for k in range(shown):
        item = layout.item(index, k, max_lines)
        _draw_item(layout, item, style, y)
        y += item.height + _gap(section)
    hidden = len(section.items) - shown
    if hidden > 0:
        y += ITEM_GAP / 2 - _gap(section)
        more = t(layout.content.lang, "canvas.more", count=hidden)
        x = geo.inner_x if section.kind is CanvasSectionKind.LIGHTHOUSE else geo.text_x
        page.text(x, _baseline(y, SIZE_NOTE), more, SIZE_NOTE, "bold", style.ink)
    return top + height


def _draw_item(layout: _Layout, item: _ItemLayout, style: _Style, top: float) -> None:
    page, geo = layout.page, layout.geo
    step = _step(item.size)
    entry = item.item
    if entry.strong or entry.label:
        x = geo.inner_x
        for k, line in enumerate(item.lines):
            baseline = _baseline(top + k * step, item.size)
            if k == 0 and entry.label:
                label = f"{entry.label}: "
                page.text(x, baseline, label, item.size, "bold", style.ink)
                page.text(x + page.measure(label, item.size, "bold"), baseline, line, item.size)
            else:
                page.text(x, baseline, line, item.size, item.weight)
        return
    if entry.number:
        badge_h = step - 4
        page.box(geo.inner_x, top + 2, BADGE_W, badge_h, style.accent, badge_h / 2, z=1)
        page.text(
            geo.inner_x + BADGE_W / 2,
            _baseline(top, item.size),
            entry.number,
            SIZE_BADGE,
            "bold",
            style.badge_ink,
            ha="center",
            zorder=2,
        )
    else:
        d = 16
        page.box(geo.inner_x + BADGE_W / 2 - d / 2, top + step / 2 - d / 2, d, d, style.accent, 4, z=1)
    for k, line in enumerate(item.lines):
        page.text(geo.text_x, _baseline(top + k * step, item.size), line, item.size)
    if entry.value:
        if item.value_below:
            x, row = geo.text_x, len(item.lines)
        else:
            row = len(item.lines) - 1
            x = geo.text_x + page.measure(item.lines[-1] + "  ", item.size)
        page.text(x, _baseline(top + row * step, item.size), entry.value, item.size, "bold", style.ink)


def _draw(content: CanvasContent, fmt: Literal["png", "pdf"]) -> tuple[_Page, int]:
    """The canvas drawn on a page of the format's grid; returns the page and its height in layout px.

    A team that has recorded no belief gets no beliefs card: that empty state would take the room another
    card needs, for a part of the method that only starts after the discussion."""
    shown_sections = tuple(s for s in content.sections if s.items or s.kind not in OPTIONAL)
    content = replace(content, sections=shown_sections)
    if fmt == "pdf":
        page = _Page(PDF_WIDTH, PDF_WIDTH / A4_INCHES[0])
        max_height = float(PDF_HEIGHT)
    else:
        page = _Page(PNG_WIDTH, PNG_DPI)
        max_height = float(PNG_MAX_HEIGHT)
    layout = _Layout(page, content)
    shown, max_lines, total = layout.fit(max_height)
    y = _draw_header(layout, MARGIN)
    for k, n in enumerate(shown):
        y = _draw_section(layout, k, n, max_lines, y) + CARD_GAP
    # the PDF is a whole A4 page with the footer at its foot; content that cannot shrink enough (absurdly
    # long texts everywhere) lengthens the page rather than being cut off
    natural = math.ceil(max(total, y + layout.footer_height))
    height = max(PDF_HEIGHT, natural) if fmt == "pdf" else natural
    footer = layout.footer_lines
    y = height - layout.footer_height if fmt == "pdf" else y
    for line in footer:
        page.text(layout.geo.card_x, _baseline(y, SIZE_FOOTER), line, SIZE_FOOTER, color=MUTED)
        y += _step(SIZE_FOOTER)
    page.finish(height)
    return page, height


def render_canvas(content: CanvasContent, fmt: Literal["png", "pdf"] = "png") -> bytes:
    """The canvas as a PNG for the group's chat, or as a one-page A4 PDF to print or pass on."""
    if fmt not in ("png", "pdf"):
        raise ValueError(f"unknown canvas format {fmt!r}")
    page, height = _draw(content, fmt)
    return page.pdf(height) if fmt == "pdf" else page.png(height)
