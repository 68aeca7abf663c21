"""The result charts: valid PNGs of a size Telegram shows well, for every shape a round can take.

The pictures themselves were judged by eye; these tests pin what can be checked mechanically: the PNG
decodes (chunks, CRCs, pixel data), the size stays in the range a phone reads and Telegram keeps, odd
inputs (one manager, nobody rated, 300-character statements, ``$`` in a name) render, and rendering is
deterministic and safe in several threads at once.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

import pytest
from PIL import Image, ImageColor

from bot.domain.analysis import RatingMatrix, RoundAnalysis, analyse
from bot.domain.catalogue import Catalogue, load_catalogues
from bot.texts import LANGUAGES, all_keys, t
from bot.texts.charts import TEXTS
from bot.views.charts import (
    FLAG_BG,
    HEADER_BG,
    INK,
    MAX_HEIGHT,
    WIDTH,
    ChartLabels,
    _Canvas,
    _draw_map,
    _fmt,
    _fmt_delta,
    _fmt_index,
    agreement_map,
    comparison_chart,
    dimension_profile,
)
from tests.helpers import png_info

MB = 1024 * 1024

NAMES = (
    "Jürgen Müller",
    "Zoë Weiß",
    "Anna Schäfer",
    "Björn Öztürk",
    "Chantal Dubois",
    "Lukas Keller",
    "Maria Grünewald-Hofstätter",
    "Peter Meier",
    "Sophie Brändli",
    "Tobias Fuchs",
    "Ines Kovač",
    "Daniel Roth",
    "Eva Lindqvist",
    "Marco Bianchi",
    "Fatima El-Amrani",
)
DIMENSIONS = {
    "insight": ("Denken aus Kundensicht", "Thinking from the customer's view"),
    "lead": ("Kundenorientierung als Chefsache", "Customer focus as a leadership task"),
    "people": ("Mitarbeiterorientierung", "Employee orientation"),
    "silos": ("Organisation über Silos hinweg", "Organisation across silos"),
}
STATEMENT_DE = (
    "Bei der Entwicklung neuer Produkte fliessen Erkenntnisse aus Kundengesprächen nachweislich ein."
)
STATEMENT_EN = "Insights from customer conversations demonstrably flow into the development of new products."


# --------------------------------------------------------------------------------------------- helpers


def matrix(
    raters: int,
    *,
    statements: int = 24,
    dimensions: int = 8,
    seed: int = 1,
    cant_share: float = 0.06,
    all_cant: tuple[str, ...] = (),
) -> RatingMatrix:
    """A round with realistic spread: per statement a base level and a narrow or wide spread."""
    rnd = random.Random(seed)
    ids = tuple(f"s{k + 1}" for k in range(statements))
    rater_ids = tuple(f"r{k}" for k in range(raters))
    cells: dict[tuple[str, str], int | None] = {}
    for sid in ids:
        base, spread = rnd.choice([1.8, 2.5, 3.0, 3.5, 4.2]), rnd.choice([0.4, 0.6, 1.5])
        for r in rater_ids:
            if sid in all_cant or rnd.random() < cant_share:
                cells[(r, sid)] = None
            else:
                cells[(r, sid)] = max(1, min(5, round(rnd.gauss(base, spread))))
    per_dimension = max(1, statements // dimensions) if dimensions else 0
    dimension_of = {sid: f"d{k // per_dimension + 1}" for k, sid in enumerate(ids)} if dimensions else {}
    return RatingMatrix(rater_ids, ids, cells, dimension_of)


def labels(
    analysis: RoundAnalysis,
    lang: str = "de",
    *,
    named: bool = True,
    title: str | None = "Customer Centricity Maturity Check · Vertrieb Nord · 12.03.2025",
    texts: dict[str, str] | None = None,
) -> ChartLabels:
    statement = STATEMENT_DE if lang == "de" else STATEMENT_EN
    titles = list(DIMENSIONS.values())
    return ChartLabels(
        lang=lang,
        statement_texts=texts or {s.id: f"{statement} ({s.id})" for s in analysis.statements},
        dimension_titles={
            d.id: titles[k % len(titles)][0 if lang == "de" else 1] for k, d in enumerate(analysis.dimensions)
        },
        rater_names={r: NAMES[k % len(NAMES)] for k, r in enumerate(analysis.raters)} if named else None,
        title=title,
    )


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogues()["customer-centricity"]


def catalogue_round(catalogue: Catalogue, raters: int, lang: str, *, named: bool = True) -> tuple:
    """The real catalogue rated by ``raters`` managers: its texts are the longest the charts get."""
    base = matrix(raters, statements=len(catalogue.statements), seed=raters)
    ids = tuple(s.id for s in catalogue.statements)
    rename = dict(zip(base.statements, ids, strict=True))
    cells = {(r, rename[s]): level for (r, s), level in base.cells.items()}
    analysis = analyse(
        RatingMatrix(base.raters, ids, cells, {s.id: s.dimension for s in catalogue.statements})
    )
    chart_labels = ChartLabels(
        lang=lang,
        statement_texts={s.id: s.text.get(lang) for s in catalogue.statements},
        dimension_titles={d.id: d.title.get(lang) for d in catalogue.dimensions},
        rater_names={r: NAMES[k % len(NAMES)] for k, r in enumerate(analysis.raters)} if named else None,
        title=f"{catalogue.title.get(lang)} · Vertrieb Nord · 12.03.2025",
    )
    return analysis, chart_labels


def assert_phone_png(data: bytes, *, min_height: int = 300, max_height: int = MAX_HEIGHT) -> tuple[int, int]:
    """A portrait-or-landscape PNG 1200 px wide within Telegram's photo limits and under 1 MB."""
    width, height = png_info(data)
    assert width == WIDTH
    assert min_height <= height <= max_height
    assert width + height <= 10000 and max(width, height) / min(width, height) <= 20
    assert len(data) < MB
    return width, height


