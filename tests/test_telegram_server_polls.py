"""Native polls on the local Bot API server: sendPoll and stopPoll with Telegram's limits and error texts,
people voting through the control API, poll and poll_answer updates, closing on the server's clock, and
python-telegram-bot's real Bot and Application reading all of it."""

from __future__ import annotations

import json
import time
import warnings
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import telegram
from telegram.ext import Application, ContextTypes, PollAnswerHandler, PollHandler

from bot.offline.telegram_server import (
    BotApiServer,
    RateLimits,
    SimChat,
    SimMessage,
    SimulationError,
    SimUser,
)
from bot.offline.telegram_server.model import SimPoll, SimPollOption
from tests.helpers import START, TOKEN, Clock

USERNAME = "maturity_test_bot"
QUESTION = "Which should we tackle first?"
OPTIONS = ["Onboarding", "Pricing", "Support"]
NOW = int(START)


@pytest.fixture
async def api(clock: Clock) -> AsyncIterator[BotApiServer]:
    async with BotApiServer(TOKEN, bot_username=USERNAME, bot_name="Maturity Check", clock=clock) as server:
        yield server


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


async def call(
    client: httpx.AsyncClient, server: BotApiServer, method: str, **params: Any
) -> tuple[int, dict[str, Any]]:
    """A raw JSON call, as any Bot API client would make it."""
    response = await client.post(f"{server.api_url}/{method}", json=params)
    return response.status_code, response.json()


async def ok(client: httpx.AsyncClient, server: BotApiServer, method: str, **params: Any) -> Any:
    status, body = await call(client, server, method, **params)
    assert status == 200 and body["ok"] is True, body
    return body["result"]


async def fails(
    client: httpx.AsyncClient, server: BotApiServer, method: str, status: int, description: str, **params: Any
) -> None:
    code, body = await call(client, server, method, **params)
    assert (code, body["ok"], body["error_code"], body["description"]) == (status, False, status, description)


async def team_with_bot(server: BotApiServer, members: int = 3) -> tuple[SimUser, SimChat, list[SimUser]]:
    """A group with a lead (creator), ``members`` people and the bot as a plain member; no pending updates."""
    lead = server.add_user("Lena", language_code="en")
    people = [server.add_user(name) for name in ("Anna", "Ben", "Clara", "Dario")[:members]]
    team = server.add_group("Leadership team", creator=lead, members=people)
    await server.add_bot_to_group(team, by=lead)
    server.updates.clear()
    return lead, team, people


async def send_poll(
    client: httpx.AsyncClient, server: BotApiServer, chat: SimChat, **params: Any
) -> tuple[dict[str, Any], SimMessage]:
    """sendPoll over HTTP with the round's question and options unless given; the result and its message."""
    params.setdefault("question", QUESTION)
    params.setdefault("options", [{"text": text} for text in OPTIONS])
    sent = await ok(client, server, "sendPoll", chat_id=chat.id, **params)
    message = chat.message(sent["message_id"])
    assert message is not None and message.poll is not None
    return sent, message


def kinds(server: BotApiServer) -> list[str]:
    return [next(key for key in update if key != "update_id") for update in server.updates]


# ----------------------------------------------------------------------------- sendPoll


async def test_send_poll_returns_the_message_with_its_poll(
    api: BotApiServer, http: httpx.AsyncClient
) -> None:
    _, team, _ = await team_with_bot(api)
    sent, message = await send_poll(http, api, team)
    poll = sent["poll"]
    assert isinstance(poll["id"], str) and poll["id"].isdigit()
    assert poll == {
        "id": poll["id"],
        "question": QUESTION,
        "options": [
            {"persistent_id": str(index), "text": text, "voter_count": 0}
            for index, text in enumerate(OPTIONS)
        ],
        "total_voter_count": 0,
        "is_closed": False,
        "is_anonymous": True,
        "type": "regular",
        "allows_multiple_answers": False,
        "allows_revoting": True,
        "members_only": False,
    }
    assert "text" not in sent and sent["from"]["id"] == api.bot.id and sent["date"] == NOW
    view = message.poll
    assert view is not None
    assert (view.id, view.question, view.options, view.total_voter_count) == (
        poll["id"],
        QUESTION,
        [(text, 0) for text in OPTIONS],
        0,
    )
    assert (view.is_closed, view.is_anonymous, view.allows_multiple_answers) == (False, True, False)
    assert message.json()["poll"] == poll
    assert api.updates == []  # sending a poll is no news for the bot that sent it


