"""The results of a round as structured content: sections of blocks of styled spans.

The report says *what* the team sees after a round, in the order the method needs it: the overall level,
the dimensions, how far the judgments agree, then the differences in judgment (what the team should
discuss first), consensual strengths and weaknesses, knowledge gaps, managers who judge systematically
differently, the remaining comments and the next steps. It knows nothing about Telegram: a renderer turns
it into messages (``bot.views.html``) or plain text (``report_plain_text``).

A ``Block`` is the unit a renderer must keep together (one flagged statement with its ratings and comments),
so a reader never finds a statement's ratings in one message and its comments in the next. Spans carry a
style and, for names and comments, a ``user`` mark; renderers escape *all* text, styles are the only markup.

Anonymous rounds (``rater_names is None``) never show a name, never say who rated what, never flag a
manager, and list comments in text order so that one person's comments cannot be linked across statements.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from string import Formatter

from bot.domain.analysis import (
    ALPHA_NO_VARIATION,
    ALPHA_RELIABLE,
    ALPHA_TENTATIVE,
    ALPHA_TOO_FEW,
    LEVELS,
    AlphaResult,
    RaterFlag,
    RoundAnalysis,
    StatementResult,
    Verdict,
)
from bot.domain.beliefs import DISPUTED, Convergence
from bot.domain.catalogue import Catalogue
from bot.domain.text import counted
from bot.texts import t

# ------------------------------------------------------------------------------------------ the structure


class Style(StrEnum):
    PLAIN = "plain"
    BOLD = "bold"
    ITALIC = "italic"
    CODE = "code"


@dataclass(frozen=True)
class Span:
    """A piece of text in one style; ``user`` marks text that people typed (names, comments)."""

    text: str
    style: Style = Style.PLAIN
    user: bool = False


#: One line of a block: spans shown one after the other.
Line = tuple[Span, ...]


@dataclass(frozen=True)
class Block:
    """A paragraph or list item that renderers keep in one message whenever it fits into one."""

    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return "\n".join("".join(span.text for span in line) for line in self.lines)

    @property
    def spans(self) -> tuple[Span, ...]:
        return tuple(span for line in self.lines for span in line)


class SectionKind(StrEnum):
    HEADLINE = "headline"
    SINGLE = "single"
    DIMENSIONS = "dimensions"
    AGREEMENT = "agreement"
    DIFFERENCES = "differences"
    STRENGTHS = "strengths"
    WEAKNESSES = "weaknesses"
    KNOWLEDGE_GAPS = "knowledge_gaps"
    RATERS = "raters"
    COMMENTS = "comments"
    NEXT_STEPS = "next_steps"
    RERATE = "rerate"


@dataclass(frozen=True)
class Section:
    """A heading and its blocks.

    ``compact`` sections are lists: their blocks follow without a blank line, and a renderer keeps the whole
    list in one message when it fits, since a list cut in two reads like two lists.
    """

    kind: SectionKind
    heading: str
    blocks: tuple[Block, ...]
    compact: bool = False

    @property
    def separator(self) -> str:
        """What stands between two blocks of this section."""
        return "\n" if self.compact else "\n\n"


#: What stands between a heading and the section's first block, and between two sections.
HEADING_SEPARATOR = "\n"
SECTION_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Report:
    lang: str
    sections: tuple[Section, ...]

    def section(self, kind: SectionKind) -> Section | None:
        return next((s for s in self.sections if s.kind is kind), None)

    @property
    def kinds(self) -> tuple[SectionKind, ...]:
        return tuple(s.kind for s in self.sections)


def report_plain_text(report: Report) -> str:
    """The whole report as plain text (CLI, demo transcript); the renderer shows exactly this text."""
    parts = []
    for section in report.sections:
        body = section.separator.join(block.text for block in section.blocks)
        parts.append(section.heading + HEADING_SEPARATOR + body if section.blocks else section.heading)
    return SECTION_SEPARATOR.join(parts)


# ---------------------------------------------------------------------------------------------- the input


@dataclass(frozen=True)
class ReportInput:
    analysis: RoundAnalysis
    catalogue: Catalogue
    lang: str
    #: rater id -> display name; None for an anonymous round
    rater_names: Mapping[str, str] | None
    #: (rater id, statement id) -> comment; in anonymous rounds shown without names
    comments: Mapping[tuple[str, str], str]
    #: rater -> (answered, total) for managers who answered only part of the statements
    partial_raters: Mapping[str, tuple[int, int]]
    #: number of people who left the group and whose answers were excluded
    excluded_count: int = 0
    title: str | None = None
    #: a re-rating: each statement against the round it re-rates
    convergence: Convergence | None = None
    #: person (user id) -> display name, for who moved in a named re-rating
    person_names: Mapping[int, str] | None = None

    @property
    def anonymous(self) -> bool:
        return self.rater_names is None


# ------------------------------------------------------------------------------------------- formatting


def _round_half_up(value: Fraction, places: int) -> str:
    """Exact rounding for display (``format`` on a float rounds 3.25 to 3.2); ``-`` for negatives."""
    scale = 10**places
    scaled = abs(value) * scale
    whole = int(scaled + Fraction(1, 2))
    sign = "-" if value < 0 and whole else ""
    digits = str(whole).rjust(places + 1, "0")
    return sign + (digits[:-places] + "." + digits[-places:] if places else digits)


def format_number(value: Fraction | float, lang: str, places: int = 1) -> str:
    """A number for people: German decimal comma, rounded half up."""
    text = _round_half_up(Fraction(value), places)
    return text.replace(".", ",") if lang == "de" else text


def format_median(value: Fraction, lang: str) -> str:
    """A median is a level or halfway between two: ``4`` or ``3,5``."""
    return str(value.numerator) if value.denominator == 1 else format_number(value, lang)


def format_percent(value: float, lang: str) -> str:
    number = _round_half_up(Fraction(value), 0)
    return f"{number} %" if lang == "de" else f"{number}%"


def format_alpha(value: float, lang: str) -> str:
    return format_number(value, lang, 3)


BAR_CELLS = 10


def index_bar(index: float | None) -> str:
    """A ten-cell bar of a 0..100 index, readable in any chat font."""
    filled = 0 if index is None else int(_round_half_up(Fraction(index) / 100 * BAR_CELLS, 0))
    filled = max(0, min(BAR_CELLS, filled))
    return "▰" * filled + "▱" * (BAR_CELLS - filled)


# ------------------------------------------------------------------------------------------ text helpers

_FORMATTER = Formatter()

#: A placeholder's value: plain text, a number, one styled span or several (a list of names).
Value = str | int | Span | tuple[Span, ...]


def _line(lang: str, key: str, /, **values: Value) -> Line:
    """The text ``key`` as spans: literal parts plain, each placeholder its own (possibly styled) span."""
    spans: list[Span] = []
    for literal, field, _spec, _conversion in _FORMATTER.parse(t(lang, key)):
        if literal:
            spans.append(Span(literal))
        if field is not None:
            value = values[field]
            if isinstance(value, tuple):
                spans.extend(value)
            else:
                spans.append(value if isinstance(value, Span) else Span(str(value)))
    return _merge(spans)


def _merge(spans: Sequence[Span]) -> Line:
    """Join neighbouring spans of the same kind, so renderers emit fewer tags; drop empty ones."""
    out: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if out and out[-1].style is span.style and out[-1].user == span.user:
            out[-1] = Span(out[-1].text + span.text, span.style, span.user)
        else:
            out.append(span)
    return tuple(out)


def _bold(value: object) -> Span:
    return Span(str(value), Style.BOLD)


def _user_text(text: str) -> str:
    """People type Windows line ends and stray blanks; the report shows the words, not the noise."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def _join(items: Sequence[Line], separator: str = " · ") -> Line:
    spans: list[Span] = []
    for i, item in enumerate(items):
        if i:
            spans.append(Span(separator))
        spans.extend(item)
    return _merge(spans)


