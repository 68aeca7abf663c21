"""Building the Telegram application: resources, command registration, and every handler in one place.

The order of registration matters: python-telegram-bot runs the first matching handler of a group, so
specific handlers come before general ones (a forged button is caught only after every real button had
its chance; the comment handler comes after the commands).
"""

from __future__ import annotations

import gc
import logging
import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    BaseRateLimiter,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    PollAnswerHandler,
    PollHandler,
    filters,
)

from bot import callbacks
from bot.commands import COMMANDS, Scope, commands_for
from bot.context import App, Services
from bot.domain.catalogue import Catalogue
from bot.flows.closing import resume_closing
from bot.flows.jobs import deadline_job, retention_job
from bot.handlers import (
    beliefs,
    catalogues,
    common,
    followup,
    group_life,
    privacy,
    questionnaire,
    reports,
    rounds,
)
from bot.infra.http import AiohttpRequest, UpdatesRequest
from bot.infra.lifecycle import Webhook, start_intake, stop_cleanly, stoppable
from bot.infra.ordering import BoundedIntake, PerChatUpdateProcessor
from bot.infra.ratelimit import TELEGRAM_LIMITS, MessageRateLimiter
from bot.infra.workers import warm_up as warm_up_workers
from bot.storage.repository import Repository
from bot.texts import LANGUAGES, t

logger = logging.getLogger(__name__)

#: The Bot API transport unless ``build_application(http=…)`` or ``MATURITY_BOT_HTTP`` says otherwise.
DEFAULT_HTTP = "aiohttp"


#: Updates the bot takes from Telegram before it has finished them: two full getUpdates batches, so the
#: next batch is fetched while one is being worked on; the rest waits at Telegram (``BoundedIntake``).
INTAKE_LIMIT = 200

#: What a chart worker imports at start-up: the pure modules the results and reports are built with.
WORKER_MODULES = ("bot.views.results", "bot.views.reports")


def build_application(
    token: str,
    db_path: Path,
    catalogues: dict[str, Catalogue],
    *,
    base_url: str | None = None,
    base_file_url: str | None = None,
    timezone: str = "Europe/Zurich",
    deadline_check_seconds: float = 30.0,
    clock: Callable[[], float] = time.time,
    rate_limiter: bool | BaseRateLimiter = True,
    retention_months: int | None = None,
    retention_check_seconds: float = 86_400.0,
    poll_hours: float = 72.0,
    reasons_hours: float = 24.0,
    http: str | None = None,
    intake_limit: int = INTAKE_LIMIT,
) -> App:
    """The bot, ready for ``run_polling`` (or ``initialize``/``start`` in tests and the demo).

    ``http``: the transport for Bot API calls, ``"aiohttp"`` (``bot.infra.http.AiohttpRequest``, a fraction of
    httpx's CPU per call) or ``"httpx"`` (python-telegram-bot's default ``HTTPXRequest``); by default
    the environment variable ``MATURITY_BOT_HTTP``, else ``DEFAULT_HTTP`` (so the whole test suite can be
    run on either). ``intake_limit``: updates taken from Telegram and not yet finished, at most.
    ``rate_limiter``: False keeps Telegram's limits off (the demo and journeys that fill a group within
    seconds; priorities and flood control stay), or another limiter (the benchmark's baseline).
    """
    services = Services(
        catalogues=catalogues,
        timezone=timezone,
        clock=clock,
        retention_months=retention_months,
        poll_hours=poll_hours,
        reasons_hours=reasons_hours,
    )
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(ContextTypes(bot_data=lambda: services))
        .defaults(Defaults(allow_sending_without_reply=True))
        .concurrent_updates(PerChatUpdateProcessor())
        .update_queue(BoundedIntake(intake_limit))
        .post_init(_post_init(db_path, deadline_check_seconds, retention_check_seconds))
        .post_shutdown(_post_shutdown)
    )
    if base_url:
        builder = builder.base_url(base_url)
    if base_file_url:
        builder = builder.base_file_url(base_file_url)
    http = http or os.environ.get("MATURITY_BOT_HTTP") or DEFAULT_HTTP
    if http == "aiohttp":
        # the long poll gets its own session (one connection; the read timeout is extended by the poll's
        # own timeout in Bot.get_updates), so it never waits for a connection used by a reply
        builder = builder.request(AiohttpRequest()).get_updates_request(
            UpdatesRequest(connection_pool_size=1)
        )
    elif http != "httpx":
        raise ValueError(f"unknown http transport {http!r}: 'aiohttp' or 'httpx'")
    if not isinstance(rate_limiter, BaseRateLimiter):
        rate_limiter = MessageRateLimiter(TELEGRAM_LIMITS if rate_limiter else None)
    builder = builder.rate_limiter(rate_limiter)
    app: App = builder.build()  # type: ignore[assignment]
    register_handlers(app)
    return app


