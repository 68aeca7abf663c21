"""The beliefs loop: ask the managers at the extremes why, post their reasons, re-rate the disputed points,
record the beliefs the discussion surfaced.

The database is the schedule, as everywhere: the questions are planned while the round closes (an anonymous
round still knows then who rated what), sent one at a time per manager, and the timer job finds whatever was
planned and not sent, and the reasons whose time is up, also after a restart. A question is recorded as
asked once Telegram took it; a crash in between asks it again rather than never.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from enum import StrEnum

from telegram import Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from bot.context import App, Services
from bot.domain.analysis import RoundAnalysis, Verdict
from bot.domain.beliefs import (
    MAX_REASON_LENGTH,
    SETTLED,
    Belief,
    BeliefError,
    BeliefLine,
    QuestionStatus,
    ReasonQuestion,
    disputes,
    parse_belief,
    plan_reasons,
)
from bot.domain.catalogue import Catalogue
from bot.domain.round_data import RoundData
from bot.domain.rounds import Round, Team, format_date, format_deadline
from bot.flows.chat import busy, in_round_topic, say, topic_of
from bot.flows.followup import round_analysis
from bot.flows.round_data import catalogue_of_round, load_round_data
from bot.flows.rounds import start_round
from bot.infra.ratelimit import BACKGROUND
from bot.texts import language_of
from bot.views.beliefs import Earlier, ReasonsInput, question_view, reasons_messages
from bot.views.html import th

logger = logging.getLogger(__name__)


# ------------------------------------------------------------------------------------ asking why


async def plan_reasons_for(app: App, round_: Round, data: RoundData, analysis: RoundAnalysis) -> None:
    """At the close, before the round is finished: whom to ask why, recorded once.

    Not after a re-rating (its results name what is still contested; the reasons were asked before).
    Managers who blocked the bot are not asked; those who left the group are no longer in the round.
    """
    if round_.rerate_of is not None:
        return
    services = app.bot_data
    people = {label: user for label, user in data.people.items() if label in data.matrix.raters}
    unreachable = await services.db.unreachable_users(people.values())
    askable = [label for label, user in people.items() if user not in unreachable]
    plan = plan_reasons(analysis, askable)
    due = services.now() + services.reasons_hours * 3600
    await services.db.plan_reasons(
        round_.id, due, [(people[q.rater], q) for q in plan.questions], plan.not_asked
    )


async def ask_next_questions(app: App, round_id: int | None = None, user_id: int | None = None) -> None:
    """Send each manager with nothing open their next question (in every round still collecting, or in
    one; to everyone, or to one manager).

    One sender at a time in this process: the close, an answer and the timer job may all look at once.
    """
    async with app.bot_data.asking:
        for question in await app.bot_data.db.questions_to_send(round_id):
            if user_id is None or question.user_id == user_id:
                await _ask(app, question)


async def _ask(app: App, question: ReasonQuestion) -> None:
    services = app.bot_data
    assert question.user_id is not None
    round_ = await services.db.round(question.round_id)
    catalogue = services.whole_catalogue_of(round_) if round_ else None
    if round_ is None or catalogue is None:
        return
    team = await services.db.team(round_.team_id)
    mine = [q for q in await services.db.reason_questions(round_.id) if q.rater == question.rater]
    lang = await _person_language(services, question.user_id)
    view = question_view(question, catalogue, team.title if team else "", len(mine), round_.anonymous, lang)
    try:
        sent = await app.bot.send_message(
            question.user_id,
            view.text,
            parse_mode=ParseMode.HTML,
            reply_markup=view.keyboard,
            rate_limit_args=BACKGROUND,
        )
    except Forbidden:
        # blocked the bot (or never started it): none of their questions can reach them
        await services.db.set_reachable(question.user_id, False)
        await services.db.settle_questions_of(round_.id, question.user_id, QuestionStatus.UNREACHABLE)
        await post_reasons_when_complete(app, round_.id)
        return
    except TelegramError as exc:
        logger.warning("question %s not sent (%s); the timer tries again", question.id, exc)
        return
    await services.db.mark_question_asked(question.id, sent.message_id, services.now())


class ReasonOutcome(StrEnum):
    SAVED = "saved"
    CHANGED = "changed"
    TOO_LONG = "too_long"
    #: the reasons were posted meanwhile: nothing changes any more
    CLOSED = "closed"


async def question_for_text(services: Services, user_id: int, reply_to: int | None) -> ReasonQuestion | None:
    """The question a text in the private chat answers, if it answers one.

    A reply to one of the bot's questions answers that question (and can change an earlier reason); any
    other text answers the question sent last, unless the manager is answering a round that is open now
    and has moved on to it since the question came (then the text is a comment there, as always).
    """
    if reply_to is not None:
        found = await services.db.question_by_message(user_id, reply_to)
        if found is not None:
            return found
    question = await services.db.open_question_of(user_id)
    if question is None:
        return None
    active = await services.db.active_participation(user_id)
    if active is not None and (question.asked_at or 0.0) < active[1].last_active_at:
        return None
    return question


async def give_reason(app: App, question: ReasonQuestion, text: str) -> ReasonOutcome:
    """Store a manager's reason (committed before anyone is told); a first answer sends the next question."""
    services = app.bot_data
    if len(text) > MAX_REASON_LENGTH:
        return ReasonOutcome.TOO_LONG
    first = question.status is not QuestionStatus.ANSWERED
    if not await services.db.save_reason(question.id, text, services.now()):
        return ReasonOutcome.CLOSED
    return ReasonOutcome.SAVED if first else ReasonOutcome.CHANGED


