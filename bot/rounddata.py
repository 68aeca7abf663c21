"""A round's answers as the analysis and the reports read them: one matrix, names, comments, partials.

Read from the database in one go by the close, the priority poll, the canvas, /history and /export, so
that they all see the same round the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.domain.analysis import RatingMatrix
from bot.domain.catalogue import Catalogue
from bot.domain.rounds import Round
from bot.services import Services


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


async def load_round_data(services: Services, round_: Round) -> RoundData:
    catalogue = services.catalogue_of(round_)
    assert catalogue is not None
    team = await services.db.team(round_.team_id)
    participants = await services.db.participants(round_.id)
    answers = await services.db.round_answers(round_.id)
    comments = await services.db.round_comments(round_.id)
    label = {p.user_id: p.rater_label for p in participants}
    statement_ids = tuple(s.id for s in catalogue.statements)
    cells = {
        (label[user_id], statement_id): level
        for user_id, by_statement in answers.items()
        if user_id in label
        for statement_id, level in by_statement.items()
        if statement_id in statement_ids
    }
    raters = tuple(p.rater_label for p in participants if answers.get(p.user_id))
    total = len(statement_ids)
    partial = {
        p.rater_label: (len(answers.get(p.user_id, {})), total)
        for p in participants
        if answers.get(p.user_id) and len(answers[p.user_id]) < total
    }
    return RoundData(
        round=round_,
        catalogue=catalogue,
        team_title=team.title if team else "",
        matrix=RatingMatrix(
            raters=raters, statements=statement_ids, cells=cells, dimension_of=catalogue.dimension_of()
        ),
        names={p.rater_label: p.display_name for p in participants},
        comments={
            (label[user_id], statement_id): text
            for (user_id, statement_id), text in comments.items()
            if user_id in label
        },
        partial=partial,
    )


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