async def test_options_as_strings_objects_and_forms(api: BotApiServer, http: httpx.AsyncClient) -> None:
    _, team, _ = await team_with_bot(api)
    sent, _ = await send_poll(
        http, api, team, options=["Plain", {"text": "<b>Object</b>", "text_parse_mode": "HTML"}]
    )
    assert [o["text"] for o in sent["poll"]["options"]] == ["Plain", "Object"]
    assert "text_entities" not in sent["poll"]["options"][1]  # only custom emoji survive in poll texts
    html, _ = await send_poll(
        http, api, team, question="  <b>Bold</b> question  ", question_parse_mode="HTML"
    )
    assert html["poll"]["question"] == "Bold question" and "question_entities" not in html["poll"]
    form = {
        "chat_id": str(team.id),
        "question": "By form",
        "options": json.dumps(["Yes", "No"]),
        "is_anonymous": "false",
        "allows_multiple_answers": "true",
    }
    by_form = (await http.post(f"{api.api_url}/sendPoll", data=form)).json()["result"]["poll"]
    assert (by_form["question"], [o["text"] for o in by_form["options"]]) == ("By form", ["Yes", "No"])
    assert (by_form["is_anonymous"], by_form["allows_multiple_answers"]) == (False, True)


async def test_limits_at_their_edges_are_accepted(api: BotApiServer, http: httpx.AsyncClient) -> None:
    _, team, _ = await team_with_bot(api)
    await send_poll(http, api, team, question="q" * 300, options=["o" * 100])
    await send_poll(http, api, team, question="😀" * 300, options=["😀" * 100])  # characters, not UTF-16
    await send_poll(http, api, team, question="<b>" + "&amp;" * 300 + "</b>", question_parse_mode="HTML")
    twelve, _ = await send_poll(http, api, team, options=[str(n) for n in range(12)])
    assert len(twelve["poll"]["options"]) == 12
    single, _ = await send_poll(http, api, team, options=["Only one"])  # Bot API 10.0: 1-12 options
    assert len(single["poll"]["options"]) == 1
    shortest, _ = await send_poll(http, api, team, open_period=5)
    assert (shortest["poll"]["open_period"], shortest["poll"]["close_date"]) == (5, NOW + 5)
    longest, _ = await send_poll(http, api, team, close_date=NOW + 2_628_000)
    assert (longest["poll"]["open_period"], longest["poll"]["close_date"]) == (2_628_000, NOW + 2_628_000)
    both, _ = await send_poll(http, api, team, open_period=60, close_date=NOW + 1)  # the period wins
    assert (both["poll"]["open_period"], both["poll"]["close_date"]) == (60, NOW + 60)


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"question": ""}, "Bad Request: text must be non-empty"),
        ({"question": " \n "}, "Bad Request: text must be non-empty"),
        ({"question": "<b></b>", "question_parse_mode": "HTML"}, "Bad Request: text must be non-empty"),
        ({"question": "q" * 301}, "Bad Request: poll question length must not exceed 300"),
        ({"options": []}, "Bad Request: poll must have at least one answer option"),
        ({"options": None}, "Bad Request: poll must have at least one answer option"),
        ({"options": [str(n) for n in range(13)]}, "Bad Request: poll can't have more than 12 options"),
        ({"options": ["Yes", ""]}, "Bad Request: text must be non-empty"),
        ({"options": ["Yes", {"text": " "}]}, "Bad Request: text must be non-empty"),
        ({"options": ["Yes", "o" * 101]}, "Bad Request: poll options length must not exceed 100"),
        ({"options": "not json"}, "Bad Request: can't parse options JSON object"),
        ({"options": {"text": "Yes"}}, "Bad Request: can't parse options JSON object"),
        (
            {"options": ["Yes", 7]},
            "Bad Request: can't parse InputPollOption: Expected InputPollOption to be an Object",
        ),
        (
            {"options": [{"label": "Yes"}]},
            'Bad Request: can\'t parse InputPollOption: Field "text" must be of type String',
        ),
        ({"type": "quiz"}, "Bad Request: quiz polls are not supported by this local server"),
        ({"type": "survey"}, "Bad Request: unsupported poll type specified"),
        ({"open_period": 4}, "Bad Request: poll open_period must be 5-2628000 seconds"),
        ({"open_period": 2_628_001}, "Bad Request: poll open_period must be 5-2628000 seconds"),
        ({"close_date": NOW + 4}, "Bad Request: poll close_date must be 5-2628000 seconds in the future"),
        ({"close_date": NOW - 60}, "Bad Request: poll close_date must be 5-2628000 seconds in the future"),
        (
            {"close_date": NOW + 2_628_001},
            "Bad Request: poll close_date must be 5-2628000 seconds in the future",
        ),
        ({"shuffle_options": True}, "Bad Request: shuffle_options is not supported by this local server"),
        ({"country_codes": ["DE"]}, "Bad Request: country_codes is not supported by this local server"),
        (
            {"reply_markup": {"inline_keyboard": [[{"text": "x", "callback_data": "d" * 65}]]}},
            "Bad Request: BUTTON_DATA_INVALID",
        ),
        ({"reply_parameters": {"message_id": 999}}, "Bad Request: message to be replied not found"),
        ({"chat_id": -999}, "Bad Request: chat not found"),
    ],
)
async def test_send_poll_errors_have_telegrams_words(
    api: BotApiServer, http: httpx.AsyncClient, params: dict[str, Any], description: str
) -> None:
    _, team, _ = await team_with_bot(api)
    request = {"chat_id": team.id, "question": QUESTION, "options": OPTIONS, **params}
    await fails(http, api, "sendPoll", 400, description, **request)
    assert api.sent_count == 0 and api.polls == {} and api.bot_messages(team) == []