async def statement_number(services: Services, question: ReasonQuestion) -> int | None:
    """The number of a question's statement, as the results show it."""
    round_ = await services.db.round(question.round_id)
    catalogue = services.whole_catalogue_of(round_) if round_ else None
    return catalogue.number_of(question.statement_id) if catalogue else None


async def after_answer(app: App, question: ReasonQuestion) -> None:
    """The next question for this manager, or thanks when there is none; then, when everyone asked is
    done, the reasons go to the group."""
    services = app.bot_data
    assert question.user_id is not None
    await ask_next_questions(app, question.round_id, question.user_id)
    mine = [q for q in await services.db.reason_questions(question.round_id) if q.rater == question.rater]
    if all(q.status in (QuestionStatus.ANSWERED, QuestionStatus.SKIPPED) for q in mine):
        lang = await _person_language(services, question.user_id)
        await say(app.bot, question.user_id, th(lang, "reasons.done"))
    await post_reasons_when_complete(app, question.round_id)


async def skip_question(app: App, question: ReasonQuestion, stop: bool) -> bool:
    """ "Skip this one" (then the next question) or "stop asking me" (all of the round); False if the
    question was settled already."""
    services = app.bot_data
    assert question.user_id is not None
    if stop:
        changed = await services.db.settle_questions_of(
            question.round_id, question.user_id, QuestionStatus.STOPPED
        )
        await post_reasons_when_complete(app, question.round_id)
        return changed > 0
    if not await services.db.settle_question(question.id, QuestionStatus.SKIPPED):
        return False
    await after_answer(app, question)
    return True


# ------------------------------------------------------------------------------- the reasons posted


async def post_reasons_when_complete(app: App, round_id: int) -> None:
    """Post the reasons once nobody asked is still expected to answer."""
    questions = await app.bot_data.db.reason_questions(round_id)
    if all(q.status in SETTLED for q in questions):
        await post_reasons(app, round_id, final=True)


async def post_reasons(app: App, round_id: int, *, final: bool, reply_to: Message | None = None) -> bool:
    """The reasons in the group, replying to the results: final (then nothing changes any more and an
    anonymous round forgets who gave which), or so far (``/reasons`` while they are collected).

    Recorded as posted once Telegram took it; False if there was nothing to post or it failed.
    """
    with busy(app.bot_data, "reasons", round_id) as free:
        return await _post_reasons(app, round_id, final, reply_to) if free else False


