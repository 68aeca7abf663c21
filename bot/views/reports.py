"""The team's state as pictures and files: the canvas (PNG or PDF), the history chart with what changed,
and the export of every closed round (CSV and JSON).

What they are drawn from is read on the event loop (``bot.flows.reports``); the CPU work here (analyses of
every round, the renderings) runs in the worker process, as the results do, so other chats keep moving.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from bot.domain.analysis import RoundAnalysis, alpha_band, analyse
from bot.domain.beliefs import Belief, BeliefLine
from bot.domain.canvas import LighthouseInfo, build_canvas
from bot.domain.catalogue import Catalogue
from bot.domain.export import export_csv_bytes, export_json, round_export
from bot.domain.followup import Lighthouse
from bot.domain.history import Changes, Convergence, build_history
from bot.domain.results import format_number
from bot.domain.round_data import RoundData
from bot.domain.rounds import format_date
from bot.domain.team_catalogues import version_changes
from bot.domain.text import counted, shorten
from bot.texts import t
from bot.views.canvas import render_canvas
from bot.views.charts import ChartLabels, HistorySeries, history_chart
from bot.views.html import th

#: Changes named per kind in /history's text (largest first); the rest are counted.
SHOWN_CHANGES = 5


def _slug(text: str) -> str:
    """A file name part from a group title: letters, digits and hyphens."""
    slug = re.sub(r"[^0-9A-Za-zÀ-ÿ]+", "-", text).strip("-").lower()
    return slug[:40] or "team"


def canvas_file_name(title: str, closed_at: float, tz: str) -> str:
    """``canvas-<team>-<date>.pdf``, the date as in Switzerland (the file name is not translated)."""
    return f"canvas-{_slug(title)}-{format_date(closed_at, tz, 'de')}.pdf"


def export_file_stem(title: str, now: float, tz: str) -> str:
    """``maturity-<team>-<date>``, to which the export adds ``.csv`` and ``.json``."""
    return f"maturity-{_slug(title)}-{format_date(now, tz, 'de')}"


# ---------------------------------------------------------------------------------------------- canvas


@dataclass(frozen=True)
class CanvasInput:
    """What the canvas is drawn from, read on the loop and handed to the worker (it pickles)."""

    data: RoundData
    lang: str
    title: str
    date_text: str
    priorities: tuple[tuple[str, int], ...]
    lighthouse: LighthouseInfo | None
    #: (statement id, belief) as the team recorded them, newest first
    beliefs: tuple[tuple[str, str], ...] = ()


def render_canvas_file(source: CanvasInput, fmt: str) -> bytes:
    """Analysis, content and drawing of the canvas: CPU work for the worker process."""
    content = build_canvas(
        analyse(source.data.matrix),
        source.data.catalogue,
        source.lang,
        title=source.title,
        date_text=source.date_text,
        priorities=source.priorities,
        lighthouse=source.lighthouse,
        beliefs=source.beliefs,
    )
    return render_canvas(content, "pdf" if fmt == "pdf" else "png")


def lighthouse_info(lighthouse: Lighthouse | None, tz: str, lang: str) -> LighthouseInfo | None:
    if lighthouse is None:
        return None
    upcoming = lighthouse.next_review()
    review = format_date(upcoming.due_at, tz, lang) if upcoming is not None else ""
    return LighthouseInfo(
        title=lighthouse.title,
        goal=lighthouse.goal or "",
        owner=lighthouse.owner_name,
        statement_ids=lighthouse.statement_ids,
        review_text=review,
    )


# --------------------------------------------------------------------------------------------- history


@dataclass(frozen=True)
class HistoryInput:
    rounds: tuple[RoundData, ...]
    #: the whole catalogue the rounds ask (a re-check round asks only part of it): titles and numbers
    catalogue: Catalogue
    lang: str
    tz: str
    team_title: str
    #: the team's beliefs, newest first, with whether their statements converged since
    beliefs: tuple[BeliefLine, ...] = ()
    #: how many re-ratings the rounds had (counted as part of their round, not as rounds)
    rerates: int = 0
    #: the whole catalogue of the second-to-last round when it is another version than the last one's
    earlier_catalogue: Catalogue | None = None
    #: the two versions compared (as the rounds show them), when ``earlier_catalogue`` is given
    versions: tuple[str, str] | None = None
    #: every round's whole catalogue, oldest first: titles of statements and dimensions the latest
    #: version no longer has
    titles: tuple[Catalogue, ...] = ()


@dataclass(frozen=True)
class HistoryOutput:
    png: bytes
    text: str


def _level(value: Fraction | None, lang: str) -> str:
    return "–" if value is None else format_number(value, lang)


def _signed(value: Fraction, lang: str) -> str:
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + format_number(abs(value), lang)


def _alpha(value: float | None, lang: str) -> str:
    if value is None:
        return "–"
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "de" else text


def history_text(changes: Changes | None, catalogue: Catalogue, lang: str, tz: str, rounds: int) -> str:
    """What changed most since the last round, in words; the chart shows the whole course."""
    if changes is None:
        return th(lang, "history.one_round")
    lines = [
        th(
            lang,
            "history.title",
            before=format_date(changes.before_closed_at, tz, lang),
            after=format_date(changes.after_closed_at, tz, lang),
            rounds=rounds,
        ),
        "",
    ]
    if changes.overall_delta is not None:
        lines.append(
            th(
                lang,
                "history.overall",
                before=_level(changes.overall_before, lang),
                after=_level(changes.overall_after, lang),
                delta=_signed(changes.overall_delta, lang),
            )
        )
    ups = [c for c in changes.dimensions if c.delta > 0]
    downs = [c for c in changes.dimensions if c.delta < 0]
    for key, moved in (("history.up", ups), ("history.down", downs)):
        if moved:
            lines.append(th(lang, key))
            for change in moved[:SHOWN_CHANGES]:
                lines.append(
                    th(
                        lang,
                        "history.dimension",
                        title=catalogue.dimension(change.id).title.get(lang)
                        if change.id in {d.id for d in catalogue.dimensions}
                        else change.id,
                        before=_level(change.before, lang),
                        after=_level(change.after, lang),
                        delta=_signed(change.delta, lang),
                    )
                )
            if len(moved) > SHOWN_CHANGES:
                lines.append(th(lang, "history.more", count=len(moved) - SHOWN_CHANGES))
    if not ups and not downs:
        lines.append(th(lang, "history.no_level_change"))
    lines += [
        "",
        th(lang, f"history.convergence.{changes.convergence.value}"),
        th(
            lang,
            "history.agreement",
            disputed_before=changes.disputed_before,
            disputed_after=changes.disputed_after,
            alpha_before=_alpha(changes.alpha_before, lang),
            alpha_after=_alpha(changes.alpha_after, lang),
        ),
    ]
    if changes.alpha_after is not None and alpha_band(changes.alpha_after):
        lines.append(th(lang, f"history.alpha_band.{alpha_band(changes.alpha_after)}"))
    for key, verdicts in (
        ("history.resolved", changes.resolved),
        ("history.new_disputes", changes.new_disputes),
    ):
        if verdicts:
            lines += ["", th(lang, key)]
            for change in verdicts[:SHOWN_CHANGES]:
                statement = catalogue.statement(change.statement_id)
                lines.append(
                    th(
                        lang,
                        "history.statement",
                        number=catalogue.number_of(change.statement_id) or "–",
                        text=shorten(statement.text.get(lang), 120),
                    )
                )
            if len(verdicts) > SHOWN_CHANGES:
                lines.append(th(lang, "history.more", count=len(verdicts) - SHOWN_CHANGES))
    if changes.convergence is Convergence.NOT_COMPARABLE:
        lines.append(th(lang, "history.not_comparable"))
    return "\n".join(lines)


def beliefs_text(beliefs: Sequence[BeliefLine], rerates: int, lang: str) -> str:
    """What /history adds after the changes: the beliefs recorded, whether their statements converged,
    and that re-ratings count as part of their round."""
    lines: list[str] = []
    if rerates:
        lines.append(th(lang, counted("history.rerates", rerates), count=rerates))
    if beliefs:
        lines.append(th(lang, "history.beliefs"))
        for line in beliefs[:SHOWN_CHANGES]:
            if line.converged_on is not None:
                status = t(lang, "beliefs.converged", date=line.converged_on)
            else:
                status = t(lang, "beliefs.disputed" if line.rated_since else "beliefs.not_rated")
            number = line.number if line.number is not None else "–"
            lines.append(th(lang, "history.belief", text=line.belief.text, number=number, status=status))
        if len(beliefs) > SHOWN_CHANGES:
            lines.append(th(lang, "history.more", count=len(beliefs) - SHOWN_CHANGES))
    return "\n\n" + "\n".join(lines) if lines else ""


def versions_text(before: Catalogue, after: Catalogue, versions: tuple[str, str], lang: str) -> str:
    """What /history adds when the last two rounds asked different versions of the catalogue: which
    statements were added, removed, reworded or moved to another dimension (the rounds themselves are
    compared by statement id, over the statements both have)."""
    changes = version_changes(before, after)
    if not changes:
        return ""
    lines = ["", "", th(lang, "history.versions", before=versions[0], after=versions[1])]
    for kind, ids, source in (
        ("added", changes.added, after),
        ("removed", changes.removed, before),
        ("reworded", changes.reworded, after),
        ("moved", changes.moved, after),
    ):
        if not ids:
            continue
        lines.append(th(lang, f"history.versions.{kind}", before=versions[0]))
        for statement_id in ids[:SHOWN_CHANGES]:
            lines.append(
                th(
                    lang,
                    "history.statement",
                    number=source.number_of(statement_id) or "–",
                    text=shorten(source.statement(statement_id).text.get(lang), 120),
                )
            )
        if len(ids) > SHOWN_CHANGES:
            lines.append(th(lang, "history.more", count=len(ids) - SHOWN_CHANGES))
    return "\n".join(lines)


def build_history_output(source: HistoryInput) -> HistoryOutput:
    """Analyses of every round, the history, its chart and its text: CPU work for the worker process."""
    analyses: list[tuple[float, RoundAnalysis]] = [
        (data.round.closed_at or data.round.opened_at, analyse(data.matrix)) for data in source.rounds
    ]
    history = build_history(analyses)
    catalogue = source.catalogue
    lang = source.lang
    series = HistorySeries(
        round_labels=tuple(format_date(when, source.tz, lang) for when in history.closed_at),
        dimension_means={
            d.id: tuple(None if m is None else float(m) for m in d.means) for d in history.dimensions
        },
        overall=tuple(None if m is None else float(m) for m in history.overall_means),
    )
    labels = ChartLabels(
        lang=lang,
        statement_texts={s.id: s.text.get(lang) for c in (*source.titles, catalogue) for s in c.statements},
        dimension_titles={d.id: d.title.get(lang) for c in (*source.titles, catalogue) for d in c.dimensions},
        rater_names=None,
        title=th(lang, "history.chart_title", team=source.team_title) if source.team_title else None,
    )
    png = history_chart(series, labels)
    text = history_text(history.changes, catalogue, lang, source.tz, len(source.rounds))
    if source.earlier_catalogue is not None and source.versions is not None:
        text += versions_text(source.earlier_catalogue, catalogue, source.versions, lang)
    text += beliefs_text(source.beliefs, source.rerates, lang)
    return HistoryOutput(png, text)


# ---------------------------------------------------------------------------------------------- export


@dataclass(frozen=True)
class ExportFiles:
    csv: bytes
    json: bytes
    rounds: int


def build_export(
    rounds: tuple[RoundData, ...],
    team_title: str,
    now: float,
    reasons: Mapping[int, Mapping[tuple[str, str], str]] | None = None,
    beliefs: Sequence[Belief] = (),
) -> ExportFiles:
    """CSV and JSON of every closed round, with the reasons given (per round: (rater, statement) -> text)
    and the team's beliefs: CPU work for the worker process."""
    exports = [round_export(data, (reasons or {}).get(data.round.id)) for data in rounds]
    analyses = {data.round.id: analyse(data.matrix) for data in rounds}
    return ExportFiles(
        csv=export_csv_bytes(exports),
        json=export_json(exports, analyses, team_title=team_title, exported_at=now, beliefs=beliefs).encode(),
        rounds=len(exports),
    )
