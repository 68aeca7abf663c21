"""The project's own Bot API server on loopback, written from the Bot API documentation.

It serves the demo and the end-to-end tests: raw JSON over HTTP, strict about Telegram's limits, with
simulated people who act through a Python control API in the same event loop (no HTTP needed there).
The real ``telegram.ext.Application`` runs against it with ``base_url=server.base_url`` and
``base_file_url=server.base_file_url``.

Control API
-----------
::

    async with BotApiServer(token=TOKEN, bot_username="maturity_test_bot", bot_name="Maturity") as server:
        lead = server.add_user("Alice", last_name="Müller", username="alice", language_code="de")
        bob = server.add_user("Bob", language_code="en")
        team = server.add_group("Leadership team", creator=lead)      # supergroup=True for one
        server.set_member(team, bob, "member")                         # silent, no update
        await server.add_bot_to_group(team, by=lead, as_admin=True)    # my_chat_member + service message
        await lead.send_text(team, "/newround quick 3d")               # bot_command entities as Telegram
        await bob.start("payload")                                     # "/start payload", opens the chat
        question = await server.wait_for_message(bob, "1/6")           # a live SimMessage
        pressed = await bob.press(question, "3")                       # waits for answerCallbackQuery
        print(pressed.answer_text, server.chat(team)[-1].buttons)      # toast text; [[Button(text, data)]]
        poll = await server.wait_for_message(team, "tackle first")     # the bot's sendPoll message
        await bob.vote(poll, ["Pricing", 2])                           # poll_answer + poll updates
        print(poll.poll.options)                                       # [("Onboarding", 0), ...]

Server: ``BotApiServer(token, *, bot_username, bot_name, host="127.0.0.1", port=0, privacy_mode=True,
callback_timeout=15.0, clock=time.time, limits=RateLimits(), enforce_limits=False, latency=0.0)``
(``clock`` gives the Unix time of ``date`` fields and of the 48-hour deletion window; pass a test clock
to keep dates in step with the bot's; ``privacy_mode`` hides ordinary group messages from a bot that
is no administrator, as Telegram does);
``await start()`` / ``await stop()`` or ``async with``; ``base_url``, ``base_file_url``, ``api_url``
(raw HTTP: ``f"{server.api_url}/getMe"``), ``bot`` (the bot's own ``SimUser``).

World: ``add_user(first_name, *, last_name, username, language_code, is_bot, is_premium) -> SimUser``;
``add_group(title, *, supergroup, username, creator, members, forum) -> SimChat`` (``forum``: a supergroup
with topics); ``await create_topic(chat, name, *, by) -> int`` (a ``forum_topic_created`` service message
whose id is the topic's ``message_thread_id``); ``await delete_topic(chat, thread_id)`` (its messages go
with it; sending into it fails with "message thread not found"); ``add_channel(title)``;
``set_member(chat, user, status, *, rights, is_member, until_date, custom_title)``; ``await
add_bot_to_group(chat, *, by, as_admin, rights)``; ``await promote_bot(chat, *, by, rights)``; ``await
demote_bot(chat)``; ``await remove_bot_from_group(chat, *, by)``; ``await migrate_to_supergroup(chat, *,
by) -> SimChat`` (people acting on the old chat act in the new one); ``private_chat(user)``;
``expire_callback_queries()``; ``redeliver(updates=None, *, last=None)`` (offer delivered updates again
with their ids, as after a restart before Telegram learnt the offset; ``emitted_updates`` lists them);
``close_due_polls() -> list[PollView]`` (close the polls whose ``open_period`` / ``close_date`` has passed
on ``clock``; the server also does it whenever a request arrives, a person votes, a long poll waits or
``wait_for`` re-checks, so a test that moved its clock only needs it to look before anything else
happens); ``polls`` (every poll the bot sent, by poll id).

People (``SimUser``): ``await send_text(chat | None, text, *, reply_to, topic)`` (``None`` = private chat
with the bot; opens it, and unblocks a blocked bot like Telegram's Restart button; ``topic``: a forum
topic, where a message without a reply shows as a reply to the topic's first message, as in Telegram);
``await start(payload)``; ``await open_url(url)`` (t.me deep links start the bot); ``await
follow(message, button_text)``; ``await send_photo(chat, data=None, *, caption)``; ``await
send_document(chat, data, *, file_name, caption, mime_type, reply_to, topic)`` (captions of at most
1024 characters; a caption command is seen in privacy mode like a text command);
``await send_sticker(chat, emoji)``; ``await edit_text(message, text)`` (edited_message update);
``await vote(message, options) -> PollView`` (option indices from 0, option texts, or a mix; one option
alone needs no list; voting again replaces the vote where the poll allows revoting) and ``await
retract_vote(message) -> PollView``: members of the chat only (in private, its person), never in closed
polls, one option in a single-answer poll; each change sends the bot ``poll_answer`` (user, ``option_ids``,
``option_persistent_ids``; empty on retraction; not for anonymous polls) and then ``poll`` (new counts),
and an unchanged vote sends nothing;
``await press(message, text_or_prefix, *, data=None, wait=True, timeout=10) -> SimCallbackQuery``;
``await press_data(message, data)`` (forged callback); ``await join(group)``; ``await leave(group)``;
``block_bot()``; ``unblock_bot()``; ``deactivate()``; ``answers`` (toasts/alerts seen); ``chat``.

Observing: ``chat(where, *, include_deleted=False) -> list[SimMessage]`` (``where``: SimChat, SimUser
for their private chat, or a chat id); ``bot_messages(where)``; ``last_message(where, *, from_bot=True)``;
``transcript(where) -> str`` (a poll shows its settings and one line per option with its count); ``await
wait_for(condition, timeout=10.0) -> value`` (re-checked on every request and action); ``await
wait_for_message(where, contains, *, from_bot=True, after=None, timeout=10.0)`` (``contains`` is looked
for in the text, the caption or a poll's question); ``await wait_idle(quiet=0.2)``; ``requests`` /
``calls(method, *, ok)`` / ``errors`` (``ApiCall`` records: ``at``, ``method``, ``params``, ``status``,
``ok``, ``description``, ``result``, ``fault``, ``client_gone``; ``errors`` leaves out answers nobody
received, such as a long poll the bot abandoned when it stopped); ``internal_errors`` (server bugs, should
stay empty); ``updates`` (pending, unconfirmed updates; ``dropped_updates`` those ``allowed_updates`` kept
out); ``commands_for(user, chat)`` (the command list a person sees, by Telegram's scope
order).

Topics: sendMessage, sendPhoto, sendDocument, sendMediaGroup and sendPoll take ``message_thread_id``; a
reply without one goes to the topic of the message it replies to; messages in a topic carry
``message_thread_id`` and ``is_topic_message``, and a forum's Chat has ``is_forum``.

``SimMessage``: ``message_id``, ``thread_id``, ``chat``, ``sender``, ``from_bot``, ``date``, ``text``,
``entities``, ``caption``, ``content`` (text or caption), ``html``, ``buttons`` (rows of ``Button``, a
``(text, data_or_url)`` tuple with ``.text/.data/.url``), ``photo`` / ``photos`` (bytes), ``document``,
``poll`` (a live read-only ``PollView`` or None: ``id``, ``question``, ``options`` as
``[(text, voter_count)]``, ``total_voter_count``, ``is_closed``, ``is_anonymous``, ``type``,
``allows_multiple_answers``, ``allows_revoting``, ``open_period``, ``close_date``, ``chosen(user)``,
``json()``), ``media_group_id``, ``reply_to``, ``reply_to_user``, ``edit_count``, ``edit_date``, ``history``,
``deleted``, ``is_service``, ``service``, ``json()``. ``SimCallbackQuery``: ``answer`` (a
``CallbackAnswer``), ``answer_text``, ``show_alert``, ``answered``, ``expire()``.

Polls follow Bot API 10.0: ``sendPoll`` takes 1-12 options (InputPollOption objects or plain strings) of
1-100 characters and a question of 1-300 characters after entity parsing (only custom emoji entities
stay), ``is_anonymous`` (default true), ``allows_multiple_answers``, ``allows_revoting`` (default true),
``open_period`` or ``close_date`` (5-2628000 seconds ahead; given both, the period wins, as in TDLib),
``is_closed``, ``reply_markup``, ``reply_parameters``, ``disable_notification`` and ``protect_content``;
it needs ``can_send_polls`` in groups and anonymity in channels, and counts as a send. Quizzes and the
10.x extras (``shuffle_options``, ``allow_adding_options``, ``hide_results_until_closes``,
``members_only``, ``country_codes``, descriptions, media) are refused with "... is not supported by this
local server". ``stopPoll`` closes the bot's own poll, replaces its inline keyboard (none when omitted),
answers the final Poll and sends a ``poll`` update; so does a poll closing on time. The bot gets
``poll`` and ``poll_answer`` updates only for its own polls, and only when ``allowed_updates`` lets them
through (both are in Telegram's default).

Webhook: ``setWebhook`` (``url``, ``secret_token``, ``max_connections``, ``allowed_updates``,
``drop_pending_updates``) makes the server POST each pending update to the URL, with
``X-Telegram-Bot-Api-Secret-Token``; a 2xx answer confirms it, anything else is tried again after growing
pauses (``server.webhook.first_retry``, 1 s, doubling), one update per chat at a time; ``getWebhookInfo``
tells the URL, what is pending and the last error; ``getUpdates`` is refused with 409 while a webhook is
set, as Telegram does; ``deleteWebhook`` returns to polling. ``server.webhook.deliveries`` lists every
attempt (``Delivery``: ``at``, ``update_id``, ``url``, ``status``, ``error``, ``ok``).

Faults and limits: ``server.faults.inject(method="sendMessage" | "*" | [names], kind="flood" |
"server_error" | "timeout" | "drop", *, times=1, after_processing=False, retry_after=1, status=500,
hold=None, chat_id=None, rate=None, seed=0)`` (``rate``: each matching call fails with that probability,
e.g. ``times=None, rate=1/3`` for flood control on a third of the calls); ``server.latency = 0.05``;
``server.sends`` / ``sent_count`` / ``messages_sent`` (sends); ``server.counted`` (sends and edits in
groups, what Telegram's limits count); ``server.busiest_window(chat, window=60.0)`` (the most messages a
chat got in any ``window`` seconds, an album's photos one by one); ``server.limit_breaches() ->
list[LimitBreach]``; ``server.enforce_limits = True`` answers 429 before a send or a group edit would
break a limit.

Files: ``getFile`` gives a ``file_path`` for files up to 20 MB; its link
``{base_file_url}<token>/<file_path>`` serves the bytes for one hour (on ``clock``), after which a new
``getFile`` is needed, as Telegram documents; ``downloads`` lists the file ids the bot fetched.

Standalone: ``python -m bot.offline.telegram_server --port 8081``.
"""

from .errors import ApiError, SimulationError
from .faults import Fault, FaultInjector
from .limits import LimitBreach, RateLimits, SendRecord
from .media import make_png
from .model import (
    Button,
    CallbackAnswer,
    PollView,
    SimCallbackQuery,
    SimChat,
    SimMessage,
    SimTopic,
    SimUser,
)
from .server import DEFAULT_TOKEN, ApiCall, BotApiServer

__all__ = [
    "DEFAULT_TOKEN",
    "ApiCall",
    "ApiError",
    "BotApiServer",
    "Button",
    "CallbackAnswer",
    "Fault",
    "FaultInjector",
    "LimitBreach",
    "PollView",
    "RateLimits",
    "SendRecord",
    "SimCallbackQuery",
    "SimChat",
    "SimMessage",
    "SimTopic",
    "SimUser",
    "SimulationError",
    "make_png",
]