async def _post_reasons(app: App, round_id: int, final: bool, reply_to: Message | None) -> bool:
    services = app.bot_data
    collected = await services.db.reason_round(round_id)
    round_ = await services.db.round(round_id)
    if collected is None or round_ is None:
        return False
    if final and collected.posted_at is not None:
        return False
    questions = await services.db.reason_questions(round_id)
    if not questions and not collected.not_asked:
        if final:  # nothing disputed, or nobody to ask: nothing to post, and nothing to wait for
            await services.db.finish_reasons(round_id, None, services.now())
        return False
    catalogue, analysis = await round_analysis(services, round_)
    names = None
    if not round_.anonymous:
        names = {p.rater_label: p.display_name for p in await services.db.participants(round_id)}
    lang = round_.language
    until = None if final else format_deadline(collected.due_at, services.timezone, lang)
    messages = reasons_messages(
        ReasonsInput(
            title=_round_title(catalogue, round_, services.timezone, lang),
            catalogue=catalogue,
            questions=questions,
            distributions={s.id: s.distribution for s in analysis.statements},
            names=names,
            not_asked=collected.not_asked,
            final=final or collected.posted_at is not None,
            until=until if collected.posted_at is None else None,
            lang=lang,
        )
    )
    first_id: int | None = None
    try:
        for index, text in enumerate(messages):
            if reply_to is not None:  # /reasons: to whoever asked, in their topic
                sent = await app.bot.send_message(
                    reply_to.chat_id,
                    text,
                    parse_mode=ParseMode.HTML,
                    disable_web_page_preview=True,
                    reply_to_message_id=reply_to.message_id if index == 0 else None,
                    message_thread_id=topic_of(reply_to),
                )
            else:  # replying to the results, in the round's topic
                sent = await in_round_topic(
                    app,
                    round_,
                    lambda thread, text=text, index=index: app.bot.send_message(
                        round_.chat_id,
                        text,
                        parse_mode=ParseMode.HTML,
                        disable_web_page_preview=True,
                        reply_to_message_id=round_.results_message_id if index == 0 else None,
                        message_thread_id=thread,
                        rate_limit_args=BACKGROUND,
                    ),
                )
            first_id = first_id or sent.message_id
    except (BadRequest, Forbidden) as exc:
        logger.info("reasons of round %s not posted: %s", round_id, exc)
        if final:  # the group is gone or refuses: nothing to retry
            await services.db.finish_reasons(round_id, None, services.now())
        return False
    except TelegramError as exc:
        logger.warning("reasons of round %s not posted (%s); the timer tries again", round_id, exc)
        return False
    if final:
        await services.db.finish_reasons(round_id, first_id, services.now())
    return True


def _round_title(catalogue: Catalogue, round_: Round, tz: str, lang: str) -> str:
    return f"{catalogue.title.get(lang)} · {format_date(round_.closed_at or round_.opened_at, tz, lang)}"


async def check_reasons(app: App) -> None:
    """The timer's part: questions planned and not sent, reasons whose time is up or that are complete."""
    services = app.bot_data
    await ask_next_questions(app)
    now = services.now()
    for collected in await services.db.collecting_reason_rounds():
        if now >= collected.due_at:
            await post_reasons(app, collected.round_id, final=True)
        else:
            await post_reasons_when_complete(app, collected.round_id)


async def _person_language(services: Services, user_id: int) -> str:
    record = await services.db.user(user_id)
    return language_of(record.language_code if record else None)


# ------------------------------------------------------------------------------------------ re-rating


class RerateRefusal(StrEnum):
    NO_ROUND = "rerate.no_round"
    NOTHING_DISPUTED = "rerate.nothing_disputed"


async def open_rerate(app: App, message: Message, lang: str, opened_by: int) -> Round | RerateRefusal | None:
    """A round over only the disputed statements of the group's last closed round, named or anonymous as it
    was; its announcement says how many points and why. None when a round is open already (said so)."""
    services = app.bot_data
    team = await services.db.team_by_chat(message.chat_id)
    latest = await services.db.latest_closed_round(team.id) if team else None
    catalogue = services.whole_catalogue_of(latest) if latest else None
    if latest is None or catalogue is None:
        return RerateRefusal.NO_ROUND
    _, analysis = await round_analysis(services, latest)
    disputed = {s.id for s in disputes(analysis)}
    statement_ids = tuple(s.id for s in catalogue.statements if s.id in disputed)
    if not statement_ids:
        return RerateRefusal.NOTHING_DISPUTED
    date = format_date(latest.closed_at or latest.opened_at, services.timezone, lang)
    return await start_round(
        app,
        message,
        catalogue,
        lang,
        opened_by=opened_by,
        anonymous=latest.anonymous,
        statement_ids=statement_ids,
        heading=th(lang, "rerate.heading", count=len(statement_ids), date=date),
        rerate_of=latest.id,
        version=(
            await services.db.catalogue_version(latest.catalogue_version_id)
            if latest.catalogue_version_id is not None
            else None
        ),
    )


