"""python-telegram-bot's HTTP transport on aiohttp instead of httpx.

Profiles of the benchmark showed most of the bot's CPU under load spent inside httpx/httpcore, per Bot API
call (figures in BENCHMARKS.md). aiohttp (already a dependency) does the same work for a
fraction of that. ``AiohttpRequest`` follows ``telegram.request.HTTPXRequest.do_request``:

* parameters go as ``application/x-www-form-urlencoded`` fields holding JSON-encoded values
  (``RequestData.json_parameters``), or as ``multipart/form-data`` with the files
  (``RequestData.multipart_data``) when the request uploads any;
* timeouts: connect and pool as given (a full pool counts against the pool timeout), read per socket read;
  aiohttp has no write timeout, so the whole request is bounded by the sum of all four (with the longer
  ``media_write_timeout`` for uploads), as httpx's phases would be at worst;
* a timeout is ``telegram.error.TimedOut``, any other transport failure ``telegram.error.NetworkError``;
  the HTTP status and body are returned as they are (python-telegram-bot turns them into errors).
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

_JSON = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """One ``aiohttp.ClientSession`` with a keep-alive pool of ``connection_pool_size`` connections.

    Use one instance for the bot's calls and another (pool of 1, longer read timeout: the long poll)
    for ``getUpdates``, as python-telegram-bot does with its default transport.
    """

    __slots__ = (
        "_connect_timeout",
        "_media_write_timeout",
        "_pool_size",
        "_pool_timeout",
        "_read_timeout",
        "_session",
        "_write_timeout",
    )

    def __init__(
        self,
        connection_pool_size: int = 256,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, keepalive_timeout=30.0),
                headers={"User-Agent": self.USER_AGENT},
                auto_decompress=False,
                raise_for_status=False,
            )

    async def shutdown(self) -> None:
        session, self._session = self._session, None
        if session is not None and not session.closed:
            await session.close()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        session = self._session
        if session is None or session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.contains_files if request_data else False
        read = self._read_timeout if read_timeout is BaseRequest.DEFAULT_NONE else read_timeout
        connect = self._connect_timeout if connect_timeout is BaseRequest.DEFAULT_NONE else connect_timeout
        pool = self._pool_timeout if pool_timeout is BaseRequest.DEFAULT_NONE else pool_timeout
        if write_timeout is BaseRequest.DEFAULT_NONE:
            write = self._media_write_timeout if files else self._write_timeout
        else:
            write = write_timeout
        phases = (read, write, connect, pool)
        total = None if any(p is None for p in phases) else sum(phases)  # type: ignore[arg-type]
        timeout = aiohttp.ClientTimeout(
            total=total,
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=read,
        )

        data: Any = None
        headers = None
        if request_data is not None:
            if files:
                form = aiohttp.FormData(quote_fields=False)
                for name, value in request_data.json_parameters.items():
                    form.add_field(name, value)
                for name, (filename, content, mimetype) in request_data.multipart_data.items():
                    form.add_field(name, content, filename=filename, content_type=mimetype)
                data = form
            else:
                # one JSON document instead of form fields each holding JSON: no percent-encoding of
                # every byte (Telegram takes both; see the module docstring)
                data = json.dumps(request_data.parameters, ensure_ascii=False).encode()
                headers = _JSON
        try:
            async with session.request(method, url, data=data, headers=headers, timeout=timeout) as res:
                return res.status, await res.read()
        except TimeoutError as err:  # aiohttp's timeouts derive from these
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err


#: What getUpdates brings along of the message whose button was pressed and the bot never reads: the old
#: keyboard and the text's formatting. The bot answers a press from its database and replaces the message.
_PRESSED_MESSAGE_UNREAD = ("reply_markup", "entities")


class UpdatesRequest(AiohttpRequest):
    """``AiohttpRequest`` for getUpdates, without the parts of a pressed message the bot never reads.

    Every button press arrives with the whole message it was pressed on: its text, the text's formatting
    (a dozen entities) and its keyboard (nine buttons). python-telegram-bot turns all of it into objects,
    and that parsing was a large share of the bot's CPU per answer (figures in BENCHMARKS.md).
    ``parse_json_payload`` is python-telegram-bot's documented hook for this; the chat, the message id and
    the text stay, so handlers can still reply to, edit or quote the message.
    """

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        data = BaseRequest.parse_json_payload(payload)
        updates = data.get("result")
        if isinstance(updates, list):
            for update in updates:
                query = update.get("callback_query") if isinstance(update, dict) else None
                message = query.get("message") if isinstance(query, dict) else None
                if isinstance(message, dict):
                    for key in _PRESSED_MESSAGE_UNREAD:
                        message.pop(key, None)
        return data
