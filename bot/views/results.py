"""The results of a round as the group sees them: both charts, the album's caption, and the report as
Telegram HTML messages.

CPU work (the analysis, the report, matplotlib): ``build_results`` runs in the worker process, so this module
and what it imports stay free of python-telegram-bot and the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.analysis import RoundAnalysis, analyse
from bot.domain.beliefs import Convergence, convergence
from bot.domain.results import ReportInput, build_report
from bot.domain.round_data import RoundData
from bot.domain.rounds import format_date
from bot.views.charts import ChartLabels, agreement_map, comparison_chart, dimension_profile
from bot.views.html import render_caption, render_html, th


@dataclass(frozen=True)
class Results:
    analysis: RoundAnalysis
    #: the comparison chart, the dimension profile and the map of agreement: one album, one message
    charts: tuple[bytes, bytes, bytes]
    caption: str
    messages: list[str]


def _convergence(rerated: RoundData | None, data: RoundData, analysis: RoundAnalysis) -> Convergence | None:
    if rerated is None:
        return None
    named = not data.round.anonymous and not rerated.round.anonymous
    return convergence(
        analyse(rerated.matrix),
        analysis,
        rerated.people if named else None,
        data.people if named else None,
    )


def _person_names(data: RoundData) -> dict[int, str]:
    return {data.people[rater]: name for rater, name in data.names.items() if rater in data.people}


def _title(data: RoundData, lang: str, tz: str) -> str:
    date = format_date(data.round.closed_at or data.round.opened_at, tz, lang)
    parts = [data.catalogue.title.get(lang), data.team_title, date]
    return " · ".join(part for part in parts if part)


def build_results(
    data: RoundData, previous: RoundData | None, lang: str, tz: str, rerated: RoundData | None = None
) -> Results:
    """Analysis, report and the charts: CPU work, run in a worker process so other chats keep moving.

    ``rerated``: for a re-rating, the round it re-rates (narrowed to its statements): the report then
    shows each statement before → after."""
    analysis = analyse(data.matrix)
    names = None if data.round.anonymous else data.names
    title = _title(data, lang, tz)
    labels = ChartLabels(
        lang=lang,
        statement_texts={s.id: s.text.get(lang) for s in data.catalogue.statements},
        dimension_titles={d.id: d.title.get(lang) for d in data.catalogue.dimensions},
        rater_names=names,
        title=title,
        statement_numbers={
            s.id: n for s in data.catalogue.statements if (n := data.catalogue.number_of(s.id))
        },
    )
    previous_analysis = analyse(previous.matrix) if previous is not None else None
    previous_label = _title(previous, lang, tz) if previous is not None else None
    charts = (
        comparison_chart(analysis, labels),
        dimension_profile(analysis, labels, previous_analysis, previous_label),
        agreement_map(analysis, labels),
    )
    report = build_report(
        ReportInput(
            analysis=analysis,
            catalogue=data.catalogue,
            lang=lang,
            rater_names=names,
            comments=data.comments,
            partial_raters=data.partial,
            excluded_count=data.round.excluded_count,
            title=title,
            convergence=_convergence(rerated, data, analysis),
            person_names=None
            if names is None
            else {data.people[r]: n for r, n in names.items() if r in data.people},
        )
    )
    return Results(
        analysis, charts, render_caption(th(lang, "results.caption", title=title)), render_html(report)
    )
