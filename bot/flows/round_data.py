"""Reading a round in one go: what the close, the poll, the canvas, /history and /export all start from."""

from __future__ import annotations

from bot.context import Services
from bot.domain.analysis import RatingMatrix
from bot.domain.catalogue import Catalogue
from bot.domain.round_data import RoundData
from bot.domain.rounds import Round


async def catalogue_of_round(services: Services, round_id: int | None, catalogue_id: str) -> Catalogue | None:
    """The whole catalogue version of a round named by id (a lighthouse project's, a belief's); the
    built-in catalogue ``catalogue_id`` when the round is gone (deleted after the retention period)."""
    round_ = await services.db.round(round_id) if round_id is not None else None
    if round_ is not None:
        return services.whole_catalogue_of(round_)
    return services.catalogues.get(catalogue_id)


async def load_round_data(services: Services, round_: Round) -> RoundData:
    """The round's matrix, names, comments and partial raters, as the catalogue it asked sees them."""
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
        people={p.rater_label: p.user_id for p in participants},
    )
