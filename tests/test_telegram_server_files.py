"""The local Bot API server's files as Telegram documents them: documents people send (name, MIME type,
size, caption commands in privacy mode, replies to them), getFile and the download link that lives an
hour, and python-telegram-bot fetching a document through them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import telegram

from bot.offline.telegram_server import BotApiServer, SimulationError
from tests.helpers import BOT_USERNAME, TOKEN, Clock


@pytest.fixture
def server_clock() -> Clock:
    return Clock()


@pytest.fixture
async def api(server_clock: Clock) -> AsyncIterator[BotApiServer]:
    async with BotApiServer(TOKEN, bot_username=BOT_USERNAME, clock=server_clock) as server:
        yield server


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=10) as client:
        yield client


async def call(http: httpx.AsyncClient, api: BotApiServer, method: str, **params: Any) -> dict[str, Any]:
    return (await http.post(f"{api.api_url}/{method}", json=params)).json()


async def group_without_admin_bot(api: BotApiServer):
    lead = api.add_user("Lena")
    team = api.add_group("Team", creator=lead)
    await api.add_bot_to_group(team, by=lead, as_admin=False)
    api.updates.clear()
    return lead, team


async def test_a_document_carries_its_name_type_and_size_and_a_caption_command(api: BotApiServer) -> None:
    lead, team = await group_without_admin_bot(api)
    sent = await lead.send_document(
        team, b"id = 1\n", file_name="ours.toml", caption="/catalogue", mime_type="application/toml"
    )
    (update,) = api.updates
    message = update["message"]
    assert message["message_id"] == sent.message_id
    assert message["document"]["file_name"] == "ours.toml"
    assert message["document"]["mime_type"] == "application/toml"
    assert message["document"]["file_size"] == 7
    assert message["caption"] == "/catalogue"
    assert message["caption_entities"] == [{"type": "bot_command", "offset": 0, "length": 10}]
    guessed = await lead.send_document(
        team, b"a,b\n", file_name="x.csv", caption=f"/catalogue@{BOT_USERNAME}"
    )
    assert api.updates[-1]["message"]["document"]["mime_type"] == "text/csv"
    assert guessed.document is not None


async def test_privacy_mode_hides_documents_without_a_command_for_this_bot(api: BotApiServer) -> None:
    lead, team = await group_without_admin_bot(api)
    await lead.send_document(team, b"x", file_name="notes.csv")
    await lead.send_document(team, b"x", file_name="notes.csv", caption="see attached")
    await lead.send_document(team, b"x", file_name="notes.csv", caption="/catalogue@other_bot")
    assert api.updates == []


async def test_a_reply_to_a_document_carries_the_document(api: BotApiServer) -> None:
    lead, team = await group_without_admin_bot(api)
    document = await lead.send_document(team, b"a;b\n", file_name="ours.csv")
    await lead.send_text(team, "/catalogue", reply_to=document)
    (update,) = api.updates
    replied = update["message"]["reply_to_message"]
    assert replied["document"]["file_name"] == "ours.csv"
    assert "reply_to_message" not in replied


async def test_apps_refuse_captions_over_1024_characters(api: BotApiServer) -> None:
    lead, team = await group_without_admin_bot(api)
    with pytest.raises(SimulationError, match="1024"):
        await lead.send_document(team, b"x", file_name="a.csv", caption="x" * 1025)


async def test_get_file_and_the_download_link_that_lives_an_hour(
    api: BotApiServer, http: httpx.AsyncClient, server_clock: Clock
) -> None:
    lead, team = await group_without_admin_bot(api)
    sent = await lead.send_document(team, b"a;b\n1;2\n", file_name="ours.csv", caption="/catalogue")
    assert sent.document is not None
    link_before = await http.get(f"{api.base_file_url}{TOKEN}/documents/file_0.csv")
    assert link_before.status_code == 404, "no link before getFile"
    answer = await call(http, api, "getFile", file_id=sent.document.file_id)
    assert answer["ok"] is True
    file = answer["result"]
    assert file["file_id"] == sent.document.file_id and file["file_size"] == 8
    assert file["file_path"].startswith("documents/") and file["file_path"].endswith(".csv")
    url = f"{api.base_file_url}{TOKEN}/{file['file_path']}"
    assert (await http.get(url)).content == b"a;b\n1;2\n"
    assert api.downloads == [sent.document.file_id]
    wrong_token = await http.get(f"{api.base_file_url}123:nope/{file['file_path']}")
    assert wrong_token.status_code == 404
    server_clock.advance(3600)
    assert (await http.get(url)).status_code == 200, "valid for at least one hour"
    server_clock.advance(1)
    expired = await http.get(url)
    assert expired.status_code == 404 and expired.json()["description"] == "Not Found"
    again = await call(http, api, "getFile", file_id=sent.document.file_id)
    assert (await http.get(f"{api.base_file_url}{TOKEN}/{again['result']['file_path']}")).status_code == 200
    assert len(api.downloads) == 3


async def test_files_over_20_mb_cannot_be_fetched(api: BotApiServer, http: httpx.AsyncClient) -> None:
    lead, team = await group_without_admin_bot(api)
    sent = await lead.send_document(
        team, b"x" * (20 * 1024 * 1024 + 1), file_name="big.csv", caption="/catalogue"
    )
    assert sent.document is not None
    answer = await call(http, api, "getFile", file_id=sent.document.file_id)
    assert answer == {"ok": False, "error_code": 400, "description": "Bad Request: file is too big"}


async def test_python_telegram_bot_downloads_a_document(api: BotApiServer) -> None:
    lead, team = await group_without_admin_bot(api)
    data = b"catalogue;id\nours;a-1\n"
    sent = await lead.send_document(team, data, file_name="ours.csv", caption="/catalogue")
    assert sent.document is not None
    bot = telegram.Bot(TOKEN, base_url=api.base_url, base_file_url=api.base_file_url)
    async with bot:
        file = await bot.get_file(sent.document.file_id)
        assert file.file_size == len(data)
        assert bytes(await file.download_as_bytearray()) == data
