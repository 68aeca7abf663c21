"""The results report: which sections appear, what they say, and what anonymous rounds never show."""

from __future__ import annotations

import dataclasses
import re
from fractions import Fraction
from pathlib import Path

import pytest

from bot.domain.analysis import (
    ALPHA_NO_VARIATION,
    ALPHA_TOO_FEW,
    AlphaResult,
    RaterFlag,
    RaterResult,
    RatingMatrix,
    analyse,
)
from bot.domain.beliefs import convergence
from bot.domain.results import (
    Report,
    ReportInput,
    SectionKind,
    Span,
    Style,
    build_report,
    format_median,
    format_number,
    format_percent,
    index_bar,
    report_plain_text,
)
from bot.texts.results import TEXTS
from tests.helpers import (
    DANGEROUS,
    NAMES,
    ON_DISSENT,
    ON_OTHER,
    ON_OTHER_2,
    catalogue,
    four_managers,
    random_round,
    report_of,
    statement_ids,
)

LANGS = ("de", "en")


def text_of(report: Report, kind: SectionKind) -> str:
    section = report.section(kind)
    assert section is not None, f"no {kind} section"
    return "\n".join(block.text for block in section.blocks)


# ------------------------------------------------------------------------------------------------ tests


def test_the_scenario_has_what_the_report_must_show() -> None:
    analysis = analyse(four_managers()[0])
    assert analysis.disagreements == ("cust-1", "empl-3")
    assert analysis.dissents == ("lead-2",)
    assert analysis.statement("lead-2").dissenters == ("r-clara",)
    assert "empl-1" in analysis.knowledge_gaps
    assert analysis.strengths and analysis.weaknesses
    doerte = next(r for r in analysis.rater_results if r.id == "r-doerte")
    assert RaterFlag.RATES_HIGHER in doerte.flags


@pytest.mark.parametrize("lang", LANGS)
def test_named_report_has_every_section_in_order(lang: str) -> None:
    matrix, comments = four_managers()
    report = report_of(
        matrix, comments, lang, NAMES, excluded=1, title="Customer Centricity · GL · 24.11.2026"
    )
    assert report.kinds == (
        SectionKind.HEADLINE,
        SectionKind.DIMENSIONS,
        SectionKind.AGREEMENT,
        SectionKind.DIFFERENCES,
        SectionKind.STRENGTHS,
        SectionKind.WEAKNESSES,
        SectionKind.KNOWLEDGE_GAPS,
        SectionKind.RATERS,
        SectionKind.COMMENTS,
        SectionKind.NEXT_STEPS,
    )
    assert report.sections[0].heading == "Customer Centricity · GL · 24.11.2026"


def test_german_headline() -> None:
    matrix, comments = four_managers()
    analysis = analyse(matrix)
    report = report_of(matrix, comments, "de", NAMES, excluded=2)
    headline = text_of(report, SectionKind.HEADLINE)
    assert "4 Führungskräfte haben geantwortet." in headline
    assert "Anna hat 18 von 24 Aussagen beantwortet." in headline
    assert "von 2 Personen, die die Gruppe verlassen haben" in headline
    assert analysis.overall_index is not None and analysis.overall_mean is not None
    assert f"Reifegrad-Index gesamt: {format_percent(analysis.overall_index, 'de')}" in headline
    assert f"mittlere Stufe {format_number(analysis.overall_mean, 'de')} von 5" in headline
    assert (
        report.sections[0].heading
        == "Reifegrad der Kundenorientierung (Customer Centricity Maturity Check) – Ergebnisse"
    )


def test_english_headline_and_singular_forms() -> None:
    matrix, comments = four_managers()
    headline = text_of(report_of(matrix, comments, "en", NAMES, excluded=1), SectionKind.HEADLINE)
    assert "4 managers answered." in headline
    assert "Anna answered 18 of 24 statements." in headline
    assert "The answers of 1 person who has left the group are not counted." in headline
    assert "Overall maturity index: " in headline


def test_no_excluded_line_when_nobody_left() -> None:
    matrix, comments = four_managers()
    for lang in LANGS:
        headline = text_of(report_of(matrix, comments, lang, NAMES), SectionKind.HEADLINE)
        assert "verlassen" not in headline and "left the group" not in headline