async def test_who_may_send_polls_where(api: BotApiServer, http: httpx.AsyncClient) -> None:
    lead, team, _ = await team_with_bot(api)
    api.set_member(team, api.bot, "restricted", rights={"can_send_messages": True})
    await fails(
        http,
        api,
        "sendPoll",
        400,
        "Bad Request: not enough rights to send polls to the chat",
        chat_id=team.id,
        question=QUESTION,
        options=OPTIONS,
    )
    await ok(http, api, "sendMessage", chat_id=team.id, text="text is still allowed")
    api.set_member(team, api.bot, "kicked")
    await fails(
        http,
        api,
        "sendPoll",
        403,
        "Forbidden: bot was kicked from the group chat",
        chat_id=team.id,
        question=QUESTION,
        options=OPTIONS,
    )
    channel = api.add_channel("News", creator=lead)
    api.set_member(channel, api.bot, "administrator")
    await fails(
        http,
        api,
        "sendPoll",
        400,
        "Bad Request: non-anonymous polls can't be sent to channel chats",
        chat_id=channel.id,
        question=QUESTION,
        options=OPTIONS,
        is_anonymous=False,
    )
    await send_poll(http, api, channel)
    zoe = api.add_user("Zoe")
    await fails(
        http,
        api,
        "sendPoll",
        403,
        "Forbidden: bot can't initiate conversation with a user",
        chat_id=zoe.id,
        question=QUESTION,
        options=OPTIONS,
    )
    await zoe.start()
    _, private = await send_poll(http, api, api.private_chat(zoe), is_anonymous=False)
    await zoe.vote(private, "Pricing")
    assert private.poll is not None and private.poll.chosen(zoe) == (1,)


