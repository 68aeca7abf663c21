"""The result charts of a round, and the team's history over its rounds, as PNG bytes for the Telegram group.

The round charts are pure functions of a ``RoundAnalysis`` and the texts to show; the history chart of a
``HistorySeries`` (plain numbers per round) and the same texts. They use matplotlib's object API
(``Figure`` + the Agg canvas) and never ``pyplot``: pyplot keeps global figure state and picks a GUI
backend, while a ``Figure`` of our own is private to the call, so rendering is safe in a worker thread and
in several threads at once (matplotlib caches fonts per thread).

The charts are laid out by hand on an axes whose data coordinates are the image's pixels (y downwards).
Rows grow with their wrapped labels and the image height follows from the rows, which matplotlib's
automatic layout cannot do; it also makes the output deterministic, byte for byte.

Phones are the target: Telegram shows a photo about 400 px wide and lets the reader zoom, and it stores a
photo at most 2560 px (by default 1280 px) on the long side. The images are 1200 px wide with 11 pt text at
150 dpi, and the comparison chart shortens its labels to stay within 2560 px for a full catalogue.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.patheffects import withStroke

from bot.domain.analysis import LEVELS, DimensionResult, RoundAnalysis, StatementResult, Verdict
from bot.texts import t
from bot.views.png import palette_png

__all__ = [
    "ChartLabels",
    "HistorySeries",
    "agreement_map",
    "comparison_chart",
    "dimension_profile",
    "history_chart",
]


@dataclass(frozen=True)
class ChartLabels:
    """Everything a chart shows that is not a number, already in the chart's language."""

    lang: str
    #: statement id -> text shown (the catalogue text; the chart wraps and shortens it)
    statement_texts: Mapping[str, str]
    #: dimension id -> title
    dimension_titles: Mapping[str, str]
    #: rater id -> display name; None for an anonymous round (counts only, no names)
    rater_names: Mapping[str, str] | None
    #: e.g. catalogue title and date; None shows the chart's own title
    title: str | None = None
    #: statement id -> its number in the whole catalogue, as the results name it; missing: by position
    statement_numbers: Mapping[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------- geometry

DPI = 150
WIDTH = 1200
#: pixels per typographic point at DPI
PT = DPI / 72
#: the tallest comparison chart we aim for: Telegram's largest stored photo size
MAX_HEIGHT = 2560
MARGIN = 22

FONT = "DejaVu Sans"  # matplotlib's bundled font: it has umlauts, ß, ≠, Ø and the ellipsis
SIZE_TITLE = 15.0
SIZE_SUBTITLE = 11.0
SIZE_TEXT = 11.0
SIZE_HEADER = 12.0
SIZE_SMALL = 10.0
LINE = 1.3  # line height as a multiple of the font size

# colours
INK = "#1a1a1a"
MUTED = "#606060"
GRID = "#d0d0d0"
RANGE = "#9a9a9a"
ROW_RULE = "#e6e6e6"
HEADER_BG = "#e3eaf2"
FLAG_BG = "#fde6d2"
FLAG_INK = "#c0470a"
CANT_BG = "#f1f1f1"
BUBBLE = "#8fbfe0"
BUBBLE_INK = "#0b3a63"
BUBBLE_CANT = "#c8c8c8"
BAR = "#3b78b0"
BAND = "#bcd3e8"

#: Named rounds: colour and marker shape both vary (colour alone fails for colour-blind readers and in
#: greyscale); 9 colours × 8 shapes give 72 distinct combinations. No black: black is the team mean.
RATER_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#bcbd22",
    "#17becf",
)
RATER_MARKERS = ("o", "s", "^", "D", "v", "P", "X", "p")
MARKER_PT = 8.0
NAME_MAX = 24

ELLIPSIS = "…"


def _fmt(value: Fraction | float, lang: str, digits: int = 1) -> str:
    """A level with a decimal comma in German, a point in English."""
    text = f"{float(value):.{digits}f}"
    return text.replace(".", ",") if lang == "de" else text


def _fmt_delta(value: Fraction, lang: str) -> str:
    """A change of level with its sign (a real minus sign), so a drop is not misread as a rise."""
    text = _fmt(abs(value), lang)
    if text.strip("0.,") == "":
        return f"±{text}"
    return f"+{text}" if value > 0 else f"−{text}"


def _fmt_index(index: float, lang: str) -> str:
    """The maturity index as a percentage, spaced the German way in German."""
    value = f"{index:.0f}"
    return f"{value}\u202f%" if lang == "de" else f"{value}%"


# --------------------------------------------------------------------------------------------- the canvas