@pytest.mark.parametrize("lang", LANGS)
def test_dimensions_in_catalogue_order_with_level_and_index(lang: str) -> None:
    matrix, comments = four_managers()
    analysis = analyse(matrix)
    section = report_of(matrix, comments, lang, NAMES).section(SectionKind.DIMENSIONS)
    assert section is not None and section.compact
    titles = [d.title.get(lang) for d in catalogue().dimensions]
    assert [b.text.split(" ", 1)[1].split(":")[0] for b in section.blocks] == titles
    first = next(d for d in analysis.dimensions if d.id == catalogue().dimensions[0].id)
    assert first.mean is not None and first.index is not None
    expected = f"{format_number(first.mean, lang)} · {format_percent(first.index, lang)}"
    assert section.blocks[0].text.endswith(expected)
    assert section.blocks[0].text.startswith(index_bar(first.index))


def test_agreement_section_in_both_languages() -> None:
    matrix, comments = four_managers()
    analysis = analyse(matrix)
    assert analysis.alpha_ordinal.value is not None and analysis.alpha_interval.value is not None
    de = text_of(report_of(matrix, comments, "de", NAMES), SectionKind.AGREEMENT)
    en = text_of(report_of(matrix, comments, "en", NAMES), SectionKind.AGREEMENT)
    ordinal = format_number(analysis.alpha_ordinal.value, "de", 3)
    assert f"Krippendorffs Alpha (ordinal): {ordinal} · n = {analysis.alpha_ordinal.n} Bewertungen" in de
    assert f"intervallskaliert: {format_number(analysis.alpha_interval.value, 'de', 3)}" in de
    assert f"Krippendorff's alpha (ordinal): {format_number(analysis.alpha_ordinal.value, 'en', 3)}" in en
    assert "0,800" in de and "0.667" in en


@pytest.mark.parametrize(
    ("value", "de", "en"),
    [
        (0.85, "stimmen gut überein", "agree well"),
        (0.7996, "stimmen gut überein", "agree well"),  # shown as 0.800, so called good
        (0.70, "nur bedingt", "only tentatively"),
        (0.40, "recht unterschiedlich", "quite differently"),
        (-0.2, "recht unterschiedlich", "quite differently"),
    ],
)
def test_alpha_bands_in_plain_words(value: float, de: str, en: str) -> None:
    matrix, comments = four_managers()
    analysis = dataclasses.replace(analyse(matrix), alpha_ordinal=AlphaResult(value, None, 80))
    assert de in text_of(report_of(matrix, comments, "de", NAMES, analysis=analysis), SectionKind.AGREEMENT)
    assert en in text_of(report_of(matrix, comments, "en", NAMES, analysis=analysis), SectionKind.AGREEMENT)


@pytest.mark.parametrize(
    ("reason", "de", "en"),
    [
        (ALPHA_NO_VARIATION, "auf derselben Stufe", "every rating is on the same level"),
        (ALPHA_TOO_FEW, "mindestens zwei Führungskräften", "at least two managers"),
        ("something new", "(something new)", "(something new)"),
    ],
)
def test_undefined_alpha_is_explained(reason: str, de: str, en: str) -> None:
    matrix, comments = four_managers()
    undefined = AlphaResult(None, reason, 0)
    analysis = dataclasses.replace(analyse(matrix), alpha_ordinal=undefined, alpha_interval=undefined)
    german = text_of(report_of(matrix, comments, "de", NAMES, analysis=analysis), SectionKind.AGREEMENT)
    assert de in german and "Alpha lässt sich nicht berechnen" in german
    assert en in text_of(report_of(matrix, comments, "en", NAMES, analysis=analysis), SectionKind.AGREEMENT)


