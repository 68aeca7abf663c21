"""Times the pure core for 15 managers × 24 statements: the analysis and both charts.

Run: ``python bench/core_timings.py`` (median of 7 runs each; prints a Markdown table).
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable

from bot.domain.analysis import RatingMatrix, analyse
from bot.domain.catalogue import load_catalogues
from bot.offline.simulation import simulate_team
from bot.views.charts import ChartLabels, comparison_chart, dimension_profile

RUNS = 7


def _median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    catalogue = load_catalogues()["customer-centricity"]
    team = simulate_team(catalogue, 15)
    raters = tuple(f"m{i}" for i in range(len(team)))
    cells = {
        (rater, sid): level for rater, m in zip(raters, team, strict=True) for sid, level in m.ratings.items()
    }
    matrix = RatingMatrix(raters, tuple(s.id for s in catalogue.statements), cells, catalogue.dimension_of())
    analysis = analyse(matrix)
    labels = ChartLabels(
        lang="de",
        statement_texts={s.id: s.text.de for s in catalogue.statements},
        dimension_titles={d.id: d.title.de for d in catalogue.dimensions},
        rater_names={rater: f"{m.first_name} {m.last_name}" for rater, m in zip(raters, team, strict=True)},
        title="Benchmark",
    )
    rows = [
        ("analysis (rule set, alpha ordinal + interval)", _median_ms(lambda: analyse(matrix))),
        ("comparison chart (named, PNG)", _median_ms(lambda: comparison_chart(analysis, labels))),
        (
            "dimension profile (with an earlier round, PNG)",
            _median_ms(lambda: dimension_profile(analysis, labels, analysis, "earlier")),
        ),
    ]
    python = f"{platform.python_implementation()} {platform.python_version()}"
    print(f"machine: {platform.machine()}, {python}, {RUNS} runs")
    print("| 15 managers × 24 statements | median ms |\n|---|---|")
    for name, ms in rows:
        print(f"| {name} | {ms:.1f} |")


if __name__ == "__main__":
    main()
