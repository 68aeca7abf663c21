"""The local Bot API server's forum topics: supergroups with topics, messages in a topic, sending into a
topic with ``message_thread_id``, and Telegram's refusal for a topic that was deleted."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from bot.offline.telegram_server import BotApiServer, SimulationError, make_png

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    async with BotApiServer(TOKEN, bot_username="maturity_test_bot", bot_name="Maturity Check") as server:
        yield server


async def call(server: BotApiServer, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(f"{server.api_url}/{method}", json=params)
    return response.status_code, response.json()


async def forum(server: BotApiServer) -> tuple[Any, Any, int]:
    lead = server.add_user("Lena", language_code="en")
    team = server.add_group("Leads", supergroup=True, forum=True, creator=lead)
    await server.add_bot_to_group(team, by=lead, as_admin=True)
    topic = await server.create_topic(team, "Maturity check", by=lead)
    return lead, team, topic


async def test_a_message_in_a_topic_carries_its_thread_and_replies_to_the_topic_opening(
    api: BotApiServer,
) -> None:
    lead, team, topic = await forum(api)
    opening = api.chat(team)[-1]
    assert opening.json()["forum_topic_created"] == {"name": "Maturity check", "icon_color": 7322096}
    assert opening.json()["message_thread_id"] == topic == opening.message_id
    message = await lead.send_text(team, "/status", topic=topic)
    update = api.updates[-1]["message"]
    assert update["message_thread_id"] == topic and update["is_topic_message"] is True
    assert update["reply_to_message"]["message_id"] == topic
    assert update["chat"]["is_forum"] is True
    general = await lead.send_text(team, "hello")
    assert general.thread_id is None and "message_thread_id" not in general.json()
    assert message.thread_id == topic


async def test_sending_into_a_topic(api: BotApiServer) -> None:
    lead, team, topic = await forum(api)
    status, body = await call(
        api, "sendMessage", chat_id=team.id, text="in the topic", message_thread_id=topic
    )
    assert status == 200 and body["result"]["message_thread_id"] == topic
    status, body = await call(
        api, "sendPoll", chat_id=team.id, question="Q?", options=["a", "b"], message_thread_id=topic
    )
    assert status == 200 and body["result"]["is_topic_message"] is True
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(
            f"{api.api_url}/sendPhoto",
            data={"chat_id": str(team.id), "message_thread_id": str(topic)},
            files={"photo": ("p.png", make_png(), "image/png")},
        )
    assert response.json()["result"]["message_thread_id"] == topic
    in_topic = [m for m in api.bot_messages(team) if m.thread_id == topic]
    assert [m.content for m in in_topic] == ["in the topic", "", ""]
    status, body = await call(api, "sendMessage", chat_id=team.id, text="general")
    assert "message_thread_id" not in body["result"]
    # a reply lands in the topic of the message it answers
    asked = await lead.send_text(team, "/help", topic=topic)
    _, body = await call(
        api, "sendMessage", chat_id=team.id, text="answer", reply_parameters={"message_id": asked.message_id}
    )
    assert body["result"]["message_thread_id"] == topic


async def test_a_deleted_topic_is_refused_as_telegram_words_it(api: BotApiServer) -> None:
    lead, team, topic = await forum(api)
    photo = await lead.send_photo(team)
    file_id = photo.json()["photo"][0]["file_id"]
    await lead.send_text(team, "before", topic=topic)
    await api.delete_topic(team, topic)
    assert all(m.deleted for m in api.chat(team, include_deleted=True) if m.thread_id == topic)
    for method, params in (
        ("sendMessage", {"text": "x"}),
        ("sendPoll", {"question": "Q?", "options": ["a", "b"]}),
        ("sendMediaGroup", {"media": [{"type": "photo", "media": file_id}]}),
    ):
        status, body = await call(api, method, chat_id=team.id, message_thread_id=topic, **params)
        assert (status, body["description"]) == (400, "Bad Request: message thread not found"), method
    with pytest.raises(SimulationError):
        await lead.send_text(team, "after", topic=topic)


async def test_topics_only_in_forum_supergroups(api: BotApiServer) -> None:
    lead = api.add_user("Lena")
    with pytest.raises(SimulationError):
        api.add_group("Basic", forum=True, creator=lead)
    plain = api.add_group("Plain", supergroup=True, creator=lead)
    await api.add_bot_to_group(plain, by=lead, as_admin=True)
    with pytest.raises(SimulationError):
        await api.create_topic(plain, "x", by=lead)
    status, body = await call(api, "sendMessage", chat_id=plain.id, text="x", message_thread_id=7)
    assert (status, body["description"]) == (400, "Bad Request: message thread not found")
    _, body = await call(api, "getChat", chat_id=plain.id)
    assert "is_forum" not in body["result"]