class _Canvas:
    """A figure whose single axes maps data coordinates 1:1 to pixels, origin top left.

    Everything is drawn at known pixel positions while the layout is computed top to bottom; the height
    is fixed in ``png()`` once it is known. Text is measured with the Agg renderer, so wrapping fits the
    real glyph widths, not a guess per character.
    """

    def __init__(self) -> None:
        self.fig = Figure(figsize=(WIDTH / DPI, 1000 / DPI), dpi=DPI, facecolor="white")
        self._agg = FigureCanvasAgg(self.fig)
        self.ax = self.fig.add_axes((0.0, 0.0, 1.0, 1.0))
        self.ax.set_axis_off()
        self._renderer = self._agg.get_renderer()
        self._props: dict[tuple[float, str], FontProperties] = {}
        self._advances: dict[tuple[str, float, str], float] = {}

    def font(self, size: float, weight: str = "normal") -> FontProperties:
        key = (size, weight)
        if key not in self._props:
            self._props[key] = FontProperties(family=FONT, size=size, weight=weight)
        return self._props[key]

    def width(self, text: str, size: float, weight: str = "normal") -> float:
        """The width of ``text`` in px as the sum of its characters' advances.

        Measuring every candidate line with the renderer costs about half a millisecond each and made
        wrapping the slowest part of a chart; advances are measured once per character. Kerning is left
        out, which in DejaVu Sans only narrows text, so the sum errs on the wide side.
        """
        return sum(self._advance(ch, size, weight) for ch in text)

    def _advance(self, ch: str, size: float, weight: str) -> float:
        key = (ch, size, weight)
        if key not in self._advances:
            prop = self.font(size, weight)
            measure = self._renderer.get_text_width_height_descent
            # between two bars, so a space or an accent counts with its advance, not its ink
            with_char, _, _ = measure(f"|{ch}|", prop, ismath=False)
            without, _, _ = measure("||", prop, ismath=False)
            self._advances[key] = max(float(with_char - without), 0.0)
        return self._advances[key]

    def wrap(
        self, text: str, width: float, size: float, weight: str = "normal", max_lines: int = 2
    ) -> list[str]:
        """Greedy word wrap to ``width`` px; the last line ends in an ellipsis when text is left over."""
        words = text.split()
        lines: list[str] = []
        current = ""
        i = 0
        while i < len(words):
            word = words[i]
            candidate = f"{current} {word}" if current else word
            if self.width(candidate, size, weight) <= width:
                current = candidate
                i += 1
                continue
            if not current:
                # a single word wider than the line: break it where it no longer fits
                cut = self._fit(word, width, size, weight, "")
                lines.append(word[:cut])
                words[i] = word[cut:]
            else:
                lines.append(current)
                current = ""
            if len(lines) == max_lines:
                break
        if current and len(lines) < max_lines:
            lines.append(current)
            current = ""
        if i < len(words) or current:
            last = lines[-1] if lines else ""
            cut = self._fit(last, width, size, weight, ELLIPSIS)
            lines[-1] = last[:cut].rstrip(" ,;:.-–") + ELLIPSIS
        return lines or [""]

    def _fit(self, text: str, width: float, size: float, weight: str, suffix: str) -> int:
        """The longest prefix length of ``text`` that fits ``width`` with ``suffix`` (at least 1)."""
        lo, hi = 1, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid] + suffix, size, weight) <= width:
                lo = mid
            else:
                hi = mid - 1
        return max(lo, 1)

    def shorten(self, text: str, width: float, size: float, weight: str = "normal") -> str:
        return self.wrap(text, width, size, weight, max_lines=1)[0]

    def text(
        self,
        x: float,
        y: float,
        s: str,
        size: float = SIZE_TEXT,
        weight: str = "normal",
        color: str = INK,
        ha: str = "left",
        va: str = "center_baseline",
        **kwargs: Any,
    ) -> None:
        """Text whose centre line is at ``y``; never parsed as mathtext (a ``$`` in a statement is text)."""
        self.ax.text(
            x,
            y,
            s,
            fontproperties=self.font(size, weight),
            color=color,
            ha=ha,
            va=va,
            parse_math=False,
            **kwargs,
        )

    def lines(
        self, x: float, top: float, lines: Sequence[str], size: float, weight: str = "normal", **kwargs: Any
    ) -> float:
        """Draw lines of text downward from ``top``; returns the y below them."""
        step = size * PT * LINE
        for k, line in enumerate(lines):
            self.text(x, top + (k + 0.5) * step, line, size, weight, **kwargs)
        return top + len(lines) * step

    def rect(self, x: float, y: float, w: float, h: float, color: str, zorder: float = 0.0) -> None:
        self.ax.add_patch(Rectangle((x, y), w, h, facecolor=color, edgecolor="none", zorder=zorder))

    def hline(
        self, x0: float, x1: float, y: float, color: str = GRID, lw: float = 0.8, z: float = 0.5
    ) -> None:
        self.ax.plot([x0, x1], [y, y], color=color, lw=lw, zorder=z, solid_capstyle="butt")

    def vline(
        self, x: float, y0: float, y1: float, color: str = GRID, lw: float = 0.8, z: float = 0.5
    ) -> None:
        self.ax.plot([x, x], [y0, y1], color=color, lw=lw, zorder=z, solid_capstyle="butt")

    def png(self, height: float) -> bytes:
        height = math.ceil(height)
        self.fig.set_size_inches(WIDTH / DPI, height / DPI)
        self.ax.set_xlim(0, WIDTH)
        self.ax.set_ylim(height, 0)
        return palette_png(self._agg)


def _line_height(size: float) -> float:
    return size * PT * LINE


def _header(canvas: _Canvas, labels: ChartLabels, kind: str, notes: Sequence[tuple[str, str]]) -> float:
    """Title (the caller's, else the chart kind), then the kind and notes as subtitles; returns y below."""
    width = WIDTH - 2 * MARGIN
    y = float(MARGIN)
    title = labels.title or kind
    y = canvas.lines(MARGIN, y, canvas.wrap(title, width, SIZE_TITLE, "bold"), SIZE_TITLE, "bold")
    subtitles: list[tuple[str, str]] = [(kind, INK)] if labels.title else []
    subtitles.extend(notes)
    for text, colour in subtitles:
        y = canvas.lines(
            MARGIN, y, canvas.wrap(text, width, SIZE_SUBTITLE, max_lines=3), SIZE_SUBTITLE, color=colour
        )
    return y + 8


# --------------------------------------------------------------------------------------------- key entries


_Draw = Callable[["_Canvas", float, float], None]


@dataclass(frozen=True)
class _KeyItem:
    """One legend entry: a symbol drawn by ``draw(canvas, x, y)`` in ``symbol_width`` px, then a label."""

    symbol_width: float
    label: str
    draw: _Draw