# --------------------------------------------------------------------------------------------- comparison


def test_named_round_gives_a_tall_portrait_png() -> None:
    analysis = analyse(matrix(5))
    _, height = assert_phone_png(comparison_chart(analysis, labels(analysis)), min_height=1500)
    assert height > WIDTH


def test_a_palette_keeps_the_charts_colours() -> None:
    """The charts are written with a palette of 256 colours (a third of the bytes of RGBA). White must stay
    exactly white, or the chart's edge shows against Telegram's white; the flat colours may move by a few
    steps of 255, which nobody sees."""
    analysis = analyse(matrix(15, seed=3))
    image = Image.open(io.BytesIO(comparison_chart(analysis, labels(analysis))))
    assert image.mode == "P"
    pixels = image.convert("RGB")
    assert pixels.getpixel((0, 0)) == pixels.getpixel((WIDTH - 1, image.height - 1)) == (255, 255, 255)
    colours = [colour for _, colour in pixels.getcolors(maxcolors=256) or []]
    for flat in (INK, HEADER_BG, FLAG_BG):
        wanted = ImageColor.getrgb(flat)
        assert any(max(abs(a - b) for a, b in zip(wanted, c, strict=True)) <= 6 for c in colours), flat


def test_anonymous_round_of_fifty_managers() -> None:
    analysis = analyse(matrix(50, seed=5))
    data = comparison_chart(analysis, labels(analysis, "en", named=False))
    assert_phone_png(data, min_height=1500)
    named = comparison_chart(analysis, labels(analysis, "en", named=True))
    assert named != data


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("named", [True, False])
def test_full_catalogue_with_fifteen_managers_fits_telegrams_largest_photo(
    catalogue: Catalogue, lang: str, named: bool
) -> None:
    analysis, chart_labels = catalogue_round(catalogue, 15, lang, named=named)
    assert len(analysis.statements) == 24
    assert_phone_png(comparison_chart(analysis, chart_labels), min_height=2000)
    assert_phone_png(dimension_profile(analysis, chart_labels), max_height=1280)


def test_one_manager_renders_although_nothing_can_be_compared() -> None:
    analysis = analyse(matrix(1))
    assert not analysis.comparison_possible
    assert_phone_png(comparison_chart(analysis, labels(analysis, "en")))
    assert_phone_png(comparison_chart(analysis, labels(analysis, "en", named=False)))
    assert_phone_png(dimension_profile(analysis, labels(analysis, "en")))


def test_statements_nobody_could_judge() -> None:
    analysis = analyse(matrix(6, all_cant=("s1", "s2", "s3", "s20")))
    assert analysis.statement("s1").n == 0 and analysis.statement("s1").cant_judge == 6
    assert analysis.dimensions[0].mean is None
    for named in (True, False):
        assert_phone_png(comparison_chart(analysis, labels(analysis, named=named)))
    assert_phone_png(dimension_profile(analysis, labels(analysis)))


def test_a_round_where_nobody_chose_a_level() -> None:
    analysis = analyse(matrix(4, statements=6, dimensions=3, cant_share=1.0))
    assert analysis.overall_mean is None
    assert_phone_png(comparison_chart(analysis, labels(analysis)))
    assert_phone_png(dimension_profile(analysis, labels(analysis)))


def test_a_round_without_managers() -> None:
    analysis = analyse(matrix(0, statements=6, dimensions=3))
    assert_phone_png(comparison_chart(analysis, labels(analysis)))
    assert_phone_png(comparison_chart(analysis, labels(analysis, named=False)))
    assert_phone_png(dimension_profile(analysis, labels(analysis)))