def register_handlers(app: Application) -> None:  # type: ignore[type-arg]
    """Every handler of the bot, in the order python-telegram-bot tries them."""
    private_chat = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS

    # 0. Edited messages and channel posts are not among ALLOWED_UPDATES; one that arrives anyway (a
    #    getUpdates before ours set the list, a webhook set up by hand) stops here: an edit never re-runs
    #    a command nor rewrites a comment, and the bot takes no part in channels.
    app.add_handler(
        MessageHandler(filters.UpdateType.EDITED | filters.UpdateType.CHANNEL_POSTS, _ignore), group=-1
    )
    # 0b. A text in a private chat that answers a question why is a reason (and stops here); any other
    #     text goes on to the handlers below, where it becomes a comment.
    app.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE,
            beliefs.take_reason,
        ),
        group=-1,
    )

    # 1. Group life: the bot added, promoted or removed; a group upgraded to a supergroup.
    app.add_handler(ChatMemberHandler(group_life.bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, group_life.group_migrated))

    # 2. Round commands in the team's group (admin checks inside the handlers).
    app.add_handler(CommandHandler("newround", rounds.open_round, filters=groups))
    app.add_handler(CommandHandler("status", rounds.show_status, filters=groups))
    app.add_handler(CommandHandler("remind", rounds.remind_unfinished, filters=groups))
    app.add_handler(CommandHandler("closeround", rounds.close_round_command, filters=groups))
    app.add_handler(CommandHandler("cancelround", rounds.cancel_round_command, filters=groups))
    app.add_handler(CommandHandler("results", rounds.show_results, filters=groups))
    app.add_handler(CommandHandler("language", rounds.set_language, filters=groups))

    # 2b. After the results: priorities, the lighthouse project, the canvas, history and export.
    app.add_handler(CommandHandler("priorities", followup.show_priorities, filters=groups))
    app.add_handler(CommandHandler("closepoll", followup.close_poll, filters=groups))
    app.add_handler(CommandHandler("lighthouse", followup.lighthouse, filters=groups))
    app.add_handler(CommandHandler("canvas", reports.show_canvas, filters=groups))
    app.add_handler(CommandHandler("history", reports.show_history, filters=groups))
    app.add_handler(CommandHandler("export", reports.request_export, filters=groups))
    # 2c. The beliefs behind the differences: reasons, re-rating, beliefs.
    app.add_handler(CommandHandler("reasons", beliefs.show_reasons, filters=groups))
    app.add_handler(CommandHandler("rerate", beliefs.rerate, filters=groups))
    app.add_handler(CommandHandler("belief", beliefs.record_belief_command, filters=groups))
    app.add_handler(CommandHandler("beliefs", beliefs.list_beliefs, filters=groups))
    # 2d. The team's own catalogues: a file with the caption /catalogue (or /catalogue replied to one),
    #     the template, the list.
    catalogue_caption = filters.Document.ALL & filters.CaptionRegex(catalogues.CAPTION_COMMAND)
    app.add_handler(
        MessageHandler(groups & catalogue_caption & filters.UpdateType.MESSAGE, catalogues.upload_catalogue)
    )
    app.add_handler(CommandHandler("catalogue", catalogues.catalogue_command, filters=groups))
    app.add_handler(CommandHandler("catalogues", catalogues.list_catalogues, filters=groups))
    app.add_handler(PollAnswerHandler(followup.record_poll_answer))
    app.add_handler(PollHandler(followup.record_poll_state))
    # a reply to a review reminder is the owner's status (other group messages are not the bot's business)
    app.add_handler(
        MessageHandler(
            groups & filters.REPLY & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE,
            followup.record_review_status,
        )
    )
    app.add_handler(
        CommandHandler(
            ["start", "answers", "deletemydata"], group_life.private_command_in_group, filters=groups
        )
    )

    # 3. The questionnaire in private chats.
    app.add_handler(CommandHandler("start", questionnaire.start_questionnaire, filters=private_chat))
    app.add_handler(CommandHandler("answers", questionnaire.show_my_answers, filters=private_chat))
    app.add_handler(CommandHandler("deletemydata", privacy.ask_delete_my_data, filters=private_chat))
    group_only = [c.name for c in COMMANDS if c.scope is Scope.GROUP]
    app.add_handler(CommandHandler(group_only, questionnaire.group_command_in_private, filters=private_chat))
    app.add_handler(
        MessageHandler(
            private_chat & catalogue_caption & filters.UpdateType.MESSAGE, catalogues.catalogue_in_private
        )
    )

    # 4. Commands everywhere, then unknown commands.
    app.add_handler(CommandHandler("help", common.show_help))
    app.add_handler(CommandHandler("privacy", privacy.show_privacy))
    app.add_handler(MessageHandler(filters.COMMAND & private_chat, common.unknown_command))

    # 5. Buttons: each shape of callback data to its handler; anything else is forged.
    app.add_handler(CallbackQueryHandler(questionnaire.answer_statement, pattern=_shape(callbacks.Answer)))
    app.add_handler(CallbackQueryHandler(questionnaire.show_statement, pattern=_shape(callbacks.Show)))
    app.add_handler(CallbackQueryHandler(questionnaire.show_summary, pattern=_shape(callbacks.Summary)))
    app.add_handler(
        CallbackQueryHandler(questionnaire.delete_comment, pattern=_shape(callbacks.DeleteComment))
    )
    app.add_handler(CallbackQueryHandler(rounds.confirm_cancel, pattern=_shape(callbacks.ConfirmCancel)))
    app.add_handler(CallbackQueryHandler(privacy.delete_my_data, pattern=_shape(callbacks.ConfirmDeleteData)))
    app.add_handler(CallbackQueryHandler(followup.open_recheck_round, pattern=_shape(callbacks.Recheck)))
    app.add_handler(
        CallbackQueryHandler(beliefs.skip_or_stop_questions, pattern=_shape(callbacks.ReasonAction))
    )
    app.add_handler(CallbackQueryHandler(beliefs.delete_belief, pattern=_shape(callbacks.DeleteBelief)))
    app.add_handler(
        CallbackQueryHandler(catalogues.retire_catalogue, pattern=_shape(callbacks.RetireCatalogue))
    )
    app.add_handler(CallbackQueryHandler(questionnaire.forged_button))

    # 6. Plain messages in private chats: text is a comment, anything else gets a hint.
    app.add_handler(
        MessageHandler(
            private_chat & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE,
            questionnaire.add_comment,
        )
    )
    app.add_handler(
        MessageHandler(
            private_chat & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
            questionnaire.hint_for_media,
        )
    )

    app.add_error_handler(common.handle_error)