def _key(canvas: _Canvas, items: Sequence[_KeyItem], top: float, columns: int | None = None) -> float:
    """A legend laid out in a grid (``columns``) or flowing left to right; returns the y below it."""
    if not items:
        return top
    size = SIZE_SMALL if columns is None else SIZE_TEXT
    step = _line_height(size) + 4
    gap = 8
    width = WIDTH - 2 * MARGIN
    if columns is not None:
        col_w = width / columns
        for k, item in enumerate(items):
            x = MARGIN + (k % columns) * col_w
            y = top + (k // columns + 0.5) * step
            item.draw(canvas, x + item.symbol_width / 2, y)
            label = canvas.shorten(item.label, col_w - item.symbol_width - gap - 10, size)
            canvas.text(x + item.symbol_width + gap, y, label, size)
        return top + math.ceil(len(items) / columns) * step + 4
    x, row = float(MARGIN), 0
    for item in items:
        label = canvas.shorten(item.label, width - item.symbol_width - gap, size)
        need = item.symbol_width + gap + canvas.width(label, size)
        if x > MARGIN and x + need > MARGIN + width:
            x, row = float(MARGIN), row + 1
        y = top + (row + 0.5) * step
        item.draw(canvas, x + item.symbol_width / 2, y)
        canvas.text(x + item.symbol_width + gap, y, label, size)
        x += need + 26
    return top + (row + 1) * step + 4


def _mean_symbol(canvas: _Canvas, x: float, y: float) -> None:
    canvas.vline(x, y - 11, y + 11, color=INK, lw=3.0, z=5)


def _range_symbol(canvas: _Canvas, x: float, y: float) -> None:
    canvas.hline(x - 15, x + 15, y, RANGE, 1.6, z=1)


def _flag_symbol(mark: str) -> _Draw:
    def draw(canvas: _Canvas, x: float, y: float) -> None:
        canvas.rect(x - 14, y - 13, 28, 26, FLAG_BG)
        canvas.text(x, y, mark, SIZE_HEADER, "bold", color=FLAG_INK, ha="center")

    return draw


def _cant_symbol(canvas: _Canvas, x: float, y: float) -> None:
    canvas.rect(x - 14, y - 13, 28, 26, CANT_BG)
    canvas.text(x, y, "?", SIZE_TEXT, "bold", color=MUTED, ha="center")


def _marker_symbol(colour: str, marker: str) -> _Draw:
    def draw(canvas: _Canvas, x: float, y: float) -> None:
        canvas.ax.plot(
            x, y, marker=marker, ms=MARKER_PT * 1.15, color=colour, mec="white", mew=0.8, ls="none"
        )

    return draw


# --------------------------------------------------------------------------------------------- comparison


@dataclass(frozen=True)
class _Row:
    """One line of the comparison chart: a dimension heading or a statement."""

    statement: StatementResult | None
    dimension: DimensionResult | None
    number: int
    text: list[str]
    height: float


#: comparison chart columns, in px
FLAG_X = MARGIN + 13  # centre of the ≠ / ! symbol
NUMBER_RIGHT = MARGIN + 76  # the statement number is right-aligned here
LABEL_X = NUMBER_RIGHT + 8
PLOT_X0 = 650  # x of level 0.5
PLOT_X1 = WIDTH - MARGIN  # right edge of the "?" column
CANT_X = 6.15  # the "?" column, in level units
UNITS = (0.5, CANT_X + 0.5)


def _x(level: float) -> float:
    """Level units to px in the comparison chart."""
    lo, hi = UNITS
    return PLOT_X0 + (level - lo) / (hi - lo) * (PLOT_X1 - PLOT_X0)


UNIT_PX = _x(2) - _x(1)


def _groups(
    analysis: RoundAnalysis, labels: ChartLabels
) -> list[tuple[str | None, DimensionResult | None, list[StatementResult]]]:
    """Statements grouped by dimension in the analysis' order; statements of no dimension last."""
    by_id = {s.id: s for s in analysis.statements}
    groups: list[tuple[str | None, DimensionResult | None, list[StatementResult]]] = []
    placed: set[str] = set()
    for dim in analysis.dimensions:
        members = [by_id[sid] for sid in dim.statements if sid in by_id]
        placed.update(s.id for s in members)
        if members:
            groups.append((labels.dimension_titles.get(dim.id, dim.id), dim, members))
    rest = [s for s in analysis.statements if s.id not in placed]
    if rest:
        groups.append((t(labels.lang, "chart.other_statements") if groups else None, None, rest))
    return groups


def _cluster(count: int, cx: float, cy: float, height: float, spacing: float) -> list[tuple[float, float]]:
    """Positions for ``count`` markers at one level: stacked vertically first, then in more columns.

    Equal ratings then sit side by side instead of hiding each other, and the placement is deterministic
    (no random jitter), so a chart renders the same every time.
    """
    if count == 0:
        return []
    rows = max(1, min(count, int((height - 6) // spacing)))
    cols = math.ceil(count / rows)
    dx = min(spacing, 0.82 * UNIT_PX / cols) if cols > 1 else 0.0
    out = []
    for k in range(count):
        col, row = divmod(k, rows)
        in_col = min(rows, count - col * rows)
        out.append((cx + (col - (cols - 1) / 2) * dx, cy + (row - (in_col - 1) / 2) * spacing))
    return out


@dataclass
class _Marks:
    """The judgments' marks of all rows, collected so each kind is drawn as one artist."""

    #: named rounds: rater -> marker positions
    markers: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    #: anonymous rounds: x, y, area in pt², colour
    bubbles: list[tuple[float, float, float, str]] = field(default_factory=list)


def comparison_chart(analysis: RoundAnalysis, labels: ChartLabels) -> bytes:
    """Every statement as a row with every judgment on the levels 1–5, grouped by dimension.

    Named rounds show each manager as a marker of their own (legend of names); anonymous rounds show how
    many chose each level. The team mean is a black bar; statements the team should discuss (disagreement
    or dissent) have a tinted row and ≠ or !; "can't judge" answers sit in a "?" column at the right.
    Labels get three lines each when that fits in ``MAX_HEIGHT``, else two, ending in an ellipsis.
    """
    lang = labels.lang
    named = labels.rater_names is not None
    canvas = _Canvas()

    # -- header and legend ----------------------------------------------------------------------------
    notes: list[tuple[str, str]] = [
        (
            t(lang, "chart.comparison_subtitle_named" if named else "chart.comparison_subtitle_anonymous"),
            MUTED,
        )
    ]
    if not analysis.comparison_possible:
        notes.append((t(lang, "chart.no_comparison"), FLAG_INK))
    y = _header(canvas, labels, t(lang, "chart.comparison_title"), notes)

    styles: dict[str, tuple[str, str]] = {}
    if named:
        names = labels.rater_names or {}
        appearing = [
            r
            for r in analysis.raters
            if any(r in s.ratings or r in s.cant_judge_raters for s in analysis.statements)
        ]
        for k, rater in enumerate(appearing):
            styles[rater] = (RATER_COLOURS[k % len(RATER_COLOURS)], RATER_MARKERS[k % len(RATER_MARKERS)])
        items = [_KeyItem(22, _short_name(names.get(r, r)), _marker_symbol(*styles[r])) for r in appearing]
        columns = _name_columns(canvas, [i.label for i in items])
        y = _key(canvas, items, y, columns)
    else:
        count = len(analysis.raters)
        y = canvas.lines(MARGIN, y, [t(lang, "chart.anonymous_count", count=count)], SIZE_TEXT, "bold")
        y += 4

    flagged_kinds = {s.verdict for s in analysis.statements if s.flagged}
    key = []
    if any(s.n >= 2 for s in analysis.statements):
        key.append(_KeyItem(14, t(lang, "chart.team_mean"), _mean_symbol))
    if any(s.min is not None and s.max is not None and s.max > s.min for s in analysis.statements):
        key.append(_KeyItem(30, t(lang, "chart.range"), _range_symbol))
    if Verdict.DISAGREEMENT in flagged_kinds:
        key.append(_KeyItem(28, t(lang, "chart.disagreement"), _flag_symbol("≠")))
    if Verdict.DISSENT in flagged_kinds:
        key.append(_KeyItem(28, t(lang, "chart.dissent"), _flag_symbol("!")))
    key.append(_KeyItem(28, t(lang, "chart.cant_judge"), _cant_symbol))
    y = _key(canvas, key, y + 6) + 10

    # -- rows -----------------------------------------------------------------------------------------
    groups = _groups(analysis, labels)
    number_of = {s.id: k + 1 for k, s in enumerate(analysis.statements)}
    axis_h = 2 * _line_height(SIZE_TEXT) + 8
    rows: list[_Row] = []
    # roomy first; then shorter labels; then tighter rows (the marker clusters still fit three high)
    for max_lines, row_pad, header_pad in ((3, 10, 12), (2, 10, 12), (2, 6, 8)):
        header_h = _line_height(SIZE_HEADER) + header_pad
        rows = []
        for title, dim, members in groups:
            if title:
                heading = canvas.shorten(title, WIDTH - 2 * MARGIN - 140, SIZE_HEADER, "bold")
                rows.append(_Row(None, dim, 0, [heading], header_h))
            for s in members:
                text = labels.statement_texts.get(s.id, s.id)
                wrapped = canvas.wrap(text, PLOT_X0 - 18 - LABEL_X, SIZE_TEXT, max_lines=max_lines)
                height = max(len(wrapped) * _line_height(SIZE_TEXT) + row_pad, 56.0)
                rows.append(_Row(s, None, number_of[s.id], wrapped, height))
        if y + 2 * axis_h + sum(r.height for r in rows) + MARGIN <= MAX_HEIGHT:
            break

    y = _axis(canvas, lang, y, above=True)
    block_top = y
    marks = _Marks()
    max_count = max(
        [max(s.distribution) for s in analysis.statements] + [s.cant_judge for s in analysis.statements] + [1]
    )
    for row in rows:
        if row.statement is None:
            canvas.rect(MARGIN, y, WIDTH - 2 * MARGIN, row.height, HEADER_BG, zorder=1)
            canvas.text(MARGIN + 10, y + row.height / 2, row.text[0], SIZE_HEADER, "bold", zorder=2)
            if row.dimension is not None and row.dimension.mean is not None:
                mean_text = t(lang, "chart.dimension_mean", mean=_fmt(row.dimension.mean, lang))
                canvas.text(
                    PLOT_X1 - 10, y + row.height / 2, mean_text, SIZE_HEADER, "bold", ha="right", zorder=2
                )
        else:
            _statement_row(canvas, row, y, lang, styles, marks, max_count)
        y += row.height
    block_bottom = y
    # one artist per manager (or for all bubbles) rather than one per mark: a fraction of the drawing time
    for rater, xy in marks.markers.items():
        colour, marker = styles[rater]
        xs, ys = zip(*xy, strict=True)
        canvas.ax.plot(
            xs, ys, marker=marker, ms=MARKER_PT, color=colour, mec="white", mew=0.7, ls="none", zorder=4
        )
    if marks.bubbles:
        bx, by, areas, faces = zip(*marks.bubbles, strict=True)
        canvas.ax.scatter(bx, by, s=areas, c=faces, edgecolors="white", linewidths=1.0, zorder=4)
    canvas.rect(_x(CANT_X) - UNIT_PX / 2, block_top, UNIT_PX, block_bottom - block_top, CANT_BG, zorder=0.2)
    for level in LEVELS:
        canvas.vline(_x(level), block_top, block_bottom, GRID, 0.8, z=0.6)
    y = _axis(canvas, lang, block_bottom + 4, above=False)
    return canvas.png(y + MARGIN)


def _short_name(name: str) -> str:
    name = " ".join(name.split())
    return name if len(name) <= NAME_MAX else name[: NAME_MAX - 1].rstrip() + ELLIPSIS


def _name_columns(canvas: _Canvas, names: Sequence[str]) -> int:
    """As many legend columns as the longest name allows, at most four."""
    widest = max((canvas.width(n, SIZE_TEXT) for n in names), default=0.0) + 22 + 8 + 20
    return max(1, min(4, int((WIDTH - 2 * MARGIN) // widest), len(names) or 1))


def _axis(canvas: _Canvas, lang: str, top: float, *, above: bool) -> float:
    """Level numbers 1–5 and "?" with the scale's meaning at its ends; returns the y below.

    ``above`` puts the scale's meaning over the numbers (the axis atop the rows), else under them.
    """
    line = _line_height(SIZE_TEXT)
    if above:
        scale_y, numbers_y = top + line / 2, top + line * 1.5
    else:
        numbers_y, scale_y = top + line / 2, top + line * 1.5
    canvas.text(_x(1) - UNIT_PX * 0.45, scale_y, t(lang, "chart.scale_low"), SIZE_SMALL, color=MUTED)
    canvas.text(
        _x(5) + UNIT_PX * 0.45, scale_y, t(lang, "chart.scale_high"), SIZE_SMALL, color=MUTED, ha="right"
    )
    canvas.text(PLOT_X0 - 12, numbers_y, t(lang, "chart.level"), SIZE_SMALL, color=MUTED, ha="right")
    for level in LEVELS:
        canvas.text(_x(level), numbers_y, str(level), SIZE_TEXT, "bold", ha="center")
    canvas.text(_x(CANT_X), numbers_y, "?", SIZE_TEXT, "bold", color=MUTED, ha="center")
    return top + 2 * line + 8


def _statement_row(
    canvas: _Canvas,
    row: _Row,
    top: float,
    lang: str,
    styles: Mapping[str, tuple[str, str]],
    marks: _Marks,
    max_count: int,
) -> None:
    """One statement: label, tint and flag, the judgments, the mean and the "can't judge" answers."""
    s = row.statement
    assert s is not None
    bottom = top + row.height
    cy = top + row.height / 2
    if s.flagged:
        canvas.rect(MARGIN, top, WIDTH - 2 * MARGIN, row.height, FLAG_BG, zorder=0.1)
        mark = "≠" if s.verdict is Verdict.DISAGREEMENT else "!"
        canvas.text(FLAG_X, cy, mark, SIZE_HEADER + 2, "bold", color=FLAG_INK, ha="center")
    canvas.hline(MARGIN, WIDTH - MARGIN, bottom, ROW_RULE, 0.8, z=0.3)

    text_top = cy - len(row.text) * _line_height(SIZE_TEXT) / 2
    canvas.text(
        NUMBER_RIGHT, text_top + _line_height(SIZE_TEXT) / 2, f"{row.number}.", SIZE_TEXT, "bold", ha="right"
    )
    canvas.lines(LABEL_X, text_top, row.text, SIZE_TEXT)

    if s.min is not None and s.max is not None and s.max > s.min:
        canvas.hline(_x(s.min), _x(s.max), cy, RANGE, 1.6, z=1)
    if s.n == 0:
        canvas.text(
            _x(3), cy, t(lang, "chart.no_level"), SIZE_SMALL, color=MUTED, ha="center", style="italic"
        )
    if s.mean is not None and s.n >= 2:
        # on top of the markers, with a white outline, so it stays visible inside a crowd of them
        x = _x(float(s.mean))
        canvas.ax.plot(
            [x, x],
            [top + 5, bottom - 5],
            color=INK,
            lw=2.2,
            solid_capstyle="butt",
            zorder=6,
            path_effects=[withStroke(linewidth=3.6, foreground="white")],
        )

    if styles:
        spacing = MARKER_PT * PT + 2
        per_level: dict[float, list[str]] = {}
        for rater, level in s.ratings.items():
            per_level.setdefault(float(level), []).append(rater)
        if s.cant_judge_raters:
            per_level[CANT_X] = list(s.cant_judge_raters)
        for level, raters in per_level.items():
            for rater, (px, py) in zip(
                raters, _cluster(len(raters), _x(level), cy, row.height, spacing), strict=True
            ):
                marks.markers.setdefault(rater, []).append((px, py))
    else:
        cells = [
            (float(level), count, BUBBLE, BUBBLE_INK)
            for level, count in zip(LEVELS, s.distribution, strict=True)
        ]
        cells.append((CANT_X, s.cant_judge, BUBBLE_CANT, INK))
        biggest = min(row.height - 8, UNIT_PX * 0.9)
        smallest = 26.0
        for level, count, face, ink in cells:
            if not count:
                continue
            diameter = max(smallest, biggest * math.sqrt(count / max_count))
            marks.bubbles.append((_x(level), cy, (diameter / PT) ** 2, face))
            # above the team-mean bar, with a halo in the bubble's colour, so the count stays legible
            canvas.text(
                _x(level),
                cy,
                str(count),
                SIZE_SMALL,
                "bold",
                color=ink,
                ha="center",
                zorder=7,
                path_effects=[withStroke(linewidth=3.5, foreground=face)],
            )


# --------------------------------------------------------------------------------------------- profile

#: dimension profile columns, in px
PROFILE_LABEL_W = 400
PROFILE_X0 = MARGIN + PROFILE_LABEL_W + 30  # x of level 0.75
PROFILE_X1 = WIDTH - MARGIN - 170  # x of level 5.25
PROFILE_VALUE_X = WIDTH - MARGIN  # values are right-aligned here
PROFILE_UNITS = (0.75, 5.25)


def _px(level: float) -> float:
    """Level units to px in the dimension profile."""
    lo, hi = PROFILE_UNITS
    return PROFILE_X0 + (level - lo) / (hi - lo) * (PROFILE_X1 - PROFILE_X0)


def dimension_profile(
    analysis: RoundAnalysis,
    labels: ChartLabels,
    previous: RoundAnalysis | None = None,
    previous_label: str | None = None,
) -> bytes:
    """Each dimension's mean level as a bar from level 1, over the band of the managers' own means.

    Bars read better on a phone than a radar: the labels stay horizontal and lengths compare along one
    axis. The bar starts at level 1 so its length is the maturity index (1 = 0 %, 5 = 100 %), shown with
    the mean at the right. The band (lowest to highest mean of one manager) shows how far apart the
    managers are. An earlier round, when given, appears as a hollow diamond per dimension it shares.
    """
    lang = labels.lang
    canvas = _Canvas()
    notes: list[tuple[str, str]] = []
    if analysis.overall_mean is not None and analysis.overall_index is not None:
        overall = t(
            lang,
            "chart.overall",
            mean=_fmt(analysis.overall_mean, lang),
            index=_fmt_index(analysis.overall_index, lang),
        )
        notes.append((overall, INK))
    y = _header(canvas, labels, t(lang, "chart.profile_title"), notes)

    earlier = {d.id: d for d in previous.dimensions} if previous is not None else {}
    shown_earlier = any(d.id in earlier and earlier[d.id].mean is not None for d in analysis.dimensions)
    key = [
        _KeyItem(34, t(lang, "chart.profile_mean"), _bar_symbol),
        _KeyItem(34, t(lang, "chart.profile_band"), _band_symbol),
    ]
    if shown_earlier:
        label = t(lang, "chart.previous_round")
        if previous_label:
            label = f"{label}: {previous_label}"
        key.append(_KeyItem(34, label, _previous_symbol))
    y = _key(canvas, key, y) + 6

    y = _profile_axis(canvas, lang, y)
    canvas.text(
        PROFILE_VALUE_X,
        y - _line_height(SIZE_TEXT) / 2 - 8,
        t(lang, "chart.profile_value"),
        SIZE_SMALL,
        color=MUTED,
        ha="right",
    )
    block_top = y
    line = _line_height(SIZE_TEXT)
    dimensions = analysis.dimensions
    for k, dim in enumerate(dimensions):
        title = labels.dimension_titles.get(dim.id, dim.id)
        wrapped = canvas.wrap(title, PROFILE_LABEL_W, SIZE_TEXT, max_lines=2)
        height = max(len(wrapped) * line + 20, 64.0)
        cy = y + height / 2
        if k % 2:
            canvas.rect(MARGIN, y, WIDTH - 2 * MARGIN, height, "#f6f6f6", zorder=0.1)
        canvas.lines(MARGIN, cy - len(wrapped) * line / 2, wrapped, SIZE_TEXT)
        if dim.band_min is not None and dim.band_max is not None:
            lo, hi = float(dim.band_min), float(dim.band_max)
            canvas.rect(_px(lo) - 2, cy - 21, _px(hi) - _px(lo) + 4, 42, BAND, zorder=1)
        if dim.mean is not None and dim.index is not None:
            mean = float(dim.mean)
            canvas.rect(_px(1), cy - 11, max(_px(mean) - _px(1), 3.0), 22, BAR, zorder=2)
            canvas.vline(_px(mean), cy - 15, cy + 15, INK, 2.5, z=3)
            value = f"{_fmt(dim.mean, lang)} · {_fmt_index(dim.index, lang)}"
            before = earlier.get(dim.id)
            if before is not None and before.mean is not None:
                canvas.text(PROFILE_VALUE_X, cy - 10, value, SIZE_TEXT, "bold", ha="right")
                change = t(lang, "chart.change", delta=_fmt_delta(dim.mean - before.mean, lang))
                canvas.text(PROFILE_VALUE_X, cy + 14, change, SIZE_SMALL, color=MUTED, ha="right")
            else:
                canvas.text(PROFILE_VALUE_X, cy, value, SIZE_TEXT, "bold", ha="right")
        else:
            canvas.text(PROFILE_VALUE_X, cy, t(lang, "chart.no_ratings"), SIZE_SMALL, color=MUTED, ha="right")
        before = earlier.get(dim.id)
        if before is not None and before.mean is not None:
            _previous_symbol(canvas, _px(float(before.mean)), cy)
        y += height
    if not dimensions:
        y = canvas.lines(MARGIN, y + 10, [t(lang, "chart.no_ratings")], SIZE_TEXT, color=MUTED) + 10
    for level in LEVELS:
        canvas.vline(_px(level), block_top, y, GRID, 0.8, z=0.6)
    canvas.hline(_px(1), _px(5), y, GRID, 0.8)
    y = _profile_axis(canvas, lang, y + 4, numbers_first=True)
    return canvas.png(y + MARGIN)


def _profile_axis(canvas: _Canvas, lang: str, top: float, *, numbers_first: bool = False) -> float:
    """Level numbers with the scale's meaning at the ends; returns the y below."""
    line = _line_height(SIZE_TEXT)
    numbers_y, scale_y = (
        (top + line / 2, top + line * 1.5) if numbers_first else (top + line * 1.5, top + line / 2)
    )
    canvas.text(_px(1) - 12, scale_y, t(lang, "chart.scale_low"), SIZE_SMALL, color=MUTED)
    canvas.text(_px(5) + 12, scale_y, t(lang, "chart.scale_high"), SIZE_SMALL, color=MUTED, ha="right")
    for level in LEVELS:
        canvas.text(_px(level), numbers_y, str(level), SIZE_TEXT, "bold", ha="center")
    return top + 2 * line + 8


def _bar_symbol(canvas: _Canvas, x: float, y: float) -> None:
    canvas.rect(x - 16, y - 8, 32, 16, BAR, zorder=2)


def _band_symbol(canvas: _Canvas, x: float, y: float) -> None:
    canvas.rect(x - 16, y - 12, 32, 24, BAND, zorder=1)


def _previous_symbol(canvas: _Canvas, x: float, y: float) -> None:
    canvas.ax.plot(x, y, marker="D", ms=10, mfc="white", mec=INK, mew=2.0, ls="none", zorder=5)


# --------------------------------------------------------------------------------------------- history

#: a mean level of one round, or None where nothing was rated (a gap in the line)
HistoryValue = float | Fraction | None


@dataclass(frozen=True)
class HistorySeries:
    """The team's maturity over its closed rounds, oldest first: what ``history_chart`` draws.

    Plain numbers, so the caller fills it from whatever keeps the history (the domain's history module,
    a test); every tuple has one value per round, None where the round has no rating for it.
    """

    #: one label per round as the group reads it, e.g. its closing date "12.03.2025"
    round_labels: tuple[str, ...]
    #: dimension id -> mean level 1..5 per round, in the order the chart lists the dimensions
    dimension_means: Mapping[str, tuple[HistoryValue, ...]]
    #: the overall mean level per round
    overall: tuple[HistoryValue, ...]

    def __post_init__(self) -> None:
        rounds = len(self.round_labels)
        if len(self.overall) != rounds:
            raise ValueError(f"overall has {len(self.overall)} values for {rounds} rounds")
        for dim, values in self.dimension_means.items():
            if len(values) != rounds:
                raise ValueError(f"dimension {dim!r} has {len(values)} values for {rounds} rounds")


#: history chart columns, in px
HISTORY_LABEL_W = 330
HISTORY_X0 = MARGIN + HISTORY_LABEL_W + 24  # left edge of the plot area
HISTORY_VALUE_W = 175
HISTORY_X1 = WIDTH - MARGIN - HISTORY_VALUE_W - 16  # right edge of the plot area
HISTORY_PAD = 34  # from the plot area's edges to the first and last round
HISTORY_OVERALL_H = 250.0
HISTORY_ROW_H = 104.0
HISTORY_ROW_PAD = 16.0  # above level 5 and below level 1 inside a row
HISTORY_LINE = BAR
HISTORY_REFERENCE = "#8a8a8a"


def _round_xs(count: int, pad: float) -> list[float]:
    """The rounds evenly spaced across the plot area (rounds are the unit, not calendar time).

    ``pad`` keeps the first and last round far enough inside for their labels to centre under them.
    """
    if count == 1:
        return [(HISTORY_X0 + HISTORY_X1) / 2]
    left, right = HISTORY_X0 + pad, HISTORY_X1 - pad
    return [left + k * (right - left) / (count - 1) for k in range(count)]


def _level_y(level: float, top: float, height: float, pad: float) -> float:
    """Level 1..5 to px inside a band from ``top`` of ``height``, level 5 at the top."""
    return top + pad + (5 - level) / 4 * (height - 2 * pad)


def _values(values: Sequence[HistoryValue]) -> list[float]:
    """Levels as floats, a gap as NaN: matplotlib breaks a line at NaN, so a gap shows as a gap."""
    return [math.nan if v is None else float(v) for v in values]


def _latest(values: Sequence[HistoryValue]) -> tuple[HistoryValue, HistoryValue]:
    """The last round's value and the one before it (None where missing)."""
    last = values[-1] if values else None
    before = values[-2] if len(values) >= 2 else None
    return last, before


def history_chart(series: HistorySeries, labels: ChartLabels) -> bytes:
    """The team's mean level per dimension over its closed rounds, one small chart per dimension.

    Eight coloured lines in one plot cross each other and need a legend a phone reader must match by
    colour; stacked rows (small multiples) sharing one round axis are read by their labels instead, keep
    every dimension's trend apart, and scale to any number of dimensions. Every row shows the levels
    1–5 on the same scale, so rows compare honestly, with the overall mean as a grey dashed reference.
    The overall mean gets the large panel on top, with its value at every round. The right column
    gives the latest value and its change from the round before. One round shows as points; a round
    without ratings for a dimension leaves a gap in its line.
    """
    canvas, height = _draw_history(series, labels)
    return canvas.png(height)


def _draw_history(series: HistorySeries, labels: ChartLabels) -> tuple[_Canvas, float]:
    """The history chart drawn on a canvas; returns it with its height (tests inspect the artists)."""
    lang = labels.lang
    canvas = _Canvas()
    count = len(series.round_labels)
    subtitle_key = "chart.history_subtitle.one" if count == 1 else "chart.history_subtitle.other"
    notes = [(t(lang, subtitle_key, count=count), MUTED)] if count else []
    y = _header(canvas, labels, t(lang, "chart.history_title"), notes)
    if count == 0:
        y = canvas.lines(MARGIN, y + 10, [t(lang, "chart.history_empty")], SIZE_TEXT, color=MUTED) + 10
        return canvas, y + MARGIN

    has_gaps = any(v is None for values in series.dimension_means.values() for v in values)
    key = [_KeyItem(40, t(lang, "chart.history_dimension"), _history_line_symbol)]
    if series.dimension_means and count > 1:
        key.append(_KeyItem(40, t(lang, "chart.history_reference"), _history_reference_symbol))
    if has_gaps:
        key.append(_KeyItem(52, t(lang, "chart.history_gap"), _history_gap_symbol))
    y = _key(canvas, key, y) + 4

    xs = _round_xs(count, min(max(HISTORY_PAD, _label_width(canvas, series.round_labels) / 2 + 6), 150))
    y = _history_axis(canvas, series.round_labels, xs, y, lang)
    line = _line_height(SIZE_TEXT)

    # -- the overall mean ---------------------------------------------------------------------------------
    top, height = y, HISTORY_OVERALL_H
    canvas.rect(MARGIN, top, WIDTH - 2 * MARGIN, height, HEADER_BG, zorder=0.1)
    pad = 34.0
    for level in LEVELS:
        ly = _level_y(level, top, height, pad)
        canvas.hline(HISTORY_X0, HISTORY_X1, ly, "#c5d1de", 0.8, z=0.4)
        canvas.text(HISTORY_X0 - 10, ly, str(level), SIZE_SMALL, color=MUTED, ha="right")
    title = canvas.wrap(t(lang, "chart.history_overall"), HISTORY_LABEL_W - 40, SIZE_HEADER, "bold", 2)
    title_top = top + height / 2 - (len(title) + 1) * line / 2
    after = canvas.lines(MARGIN + 12, title_top, title, SIZE_HEADER, "bold")
    canvas.lines(MARGIN + 12, after, [t(lang, "chart.history_overall_note")], SIZE_SMALL, color=MUTED)
    overall = _values(series.overall)
    ys = [math.nan if math.isnan(v) else _level_y(v, top, height, pad) for v in overall]
    canvas.ax.plot(xs, ys, color=INK, lw=3.2, marker="o", ms=9, mfc=INK, mec="white", mew=1.2, zorder=5)
    spacing = xs[1] - xs[0] if count > 1 else WIDTH
    every = max(1, math.ceil((canvas.width("0,0", SIZE_SMALL, "bold") + 10) / spacing))
    for k, (x, v, py) in enumerate(zip(xs, overall, ys, strict=True)):
        # the values thinned out like the round labels when the rounds sit too close for all of them
        if not math.isnan(v) and (count - 1 - k) % every == 0:
            above = py - 22 if v < 4.6 else py + 24
            canvas.text(
                x,
                above,
                _fmt(v, lang),
                SIZE_SMALL,
                "bold",
                ha="center",
                zorder=6,
                path_effects=[withStroke(linewidth=3.0, foreground=HEADER_BG)],
            )
    _history_latest(canvas, series.overall, top, height, lang, big=True)
    y = top + height

    # -- one row per dimension ----------------------------------------------------------------------------
    for k, (dim, values) in enumerate(series.dimension_means.items()):
        top = y
        if k % 2:
            canvas.rect(MARGIN, top, WIDTH - 2 * MARGIN, HISTORY_ROW_H, "#f6f6f6", zorder=0.1)
        canvas.hline(MARGIN, WIDTH - MARGIN, top + HISTORY_ROW_H, ROW_RULE, 0.8, z=0.3)
        title = labels.dimension_titles.get(dim, dim)
        wrapped = canvas.wrap(title, HISTORY_LABEL_W - 30, SIZE_TEXT, max_lines=2)
        canvas.lines(MARGIN + 12, top + HISTORY_ROW_H / 2 - len(wrapped) * line / 2, wrapped, SIZE_TEXT)
        for level in (1, 3, 5):
            ly = _level_y(level, top, HISTORY_ROW_H, HISTORY_ROW_PAD)
            canvas.hline(HISTORY_X0, HISTORY_X1, ly, GRID, 0.7, z=0.4)
            canvas.text(HISTORY_X0 - 10, ly, str(level), SIZE_SMALL - 2, color=MUTED, ha="right")
        reference = [
            math.nan if math.isnan(v) else _level_y(v, top, HISTORY_ROW_H, HISTORY_ROW_PAD) for v in overall
        ]
        canvas.ax.plot(xs, reference, color=HISTORY_REFERENCE, lw=1.4, ls=(0, (4, 3)), zorder=2)
        means = _values(values)
        ys = [math.nan if math.isnan(v) else _level_y(v, top, HISTORY_ROW_H, HISTORY_ROW_PAD) for v in means]
        canvas.ax.plot(xs, ys, color=HISTORY_LINE, lw=2.6, marker="o", ms=7.5, mec="white", mew=1.0, zorder=4)
        _history_latest(canvas, values, top, HISTORY_ROW_H, lang, big=False)
        y = top + HISTORY_ROW_H

    y = _history_axis(canvas, series.round_labels, xs, y + 6, lang)
    return canvas, y + MARGIN


def _label_width(canvas: _Canvas, round_labels: Sequence[str]) -> float:
    """The room a round's label gets: its full width, but no more than a date needs (longer ones shorten)."""
    widest = max(canvas.width(label, SIZE_SMALL, "bold") for label in round_labels)
    return min(widest, canvas.width("00.00.0000", SIZE_SMALL, "bold"))


def _history_axis(
    canvas: _Canvas, round_labels: Sequence[str], xs: Sequence[float], top: float, lang: str
) -> float:
    """The rounds' labels under their columns and the right column's heading; returns the y below.

    When the labels (up to a date's width) are wider than the rounds' spacing only every n-th is shown,
    counted back from the latest round, which always has its label; a label is shortened to the room it
    has, never overlapping its neighbours or leaving the plot area.
    """
    line = _line_height(SIZE_SMALL)
    baseline = top + line / 2 + 4
    spacing = xs[1] - xs[0] if len(xs) > 1 else HISTORY_X1 - HISTORY_X0
    every = max(1, math.ceil((_label_width(canvas, round_labels) + 12) / spacing))
    last = len(xs) - 1
    for k, (x, label) in enumerate(zip(xs, round_labels, strict=True)):
        if (last - k) % every:
            continue
        room = min(spacing * every - 12, 2 * min(x - HISTORY_X0 + 6, HISTORY_X1 + 6 - x))
        text = canvas.shorten(label, room, SIZE_SMALL, "bold")
        canvas.text(x, baseline, text, SIZE_SMALL, "bold", ha="center")
    key = "chart.history_latest" if len(xs) > 1 else "chart.history_latest_only"
    heading = canvas.shorten(t(lang, key), HISTORY_VALUE_W, SIZE_SMALL)
    canvas.text(WIDTH - MARGIN - 10, baseline, heading, SIZE_SMALL, color=MUTED, ha="right")
    return top + line + 12


def _history_latest(
    canvas: _Canvas, values: Sequence[HistoryValue], top: float, height: float, lang: str, *, big: bool
) -> None:
    """The latest value at the right of a row, and under it the change from the round before."""
    last, before = _latest(values)
    x, cy = WIDTH - MARGIN - 10, top + height / 2
    size = SIZE_TITLE if big else SIZE_HEADER
    if last is None:
        lines = canvas.wrap(t(lang, "chart.history_not_rated"), HISTORY_VALUE_W, SIZE_SMALL, max_lines=2)
        top = cy - len(lines) * _line_height(SIZE_SMALL) / 2
        canvas.lines(x, top, lines, SIZE_SMALL, color=MUTED, ha="right")
        return
    if before is None:
        canvas.text(x, cy, _fmt(last, lang), size, "bold", ha="right")
        return
    canvas.text(x, cy - 12, _fmt(last, lang), size, "bold", ha="right")
    delta = _fmt_delta(Fraction(last) - Fraction(before), lang)
    canvas.text(x, cy + (22 if big else 18), delta, SIZE_SMALL, color=MUTED, ha="right")


def _history_line_symbol(canvas: _Canvas, x: float, y: float) -> None:
    canvas.ax.plot([x - 18, x + 18], [y, y], color=HISTORY_LINE, lw=2.6, zorder=4)
    canvas.ax.plot(x, y, marker="o", ms=7.5, color=HISTORY_LINE, mec="white", mew=1.0, zorder=5)


def _history_reference_symbol(canvas: _Canvas, x: float, y: float) -> None:
    canvas.ax.plot([x - 18, x + 18], [y, y], color=HISTORY_REFERENCE, lw=1.4, ls=(0, (4, 3)), zorder=4)


def _history_gap_symbol(canvas: _Canvas, x: float, y: float) -> None:
    for x0, x1 in ((x - 24, x - 9), (x + 9, x + 24)):
        canvas.ax.plot([x0, x1], [y, y], color=HISTORY_LINE, lw=2.6, zorder=4)
    canvas.ax.plot(
        [x - 9, x + 9], [y, y], marker="o", ms=7.5, color=HISTORY_LINE, mec="white", ls="none", zorder=5
    )


# ------------------------------------------------------------------------------------ the agreement map

MAP_X0, MAP_X1 = MARGIN + 70.0, WIDTH - MARGIN - 20.0
MAP_HEIGHT = 760.0
#: the spread axis runs from 0 to this (AD_M cannot exceed 2 on five levels), or to the largest spread
MAP_SPREAD_MAX = 2.0
DOT_R = 17.0
STRENGTH_TINT = "#e3f1e4"
WEAKNESS_TINT = "#fbe4dc"
CONTESTED_TINT = "#fff1cc"
STRENGTH_INK = "#1b5e20"
WEAKNESS_INK = "#a8320e"
CONTESTED_INK = "#7a5200"
VERDICT_DOT = {
    Verdict.AGREEMENT: "#3b78b0",
    Verdict.DISAGREEMENT: FLAG_INK,
    Verdict.DISSENT: "#b8860b",
    Verdict.INSUFFICIENT: "#9a9a9a",
}


def agreement_map(analysis: RoundAnalysis, labels: ChartLabels) -> bytes:
    """Every statement as a numbered dot: how high the team rates it (across) and how far the judgments
    spread (up, the mean absolute deviation from the median, AD_M).

    The regions the rule set names are shaded and labelled: "agreed strength" and "agreed weakness" below
    the dispersion line (AD_M 5/6), "contested" above it. Above the line the team does not share one
    picture, whatever the mean says; that is where the conversation belongs. Dots at one place share it
    side by side; the colour tells the verdict (a polarised split can sit below the line). No names: a dot
    is a statement, never a person.
    """
    canvas, height = _draw_map(analysis, labels)
    return canvas.png(height)


def _draw_map(analysis: RoundAnalysis, labels: ChartLabels) -> tuple[_Canvas, float]:
    """The map drawn on a canvas, and its height (tests read the drawn texts from the canvas)."""
    lang = labels.lang
    config = analysis.config
    canvas = _Canvas()
    plotted = [s for s in analysis.statements if s.mean is not None and s.ad_mean is not None]
    left_out = len(analysis.statements) - len(plotted)
    notes = [(t(lang, "chart.map_note"), MUTED)]
    if left_out:
        notes.append((t(lang, "chart.map_left_out", count=left_out), MUTED))
    y = _header(canvas, labels, t(lang, "chart.map_title"), notes)
    key = [
        _KeyItem(34, t(lang, "chart.map_agreement"), _dot_symbol(VERDICT_DOT[Verdict.AGREEMENT])),
        _KeyItem(34, t(lang, "chart.disagreement"), _dot_symbol(VERDICT_DOT[Verdict.DISAGREEMENT])),
        _KeyItem(34, t(lang, "chart.dissent"), _dot_symbol(VERDICT_DOT[Verdict.DISSENT])),
    ]
    y = _key(canvas, key, y) + 8
    canvas.text(MARGIN, y + 10, t(lang, "chart.map_y"), SIZE_SMALL, color=MUTED)
    top, bottom = y + 34, y + 34 + MAP_HEIGHT
    spread_max = max([MAP_SPREAD_MAX, *(float(s.ad_mean or 0) for s in plotted)])

    def mx(mean: float) -> float:
        return MAP_X0 + (mean - 1) / 4 * (MAP_X1 - MAP_X0)

    def my(spread: float) -> float:
        return bottom - spread / spread_max * (bottom - top)

    cut = my(float(config.dispersion_ad_cutoff))
    canvas.rect(MAP_X0, top, MAP_X1 - MAP_X0, cut - top, CONTESTED_TINT, zorder=0.2)
    strong, weak = mx(float(config.strength_mean)), mx(float(config.weakness_mean))
    canvas.rect(strong, cut, MAP_X1 - strong, bottom - cut, STRENGTH_TINT, zorder=0.2)
    canvas.rect(MAP_X0, cut, weak - MAP_X0, bottom - cut, WEAKNESS_TINT, zorder=0.2)
    canvas.hline(MAP_X0, MAP_X1, cut, CONTESTED_INK, 1.4, z=0.6)
    canvas.text(MAP_X0 + 10, top + 18, t(lang, "chart.map_contested"), SIZE_TEXT, "bold", CONTESTED_INK)
    canvas.text(
        MAP_X1 - 10, bottom - 14, t(lang, "chart.map_strength"), SIZE_TEXT, "bold", STRENGTH_INK, ha="right"
    )
    canvas.text(MAP_X0 + 10, bottom - 14, t(lang, "chart.map_weakness"), SIZE_TEXT, "bold", WEAKNESS_INK)
    for level in LEVELS:
        canvas.vline(mx(level), top, bottom, GRID, 0.8, z=0.5)
        canvas.text(mx(level), bottom + 18, str(level), SIZE_TEXT, "bold", ha="center")
    step = 0.5
    value = 0.0
    while value <= spread_max + 1e-9:
        canvas.hline(MAP_X0, MAP_X1, my(value), GRID, 0.6, z=0.5)
        canvas.text(MAP_X0 - 10, my(value), _fmt(value, lang), SIZE_SMALL, color=MUTED, ha="right")
        value += step
    canvas.text(
        (MAP_X0 + MAP_X1) / 2, bottom + 44, t(lang, "chart.map_x"), SIZE_SMALL, color=MUTED, ha="center"
    )

    positions = {s.id: k for k, s in enumerate(analysis.statements)}
    placed: list[tuple[float, float]] = []
    for s in sorted(plotted, key=lambda s: (float(s.ad_mean or 0), float(s.mean or 0), positions[s.id])):
        x, cy = _free_spot(mx(float(s.mean or 0)), my(float(s.ad_mean or 0)), placed)
        placed.append((x, cy))
        number = labels.statement_numbers.get(s.id) or positions[s.id] + 1
        canvas.ax.scatter(
            [x],
            [cy],
            s=(DOT_R * 2 / PT) ** 2,
            color=VERDICT_DOT[s.verdict],
            edgecolors="white",
            linewidths=1.2,
            zorder=4,
        )
        canvas.text(x, cy, str(number), SIZE_SMALL, "bold", "white", ha="center", va="center", zorder=5)
    return canvas, bottom + 60 + MARGIN


def _free_spot(x: float, y: float, placed: Sequence[tuple[float, float]]) -> tuple[float, float]:
    """Where a dot at (x, y) goes so that it covers none already placed: there, or the nearest place to
    its left or right on the same height (deterministic, so a chart renders the same every time)."""
    step = DOT_R * 2.1
    for k in range(60):
        offset = (k + 1) // 2 * step * (1 if k % 2 else -1)
        candidate = min(max(x + offset, MAP_X0 + DOT_R), MAP_X1 - DOT_R)
        if all(math.hypot(candidate - px, y - py) >= step for px, py in placed):
            return candidate, y
    return x, y


def _dot_symbol(colour: str) -> _Draw:
    def draw(canvas: _Canvas, x: float, y: float) -> None:
        canvas.ax.scatter([x], [y], s=(10 / PT) ** 2 * 4, color=colour, edgecolors="white", zorder=4)

    return draw
