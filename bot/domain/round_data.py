"""A round's answers as the analysis and the reports read them: one matrix, names, comments, partials.

Read from the database in one go (``bot.flows.round_data``) by the close, the priority poll, the canvas,
/history and /export, so that they all see the same round the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from bot.domain.analysis import RatingMatrix
from bot.domain.catalogue import Catalogue
from bot.domain.rounds import Round


@dataclass(frozen=True)
class RoundData:
    """Everything the results are made of, read from the database in one go."""

    round: Round
    catalogue: Catalogue
    team_title: str
    matrix: RatingMatrix
    names: dict[str, str]
    comments: dict[tuple[str, str], str]
    partial: dict[str, tuple[int, int]]
    #: rater label -> the person (user id): who is who across rounds; pseudonyms once a round is anonymous
    people: dict[str, int] = field(default_factory=dict)


def narrowed(data: RoundData, statement_ids: Sequence[str]) -> RoundData | None:
    """An earlier round seen through the statements of a later one, so that dimension means compare like
    with like when either round asked only part of the catalogue; None if they share no statement."""
    if tuple(data.matrix.statements) == tuple(statement_ids):
        return data
    keep = [s for s in data.matrix.statements if s in set(statement_ids)]
    if not keep:
        return None
    matrix = data.matrix
    cells = {key: level for key, level in matrix.cells.items() if key[1] in keep}
    raters = tuple(r for r in matrix.raters if any(key[0] == r for key in cells))
    if not raters:
        return None
    return replace(
        data,
        matrix=RatingMatrix(
            raters=raters, statements=tuple(keep), cells=cells, dimension_of=matrix.dimension_of
        ),
    )
