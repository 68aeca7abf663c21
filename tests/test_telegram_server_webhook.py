"""The local Bot API server's webhook: setWebhook, deliveries by POST with the secret header, retries of
failed deliveries with growing pauses, one update per chat at a time, getWebhookInfo, and getUpdates
refused while a webhook is set."""

from __future__ import annotations

import asyncio
import itertools
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from aiohttp import web

from bot.offline.telegram_server import BotApiServer

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"
SECRET = "s3cret_token-0123456789"


class Receiver:
    """A bot's webhook endpoint: records each request; answers with the next status in ``answers``."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, Any], str | None]] = []
        self.answers: list[int] = []
        self.hold: asyncio.Event | None = None
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.requests.append((body, request.headers.get("X-Telegram-Bot-Api-Secret-Token")))
        if self.hold is not None and len(self.requests) == 1:
            await self.hold.wait()
        return web.Response(status=self.answers.pop(0) if self.answers else 200)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/hook/path", self.handle)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}/hook/path"

    async def stop(self) -> None:
        assert self._runner is not None
        await self._runner.cleanup()


@pytest.fixture
async def api() -> AsyncIterator[BotApiServer]:
    async with BotApiServer(TOKEN, bot_username="maturity_test_bot", bot_name="Maturity Check") as server:
        server.webhook.first_retry = 0.05
        yield server


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    endpoint = Receiver()
    await endpoint.start()
    yield endpoint
    await endpoint.stop()


async def until(condition: Any, timeout: float = 5.0) -> None:
    """Wait for what the receiver saw (the server's ``wait_for`` wakes only on changes of its own world)."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.01)


async def call(server: BotApiServer, method: str, **params: Any) -> tuple[int, dict[str, Any]]:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(f"{server.api_url}/{method}", json=params)
    return response.status_code, response.json()


async def test_updates_are_posted_with_the_secret_and_confirmed_by_a_2xx(
    api: BotApiServer, receiver: Receiver
) -> None:
    status, body = await call(
        api, "setWebhook", url=receiver.url, secret_token=SECRET, allowed_updates=["message"]
    )
    assert (status, body["result"]) == (200, True)
    anna = api.add_user("Anna")
    await anna.send_text(None, "hello")
    await api.wait_for(lambda: receiver.requests and not api.updates)
    update, secret = receiver.requests[0]
    assert update["message"]["text"] == "hello" and secret == SECRET
    _, info = await call(api, "getWebhookInfo")
    assert info["result"] == {
        "url": receiver.url,
        "has_custom_certificate": False,
        "pending_update_count": 0,
        "max_connections": 40,
        "allowed_updates": ["message"],
    }
    status, body = await call(api, "getUpdates")
    assert (status, body["description"]) == (
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
        "the webhook first",
    )


async def test_a_failed_delivery_is_tried_again_and_noted(api: BotApiServer, receiver: Receiver) -> None:
    await call(api, "setWebhook", url=receiver.url)
    receiver.answers = [500, 403]
    anna = api.add_user("Anna")
    await anna.send_text(None, "hello")
    await api.wait_for(lambda: len(receiver.requests) == 3 and not api.updates)
    assert [d.status for d in api.webhook.deliveries] == [500, 403, 200]
    assert len({r[0]["update_id"] for r in receiver.requests}) == 1
    tries = api.webhook.deliveries
    pauses = [b.at - a.at for a, b in itertools.pairwise(tries)]
    _, info = await call(api, "getWebhookInfo")
    assert info["result"]["last_error_message"] == "Wrong response from the webhook: 403 Forbidden"
    assert isinstance(info["result"]["last_error_date"], int)
    assert pauses[1] > pauses[0] * 1.5  # the pauses grow


async def test_an_unreachable_webhook_keeps_the_update_pending(api: BotApiServer) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    await call(api, "setWebhook", url=f"http://127.0.0.1:{port}/hook")
    anna = api.add_user("Anna")
    await anna.send_text(None, "hello")
    await api.wait_for(lambda: len(api.webhook.deliveries) >= 2)
    assert {d.error for d in api.webhook.deliveries} == {"Connection refused"}
    assert len(api.updates) == 1
    await call(api, "deleteWebhook")
    _, body = await call(api, "getUpdates")
    assert [u["message"]["text"] for u in body["result"]] == ["hello"]


async def test_one_update_of_a_chat_at_a_time_while_other_chats_go_on(
    api: BotApiServer, receiver: Receiver
) -> None:
    await call(api, "setWebhook", url=receiver.url, secret_token=SECRET)
    receiver.hold = asyncio.Event()
    anna, ben = api.add_user("Anna"), api.add_user("Ben")
    await anna.send_text(None, "anna 1")
    await until(lambda: len(receiver.requests) == 1)
    await anna.send_text(None, "anna 2")
    await ben.send_text(None, "ben 1")
    await until(lambda: len(receiver.requests) == 2)
    await asyncio.sleep(0.1)
    assert [r[0]["message"]["text"] for r in receiver.requests] == ["anna 1", "ben 1"]
    receiver.hold.set()
    await api.wait_for(lambda: not api.updates)
    assert [r[0]["message"]["text"] for r in receiver.requests] == ["anna 1", "ben 1", "anna 2"]


async def test_set_webhook_refuses_what_telegram_refuses(api: BotApiServer) -> None:
    status, body = await call(api, "setWebhook", url="ftp://127.0.0.1/x")
    assert (status, body["description"]) == (
        400,
        "Bad Request: bad webhook: An HTTPS URL must be provided for webhook",
    )
    status, body = await call(api, "setWebhook", url="https://127.0.0.1:9/x", secret_token="no spaces")
    assert status == 400 and "secret token contains unallowed characters" in body["description"]
    status, body = await call(api, "setWebhook", url="https://example.org/x")
    assert (status, body["description"]) == (
        400,
        "Bad Request: bad webhook: this local server delivers only to loopback addresses",
    )
    status, _ = await call(api, "setWebhook", url="https://127.0.0.1:9/x")
    assert status == 200
    _, body = await call(api, "setWebhook", url="")
    _, info = await call(api, "getWebhookInfo")
    assert info["result"]["url"] == ""