async def _ignore(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    raise ApplicationHandlerStop


def _shape(kind: type) -> Callable[[object], bool]:
    """A pattern that matches callback data decoding to ``kind``; malformed data matches none."""

    def matches(data: object) -> bool:
        return isinstance(callbacks.decode(data), kind)

    return matches


_gc_tuned = False


def tune_garbage_collector() -> None:
    """Once per process, after start-up.

    What start-up built (catalogues, modules, python-telegram-bot's objects) lives as long as the process:
    ``gc.freeze`` keeps it out of the cyclic garbage collector, whose full passes over it stalled the event
    loop under load. Each answered press makes thousands of short-lived objects (python-telegram-bot parses
    every update into them), so the youngest generation is collected less often: less CPU per answer and
    more answers a second (figures in BENCHMARKS.md).
    """
    global _gc_tuned
    if _gc_tuned:
        return
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
    _gc_tuned = True


def _post_init(db_path: Path, deadline_check_seconds: float, retention_check_seconds: float) -> Callable:  # type: ignore[type-arg]
    async def post_init(app: App) -> None:
        """Open the database, start the worker process, register commands, re-arm deadlines, finish closes.

        The retention job runs daily (``retention_check_seconds``; tests shorten it) and once soon after
        start, so a bot restarted more often than daily still deletes old rounds.
        """
        services = app.bot_data
        services.repo = await Repository.open(db_path)
        services.bot_username = app.bot.username
        await warm_up_workers(*WORKER_MODULES)
        tune_garbage_collector()
        await register_commands(app)
        await resume_closing(app)
        if app.job_queue is not None:
            app.job_queue.run_repeating(
                stoppable(deadline_job),
                interval=deadline_check_seconds,
                first=min(1.0, deadline_check_seconds),
                name="deadlines",
            )
            if app.bot_data.retention_months:
                app.job_queue.run_repeating(
                    stoppable(retention_job),
                    interval=retention_check_seconds,
                    first=min(60.0, retention_check_seconds),
                    name="retention",
                )

    return post_init


async def _post_shutdown(app: App) -> None:
    if app.bot_data.repo is not None:
        await app.bot_data.repo.close()


async def register_commands(app: App) -> None:
    """setMyCommands for private chats and for groups, in English (default) and German."""
    for scope, telegram_scope in (
        (Scope.PRIVATE, BotCommandScopeAllPrivateChats()),
        (Scope.GROUP, BotCommandScopeAllGroupChats()),
    ):
        for lang in LANGUAGES:
            commands = [BotCommand(c.name, t(lang, c.description_key)) for c in commands_for(scope)]
            await app.bot.set_my_commands(commands, scope=telegram_scope, language_code=lang)
            if lang == "en":
                await app.bot.set_my_commands(commands, scope=telegram_scope)


ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.CALLBACK_QUERY,
    Update.MY_CHAT_MEMBER,
    Update.POLL,
    Update.POLL_ANSWER,
]