def test_differences_named_german() -> None:
    matrix, comments = four_managers()
    report = report_of(matrix, comments, "de", NAMES)
    section = report.section(SectionKind.DIFFERENCES)
    assert section is not None
    intro, *blocks = section.blocks
    assert intro.text.startswith("Bei 3 von 24 Aussagen gehen Ihre Urteile auseinander.")
    # disagreements by AD_M (cust-1 spreads more than empl-3), then the dissent
    assert [b.text.split(".")[0] for b in blocks] == ["1", "9", "5"]
    cust1, empl3, lead2 = (b.text for b in blocks)
    assert "Bewertungen: Anna 1 · Ben 3 · Clara 5 · Dörte 3" in empl3
    assert "n = 4 · «kann ich nicht beurteilen»: 0 · Mittel 3,0 · Median 3" in empl3
    assert "➜ Das Team ist sich uneinig: Die Urteile reichen von Stufe 1 bis 5." in empl3
    assert "Bewertungen: Anna 1 · Ben 2 · Clara 5 · Dörte 4" in cust1
    assert "➜ Das Team ist gespalten: 2× Stufe 1–2, 2× Stufe 4–5." in cust1
    assert f"💬 Anna: {DANGEROUS}" in cust1
    assert "➜ Clara sieht das deutlich anders als die übrigen: Stufe 5, die anderen im Median 3." in lead2
    assert f"💬 Clara: {ON_DISSENT}" in lead2
    assert cust1.startswith("1. " + catalogue().statement("cust-1").text.de)


def test_differences_named_english() -> None:
    matrix, comments = four_managers()
    text = text_of(report_of(matrix, comments, "en", NAMES), SectionKind.DIFFERENCES)
    assert text.startswith("Your judgments differ on 3 of 24 statements.")
    assert "Ratings: Anna 1 · Ben 2 · Clara 5 · Dörte 4" in text
    assert "n = 4 · “can't judge”: 0 · mean 3.0 · median 3" in text
    assert "➜ The team is split: 2× level 1–2, 2× level 4–5." in text
    assert "➜ The team is split: judgments range from level 1 to level 5." in text
    assert "➜ Clara sees it clearly differently from the others: level 5, the others' median 3." in text


def test_cant_judge_is_counted_and_named_only_in_named_rounds() -> None:
    matrix, _ = four_managers()
    analysis = analyse(matrix)
    # make the knowledge-gap statement a flagged one to see its "can't judge" line
    flagged = dataclasses.replace(analysis, dissents=(*analysis.dissents, "empl-1"))
    named = text_of(report_of(matrix, {}, "de", NAMES, analysis=flagged), SectionKind.DIFFERENCES)
    assert "«kann ich nicht beurteilen»: 2 (Anna, Ben)" in named
    anonymous = text_of(report_of(matrix, {}, "en", None, analysis=flagged), SectionKind.DIFFERENCES)
    assert "“can't judge”: 2 ·" in anonymous


@pytest.mark.parametrize("lang", LANGS)
def test_anonymous_report_shows_no_names_and_no_manager_flags(lang: str) -> None:
    matrix, comments = four_managers()
    analysis = analyse(matrix)
    assert analysis.rater_results and any(r.flags for r in analysis.rater_results)
    report = report_of(matrix, comments, lang, None, excluded=1)
    text = report_plain_text(report)
    for rater, name in NAMES.items():
        assert name not in text and rater not in text
    assert SectionKind.RATERS not in report.kinds
    assert not any(
        span.user for s in report.sections for b in s.blocks for span in b.spans if span.style is Style.BOLD
    )
    word = {"de": "Führungskraft hat nur einen Teil", "en": "manager answered only part"}[lang]
    assert f"1 {word}" in text


def test_anonymous_differences_show_the_distribution() -> None:
    matrix, comments = four_managers()
    de = text_of(report_of(matrix, comments, "de", None), SectionKind.DIFFERENCES)
    assert "Verteilung: 1× Stufe 1 · 1× Stufe 2 · 1× Stufe 4 · 1× Stufe 5" in de
    assert (
        "➜ Eine Führungskraft sieht das deutlich anders als die übrigen: Stufe 5, die anderen im Median 3."
        in de
    )
    assert f"💬 {DANGEROUS}" in de
    en = text_of(report_of(matrix, comments, "en", None), SectionKind.DIFFERENCES)
    assert "Distribution: 1× level 1 · 2× level 3 · 1× level 5" in en
    assert "➜ One manager sees it clearly differently from the others: level 5, the others' median 3." in en


def test_anonymous_comments_are_in_text_order_so_they_cannot_be_linked() -> None:
    matrix, _ = four_managers()
    comments = {
        ("r-doerte", "cust-1"): "b zweiter",
        ("r-anna", "cust-1"): "c dritter",
        ("r-ben", "cust-1"): "a erster",
    }
    anonymous = text_of(report_of(matrix, comments, "de", None), SectionKind.DIFFERENCES)
    assert anonymous.index("a erster") < anonymous.index("b zweiter") < anonymous.index("c dritter")
    named = text_of(report_of(matrix, comments, "de", NAMES), SectionKind.DIFFERENCES)
    assert named.index("Anna: c dritter") < named.index("Ben: a erster") < named.index("Dörte: b zweiter")


