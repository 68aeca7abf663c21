"""The history chart: the team's maturity per dimension over its closed rounds.

Checked mechanically after judging the pictures by eye: a valid PNG of the charts' width for one round,
a few, many and none; gaps; malformed series refused; round labels that never overlap or leave the plot
however many rounds and however long their labels; the same bytes every time.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from matplotlib.text import Text

from bot.domain.catalogue import Catalogue, load_catalogues
from bot.texts import LANGUAGES
from bot.views.charts import (
    HISTORY_X0,
    HISTORY_X1,
    MARGIN,
    MAX_HEIGHT,
    WIDTH,
    ChartLabels,
    HistorySeries,
    _draw_history,
    history_chart,
)
from tests.helpers import png_info


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogues()["customer-centricity"]


def chart_labels(catalogue: Catalogue, lang: str = "de") -> ChartLabels:
    return ChartLabels(
        lang=lang,
        statement_texts={},
        dimension_titles={d.id: d.title.get(lang) for d in catalogue.dimensions},
        rater_names=None,
        title="Vertrieb Nord",
    )


def series(
    catalogue: Catalogue, rounds: int, *, gaps: bool = False, label: str = "{k}.03.2025"
) -> HistorySeries:
    """Every dimension rising by a tenth a round from its own start; every third value a gap if asked."""
    means: dict[str, tuple[float | None, ...]] = {}
    for d, dim in enumerate(catalogue.dimensions):
        values = [min(5.0, 1.5 + 0.3 * d + 0.1 * k) for k in range(rounds)]
        means[dim.id] = tuple(None if gaps and (k + d) % 3 == 0 else v for k, v in enumerate(values))
    overall = tuple(2.6 + 0.1 * k for k in range(rounds))
    return HistorySeries(tuple(label.format(k=k + 1) for k in range(rounds)), means, overall)


def assert_chart(data: bytes) -> tuple[int, int]:
    width, height = png_info(data)
    assert width == WIDTH and 150 <= height <= MAX_HEIGHT
    assert len(data) < 1024 * 1024
    return width, height


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("rounds", [1, 2, 4, 12])
def test_renders_for_one_few_and_many_rounds(catalogue: Catalogue, lang: str, rounds: int) -> None:
    _, height = assert_chart(history_chart(series(catalogue, rounds), chart_labels(catalogue, lang)))
    assert height > 1000  # the overall panel and eight rows


def test_gaps_and_a_dimension_nobody_rated(catalogue: Catalogue) -> None:
    gappy = series(catalogue, 5, gaps=True)
    means = dict(gappy.dimension_means)
    means["customer"] = (None,) * 5
    odd = HistorySeries(gappy.round_labels, means, (None, 2.5, None, 2.7, 2.8))
    assert_chart(history_chart(odd, chart_labels(catalogue)))
    assert history_chart(odd, chart_labels(catalogue)) != history_chart(gappy, chart_labels(catalogue))


def test_no_round_yet_and_no_dimensions(catalogue: Catalogue) -> None:
    _, height = assert_chart(history_chart(HistorySeries((), {}, ()), chart_labels(catalogue)))
    assert height < 400
    assert_chart(history_chart(HistorySeries(("1.3.2025",), {}, (3.0,)), chart_labels(catalogue)))


def test_fractions_are_accepted(catalogue: Catalogue) -> None:
    labels = chart_labels(catalogue)
    as_fraction = HistorySeries(
        ("a", "b"), {"customer": (Fraction(5, 2), None)}, (Fraction(5, 2), Fraction(3))
    )
    as_float = HistorySeries(("a", "b"), {"customer": (2.5, None)}, (2.5, 3.0))
    assert history_chart(as_fraction, labels) == history_chart(as_float, labels)


def test_every_series_needs_one_value_per_round() -> None:
    with pytest.raises(ValueError, match="overall"):
        HistorySeries(("a", "b"), {}, (3.0,))
    with pytest.raises(ValueError, match="customer"):
        HistorySeries(("a", "b"), {"customer": (3.0,)}, (3.0, 3.1))


def test_deterministic_and_in_the_groups_language(catalogue: Catalogue) -> None:
    data = series(catalogue, 4)
    de = history_chart(data, chart_labels(catalogue, "de"))
    assert de == history_chart(data, chart_labels(catalogue, "de"))
    assert de != history_chart(data, chart_labels(catalogue, "en"))


@pytest.mark.parametrize(
    ("rounds", "label"),
    [(3, "Sehr lange Rundenbezeichnung {k} mit Datum 12.03.2025"), (24, "{k}.03.2025"), (40, "R{k}")],
)
def test_round_labels_never_overlap_or_leave_the_plot(catalogue: Catalogue, rounds: int, label: str) -> None:
    canvas, height = _draw_history(series(catalogue, rounds, label=label), chart_labels(catalogue, "en"))
    assert_chart(canvas.png(height))
    renderer = canvas._agg.get_renderer()
    labels = [label.format(k=k + 1) for k in range(rounds)]
    shown = []
    for artist in canvas.ax.texts:
        assert isinstance(artist, Text)
        box = artist.get_window_extent(renderer)
        assert box.x0 >= MARGIN - 1 and box.x1 <= WIDTH - MARGIN + 1, artist.get_text()
        text = artist.get_text()
        in_plot = box.x0 > HISTORY_X0 - 20 and box.x1 < HISTORY_X1 + 20
        if text in labels or (text.endswith("…") and in_plot):
            shown.append((box.y0, box.x0, box.x1, text))
    top_axis = sorted(item for item in shown if item[0] == max(s[0] for s in shown))
    assert top_axis, "no round label drawn"
    # the latest round is always labelled
    assert any(text == labels[-1] or labels[-1].startswith(text.rstrip("…")) for *_, text in top_axis)
    for (_, _, right, a), (_, left, _, b) in itertools.pairwise(top_axis):
        assert right <= left, (a, b)