def polling_error(error: TelegramError) -> None:
    """getUpdates failed (5xx, dropped connection): one line; the Updater retries with growing pauses.

    python-telegram-bot's default callback logs a traceback for every such hiccup.
    """
    logger.warning("getUpdates failed, retrying: %s: %s", type(error).__name__, error)


#: Seconds a stopping bot gives the updates it took to finish, and as long again to its jobs: together less
#: than the 10 s a container platform waits after SIGTERM before it kills (Docker's default).
STOP_SECONDS = 4.0


@asynccontextmanager
async def running(
    app: App, poll_timeout: int = 10, *, webhook: Webhook | None = None, stop_seconds: float = STOP_SECONDS
) -> AsyncIterator[App]:
    """Run the bot inside an event loop (``maturity-bot run``, tests, the demo, the benchmark).

    The sequence of python-telegram-bot's run_polling and run_webhook, done by hand so that the stop is
    clean (``bot.infra.lifecycle.stop_cleanly``): initialize, post_init (the database), long polling or the
    ``webhook``, start … a clean stop, shutdown, post_shutdown (the database closed).
    """
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        await start_intake(
            app,
            allowed_updates=ALLOWED_UPDATES,
            webhook=webhook,
            poll_timeout=poll_timeout,
            error_callback=polling_error,
        )
        await app.start()
        try:
            yield app
        finally:
            await stop_cleanly(app, grace=stop_seconds, polling=webhook is None)
    finally:
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