def test_several_anonymous_dissenters_are_counted() -> None:
    matrix, _ = four_managers()
    analysis = analyse(matrix)
    lead2 = analysis.statement("lead-2")
    two = dataclasses.replace(lead2, dissenters=("r-clara", "r-anna"))
    changed = dataclasses.replace(
        analysis, statements=tuple(two if s.id == "lead-2" else s for s in analysis.statements)
    )
    text = text_of(report_of(matrix, {}, "de", None, analysis=changed), SectionKind.DIFFERENCES)
    assert "➜ 2 Führungskräfte sehen das deutlich anders als die übrigen." in text


def test_strengths_weaknesses_and_gaps() -> None:
    matrix, comments = four_managers()
    analysis = analyse(matrix)
    report = report_of(matrix, comments, "de", NAMES)
    strengths = text_of(report, SectionKind.STRENGTHS).splitlines()
    weaknesses = text_of(report, SectionKind.WEAKNESSES).splitlines()
    assert len(strengths) == len(analysis.strengths) and len(weaknesses) == len(analysis.weaknesses)
    first = analysis.statement(analysis.weaknesses[0])
    number = statement_ids().index(first.id) + 1
    assert weaknesses[0] == (
        f"• {number}. {catalogue().statement(first.id).text.de} – Mittel {format_number(first.mean, 'de')} "
        f"(n = {first.n})"
    )
    gaps = text_of(report, SectionKind.KNOWLEDGE_GAPS)
    assert "Auch das ist ein Befund" in gaps
    assert f"• 7. {catalogue().statement('empl-1').text.de} – 2 von 4 können das nicht beurteilen" in gaps
    english = report_of(matrix, comments, "en", NAMES)
    assert "– 2 of 4 can't judge it" in text_of(english, SectionKind.KNOWLEDGE_GAPS)
    assert report.section(SectionKind.STRENGTHS).heading == "Stärken, in denen Sie sich einig sind"  # type: ignore[union-attr]
    assert english.section(SectionKind.WEAKNESSES).heading == "Weaknesses you agree on"  # type: ignore[union-attr]


def test_manager_flags_are_said_in_levels() -> None:
    matrix, comments = four_managers()
    analysis = analyse(matrix)
    results = tuple(
        RaterResult(r.id, 23, Fraction(1), 0.9, False, (RaterFlag.RATES_HIGHER,))
        if r.id == "r-doerte"
        else RaterResult(
            r.id, 23, Fraction(-13, 10), 0.02, False, (RaterFlag.RATES_LOWER, RaterFlag.DIFFERENT_PATTERN)
        )
        if r.id == "r-ben"
        else RaterResult(r.id, 20, Fraction(0), None, True, (RaterFlag.DIFFERENT_PATTERN,))
        if r.id == "r-anna"
        else r
        for r in analysis.rater_results
    )
    changed = dataclasses.replace(analysis, rater_results=results)
    en = text_of(report_of(matrix, comments, "en", NAMES, analysis=changed), SectionKind.RATERS)
    assert "Dörte rates on average 1.0 level higher than the others (23 statements)." in en
    assert "Ben rates on average 1.3 levels lower than the others (23 statements)." in en
    assert "Ben rates in a different pattern from the others" in en
    assert "Anna gave the same level everywhere (20 statements)" in en
    assert "No blame intended" in en
    de = text_of(report_of(matrix, comments, "de", NAMES, analysis=changed), SectionKind.RATERS)
    assert "Dörte schätzt im Schnitt 1,0 Stufen höher ein als die übrigen (23 Aussagen)." in de
    assert "Ben schätzt im Schnitt 1,3 Stufen tiefer ein als die übrigen (23 Aussagen)." in de
    assert "Bei Ben folgen die Bewertungen einem anderen Muster" in de