def test_statements_without_dimension_are_shown_under_their_own_heading() -> None:
    grouped = analyse(matrix(5, statements=6, dimensions=3))
    loose = analyse(matrix(5, statements=6, dimensions=0))
    assert loose.dimensions == ()
    assert_phone_png(comparison_chart(loose, labels(loose)))
    assert_phone_png(dimension_profile(loose, labels(loose)))
    # a catalogue with dimensions and a few loose statements: those go under "other statements"
    base = matrix(5, statements=4)
    partly = analyse(RatingMatrix(base.raters, base.statements, base.cells, {"s1": "d1", "s2": "d1"}))
    assert [d.statements for d in partly.dimensions] == [("s1", "s2")]
    assert_phone_png(comparison_chart(partly, labels(partly)))
    assert comparison_chart(partly, labels(partly)) != comparison_chart(grouped, labels(grouped))


def test_long_texts_do_not_break_the_layout() -> None:
    analysis = analyse(matrix(7, seed=6))
    normal = png_info(comparison_chart(analysis, labels(analysis)))[1]
    long_texts = {s.id: " ".join([STATEMENT_DE] * 4) for s in analysis.statements}  # about 400 characters
    long_texts["s1"] = "Kundenzufriedenheitsmessungsverantwortlichkeit" * 8  # one 368-character word
    chart_labels = ChartLabels(
        lang="de",
        statement_texts=long_texts,
        dimension_titles={d.id: "Sehr lange Dimension " * 6 for d in analysis.dimensions},
        rater_names={r: "Maria-Theresia von Grünewald-Hofstätter-Übermuth" for r in analysis.raters},
        title="Ein sehr langer Titel mit Datum und Team " * 6,
    )
    _, height = assert_phone_png(comparison_chart(analysis, chart_labels))
    # every label is cut to the same number of lines: the chart is only as tall as a normal one plus the
    # longer title and legend
    assert height - normal < 300
    assert_phone_png(dimension_profile(analysis, chart_labels), max_height=1400)