# ----------------------------------------------------------------------------- voting


async def test_public_multiple_answer_poll_reports_every_vote(
    api: BotApiServer, http: httpx.AsyncClient
) -> None:
    lead, team, (anna, ben, _) = await team_with_bot(api)
    sent, message = await send_poll(http, api, team, is_anonymous=False, allows_multiple_answers=True)
    poll_id = sent["poll"]["id"]
    view = await lead.vote(message, [0, "Support"])
    await anna.vote(message, ["Pricing", 1])  # the same option twice counts once
    await ben.vote(message, 2)
    assert view.options == [("Onboarding", 1), ("Pricing", 1), ("Support", 2)]
    assert view.total_voter_count == 3 and view.chosen(lead) == (0, 2) and view.chosen(anna) == (1,)
    assert kinds(api) == ["poll_answer", "poll"] * 3
    first = api.updates[0]["poll_answer"]
    assert first == {
        "poll_id": poll_id,
        "user": lead.json(),
        "option_ids": [0, 2],
        "option_persistent_ids": ["0", "2"],
    }
    counts = api.updates[-1]["poll"]
    assert [o["voter_count"] for o in counts["options"]] == [1, 1, 2] and counts["total_voter_count"] == 3
    assert counts["id"] == poll_id and "chat" not in counts

    api.updates.clear()
    await anna.vote(message, ["Onboarding", "Support"])  # a change of mind replaces the earlier vote
    await ben.retract_vote(message)
    assert kinds(api) == ["poll_answer", "poll", "poll_answer", "poll"]
    assert api.updates[0]["poll_answer"]["option_ids"] == [0, 2]
    assert api.updates[2]["poll_answer"] == {
        "poll_id": poll_id,
        "user": ben.json(),
        "option_ids": [],
        "option_persistent_ids": [],
    }
    assert view.options == [("Onboarding", 2), ("Pricing", 0), ("Support", 2)] and view.total_voter_count == 2
    api.updates.clear()
    await lead.vote(message, [2, 0])  # the same choice again changes nothing and tells nobody
    assert api.updates == []


async def test_anonymous_poll_sends_counts_but_no_answers(api: BotApiServer, http: httpx.AsyncClient) -> None:
    _, team, (anna, ben, clara) = await team_with_bot(api)
    _, message = await send_poll(http, api, team)
    await anna.vote(message, "Pricing")
    await ben.vote(message, "Pricing")
    await clara.vote(message, 0)
    await clara.retract_vote(message)
    assert kinds(api) == ["poll"] * 4
    assert [o["voter_count"] for o in api.updates[-1]["poll"]["options"]] == [0, 2, 0]
    assert message.poll is not None and message.poll.options == [
        ("Onboarding", 0),
        ("Pricing", 2),
        ("Support", 0),
    ]