def test_real_flag_from_the_analysis() -> None:
    matrix, comments = four_managers()
    doerte = next(r for r in analyse(matrix).rater_results if r.id == "r-doerte")
    assert doerte.bias is not None
    text = text_of(report_of(matrix, comments, "en", NAMES), SectionKind.RATERS)
    assert f"Dörte rates on average {format_number(doerte.bias, 'en')} " in text
    assert f"higher than the others ({doerte.k} statements)." in text


def test_no_manager_section_when_nobody_is_flagged() -> None:
    matrix, comments = four_managers()
    analysis = analyse(matrix)
    calm = dataclasses.replace(
        analysis, rater_results=tuple(dataclasses.replace(r, flags=()) for r in analysis.rater_results)
    )
    assert SectionKind.RATERS not in report_of(matrix, comments, "de", NAMES, analysis=calm).kinds


def two_managers(offset: int) -> RatingMatrix:
    ids = statement_ids()
    cells: dict[tuple[str, str], int | None] = {}
    for i, sid in enumerate(ids):
        base = (2, 3, 4)[i % 3]
        cells[("r-anna", sid)] = base
        cells[("r-ben", sid)] = max(1, min(5, base + offset))
    return RatingMatrix(("r-anna", "r-ben"), tuple(ids), cells, catalogue().dimension_of())


def test_two_managers_pair_offset_without_blame() -> None:
    matrix = two_managers(+1)
    analysis = analyse(matrix)
    assert analysis.pair_offset is not None and analysis.pair_offset.flagged
    de = report_of(matrix, {}, "de", NAMES)
    assert de.section(SectionKind.RATERS).heading == "Zwei Massstäbe"  # type: ignore[union-attr]
    text = text_of(de, SectionKind.RATERS)
    assert text.startswith(
        f"Ben schätzt im Schnitt 1,0 Stufen höher ein als Anna ({analysis.pair_offset.k} Aussagen)."
    )
    assert "lässt sich zu zweit nicht sagen" in text
    en = text_of(report_of(two_managers(-1), {}, "en", NAMES), SectionKind.RATERS)
    assert en.startswith("Anna rates on average 1.0 level higher than Ben (24 statements).")
    assert SectionKind.RATERS not in report_of(matrix, {}, "de", None).kinds
    assert "2 Führungskräfte haben geantwortet." in text_of(de, SectionKind.HEADLINE)


def test_two_managers_who_agree_get_no_pair_section_and_the_agreed_next_step() -> None:
    matrix = two_managers(0)
    report = report_of(matrix, {}, "de", NAMES)
    assert SectionKind.RATERS not in report.kinds
    differences = text_of(report, SectionKind.DIFFERENCES)
    assert (
        differences == "Bei keiner Aussage gehen Ihre Urteile deutlich auseinander: Das Team ist sich einig."
    )
    assert text_of(report, SectionKind.NEXT_STEPS).startswith("1. Besprechen Sie die Ergebnisse gemeinsam")
    english = report_of(matrix, {}, "en", NAMES)
    assert (
        text_of(english, SectionKind.DIFFERENCES)
        == "No statement shows a real difference in judgment: the team agrees."
    )


def test_nothing_comparable_is_said_so() -> None:
    ids = statement_ids()
    cells = {("r-anna", sid): 3 for sid in ids[:12]} | {("r-ben", sid): 4 for sid in ids[12:]}
    matrix = RatingMatrix(("r-anna", "r-ben"), tuple(ids), cells, catalogue().dimension_of())
    text = text_of(report_of(matrix, {}, "de", NAMES), SectionKind.DIFFERENCES)
    assert text == "Keine Aussage wurde von genug Führungskräften bewertet, um Urteile zu vergleichen."


@pytest.mark.parametrize("lang", LANGS)
def test_next_steps_follow_the_method(lang: str) -> None:
    matrix, comments = four_managers()
    text = text_of(report_of(matrix, comments, lang, NAMES), SectionKind.NEXT_STEPS)
    words = {
        "de": ("Unterschiede", "Glaubenssätze", "Priorisieren", "Leuchtturmprojekt", "3, 6 und 12 Monaten"),
        "en": ("differences", "hidden beliefs", "Prioritise", "lighthouse project", "3, 6 and 12 months"),
    }[lang]
    positions = [text.index(word) for word in words]
    assert positions == sorted(positions)


