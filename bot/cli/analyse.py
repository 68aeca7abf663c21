"""``maturity-bot analyse FILE.csv``: the judgment analysis of a round from a CSV export, without Telegram.

For facilitators who want the figures before a workshop and for checking the rule set on real or made-up
data. The plain report follows the order a team discusses a round in: the level, how reliable the picture
is, where judgments differ (with every rating, so nobody argues about an average), then the consensual
strengths and weaknesses, what nobody can see, and managers who rate systematically differently.
``--json`` prints the same result as one JSON object for scripts.

A file exported by the bot holds every round of a team in one ``round`` column; ``--round N`` picks one.
Without it such a file is refused with the rounds it holds rather than analysed as one mixed round.

Catalogue handling is kept apart (``_choose_catalogue``): it only supplies dimensions, statement order and
short texts, and the analysis runs the same without it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from bot.cli.exits import EXIT_BAD_INPUT, EXIT_OK
from bot.domain.analysis import (
    AlphaResult,
    RaterFlag,
    RatingMatrix,
    RoundAnalysis,
    StatementResult,
    Verdict,
    alpha_band,
    analysis_to_json,
)
from bot.domain.analysis import (
    analyse as analyse_round,
)
from bot.domain.catalogue import Catalogue, CatalogueError, load_catalogues
from bot.domain.ratings_csv import MultipleRoundsError, RatingsCsvError, RatingsTable, parse_ratings_csv
from bot.domain.text import count_of, shorten

#: Statement texts in the report are cut to this many characters: enough to recognise the statement.
SHORT_TEXT = 70
REPORT_LANGUAGE = "en"


class _BadInput(Exception):
    """Input the command cannot work with; the message goes to stderr as it is."""


@dataclass(frozen=True)
class _CatalogueChoice:
    catalogue: Catalogue | None
    #: why no catalogue is used although one might be expected, for the report
    note: str | None = None


def analyse(args: argparse.Namespace) -> int:
    """Read ``args.csv_file`` (round ``args.round`` of it), analyse it and print a report (or JSON with
    ``args.json``); 2 on bad input."""
    try:
        table = parse_ratings_csv(Path(args.csv_file), round_id=args.round)
        choice = _choose_catalogue(table, args.catalogue)
    except MultipleRoundsError as exc:
        print(f"{exc} with --round N", file=sys.stderr)
        return EXIT_BAD_INPUT
    except (RatingsCsvError, _BadInput) as exc:
        print(exc, file=sys.stderr)
        return EXIT_BAD_INPUT
    if choice.note:
        print(f"note: {choice.note}", file=sys.stderr)
    matrix = _with_catalogue(table.matrix, choice.catalogue)
    result = analyse_matrix(matrix)
    if args.json:
        data = analysis_to_json(result)
        data["catalogue"] = choice.catalogue.id if choice.catalogue else None
        data["round"] = table.round
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        source = table.source if table.round is None else f"{table.source} round {table.round}"
        print(render_report(result, source=source, catalogue=choice.catalogue))
    return EXIT_OK


def analyse_matrix(matrix: RatingMatrix) -> RoundAnalysis:
    """The analysis with the rule set's defaults (a seam for a later ``--config``)."""
    return analyse_round(matrix)


# ------------------------------------------------------------------------------------------- catalogue