def test_wrapping_fits_the_width_and_ends_shortened_text_with_an_ellipsis() -> None:
    canvas = _Canvas()
    width = 400.0
    short = canvas.wrap("Kurz und bündig.", width, 11)
    assert short == ["Kurz und bündig."]
    lines = canvas.wrap(" ".join([STATEMENT_DE] * 5), width, 11, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert not any(line.endswith("…") for line in lines[:-1])
    word = canvas.wrap(
        "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichen" * 3, width, 11, max_lines=2
    )
    assert len(word) == 2 and word[-1].endswith("…")
    for line in lines + word:
        exact, _, _ = canvas._renderer.get_text_width_height_descent(line, canvas.font(11), ismath=False)
        assert exact <= width
    assert canvas.wrap("", width, 11) == [""]


def test_text_is_never_parsed_as_mathtext() -> None:
    analysis = analyse(matrix(3, statements=3, dimensions=1))
    odd = r"Umsatz in $\frac{1}{2}$ und 50 % _x^2 \\ {}"
    chart_labels = ChartLabels(
        lang="de",
        statement_texts={s.id: odd for s in analysis.statements},
        dimension_titles={d.id: odd for d in analysis.dimensions},
        rater_names={r: f"{odd} {r}" for r in analysis.raters},
        title=odd,
    )
    assert_phone_png(comparison_chart(analysis, chart_labels))
    assert_phone_png(dimension_profile(analysis, chart_labels, analysis, odd))


def test_umlauts_sharp_s_and_symbols_have_glyphs() -> None:
    """matplotlib warns about a glyph missing from the font; here that warning fails the test."""
    analysis = analyse(matrix(6, seed=3))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for lang in LANGUAGES:
            chart_labels = labels(
                analysis, lang, texts={s.id: "Größe, Maß, Übermaß – „Ä“ ≠ Ø …" for s in analysis.statements}
            )
            comparison_chart(analysis, chart_labels)
            comparison_chart(analysis, labels(analysis, lang, named=False))
            dimension_profile(analysis, chart_labels, analysis, "Zoë Weiß · 01.09.2024")


# --------------------------------------------------------------------------------------------- profile


def test_profile_with_an_earlier_round() -> None:
    analysis = analyse(matrix(6, seed=8))
    earlier = analyse(matrix(5, seed=9))
    chart_labels = labels(analysis)
    alone = dimension_profile(analysis, chart_labels)
    with_earlier = dimension_profile(analysis, chart_labels, earlier, "Vertrieb Nord · 01.09.2024")
    unlabelled = dimension_profile(analysis, chart_labels, earlier)
    for data in (alone, with_earlier, unlabelled):
        _, height = assert_phone_png(data, max_height=1280)
        assert height < WIDTH  # landscape: a short chart
    assert len({alone, with_earlier, unlabelled}) == 3


def test_profile_ignores_an_earlier_round_without_shared_dimensions() -> None:
    analysis = analyse(matrix(6, seed=8))
    other = analyse(matrix(5, statements=4, dimensions=0))
    assert dimension_profile(analysis, labels(analysis), other, "x") == dimension_profile(
        analysis, labels(analysis)
    )


# --------------------------------------------------------------------------------------------- both


@pytest.mark.parametrize("lang", LANGUAGES)
def test_default_titles_in_both_languages(lang: str) -> None:
    analysis = analyse(matrix(4, statements=8, dimensions=4))
    chart_labels = labels(analysis, lang, title=None)
    assert_phone_png(comparison_chart(analysis, chart_labels))
    assert_phone_png(dimension_profile(analysis, chart_labels))


def test_languages_differ() -> None:
    analysis = analyse(matrix(4, statements=8, dimensions=4))
    de = comparison_chart(analysis, labels(analysis, "de", title=None))
    en = comparison_chart(analysis, labels(analysis, "en", title=None))
    assert de != en


def test_chart_texts_exist_in_every_language() -> None:
    keys = {key for key in all_keys() if key.startswith("chart.")}
    assert keys == set(TEXTS)
    for key in keys:
        for lang in LANGUAGES:
            assert t(lang, key)
    assert t("de", "chart.team_mean") == "Team-Mittel"


def test_rendering_in_four_threads_at_once_gives_the_same_bytes() -> None:
    analysis = analyse(matrix(15, seed=4))
    earlier = analyse(matrix(12, seed=5))
    jobs = [
        lambda: comparison_chart(analysis, labels(analysis)),
        lambda: comparison_chart(analysis, labels(analysis, "en", named=False)),
        lambda: dimension_profile(analysis, labels(analysis), earlier, "01.09.2024"),
    ]
    serial = [job() for job in jobs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(jobs[k % len(jobs)]) for k in range(12)]
        results = [f.result() for f in futures]
    for k, data in enumerate(results):
        assert data == serial[k % len(jobs)]


def test_charts_never_touch_pyplot() -> None:
    """pyplot keeps global state and may pick a GUI backend; a chart must render without it."""
    code = (
        "import sys\n"
        "from bot.views.charts import ChartLabels, comparison_chart, dimension_profile\n"
        "from bot.domain.analysis import RatingMatrix, analyse\n"
        "m = RatingMatrix(('a', 'b'), ('s',), {('a', 's'): 2, ('b', 's'): 4}, {'s': 'd'})\n"
        "a = analyse(m)\n"
        "labels = ChartLabels('en', {'s': 'S'}, {'d': 'D'}, None)\n"
        "comparison_chart(a, labels); dimension_profile(a, labels)\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
        "assert 'telegram' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_numbers_are_written_the_way_each_language_writes_them() -> None:
    assert _fmt(Fraction(7, 2), "de") == "3,5" and _fmt(Fraction(7, 2), "en") == "3.5"
    assert _fmt_index(62.4, "de") == "62\u202f%" and _fmt_index(62.4, "en") == "62%"
    assert _fmt_delta(Fraction(2, 5), "de") == "+0,4"
    assert _fmt_delta(Fraction(-1, 3), "en") == "−0.3"
    assert _fmt_delta(Fraction(1, 100), "en") == "±0.0"


# ------------------------------------------------------------------------------------- the agreement map


def _map_texts(analysis: RoundAnalysis, chart_labels: ChartLabels) -> list[str]:
    """The texts a map draws (its numbers and region names), read from the figure instead of pixels."""
    canvas, height = _draw_map(analysis, chart_labels)
    assert_phone_png(canvas.png(height), min_height=800)
    return [text.get_text() for text in canvas.ax.texts]


def test_the_map_of_agreement_names_its_regions_and_numbers_every_statement(catalogue: Catalogue) -> None:
    for lang, contested in (("de", "umstritten"), ("en", "contested")):
        analysis, chart_labels = catalogue_round(catalogue, 15, lang, named=False)
        numbered = ChartLabels(
            **{
                **chart_labels.__dict__,
                "statement_numbers": {s.id: k + 30 for k, s in enumerate(catalogue.statements)},
            }
        )
        drawn = _map_texts(analysis, numbered)
        assert contested in drawn
        plotted = [s for s in analysis.statements if s.mean is not None and s.ad_mean is not None]
        for k, s in enumerate(analysis.statements):
            if s in plotted:
                assert str(k + 30) in drawn, "each dot carries its statement's number"
        assert not any(name in text for name in NAMES for text in drawn), "a dot is a statement, not a person"


def test_the_map_renders_for_one_manager_and_for_nobody() -> None:
    for raters in (1, 0):
        analysis = analyse(matrix(raters, statements=6, dimensions=2))
        assert_phone_png(agreement_map(analysis, labels(analysis, "en")), min_height=800)