def test_comments_on_other_statements_keep_catalogue_order_and_every_comment_appears_once() -> None:
    matrix, comments = four_managers()
    comments = {**comments, ("r-ben", "gone-1"): "Zu einer Aussage, die es nicht mehr gibt"}
    for names in (NAMES, None):
        report = report_of(matrix, comments, "de", names)
        section = report.section(SectionKind.COMMENTS)
        assert section is not None and section.heading == "Kommentare zu weiteren Aussagen"
        titles = [b.lines[0] for b in section.blocks]
        assert [line[0].text.split(".")[0] for line in titles] == ["13", "17", "–"]
        assert all(span.style is Style.BOLD for line in titles for span in line)
        text = report_plain_text(report)
        for comment in (
            DANGEROUS,
            ON_DISSENT,
            ON_OTHER,
            ON_OTHER_2,
            "Zu einer Aussage, die es nicht mehr gibt",
        ):
            assert text.count(comment) == 1, comment
        assert ("Ben: " + ON_OTHER in text) == (names is not None)


def test_comment_spans_are_marked_as_user_text() -> None:
    matrix, comments = four_managers()
    report = report_of(matrix, comments, "de", NAMES)
    user = {span.text for s in report.sections for b in s.blocks for span in b.spans if span.user}
    assert {DANGEROUS, ON_DISSENT, ON_OTHER, ON_OTHER_2, "Anna", "Clara", "Dörte"} <= user


@pytest.mark.parametrize("lang", LANGS)
def test_one_manager_nothing_to_compare(lang: str) -> None:
    ids = statement_ids()
    cells: dict[tuple[str, str], int | None] = {
        ("r-anna", sid): (i % 5) + 1 for i, sid in enumerate(ids[:20])
    }
    cells[("r-anna", ids[20])] = None
    matrix = RatingMatrix(("r-anna",), tuple(ids), cells, catalogue().dimension_of())
    comments = {("r-anna", ids[0]): "Einzelkommentar <ok>"}
    report = report_of(matrix, comments, lang, NAMES)
    assert report.kinds == (
        SectionKind.HEADLINE,
        SectionKind.SINGLE,
        SectionKind.DIMENSIONS,
        SectionKind.COMMENTS,
        SectionKind.NEXT_STEPS,
    )
    single = text_of(report, SectionKind.SINGLE)
    label = catalogue().level(1).label.get(lang)
    first = catalogue().statement(ids[0]).text.get(lang)
    if lang == "de":
        assert "Mit nur einer Führungskraft gibt es nichts zu vergleichen" in single
        assert "Beurteilt von Anna." in single
        assert f"1. {first}: Stufe 1 ({label})" in single
        assert "21. " in single and ": kann ich nicht beurteilen" in single
        assert "1 Führungskraft hat geantwortet." in text_of(report, SectionKind.HEADLINE)
    else:
        assert "With only one manager there is nothing to compare" in single
        assert f"1. {first}: level 1 ({label})" in single
        assert "1 manager answered." in text_of(report, SectionKind.HEADLINE)
    assert "22. " not in single  # not answered: not listed
    assert "Einzelkommentar <ok>" in text_of(report, SectionKind.COMMENTS)
    anonymous = report_plain_text(report_of(matrix, comments, lang, None))
    assert "Anna" not in anonymous


def test_nobody_rated() -> None:
    matrix = RatingMatrix(("r-anna",), tuple(statement_ids()), {}, catalogue().dimension_of())
    report = report_of(matrix, {}, "de", NAMES)
    assert "Niemand hat eine Stufe vergeben" in text_of(report, SectionKind.SINGLE)
    dims = text_of(report, SectionKind.DIMENSIONS)
    assert (
        "▱▱▱▱▱▱▱▱▱▱ Kundenverständnis: von niemandem beurteilt" in dims or "von niemandem beurteilt" in dims
    )


@pytest.mark.parametrize("lang", LANGS)
def test_fifty_managers(lang: str) -> None:
    matrix, comments, names = random_round(50, seed=7)
    for round_names in (names, None):
        report = report_of(matrix, comments, lang, round_names)
        text = report_plain_text(report)
        assert ("50 Führungskräfte" if lang == "de" else "50 managers") in text
        for comment in comments.values():
            assert text.count(comment) == 1
        if round_names is None:
            assert not any(name in text for name in names.values())