async def test_people_vote_only_as_telegrams_apps_allow(api: BotApiServer, http: httpx.AsyncClient) -> None:
    lead, team, (anna, ben, clara) = await team_with_bot(api)
    _, single = await send_poll(http, api, team, is_anonymous=False)
    outsider = api.add_user("Olaf")
    with pytest.raises(SimulationError, match="not a member"):
        await outsider.vote(single, 0)
    await clara.leave(team)
    with pytest.raises(SimulationError, match="not a member"):
        await clara.vote(single, 0)
    with pytest.raises(SimulationError, match="one answer only"):
        await anna.vote(single, [0, 1])
    with pytest.raises(SimulationError, match="no option 3"):
        await anna.vote(single, 3)
    with pytest.raises(SimulationError, match="no option 'Marketing'"):
        await anna.vote(single, "Marketing")
    with pytest.raises(SimulationError, match="at least one option"):
        await anna.vote(single, [])
    with pytest.raises(SimulationError, match="has not voted"):
        await anna.retract_vote(single)
    with pytest.raises(SimulationError, match="bots cannot vote"):
        await api.bot.vote(single, 0)
    text = await lead.send_text(team, "not a poll")
    with pytest.raises(SimulationError, match="shows no poll"):
        await anna.vote(text, 0)
    ben.deactivate()
    with pytest.raises(SimulationError, match="deleted their account"):
        await ben.vote(single, 0)
    assert single.poll is not None and single.poll.total_voter_count == 0

    _, final = await send_poll(http, api, team, is_anonymous=False, allows_revoting=False)
    assert final.poll is not None and final.poll.allows_revoting is False
    await anna.vote(final, "Pricing")
    with pytest.raises(SimulationError, match="does not allow changing"):
        await anna.vote(final, "Support")
    with pytest.raises(SimulationError, match="does not allow retracting"):
        await anna.retract_vote(final)
    assert final.poll.chosen(anna) == (1,)

    _, preview = await send_poll(http, api, team, is_closed=True)
    assert preview.poll is not None and preview.poll.is_closed
    with pytest.raises(SimulationError, match="is closed"):
        await anna.vote(preview, 0)
    await ok(http, api, "deleteMessage", chat_id=team.id, message_id=single.message_id)
    with pytest.raises(SimulationError, match="deleted"):
        await anna.vote(single, 0)
    assert not api.internal_errors


# ----------------------------------------------------------------------------- stopPoll


async def test_stop_poll_closes_it_once(api: BotApiServer, http: httpx.AsyncClient) -> None:
    _, team, (anna, _, _) = await team_with_bot(api)
    keyboard = {"inline_keyboard": [[{"text": "Results", "callback_data": "results"}]]}
    sent, message = await send_poll(http, api, team, is_anonymous=False, reply_markup=keyboard)
    assert message.buttons == [[("Results", "results")]]
    await anna.vote(message, "Pricing")
    api.updates.clear()
    final = await ok(http, api, "stopPoll", chat_id=team.id, message_id=message.message_id)
    assert final == {**sent["poll"], "is_closed": True, "total_voter_count": 1, "options": final["options"]}
    assert [o["voter_count"] for o in final["options"]] == [0, 1, 0]
    assert kinds(api) == ["poll"] and api.updates[0]["poll"] == final
    assert message.buttons == [] and message.edit_count == 0  # no keyboard given: the keyboard goes
    with pytest.raises(SimulationError, match="is closed"):
        await anna.vote(message, "Support")
    await fails(
        http,
        api,
        "stopPoll",
        400,
        "Bad Request: poll has already been closed",
        chat_id=team.id,
        message_id=message.message_id,
    )
    assert kinds(api) == ["poll"]
    _, kept = await send_poll(http, api, team)
    stopped = await ok(
        http, api, "stopPoll", chat_id=team.id, message_id=kept.message_id, reply_markup=keyboard
    )
    assert stopped["is_closed"] and kept.buttons == [[("Results", "results")]]


async def test_stop_poll_errors(api: BotApiServer, http: httpx.AsyncClient) -> None:
    lead, team, _ = await team_with_bot(api)
    text = await ok(http, api, "sendMessage", chat_id=team.id, text="no poll here")
    await fails(
        http,
        api,
        "stopPoll",
        400,
        "Bad Request: message is not a poll",
        chat_id=team.id,
        message_id=text["message_id"],
    )
    await fails(
        http,
        api,
        "stopPoll",
        400,
        "Bad Request: message with poll to stop not found",
        chat_id=team.id,
        message_id=999,
    )
    await fails(
        http, api, "stopPoll", 400, "Bad Request: message identifier is not specified", chat_id=team.id
    )
    # a poll shown in a message the bot did not send (another bot's, or a forward)
    foreign = SimPoll("42", "Theirs", [], [SimPollOption("A", [], "0")], True, "regular", False, True)
    forwarded = api._new_message(team, lead, poll_state=foreign)
    await fails(
        http,
        api,
        "stopPoll",
        400,
        "Bad Request: poll can't be stopped",
        chat_id=team.id,
        message_id=forwarded.message_id,
    )
    _, message = await send_poll(http, api, team)
    await fails(
        http,
        api,
        "stopPoll",
        400,
        "Bad Request: inline keyboard expected",
        chat_id=team.id,
        message_id=message.message_id,
        reply_markup={"remove_keyboard": True},
    )
    assert message.poll is not None and not message.poll.is_closed
    await fails(
        http,
        api,
        "editMessageText",
        400,
        "Bad Request: there is no text in the message to edit",
        chat_id=team.id,
        message_id=message.message_id,
        text="x",
    )