async def earlier_of(services: Services, round_: Round, user_id: int) -> Mapping[str, Earlier] | None:
    """What a re-rating shows of each statement before its buttons: the earlier distribution, the
    manager's own earlier level (named rounds), the reasons given. None for other rounds."""
    if round_.rerate_of is None:
        return None
    before = await services.db.round(round_.rerate_of)
    if before is None or services.catalogue_of(before) is None:
        return None
    data = await load_round_data(services, before)
    own_label = None
    if not before.anonymous:
        own_label = next((label for label, user in data.people.items() if user == user_id), None)
    reasons: dict[str, list[tuple[str | None, int, str]]] = {}
    for origin in await _reason_rounds_behind(services, before):
        names = None
        if not origin.anonymous:
            names = {p.rater_label: p.display_name for p in await services.db.participants(origin.id)}
        for q in await services.db.reason_questions(origin.id):
            if q.reason:
                name = None if names is None else names.get(q.rater) or "–"
                reasons.setdefault(q.statement_id, []).append((name, q.own, q.reason))
    result: dict[str, Earlier] = {}
    for statement_id in round_.statement_ids or ():
        levels = [data.matrix.cells.get((rater, statement_id)) for rater in data.matrix.raters]
        distribution = tuple(sum(1 for level in levels if level == n) for n in range(1, 6))
        own = data.matrix.cells.get((own_label, statement_id)) if own_label else None
        result[statement_id] = Earlier(distribution, own, tuple(reasons.get(statement_id, ())))
    return result


async def _reason_rounds_behind(services: Services, round_: Round) -> list[Round]:
    """The round and the rounds it re-rates, back to the first: where reasons were asked."""
    chain = [round_]
    seen = {round_.id}
    while chain[-1].rerate_of is not None and chain[-1].rerate_of not in seen:
        earlier = await services.db.round(chain[-1].rerate_of)
        if earlier is None:
            break
        seen.add(earlier.id)
        chain.append(earlier)
    return chain


# -------------------------------------------------------------------------------------------- beliefs


async def record_belief(
    services: Services, team: Team, text: str, created_by: int | None
) -> tuple[Belief, int] | BeliefError:
    """``/belief <number> <text>``: a belief on a statement of the catalogue of the team's last closed
    round, linked to that round; the error that explains what is wrong otherwise."""
    latest = await services.db.latest_closed_round(team.id)
    catalogue = services.whole_catalogue_of(latest) if latest else None
    if latest is None or catalogue is None:
        return BeliefError("no_round")
    try:
        number, belief_text = parse_belief(text, len(catalogue.statements))
    except BeliefError as exc:
        return exc
    statement_id = catalogue.statements[number - 1].id
    belief = await services.db.add_belief(
        team_id=team.id,
        round_id=latest.id,
        catalogue_id=catalogue.id,
        statement_id=statement_id,
        text=belief_text,
        created_by=created_by,
        now=services.now(),
    )
    return belief, number


async def belief_lines(services: Services, team_id: int, lang: str) -> list[BeliefLine]:
    """The team's beliefs with their statements and whether the judgments converged since."""
    beliefs = await services.db.beliefs(team_id)
    if not beliefs:
        return []
    later = await _verdicts_by_round(services, team_id)
    lines = []
    for belief in beliefs:
        catalogue = await catalogue_of_round(services, belief.round_id, belief.catalogue_id)
        number = catalogue.number_of(belief.statement_id) if catalogue else None
        statement = belief.statement_id
        if catalogue is not None and number is not None:
            statement = catalogue.statement(belief.statement_id).text.get(lang)
        converged_on, rated_since = None, False
        for closed_at, round_id, verdicts in later:
            if round_id <= (belief.round_id or 0) or belief.statement_id not in verdicts:
                continue
            rated_since = True
            if verdicts[belief.statement_id] is Verdict.AGREEMENT:
                converged_on = format_date(closed_at, services.timezone, lang)
                break
        lines.append(BeliefLine(belief, number, statement, converged_on, rated_since))
    return lines


async def _verdicts_by_round(services: Services, team_id: int) -> list[tuple[float, int, dict[str, Verdict]]]:
    """(closed at, round id, statement -> verdict) of the team's closed rounds, oldest first."""
    found = []
    for round_ in await services.db.closed_rounds(team_id):
        if services.catalogue_of(round_) is None:
            continue
        _, analysis = await round_analysis(services, round_)
        found.append(
            (round_.closed_at or round_.opened_at, round_.id, {s.id: s.verdict for s in analysis.statements})
        )
    return found