def _choose_catalogue(table: RatingsTable, wanted: str | None) -> _CatalogueChoice:
    """The catalogue named by ``--catalogue``, or the only one containing every statement id.

    An explicit choice must fit: an unknown id or a statement outside it is bad input, named by line. An
    automatic choice never fails the command: broken catalogues or ids that fit none or several mean an
    analysis without dimensions, with a note saying why.
    """
    statements = table.matrix.statements
    if wanted is None:
        try:
            catalogues = load_catalogues()
        except CatalogueError:
            return _CatalogueChoice(None, "the question catalogues could not be loaded; no dimensions")
        fitting = [c for c in catalogues.values() if all(_has(c, s) for s in statements)]
        if len(fitting) == 1:
            return _CatalogueChoice(fitting[0])
        if len(fitting) > 1:
            names = ", ".join(c.id for c in fitting)
            return _CatalogueChoice(
                None, f"the statement ids fit several catalogues ({names}); use --catalogue"
            )
        return _CatalogueChoice(None)

    try:
        catalogues = load_catalogues()
    except CatalogueError as exc:
        raise _BadInput(f"catalogues could not be loaded:\n{exc}") from None
    catalogue = catalogues.get(wanted)
    if catalogue is None:
        known = ", ".join(sorted(catalogues)) or "none"
        raise _BadInput(f"unknown catalogue '{wanted}' (known: {known})")
    foreign = [s for s in statements if not _has(catalogue, s)]
    if foreign:
        raise _BadInput(
            "\n".join(
                f"{table.source}:{table.statement_lines[s]}: statement '{s}' is not in catalogue '{wanted}'"
                for s in foreign
            )
        )
    return _CatalogueChoice(catalogue)


def _has(catalogue: Catalogue, statement_id: str) -> bool:
    try:
        catalogue.statement(statement_id)
    except KeyError:
        return False
    return True


def _with_catalogue(matrix: RatingMatrix, catalogue: Catalogue | None) -> RatingMatrix:
    """The matrix with the catalogue's dimensions and its statement order (the order of the questionnaire).

    The catalogue's dimensions replace those of a ``dimension`` column: the report names dimensions by the
    catalogue's titles, which only fit its own ids. Without a catalogue the file's dimensions stay.
    """
    if catalogue is None:
        return matrix
    present = set(matrix.statements)
    ordered = tuple(s.id for s in catalogue.statements if s.id in present)
    dimension_of = {s: d for s, d in catalogue.dimension_of().items() if s in present}
    return RatingMatrix(matrix.raters, ordered, matrix.cells, dimension_of)


# ---------------------------------------------------------------------------------------------- report


def _level(value: Fraction | float | None) -> str:
    return "–" if value is None else f"{float(value):.2f}"


