"""The Customer Centricity Canvas as content: what the one-page picture of a team says, not how it looks.

The method's articles put the Maturity Check's results onto a canvas that the management team discusses:
strengths and weaknesses, the points they judge differently, then the priorities, one lighthouse project
that removes a central weakness quickly, and the competences to build over the coming years. This module
turns a round's analysis, the team's priorities and its lighthouse into that content, every text already
in the group's language, so a renderer (``bot.canvas``: PNG and PDF) only lays it out and a test can read
it without pixels.

Numbers follow the results report: statements are numbered 1..N in catalogue order as the managers saw
them, means use ``format_number`` (decimal comma in German), and the agreement is named with the report's
bands. Every section has a text for its empty state, so an empty canvas still says what is missing and,
where the team can act on it, which command fills it.

Inputs are plain data (``Sequence`` of pairs, ``LighthouseInfo``): the modules that own priorities and
lighthouse projects convert their own types, and this one never depends on storage or Telegram.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from bot.domain.analysis import ALPHA_RELIABLE, ALPHA_TENTATIVE, RoundAnalysis
from bot.domain.catalogue import Catalogue
from bot.domain.results import format_alpha, format_number, format_percent
from bot.domain.text import counted
from bot.texts import t

__all__ = [
    "BELIEF_COMMAND",
    "LIGHTHOUSE_COMMAND",
    "PRIORITIES_COMMAND",
    "CanvasContent",
    "CanvasItem",
    "CanvasSection",
    "CanvasSectionKind",
    "LighthouseInfo",
    "build_canvas",
]

#: The commands named in the empty states: what a team sends to fill that part of the canvas.
PRIORITIES_COMMAND = "/priorities"
LIGHTHOUSE_COMMAND = "/lighthouse"
BELIEF_COMMAND = "/belief"


class CanvasSectionKind(StrEnum):
    STRENGTHS = "strengths"
    WEAKNESSES = "weaknesses"
    DISPUTED = "disputed"
    BELIEFS = "beliefs"
    PRIORITIES = "priorities"
    LIGHTHOUSE = "lighthouse"
    COMPETENCES = "competences"


@dataclass(frozen=True)
class LighthouseInfo:
    """The team's lighthouse project as the canvas shows it (filled by whoever stores lighthouses)."""

    title: str
    goal: str = ""
    #: display name of the person who owns it; "" when nobody was named
    owner: str = ""
    #: the statements (weaknesses) it addresses, by catalogue id
    statement_ids: tuple[str, ...] = ()
    #: the next review as the group reads dates, e.g. "12.06.2025"; "" when none is planned
    review_text: str = ""


@dataclass(frozen=True)
class CanvasItem:
    """One entry of a section, in parts, so a renderer can shorten the body and still show the value.

    ``text`` joins the parts into the plain display string ("7 · statement text (Ø 1,8)").
    """

    body: str
    #: the statement's number as the managers saw it ("7"), "–" for an id the catalogue lacks, else ""
    number: str = ""
    #: the figure that goes with it: "Ø 1,8", "3 Stimmen", "Stufen 1–5"; "" when none
    value: str = ""
    #: a lead-in such as "Ziel" for the lighthouse's details; "" when none
    label: str = ""
    #: the lighthouse's title: shown larger than its details
    strong: bool = False

    @property
    def text(self) -> str:
        text = f"{self.label}: {self.body}" if self.label else self.body
        if self.number:
            text = f"{self.number} · {text}"
        return f"{text} ({self.value})" if self.value else text


@dataclass(frozen=True)
class CanvasSection:
    kind: CanvasSectionKind
    heading: str
    items: tuple[CanvasItem, ...]
    #: shown instead of the items when there are none: what is missing, and how to fill it
    empty_text: str
    #: one short line under the heading saying what the section lists; "" when the heading says it all
    note: str = ""

    @property
    def empty(self) -> bool:
        return not self.items


@dataclass(frozen=True)
class CanvasContent:
    lang: str
    #: "Customer Centricity Canvas": what the picture is, above the team's own title
    eyebrow: str
    title: str
    #: the date and how many managers judged
    subtitle: str
    #: the overall maturity index 0..100 (level 1 = 0, level 5 = 100); None when nobody gave a level
    index: float | None
    #: the same as the report writes it ("56 %"); None when nobody gave a level
    index_text: str | None
    #: what the index means, with the mean level; or that there is none yet
    index_caption: str
    #: Krippendorff's alpha in words with its value; None when it cannot be computed
    agreement: str | None
    #: in the method's order: strengths, weaknesses, disputed, beliefs, priorities, lighthouse, competences
    sections: tuple[CanvasSection, ...]
    footer: str

    def section(self, kind: CanvasSectionKind) -> CanvasSection:
        return next(s for s in self.sections if s.kind is kind)