# ------------------------------------------------------------------------------------------- the builder


class _Builder:
    """Builds one report; holds the lookups every section needs."""

    def __init__(self, inp: ReportInput) -> None:
        self.inp = inp
        self.lang = inp.lang
        self.analysis = inp.analysis
        self.numbers = {s.id: inp.catalogue.number_of(s.id) for s in inp.catalogue.statements}
        self.texts = {s.id: s.text.get(inp.lang) for s in inp.catalogue.statements}
        self.comments = {key: text for key, raw in inp.comments.items() if (text := _user_text(raw))}

    # --- small pieces ---------------------------------------------------------------------------------

    def name(self, rater: str) -> Span:
        names = self.inp.rater_names or {}
        return Span(names.get(rater) or rater, Style.PLAIN, user=True)

    def statement_ref(self, statement_id: str) -> tuple[str, str]:
        """Number and text as the managers saw them; an id the catalogue lacks stands for itself."""
        number = self.numbers.get(statement_id)
        return (str(number) if number else "–"), self.texts.get(statement_id, statement_id)

    def statement_title(self, statement_id: str) -> Line:
        number, text = self.statement_ref(statement_id)
        return tuple(
            Span(s.text, Style.BOLD) for s in _line(self.lang, "report.statement", number=number, text=text)
        )

    def levels(self, value: Fraction) -> str:
        shown = format_number(abs(value), self.lang)
        key = "report.levels.one" if shown in ("1.0", "1,0") else "report.levels.other"
        return t(self.lang, key, value=shown)

    def comment_lines(self, statement_id: str) -> list[Line]:
        """The comments on one statement: named in rater order, anonymous in text order (unlinkable)."""
        items = [(rater, text) for (rater, sid), text in self.comments.items() if sid == statement_id]
        if self.inp.anonymous:
            return [
                _line(self.lang, "report.comment_anonymous", comment=Span(text, Style.ITALIC, user=True))
                for _rater, text in sorted(items, key=lambda item: item[1])
            ]
        order = {r: i for i, r in enumerate(self.analysis.raters)}
        items.sort(key=lambda item: (order.get(item[0], len(order)), item[0]))
        return [
            _line(
                self.lang,
                "report.comment_named",
                name=Span(self.name(rater).text, Style.BOLD, user=True),
                comment=Span(text, Style.ITALIC, user=True),
            )
            for rater, text in items
        ]

    # --- sections -------------------------------------------------------------------------------------

    def build(self) -> Report:
        sections = [self.headline()]
        if self.inp.convergence is not None:
            sections.append(self.rerate(self.inp.convergence))
        if self.analysis.comparison_possible:
            sections += [
                self.dimensions(),
                self.agreement(),
                self.differences(),
                self.positions(SectionKind.STRENGTHS, "report.strengths.heading", self.analysis.strengths),
                self.positions(SectionKind.WEAKNESSES, "report.weaknesses.heading", self.analysis.weaknesses),
                self.knowledge_gaps(),
                self.raters(),
                self.other_comments(),
                self.next_steps(),
            ]
        else:
            sections += [self.single(), self.dimensions(), self.other_comments(), self.single_next()]
        return Report(self.lang, tuple(s for s in sections if s is not None and s.blocks))

    def headline(self) -> Section:
        lang, analysis = self.lang, self.analysis
        title = self.inp.title or t(
            lang, "report.title_default", catalogue=self.inp.catalogue.title.get(lang)
        )
        count = len(analysis.raters)
        facts: list[Line] = [_line(lang, counted("report.answered", count), count=count)]
        partial = {r: v for r, v in self.inp.partial_raters.items() if v[0] < v[1]}
        if partial and self.inp.anonymous:
            facts.append(_line(lang, counted("report.partial_anonymous", len(partial)), count=len(partial)))
        elif partial:
            order = {r: i for i, r in enumerate(analysis.raters)}
            for rater in sorted(partial, key=lambda r: (order.get(r, len(order)), r)):
                answered, total = partial[rater]
                facts.append(
                    _line(lang, "report.partial_named", name=self.name(rater), answered=answered, total=total)
                )
        if self.inp.excluded_count:
            n = self.inp.excluded_count
            facts.append(_line(lang, counted("report.excluded", n), count=n))
        blocks = [Block(tuple(facts))]
        if analysis.overall_mean is not None and analysis.overall_index is not None:
            overall = _line(
                lang,
                "report.overall",
                index=_bold(format_percent(analysis.overall_index, lang)),
                level=_bold(format_number(analysis.overall_mean, lang)),
            )
            note = (Span(t(lang, "report.overall_note"), Style.ITALIC),)
            blocks.append(Block((overall, note)))
        return Section(SectionKind.HEADLINE, title, tuple(blocks))

    def dimensions(self) -> Section:
        lang = self.lang
        results = {d.id: d for d in self.analysis.dimensions}
        ordered = [(d.id, d.title.get(lang)) for d in self.inp.catalogue.dimensions if d.id in results]
        known = {dim_id for dim_id, _ in ordered}
        ordered += [(d.id, d.id) for d in self.analysis.dimensions if d.id not in known]
        blocks = []
        for dim_id, title in ordered:
            result = results[dim_id]
            if result.mean is None or result.index is None:
                line = _line(lang, "report.dimension.unrated", bar=index_bar(None), title=title)
            else:
                line = _line(
                    lang,
                    "report.dimension.line",
                    bar=index_bar(result.index),
                    title=_bold(title),
                    level=format_number(result.mean, lang),
                    index=format_percent(result.index, lang),
                )
            blocks.append(Block((line,)))
        return Section(
            SectionKind.DIMENSIONS, t(lang, "report.dimensions.heading"), tuple(blocks), compact=True
        )

    def agreement(self) -> Section:
        lang = self.lang
        ordinal, interval = self.analysis.alpha_ordinal, self.analysis.alpha_interval
        lines: list[Line] = []
        if ordinal.value is None:
            lines.append(self.alpha_undefined(ordinal))
        else:
            shown = format_alpha(ordinal.value, lang)
            lines.append(_line(lang, "report.alpha.ordinal", value=_bold(shown), n=ordinal.n))
            if interval.value is not None:
                lines.append(_line(lang, "report.alpha.interval", value=format_alpha(interval.value, lang)))
            # The band follows the figure people read: .7996 is shown as .800 and called good.
            rounded = float(_round_half_up(Fraction(ordinal.value), 3))
            band = (
                "report.alpha.good"
                if rounded >= ALPHA_RELIABLE
                else "report.alpha.tentative"
                if rounded >= ALPHA_TENTATIVE
                else "report.alpha.low"
            )
            lines.append(_line(lang, band))
            bands = _line(
                lang,
                "report.alpha.bands",
                good=format_alpha(ALPHA_RELIABLE, lang),
                tentative=format_alpha(ALPHA_TENTATIVE, lang),
            )
            lines.append(tuple(Span(s.text, Style.ITALIC) for s in bands))
        return Section(SectionKind.AGREEMENT, t(lang, "report.agreement.heading"), (Block(tuple(lines)),))

    def alpha_undefined(self, alpha: AlphaResult) -> Line:
        if alpha.reason == ALPHA_NO_VARIATION:
            return _line(self.lang, "report.alpha.no_variation")
        if alpha.reason == ALPHA_TOO_FEW:
            return _line(self.lang, "report.alpha.too_few")
        return _line(self.lang, "report.alpha.undefined", reason=alpha.reason or "?")

    def differences(self) -> Section:
        lang, analysis = self.lang, self.analysis
        flagged = [*analysis.disagreements, *analysis.dissents]
        judged = [s for s in analysis.statements if s.verdict is not Verdict.INSUFFICIENT]
        if not judged:
            intro = _line(lang, "report.differences.not_comparable")
        elif not flagged:
            intro = _line(lang, "report.differences.none")
        else:
            intro = _line(lang, "report.differences.intro", count=_bold(len(flagged)), total=len(judged))
        blocks = [Block((intro,))]
        blocks += [self.flagged_block(analysis.statement(sid)) for sid in flagged]
        return Section(SectionKind.DIFFERENCES, t(lang, "report.differences.heading"), tuple(blocks))

    def flagged_block(self, s: StatementResult) -> Block:
        lang = self.lang
        lines: list[Line] = [self.statement_title(s.id)]
        if self.inp.anonymous:
            counts = [
                _line(lang, "report.level_count", count=count, level=level)
                for level, count in zip(LEVELS, s.distribution, strict=True)
                if count
            ]
            lines.append(_line(lang, "report.distribution", distribution=_join(counts)))
        else:
            ratings = [(self.name(rater), Span(f" {level}")) for rater, level in s.ratings.items()]
            lines.append(_line(lang, "report.ratings", ratings=_join(ratings)))
        lines.append(self.stats_line(s))
        lines.extend(self.verdict_lines(s))
        lines.extend(self.comment_lines(s.id))
        return Block(tuple(_merge(line) for line in lines))

    def stats_line(self, s: StatementResult) -> Line:
        lang = self.lang
        items = [_line(lang, "report.stat.n", n=s.n)]
        if s.cant_judge and not self.inp.anonymous and s.cant_judge_raters:
            names = _join([(self.name(r),) for r in s.cant_judge_raters], ", ")
            items.append(_line(lang, "report.stat.cant_judge_named", count=s.cant_judge, names=names))
        else:
            items.append(_line(lang, "report.stat.cant_judge", count=s.cant_judge))
        if s.mean is not None:
            items.append(_line(lang, "report.stat.mean", value=format_number(s.mean, lang)))
        if s.median is not None:
            items.append(_line(lang, "report.stat.median", value=format_median(s.median, lang)))
        return _join(items)

    def verdict_lines(self, s: StatementResult) -> list[Line]:
        lang, config = self.lang, self.analysis.config
        values = list(s.ratings.values())
        if s.verdict is Verdict.DISAGREEMENT:
            low = sum(1 for x in values if x <= 2)
            high = sum(1 for x in values if x >= 4)
            share = config.polarisation_share * len(values)
            if low >= share and high >= share:
                return [_line(lang, "report.verdict.polarised", low=low, high=high)]
            return [_line(lang, "report.verdict.dispersed", min=s.min or "?", max=s.max or "?")]
        if s.verdict is not Verdict.DISSENT or not s.dissenters:
            return []

        def others_median(rater: str) -> str:
            others = sorted(x for r, x in s.ratings.items() if r != rater)
            mid = len(others) // 2
            median = Fraction(others[mid]) if len(others) % 2 else Fraction(others[mid - 1] + others[mid], 2)
            return format_median(median, lang)

        if self.inp.anonymous:
            if len(s.dissenters) == 1:
                rater = s.dissenters[0]
                key = "report.verdict.dissent_anonymous.one"
                return [_line(lang, key, level=s.ratings[rater], median=others_median(rater))]
            return [_line(lang, "report.verdict.dissent_anonymous.other", count=len(s.dissenters))]
        return [
            _line(
                lang,
                "report.verdict.dissent_named",
                name=Span(self.name(rater).text, Style.BOLD, user=True),
                level=s.ratings[rater],
                median=others_median(rater),
            )
            for rater in s.dissenters
        ]

    def positions(self, kind: SectionKind, heading: str, ids: Sequence[str]) -> Section:
        lang = self.lang
        blocks = []
        for sid in ids:
            s = self.analysis.statement(sid)
            number, text = self.statement_ref(sid)
            mean = format_number(s.mean, lang) if s.mean is not None else "–"
            blocks.append(
                Block((_line(lang, "report.position", number=number, text=text, mean=_bold(mean), n=s.n),))
            )
        return Section(kind, t(lang, heading), tuple(blocks), compact=True)

    def knowledge_gaps(self) -> Section:
        lang = self.lang
        blocks = [Block((_line(lang, "report.gaps.intro"),))] if self.analysis.knowledge_gaps else []
        for sid in self.analysis.knowledge_gaps:
            s = self.analysis.statement(sid)
            number, text = self.statement_ref(sid)
            line = _line(
                lang,
                counted("report.gap", s.cant_judge),
                number=number,
                text=text,
                count=_bold(s.cant_judge),
                answered=s.n + s.cant_judge,
            )
            blocks.append(Block((line,)))
        return Section(
            SectionKind.KNOWLEDGE_GAPS, t(lang, "report.gaps.heading"), tuple(blocks), compact=True
        )

    def raters(self) -> Section | None:
        """Manager flags and the pair offset: named rounds only, since they point at a person."""
        if self.inp.anonymous:
            return None
        lang, analysis = self.lang, self.analysis
        pair = analysis.pair_offset
        if pair is not None and pair.flagged and pair.offset is not None:
            first, second = pair.raters if pair.offset > 0 else (pair.raters[1], pair.raters[0])
            line = _line(
                lang,
                "report.pair",
                first=self.name(first),
                second=self.name(second),
                levels=_bold(self.levels(pair.offset)),
                k=pair.k,
            )
            return Section(SectionKind.RATERS, t(lang, "report.pair.heading"), (Block((line,)),))
        blocks = []
        for result in analysis.rater_results:
            lines: list[Line] = []
            name = Span(self.name(result.id).text, Style.BOLD, user=True)
            for flag in result.flags:
                if flag in (RaterFlag.RATES_HIGHER, RaterFlag.RATES_LOWER) and result.bias is not None:
                    key = "report.rater.higher" if flag is RaterFlag.RATES_HIGHER else "report.rater.lower"
                    levels = _bold(self.levels(result.bias))
                    lines.append(_line(lang, key, name=name, levels=levels, k=result.k))
                elif flag is RaterFlag.DIFFERENT_PATTERN:
                    key = "report.rater.straight" if result.straight_lining else "report.rater.pattern"
                    lines.append(_line(lang, key, name=name, k=result.k))
            if lines:
                blocks.append(Block(tuple(lines)))
        if not blocks:
            return None
        intro = Block((_line(lang, "report.raters.intro"),))
        return Section(SectionKind.RATERS, t(lang, "report.raters.heading"), (intro, *blocks))

    def other_comments(self) -> Section:
        """Comments on statements not shown as differences, so that no comment is lost."""
        lang, analysis = self.lang, self.analysis
        flagged = (
            set(analysis.disagreements) | set(analysis.dissents) if analysis.comparison_possible else set()
        )
        statement_ids = {sid for (_rater, sid) in self.comments if sid not in flagged}
        # catalogue order; ids the catalogue lacks (a changed catalogue) go last, in a stable order
        ordered = sorted(statement_ids, key=lambda sid: (self.numbers.get(sid, len(self.numbers) + 1), sid))
        blocks = [Block((self.statement_title(sid), *self.comment_lines(sid))) for sid in ordered]
        key = "report.comments.heading_other" if flagged else "report.comments.heading"
        return Section(SectionKind.COMMENTS, t(lang, key), tuple(blocks))

    def next_steps(self) -> Section:
        lang = self.lang
        flagged = self.analysis.disagreements or self.analysis.dissents
        first = "report.next.discuss" if flagged else "report.next.discuss_agreed"
        keys = (first, "report.next.prioritise", "report.next.lighthouse", "report.next.repeat")
        block = Block(tuple(_line(lang, key) for key in keys))
        return Section(SectionKind.NEXT_STEPS, t(lang, "report.next.heading"), (block,))

    def single(self) -> Section:
        """One manager (or none): nothing to compare, so show what there is: that one judgment."""
        lang, analysis = self.lang, self.analysis
        if not analysis.active_raters:
            return Section(
                SectionKind.SINGLE,
                t(lang, "report.single.heading"),
                (Block((_line(lang, "report.single.nobody"),)),),
            )
        rater = analysis.active_raters[0]
        intro: list[Line] = [_line(lang, "report.single.text")]
        if not self.inp.anonymous:
            intro.append(_line(lang, "report.single.by", name=self.name(rater)))
        levels: list[Line] = []
        for s in analysis.statements:
            number, text = self.statement_ref(s.id)
            if s.ratings:
                level = next(iter(s.ratings.values()))
                label = self.inp.catalogue.level(level).label.get(lang)
                levels.append(
                    _line(
                        lang, "report.single.level", number=number, text=text, level=_bold(level), label=label
                    )
                )
            elif rater in s.cant_judge_raters:
                levels.append(_line(lang, "report.single.cant_judge", number=number, text=text))
        blocks = [Block(tuple(intro)), Block(tuple(levels))]
        return Section(
            SectionKind.SINGLE, t(lang, "report.single.heading"), tuple(b for b in blocks if b.lines)
        )

    def rerate(self, result: Convergence) -> Section:
        """A re-rating: each statement's spread before → after, who moved (named rounds), how many disputes
        converged, and the points still contested, whose beliefs the group is asked to name."""
        lang = self.lang
        blocks: list[Block] = []
        share = result.converged_share
        if share is None:
            blocks.append(Block((_line(lang, "report.rerate.none_disputed"),)))
        else:
            disputed = sum(1 for s in result.shifts if s.before.verdict in DISPUTED)
            blocks.append(
                Block(
                    (
                        _line(
                            lang,
                            "report.rerate.share",
                            converged=_bold(len(result.converged)),
                            disputed=disputed,
                            percent=format_percent(float(share) * 100, lang),
                        ),
                    )
                )
            )
        for shift in result.shifts:
            lines: list[Line] = [self.statement_title(shift.statement_id)]
            lines.append(
                _line(
                    lang,
                    "report.rerate.before_after",
                    before=self.spread(shift.before),
                    after=self.spread(shift.after),
                )
            )
            if not self.inp.anonymous and self.inp.person_names is not None:
                if shift.moves:
                    names = self.inp.person_names
                    moves = _join(
                        [
                            (
                                Span(names.get(m.person) or "–", Style.PLAIN, user=True),
                                Span(f" {m.before} → {m.after}"),
                            )
                            for m in shift.moves
                        ],
                        ", ",
                    )
                    lines.append(_line(lang, "report.rerate.moves", moves=moves))
                else:
                    lines.append(_line(lang, "report.rerate.no_moves"))
            blocks.append(Block(tuple(_merge(line) for line in lines)))
        contested = result.contested
        if contested:
            numbers = ", ".join(self.statement_ref(sid)[0] for sid in contested)
            blocks.append(Block((_line(lang, "report.rerate.contested", numbers=_bold(numbers)),)))
        else:
            blocks.append(Block((_line(lang, "report.rerate.all_converged"),)))
        return Section(SectionKind.RERATE, t(lang, "report.rerate.heading"), tuple(blocks))

    def spread(self, s: StatementResult) -> str:
        """ "2× level 1 · 2× level 5, AD_M 2.00, disagreement": a statement's spread in one phrase."""
        lang = self.lang
        counts = " · ".join(
            t(lang, "report.level_count", count=count, level=level)
            for level, count in zip(LEVELS, s.distribution, strict=True)
            if count
        )
        ad_mean = "–" if s.ad_mean is None else format_number(s.ad_mean, lang, 2)
        verdict = t(lang, _RERATE_VERDICTS[s.verdict])
        return t(lang, "report.rerate.spread", counts=counts or "–", ad_mean=ad_mean, verdict=verdict)

    def single_next(self) -> Section:
        block = Block((_line(self.lang, "report.single.next"),))
        return Section(SectionKind.NEXT_STEPS, t(self.lang, "report.next.heading"), (block,))


#: How a re-rating names a verdict before and after.
_RERATE_VERDICTS = {
    Verdict.AGREEMENT: "report.rerate.verdict.agreement",
    Verdict.DISAGREEMENT: "report.rerate.verdict.disagreement",
    Verdict.DISSENT: "report.rerate.verdict.dissent",
    Verdict.INSUFFICIENT: "report.rerate.verdict.insufficient",
}


def build_report(inp: ReportInput) -> Report:
    """The report of one closed round, in the round's language."""
    return _Builder(inp).build()