# ----------------------------------------------------------------------------- updates the bot asked for


async def test_allowed_updates_decide_which_poll_updates_arrive(
    api: BotApiServer, http: httpx.AsyncClient
) -> None:
    _, team, (anna, ben, clara) = await team_with_bot(api)
    _, message = await send_poll(http, api, team, is_anonymous=False)
    await ok(http, api, "getUpdates", allowed_updates=["message", "callback_query"])
    await anna.vote(message, 0)
    assert api.updates == [] and [next(iter(u.keys() - {"update_id"})) for u in api.dropped_updates] == [
        "poll_answer",
        "poll",
    ]
    await ok(http, api, "getUpdates", allowed_updates=["poll_answer"])
    await ben.vote(message, 1)
    assert kinds(api) == ["poll_answer"]
    await ok(http, api, "getUpdates", offset=api.updates[-1]["update_id"] + 1, allowed_updates=[])
    await clara.vote(message, 2)  # an empty list means Telegram's default, which has both
    assert kinds(api) == ["poll_answer", "poll"]


# ----------------------------------------------------------------------------- closing on the clock


async def test_open_period_closes_the_poll_on_the_servers_clock(
    api: BotApiServer, http: httpx.AsyncClient, clock: Clock
) -> None:
    _, team, (anna, ben, _) = await team_with_bot(api)
    sent, message = await send_poll(http, api, team, is_anonymous=False, open_period=60)
    assert (sent["poll"]["open_period"], sent["poll"]["close_date"]) == (60, NOW + 60)
    clock.advance(59)
    await anna.vote(message, 0)
    api.updates.clear()
    clock.advance(1)
    assert message.poll is not None and not message.poll.is_closed  # nothing has looked at the clock yet
    await ok(http, api, "getMe")  # any request does
    assert message.poll.is_closed and kinds(api) == ["poll"]
    closed = api.updates[0]["poll"]
    assert closed["is_closed"] and closed["options"][0]["voter_count"] == 1
    with pytest.raises(SimulationError, match="is closed"):
        await ben.vote(message, 1)
    await fails(
        http,
        api,
        "stopPoll",
        400,
        "Bad Request: poll has already been closed",
        chat_id=team.id,
        message_id=message.message_id,
    )
    assert api.close_due_polls() == [] and kinds(api) == ["poll"]


async def test_close_date_and_the_explicit_check(
    api: BotApiServer, http: httpx.AsyncClient, clock: Clock
) -> None:
    _, team, (anna, _, _) = await team_with_bot(api)
    _, dated = await send_poll(http, api, team, close_date=NOW + 30)
    _, later = await send_poll(http, api, team, open_period=600)
    _, gone = await send_poll(http, api, team, open_period=10)
    await ok(http, api, "deleteMessage", chat_id=team.id, message_id=gone.message_id)
    clock.advance(30)
    closed = api.close_due_polls()
    assert dated.poll is not None and [view.id for view in closed] == [dated.poll.id]
    assert kinds(api) == ["poll"]  # the deleted poll closes unseen
    assert api._seconds_to_next_poll_close() == 570  # and no long poll waits for it any more
    assert later.poll is not None and not later.poll.is_closed
    await anna.vote(later, 0)
    clock.advance(570)
    with pytest.raises(SimulationError, match="is closed"):
        await anna.vote(later, 1)  # a person acting looks at the clock too
    assert later.poll.is_closed and later.poll.options[0] == ("Onboarding", 1)