def test_plain_text_joins_sections_and_blocks() -> None:
    matrix, comments = four_managers()
    report = report_of(matrix, comments, "de", NAMES)
    text = report_plain_text(report)
    for section in report.sections:
        separator = section.separator
        assert section.heading + "\n" + separator.join(b.text for b in section.blocks) in text
    assert "\n\n\n" not in text


# -------------------------------------------------------------------------------------- formatting, texts


@pytest.mark.parametrize(
    ("value", "places", "en", "de"),
    [
        (Fraction(13, 4), 1, "3.3", "3,3"),  # half up, not half even
        (Fraction(5, 2), 1, "2.5", "2,5"),
        (Fraction(1, 20), 1, "0.1", "0,1"),
        (Fraction(-13, 10), 1, "-1.3", "-1,3"),
        (Fraction(-1, 100), 1, "0.0", "0,0"),
        (0.8149, 3, "0.815", "0,815"),
        (Fraction(4), 1, "4.0", "4,0"),
    ],
)
def test_number_format(value: Fraction | float, places: int, en: str, de: str) -> None:
    assert format_number(value, "en", places) == en
    assert format_number(value, "de", places) == de


def test_median_percent_and_bar() -> None:
    assert format_median(Fraction(3), "de") == "3"
    assert format_median(Fraction(7, 2), "de") == "3,5"
    assert format_percent(56.25, "de") == "56 %"
    assert format_percent(62.5, "en") == "63%"
    assert index_bar(0.0) == "▱" * 10
    assert index_bar(100.0) == "▰" * 10
    assert index_bar(56.25) == "▰" * 6 + "▱" * 4


def test_every_report_text_is_used_and_complete() -> None:
    source = (Path(__file__).resolve().parent.parent / "bot" / "domain" / "results.py").read_text(
        encoding="utf-8"
    )
    for key, variants in TEXTS.items():
        assert key.startswith("report.")
        assert set(variants) == set(LANGS) and all(variants.values())
        base = re.sub(r"\.(one|other)$", "", key)
        assert f'"{key}"' in source or f'"{base}"' in source, key
        fields_de = set(re.findall(r"\{(\w+)\}", variants["de"]))
        assert fields_de == set(re.findall(r"\{(\w+)\}", variants["en"])), key


def test_span_defaults() -> None:
    assert Span("x") == Span("x", Style.PLAIN, False)


def test_a_re_rating_shows_before_after_who_moved_and_what_is_still_contested() -> None:
    before, _ = four_managers()
    cells = dict(before.cells)
    cells.update({(rater, "cust-1"): 3 for rater in before.raters})  # cust-1 converges on 3
    after = RatingMatrix(
        before.raters,
        ("cust-1", "empl-3"),
        {k: v for k, v in cells.items() if k[1] in ("cust-1", "empl-3")},
        before.dimension_of,
    )
    people = {rater: k for k, rater in enumerate(before.raters, start=1)}
    result = convergence(analyse(before), analyse(after), people, people)
    for lang in LANGS:
        report = build_report(
            ReportInput(
                analysis=analyse(after),
                catalogue=catalogue(),
                lang=lang,
                rater_names=NAMES,
                comments={},
                partial_raters={},
                convergence=result,
                person_names={people[r]: NAMES[r] for r in before.raters},
            )
        )
        assert report.kinds[1] is SectionKind.RERATE
        text = text_of(report, SectionKind.RERATE)
        if lang == "en":
            assert "1 of 2 disputed points converged (50%)." in text
            assert "before 1× level 1 · 1× level 2 · 1× level 4 · 1× level 5, AD_M 1.50, disagreement" in text
            assert "after 4× level 3, AD_M 0.00, agreement" in text
            assert "Moved: Anna 1 → 3, Ben 2 → 3, Clara 5 → 3, Dörte 4 → 3" in text
            assert "Nobody changed their rating." in text
            assert "Still contested: 9." in text
    anonymous = build_report(
        ReportInput(
            analysis=analyse(after),
            catalogue=catalogue(),
            lang="en",
            rater_names=None,
            comments={},
            partial_raters={},
            convergence=convergence(analyse(before), analyse(after), None, None),
        )
    )
    text = text_of(anonymous, SectionKind.RERATE)
    assert "Moved" not in text and "Nobody changed" not in text
    for name in NAMES.values():
        assert name not in text