def build_canvas(
    analysis: RoundAnalysis,
    catalogue: Catalogue,
    lang: str,
    *,
    title: str,
    date_text: str,
    priorities: Sequence[tuple[str, int]] = (),
    lighthouse: LighthouseInfo | None = None,
    competences_count: int = 3,
    beliefs: Sequence[tuple[str, str]] = (),
) -> CanvasContent:
    """The canvas of one closed round, in ``lang``.

    ``priorities`` are (statement id, votes) in ranked order, as the team voted them; ``competences_count``
    is how many of the lowest dimensions to name as competences to build; ``beliefs`` are (statement id,
    belief) as the team recorded them, newest first.
    """
    return _Builder(analysis, catalogue, lang).build(
        title=title,
        date_text=date_text,
        priorities=priorities,
        lighthouse=lighthouse,
        competences_count=competences_count,
        beliefs=beliefs,
    )


class _Builder:
    """Builds one canvas; holds the lookups every section needs."""

    def __init__(self, analysis: RoundAnalysis, catalogue: Catalogue, lang: str) -> None:
        self.analysis = analysis
        self.catalogue = catalogue
        self.lang = lang
        self.numbers = {s.id: i + 1 for i, s in enumerate(catalogue.statements)}
        self.texts = {s.id: s.text.get(lang) for s in catalogue.statements}
        self.results = {s.id: s for s in analysis.statements}

    def build(
        self,
        *,
        title: str,
        date_text: str,
        priorities: Sequence[tuple[str, int]],
        lighthouse: LighthouseInfo | None,
        competences_count: int,
        beliefs: Sequence[tuple[str, str]],
    ) -> CanvasContent:
        lang, analysis = self.lang, self.analysis
        count = len(analysis.raters)
        if analysis.overall_mean is not None and analysis.overall_index is not None:
            index_text: str | None = format_percent(analysis.overall_index, lang)
            caption = t(lang, "canvas.index_caption", level=format_number(analysis.overall_mean, lang))
        else:
            index_text, caption = None, t(lang, "canvas.index_none")
        return CanvasContent(
            lang=lang,
            eyebrow=t(lang, "canvas.eyebrow"),
            title=title,
            subtitle=t(lang, counted("canvas.subtitle", count), date=date_text, count=count),
            index=analysis.overall_index if index_text is not None else None,
            index_text=index_text,
            index_caption=caption,
            agreement=self.agreement(),
            sections=(
                self.strengths(),
                self.weaknesses(),
                self.disputed(),
                self.beliefs(beliefs),
                self.priorities(priorities),
                self.lighthouse(lighthouse),
                self.competences(competences_count),
            ),
            footer=t(lang, "canvas.footer"),
        )

    # --- pieces ---------------------------------------------------------------------------------------

    def number(self, statement_id: str) -> str:
        number = self.numbers.get(statement_id)
        return str(number) if number else "–"

    def statement_item(self, statement_id: str, value: str) -> CanvasItem:
        """A statement as the managers saw it; an id the catalogue lacks stands for itself."""
        return CanvasItem(
            body=self.texts.get(statement_id, statement_id), number=self.number(statement_id), value=value
        )

    def mean(self, statement_id: str) -> str:
        result = self.results.get(statement_id)
        if result is None or result.mean is None:
            return ""
        return t(self.lang, "canvas.mean", mean=format_number(result.mean, self.lang))

    def agreement(self) -> str | None:
        """Alpha in the report's words; the band follows the figure shown (.7996 reads .800: good)."""
        value = self.analysis.alpha_ordinal.value
        if value is None:
            return None
        rounded = float(format_number(value, "en", 3))
        band = "good" if rounded >= ALPHA_RELIABLE else "tentative" if rounded >= ALPHA_TENTATIVE else "low"
        return t(self.lang, f"canvas.alpha.{band}", value=format_alpha(value, self.lang))

    # --- sections -------------------------------------------------------------------------------------

    def positions(self, kind: CanvasSectionKind, ids: Sequence[str], threshold: Fraction) -> CanvasSection:
        lang = self.lang
        name = kind.value
        items = tuple(self.statement_item(sid, self.mean(sid)) for sid in ids)
        empty = "canvas.not_comparable" if not self.analysis.comparison_possible else f"canvas.{name}.empty"
        return CanvasSection(
            kind=kind,
            heading=t(lang, f"canvas.{name}.heading"),
            items=items,
            empty_text=t(lang, empty),
            note=t(lang, f"canvas.{name}.note", threshold=format_number(threshold, lang, 2)),
        )

    def strengths(self) -> CanvasSection:
        config = self.analysis.config
        return self.positions(CanvasSectionKind.STRENGTHS, self.analysis.strengths, config.strength_mean)

    def weaknesses(self) -> CanvasSection:
        config = self.analysis.config
        return self.positions(CanvasSectionKind.WEAKNESSES, self.analysis.weaknesses, config.weakness_mean)

    def disputed(self) -> CanvasSection:
        """Disagreements (widest split first), then dissents, each with the levels the judgments span."""
        lang, analysis = self.lang, self.analysis
        items = []
        for sid in (*analysis.disagreements, *analysis.dissents):
            s = analysis.statement(sid)
            value = t(lang, "canvas.range", min=s.min, max=s.max) if s.min is not None else ""
            items.append(self.statement_item(sid, value))
        empty = "canvas.disputed.empty" if analysis.comparison_possible else "canvas.not_comparable"
        return CanvasSection(
            kind=CanvasSectionKind.DISPUTED,
            heading=t(lang, "canvas.disputed.heading"),
            items=tuple(items),
            empty_text=t(lang, empty),
            note=t(lang, "canvas.disputed.note"),
        )

    def beliefs(self, beliefs: Sequence[tuple[str, str]]) -> CanvasSection:
        """The beliefs the discussion of the differences surfaced, each with its statement's number."""
        lang = self.lang
        items = tuple(
            CanvasItem(body=t(lang, "canvas.beliefs.item", text=text), number=self.number(sid))
            for sid, text in beliefs
        )
        return CanvasSection(
            kind=CanvasSectionKind.BELIEFS,
            heading=t(lang, "canvas.beliefs.heading"),
            items=items,
            empty_text=t(lang, "canvas.beliefs.empty", command=BELIEF_COMMAND),
            note=t(lang, "canvas.beliefs.note"),
        )

    def priorities(self, priorities: Sequence[tuple[str, int]]) -> CanvasSection:
        lang = self.lang
        items = tuple(
            self.statement_item(sid, t(lang, counted("canvas.votes", votes), count=votes))
            for sid, votes in priorities
        )
        return CanvasSection(
            kind=CanvasSectionKind.PRIORITIES,
            heading=t(lang, "canvas.priorities.heading"),
            items=items,
            empty_text=t(lang, "canvas.priorities.empty", command=PRIORITIES_COMMAND),
            note=t(lang, "canvas.priorities.note"),
        )

    def lighthouse(self, lighthouse: LighthouseInfo | None) -> CanvasSection:
        """The title first (strong), then whichever of goal, owner, statements and review are known."""
        lang = self.lang
        items: list[CanvasItem] = []
        if lighthouse is not None and lighthouse.title.strip():
            items.append(CanvasItem(body=lighthouse.title.strip(), strong=True))
            details = [("canvas.lighthouse.goal", lighthouse.goal.strip())]
            details.append(("canvas.lighthouse.owner", lighthouse.owner.strip()))
            if lighthouse.statement_ids:
                numbers = ", ".join(self.number(sid) for sid in lighthouse.statement_ids)
                key = counted("canvas.statements", len(lighthouse.statement_ids))
                details.append(("canvas.lighthouse.addresses", t(lang, key, numbers=numbers)))
            details.append(("canvas.lighthouse.review", lighthouse.review_text.strip()))
            items += [CanvasItem(body=body, label=t(lang, key)) for key, body in details if body]
        return CanvasSection(
            kind=CanvasSectionKind.LIGHTHOUSE,
            heading=t(lang, "canvas.lighthouse.heading"),
            items=tuple(items),
            empty_text=t(lang, "canvas.lighthouse.empty", command=LIGHTHOUSE_COMMAND),
        )

    def competences(self, count: int) -> CanvasSection:
        """The ``count`` rated dimensions with the lowest means; ties keep catalogue order."""
        lang = self.lang
        order = {d.id: k for k, d in enumerate(self.catalogue.dimensions)}
        titles = {d.id: d.title.get(lang) for d in self.catalogue.dimensions}
        rated = [d for d in self.analysis.dimensions if d.mean is not None and d.index is not None]
        rated.sort(key=lambda d: (d.mean, order.get(d.id, len(order)), d.id))
        items = tuple(
            CanvasItem(
                body=titles.get(d.id, d.id),
                value=t(
                    lang,
                    "canvas.mean_index",
                    mean=format_number(d.mean, lang),
                    index=format_percent(d.index, lang),
                ),
            )
            for d in rated[: max(count, 0)]
            if d.mean is not None and d.index is not None
        )
        return CanvasSection(
            kind=CanvasSectionKind.COMPETENCES,
            heading=t(lang, "canvas.competences.heading"),
            items=items,
            empty_text=t(lang, "canvas.competences.empty"),
            note=t(lang, "canvas.competences.note"),
        )