def _index(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _alpha_line(name: str, alpha: AlphaResult) -> str:
    if alpha.value is None:
        return f"  {name:<9} not defined ({alpha.reason})"
    return f"  {name:<9} {alpha.value:.3f}  {alpha_band(alpha.value)}  (n = {alpha.n} ratings)"


def render_report(result: RoundAnalysis, *, source: str, catalogue: Catalogue | None = None) -> str:
    """The analysis as plain text for a terminal."""
    texts: Mapping[str, str] = (
        {
            s.id: shorten(" ".join(s.text.get(REPORT_LANGUAGE).split()), SHORT_TEXT)
            for s in catalogue.statements
        }
        if catalogue
        else {}
    )

    def title(s: StatementResult) -> str:
        text = texts.get(s.id)
        return f"{s.id}  {text}" if text else s.id

    lines = [
        f"Round: {source}, {count_of(len(result.raters), 'manager')} "
        f"({len(result.active_raters)} with ratings), {count_of(len(result.statements), 'statement')}"
        + (f", catalogue {catalogue.id}" if catalogue else ""),
        f"Maturity index: {_index(result.overall_index)} / 100 (mean level {_level(result.overall_mean)})",
    ]
    if not result.comparison_possible:
        who = "Only one manager" if len(result.active_raters) == 1 else "No manager"
        lines += ["", f"{who} gave ratings: there is nothing to compare."]
        return "\n".join(lines)

    if result.dimensions:
        names = {
            d.id: catalogue.dimension(d.id).title.get(REPORT_LANGUAGE) if catalogue else d.id
            for d in result.dimensions
        }
        width = max(len(name) for name in names.values())
        lines += ["", "Dimensions (index 0–100, mean level, lowest–highest manager mean)"]
        for d in result.dimensions:
            band = f"{_level(d.band_min)}–{_level(d.band_max)}"
            lines.append(f"  {names[d.id]:<{width}}  {_index(d.index):>3}  {_level(d.mean)}  {band}")

    lines += ["", "Reliability (Krippendorff's alpha; ≥ .800 reliable, ≥ .667 tentative)"]
    lines += [_alpha_line("ordinal", result.alpha_ordinal), _alpha_line("interval", result.alpha_interval)]

    judged = sum(1 for s in result.statements if s.verdict is not Verdict.INSUFFICIENT)
    flagged = len(result.disagreements) + len(result.dissents)
    share = f" ({float(result.flagged_share):.0%})" if result.flagged_share is not None else ""
    lines += ["", f"Differences in judgment: {flagged} of {judged} statements{share}"]
    for heading, ids in (("Disagreement", result.disagreements), ("Dissent", result.dissents)):
        if not ids:
            continue
        lines.append(f"  {heading}")
        for sid in ids:
            s = result.statement(sid)
            detail = f"n {s.n}, mean {_level(s.mean)}, AD {_level(s.ad_mean)}, range {s.min}–{s.max}"
            if s.dissenters:
                detail = f"dissent: {', '.join(s.dissenters)}; " + detail
            lines += [f"    {title(s)}", f"      {detail}", f"      {_ratings(s)}"]

    lines += _listing("Consensual strengths", result.strengths, result, title)
    lines += _listing("Consensual weaknesses", result.weaknesses, result, title)

    lines += ["", 'Knowledge gaps (many "can\'t judge")']
    if not result.knowledge_gaps:
        lines.append("  none")
    for sid in result.knowledge_gaps:
        s = result.statement(sid)
        answered = s.n + s.cant_judge
        lines += [
            f"    {title(s)}",
            f"      can't judge {s.cant_judge} of {answered}: {', '.join(s.cant_judge_raters)}",
        ]

    lines += ["", "Managers"]
    lines += _manager_lines(result)
    return "\n".join(lines)


def _ratings(s: StatementResult) -> str:
    parts = [f"{rater} {level}" for rater, level in s.ratings.items()]
    if s.cant_judge_raters:
        parts.append(f"can't judge: {', '.join(s.cant_judge_raters)}")
    return " · ".join(parts)


def _listing(
    heading: str, ids: tuple[str, ...], result: RoundAnalysis, title: Callable[[StatementResult], str]
) -> list[str]:
    lines = ["", heading]
    if not ids:
        return [*lines, "  none"]
    for sid in ids:
        s = result.statement(sid)
        lines.append(f"    {title(s)}  (mean {_level(s.mean)}, n {s.n})")
    return lines


def _manager_lines(result: RoundAnalysis) -> list[str]:
    """Flags in levels, as the rule set asks; with two managers only the offset, said without blame."""
    pair = result.pair_offset
    if pair is not None:
        first, second = pair.raters
        if pair.offset is None:
            return [f"  {first} and {second} rated no statement in common."]
        higher, lower = (first, second) if pair.offset >= 0 else (second, first)
        line = (
            f"  {higher} rates on average {_level(abs(pair.offset))} levels higher than {lower} "
            f"({count_of(pair.k, 'common statement')}); with two managers, who deviates cannot be told"
        )
        return [line + ("" if pair.flagged else " (not a systematic offset)")]
    lines = []
    for r in result.rater_results:
        size = count_of(r.k, "statement")
        if r.bias is not None and RaterFlag.RATES_HIGHER in r.flags:
            lines.append(f"  {r.id} rates on average {_level(r.bias)} levels higher than the others ({size})")
        if r.bias is not None and RaterFlag.RATES_LOWER in r.flags:
            lines.append(f"  {r.id} rates on average {_level(-r.bias)} levels lower than the others ({size})")
        if RaterFlag.DIFFERENT_PATTERN in r.flags:
            why = (
                "gives one level everywhere"
                if r.straight_lining
                else f"follows a different pattern from the others (r = {_level(r.pattern_r)})"
            )
            lines.append(f"  {r.id} {why} ({size})")
    return lines or ["  nobody rates systematically differently"]