async def test_a_long_poll_wakes_when_a_timed_poll_closes(http: httpx.AsyncClient) -> None:
    offset = [0.0]

    def clock() -> float:
        return time.time() + offset[0]

    async with BotApiServer(TOKEN, bot_username=USERNAME, clock=clock) as api:
        _, team, _ = await team_with_bot(api)
        _, message = await send_poll(http, api, team, open_period=5)
        assert message.poll is not None and message.poll.close_date is not None
        offset[0] = message.poll.close_date - time.time() - 0.3  # due in 0.3 s of real time
        began = time.monotonic()
        updates = await ok(http, api, "getUpdates", timeout=5)
        waited = time.monotonic() - began
        assert 0.2 <= waited < 2.5  # woken for the closing, not at once and not at the end of the long poll
        assert [u["poll"]["is_closed"] for u in updates] == [True] and message.poll.is_closed


# ----------------------------------------------------------------------------- sends, observation


async def test_a_poll_is_a_send_in_the_limit_accounting(api: BotApiServer, http: httpx.AsyncClient) -> None:
    _, team, _ = await team_with_bot(api)
    await send_poll(http, api, team)
    assert api.sent_count == 1 and api.messages_sent == 1
    assert [(s.method, s.chat_id, s.chat_type) for s in api.sends] == [("sendPoll", team.id, "group")]
    api.rate.limits = RateLimits(per_chat=1, per_chat_burst=1)
    await send_poll(http, api, team)
    assert [(b.rule, b.chat_id) for b in api.limit_breaches()] == [("per_chat", team.id)]
    api.enforce_limits = True
    code, body = await call(http, api, "sendPoll", chat_id=team.id, question=QUESTION, options=OPTIONS)
    assert code == 429 and body["description"].startswith("Too Many Requests: retry after")
    first = api.bot_messages(team)[0].id
    # stopping edits the poll's message, which in a group counts like a send, so it waits too
    assert (await call(http, api, "stopPoll", chat_id=team.id, message_id=first))[0] == 429
    api.enforce_limits = False
    stopped = await call(http, api, "stopPoll", chat_id=team.id, message_id=first)
    assert stopped[0] == 200 and api.sent_count == 2  # it is no send
    assert [r.method for r in api.counted] == ["sendPoll", "sendPoll", "stopPoll"]


async def test_poll_messages_in_transcripts_and_waits(api: BotApiServer, http: httpx.AsyncClient) -> None:
    _, team, (anna, _, _) = await team_with_bot(api)
    intro = await ok(http, api, "sendMessage", chat_id=team.id, text="Results are in")
    _, message = await send_poll(
        http,
        api,
        team,
        is_anonymous=False,
        allows_multiple_answers=True,
        protect_content=True,
        reply_parameters={"message_id": intro["message_id"]},
    )
    await anna.vote(message, [0, 2])
    found = await api.wait_for_message(team, "tackle first")
    assert found is message and message.reply_to is not None and message.reply_to.id == intro["message_id"]
    assert message.json()["has_protected_content"] is True and message.content == ""
    assert "tackle first" in repr(message) and "public, multiple answers, open, 1 voter" in repr(message.poll)
    assert api.transcript(team).splitlines()[-4:] == [
        f"#{message.id} bot: <poll public, multiple answers, open, 1 voter> {QUESTION}",
        "    - Onboarding: 1",
        "    - Pricing: 0",
        "    - Support: 1",
    ]


# ----------------------------------------------------------------------------- python-telegram-bot


async def test_python_telegram_bot_sends_reads_and_stops_polls(api: BotApiServer) -> None:
    _, team, (anna, _, _) = await team_with_bot(api)
    bot = telegram.Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no field PTB 22.8 requires is missing
        async with bot:
            sent = await bot.send_poll(
                team.id,
                QUESTION,
                [OPTIONS[0], telegram.InputPollOption(OPTIONS[1]), OPTIONS[2]],
                is_anonymous=False,
                allows_multiple_answers=True,
                open_period=120,
            )
            assert isinstance(sent.poll, telegram.Poll) and sent.poll.question == QUESTION
            assert [o.text for o in sent.poll.options] == OPTIONS and sent.poll.allows_multiple_answers
            assert sent.poll.close_date is not None and int(sent.poll.close_date.timestamp()) == NOW + 120
            message = team.message(sent.message_id)
            assert message is not None
            await anna.vote(message, ["Onboarding", "Support"])
            updates = await bot.get_updates(timeout=0)
            answer, state = updates[0].poll_answer, updates[1].poll
            assert answer is not None and state is not None
            assert (answer.poll_id, answer.user.id, answer.option_ids) == (sent.poll.id, anna.id, (0, 2))
            assert answer.option_persistent_ids == ("0", "2") and state.total_voter_count == 1
            final = await bot.stop_poll(team.id, sent.message_id)
            assert final.is_closed and [o.voter_count for o in final.options] == [1, 0, 1]
            with pytest.raises(telegram.error.BadRequest, match=r"(?i)poll has already been closed"):
                await bot.stop_poll(team.id, sent.message_id)
            with pytest.raises(telegram.error.BadRequest, match=r"(?i)can't have more than 12 options"):
                await bot.send_poll(team.id, QUESTION, [str(n) for n in range(13)])
    assert not api.internal_errors


async def test_application_records_votes_through_poll_answer_handler(api: BotApiServer) -> None:
    _, team, (anna, ben, clara) = await team_with_bot(api)
    answers: list[tuple[int, tuple[int, ...]]] = []
    states: list[tuple[bool, int]] = []

    async def on_answer(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.poll_answer is not None and update.poll_answer.user is not None
        answers.append((update.poll_answer.user.id, update.poll_answer.option_ids))

    async def on_poll(update: telegram.Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.poll is not None
        states.append((update.poll.is_closed, update.poll.total_voter_count))

    app = Application.builder().token(TOKEN).base_url(api.base_url).base_file_url(api.base_file_url).build()
    app.add_handler(PollAnswerHandler(on_answer))
    app.add_handler(PollHandler(on_poll))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=1)
        try:
            sent = await app.bot.send_poll(
                team.id, QUESTION, OPTIONS, is_anonymous=False, allows_multiple_answers=True
            )
            message = team.message(sent.message_id)
            assert message is not None
            await anna.vote(message, [0, 1])
            await ben.vote(message, "Support")
            await anna.vote(message, "Pricing")
            await ben.retract_vote(message)
            await api.wait_for(lambda: len(answers) == 4 and len(states) == 4, what="four votes handled")
            assert answers == [(anna.id, (0, 1)), (ben.id, (2,)), (anna.id, (1,)), (ben.id, ())]
            await app.bot.stop_poll(team.id, sent.message_id)
            await api.wait_for(lambda: len(states) == 5, what="the closed poll")
            assert states == [(False, 1), (False, 2), (False, 2), (False, 1), (True, 1)]

            anonymous = await app.bot.send_poll(team.id, "Anonymous?", ["Yes", "No"])
            anonymous_message = team.message(anonymous.message_id)
            assert anonymous_message is not None
            await clara.vote(anonymous_message, "Yes")
            await api.wait_for(lambda: len(states) == 6, what="the anonymous count")
            await api.wait_idle()
            assert len(answers) == 4 and states[-1] == (False, 1)  # counts, and nobody's name
        finally:
            await app.updater.stop()
            await app.stop()
    assert not api.errors and not api.internal_errors
    assert [c.method for c in api.calls(ok=True)].count("sendPoll") == 2
