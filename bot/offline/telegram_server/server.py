"""The HTTP side of the local Bot API server, its life cycle, and the helpers tests use to observe it.

``BotApiServer`` binds 127.0.0.1 on a free port and answers ``{base}/bot<token>/<method>`` with JSON as
Telegram does, and ``{root}/file/bot<token>/<file_path>`` with file contents. Everything runs on the
caller's event loop, so the control side (``add_user``, ``SimUser.send_text``, ``chat``, ``wait_for``...)
is plain Python without HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from aiohttp import web

from .errors import ApiError, too_many_requests
from .faults import Fault, FaultInjector
from .limits import EDIT_METHODS, SEND_METHODS, LimitBreach, RateAccounting, RateLimits, SendRecord
from .methods import BotApiMethods, Params, Upload
from .model import SimChat, SimMessage, SimUser
from .webhook import WebhookDeliverer

log = logging.getLogger(__name__)
T = TypeVar("T")

DEFAULT_TOKEN = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"
MAX_REQUEST_BYTES = 50 * 1024 * 1024 + 1024 * 1024
_SERVER_ERRORS = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


@dataclass
class ApiCall:
    """One request the bot made: when, which method (as spelled), parameters, and how it was answered.

    ``fault`` names the injected fault that shaped the answer, if any; ``result`` is the ``result`` of a
    successful answer; ``client_gone`` marks an answer nobody received because the client had already
    closed the connection (a long poll abandoned on shutdown, say).
    """

    at: float
    method: str
    params: dict[str, Any]
    status: int
    ok: bool
    description: str | None = None
    result: Any = None
    fault: str | None = None
    client_gone: bool = False


def _loggable(params: Params) -> dict[str, Any]:
    values = dict(params.values)
    for name, upload in params.files.items():
        values[name] = f"<upload {upload.filename or name}: {len(upload.data)} bytes>"
    return values


class BotApiServer(BotApiMethods):
    """A local Telegram Bot API server plus simulated people; see the package docstring for a tour."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "test_bot",
        bot_name: str = "Test Bot",
        host: str = "127.0.0.1",
        port: int = 0,
        privacy_mode: bool = True,
        callback_timeout: float = 15.0,
        clock: Callable[[], float] = time.time,
        limits: RateLimits | None = None,
        enforce_limits: bool = False,
        latency: float = 0.0,
    ) -> None:
        super().__init__(
            token,
            bot_username,
            bot_name,
            privacy_mode=privacy_mode,
            callback_timeout=callback_timeout,
            clock=clock,
        )
        self.host = host
        self.port = port
        self.latency = latency
        self.enforce_limits = enforce_limits
        self.rate = RateAccounting(limits)
        self.faults = FaultInjector()
        self.requests: list[ApiCall] = []
        self.internal_errors: list[str] = []
        self.commands = {}
        self.descriptions = {}
        self._poll_owner = None
        self._stopping = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._deliverer: WebhookDeliverer | None = None
        self._methods: dict[str, Callable[[Params], Any]] = {
            name[2:]: getattr(self, name) for name in dir(self) if name.startswith("m_")
        }

    # ----------------------------------------------------------------- life cycle

    async def start(self) -> BotApiServer:
        """Bind and serve; ``port=0`` (the default) picks a free port."""
        app = web.Application(client_max_size=MAX_REQUEST_BYTES)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        app.router.add_route("*", "/{tail:.*}", self._handle_unknown)
        self._stopping = asyncio.Event()
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._deliverer = WebhookDeliverer(
            self.webhook,
            lambda: self.updates,
            self.confirm_update,
            self._notify,
            self._wait_change,
            self.clock,
        )
        self._deliverer.start()
        return self

    async def stop(self) -> None:
        """Answer pending long polls, release held requests, close the socket."""
        self._stopping.set()
        self._notify()
        if self._deliverer is not None:
            await self._deliverer.stop()
            self._deliverer = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> BotApiServer:
        return await self.start()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def root_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What python-telegram-bot takes as ``base_url`` (it appends the token)."""
        return f"{self.root_url}/bot"

    @property
    def base_file_url(self) -> str:
        """What python-telegram-bot takes as ``base_file_url``."""
        return f"{self.root_url}/file/bot"

    @property
    def api_url(self) -> str:
        """``{base_url}{token}``: append ``/<method>`` for raw HTTP calls."""
        return f"{self.base_url}{self.token}"

    # ----------------------------------------------------------------- HTTP

    @staticmethod
    def _json(body: dict[str, Any], status: int) -> web.Response:
        return web.json_response(body, status=status, dumps=lambda data: json.dumps(data, ensure_ascii=False))

    async def _handle_unknown(self, request: web.Request) -> web.Response:
        return self._json({"ok": False, "error_code": 404, "description": "Not Found"}, 404)

    async def _read_params(self, request: web.Request) -> Params:
        values: dict[str, Any] = dict(request.query)
        files: dict[str, Upload] = {}
        if request.body_exists:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError as error:
                    raise ApiError(400, "Bad Request: can't parse JSON object") from error
                if isinstance(body, dict):
                    values.update(body)
            elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
                try:
                    form = await request.post()
                except web.HTTPRequestEntityTooLarge as error:
                    raise ApiError(413, "Request Entity Too Large") from error
                for name, value in form.items():
                    if isinstance(value, web.FileField):
                        files[name] = Upload(value.filename, value.file.read(), value.content_type)
                    else:
                        values[name] = value
        return Params(values, files)

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._answer(method, {}, ApiError(401, "Unauthorized"))
        handler = self._methods.get(method.lower())
        if handler is None:
            return self._answer(method, {}, ApiError(404, "Not Found"))
        try:
            params = await self._read_params(request)
        except ApiError as error:
            return self._answer(method, {}, error)
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        self.close_due_polls()
        fault = self.faults.take(method, params.values)
        if fault is not None and not fault.after_processing:
            return await self._apply_fault(request, method, params, fault)
        outcome: Any
        try:
            self._check_rate(method, params)
            outcome = handler(params)
            if inspect.isawaitable(outcome):
                outcome = await outcome
        except ApiError as error:
            outcome = error
        except Exception:
            self.internal_errors.append(traceback.format_exc())
            log.exception("local Bot API server failed on %s", method)
            outcome = ApiError(500, "Internal Server Error")
        if fault is not None:
            self._log_call(method, params, outcome)
            return await self._apply_fault(request, method, params, fault, logged=True)
        response = self._answer(method, params, outcome)
        if request.transport is None or request.transport.is_closing():
            self.requests[-1].client_gone = True
        return response

    def _check_rate(self, method: str, params: Params) -> None:
        name = method.lower()
        if not self.enforce_limits or (name not in SEND_METHODS and name not in EDIT_METHODS):
            return
        chat_id = params.int("chat_id")
        chat = self.chats.get(chat_id) if chat_id is not None else None
        if chat is None or (name in EDIT_METHODS and chat.is_private):
            return
        wait = self.rate.retry_after(chat.id, chat.type, asyncio.get_running_loop().time())
        if wait is not None:
            raise too_many_requests(wait)

    def _log_call(
        self, method: str, params: Params | dict[str, Any], outcome: Any, fault: str | None = None
    ) -> None:
        values = _loggable(params) if isinstance(params, Params) else params
        at = asyncio.get_running_loop().time()
        if isinstance(outcome, ApiError):
            call = ApiCall(at, method, values, outcome.code, False, outcome.description, fault=fault)
        else:
            call = ApiCall(at, method, values, 200, True, result=outcome, fault=fault)
        self.requests.append(call)
        self._notify()

    def _answer(self, method: str, params: Params | dict[str, Any], outcome: Any) -> web.Response:
        self._log_call(method, params, outcome)
        if isinstance(outcome, ApiError):
            return self._json(outcome.body(), outcome.code)
        return self._json({"ok": True, "result": outcome}, 200)

    async def _apply_fault(
        self, request: web.Request, method: str, params: Params, fault: Fault, *, logged: bool = False
    ) -> web.StreamResponse:
        """Answer as the fault says; timeouts and drops close the connection without an answer."""
        response: web.StreamResponse | None = None
        if fault.kind == "flood":
            error = too_many_requests(fault.retry_after)
            response = self._json(error.body(), 429)
        elif fault.kind == "server_error":
            description = _SERVER_ERRORS.get(fault.status, "Internal Server Error")
            error = ApiError(fault.status, description)
            response = self._json(error.body(), fault.status)
        else:
            error = ApiError(0, f"no answer ({fault.kind})")
        if logged:
            self.requests[-1].fault = fault.kind
        else:
            self._log_call(method, params, error, fault=fault.kind)
        if response is not None:
            return response
        if fault.kind == "timeout":
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), fault.hold)
        if request.transport is not None:
            request.transport.close()
        return web.Response(status=502)

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        not_found = self._json({"ok": False, "error_code": 404, "description": "Not Found"}, 404)
        if request.match_info["token"] != self.token:
            return not_found
        stored = self.download(request.match_info["path"])
        if stored is None:
            return not_found
        return web.Response(body=stored.data, content_type=stored.mime_type or "application/octet-stream")

    # ----------------------------------------------------------------- observing

    def _resolve_chat(self, where: SimChat | SimUser | int) -> SimChat:
        if isinstance(where, SimUser):
            return self.private_chat(where)
        if isinstance(where, SimChat):
            return where
        chat = self.chats.get(where)
        if chat is None:
            raise KeyError(f"no chat {where}")
        return chat

    def chat(self, where: SimChat | SimUser | int, *, include_deleted: bool = False) -> list[SimMessage]:
        """The messages of a chat in order, as its people see them now (a person: their private chat)."""
        chat = self._resolve_chat(where)
        return [m for m in chat.messages if include_deleted or not m.deleted]

    def bot_messages(self, where: SimChat | SimUser | int) -> list[SimMessage]:
        """The visible messages the bot sent to a chat."""
        return [m for m in self.chat(where) if m.from_bot and not m.is_service]

    def last_message(self, where: SimChat | SimUser | int, *, from_bot: bool = True) -> SimMessage | None:
        """The latest visible message (by default: from the bot, not a service message)."""
        messages = [m for m in self.chat(where) if not from_bot or (m.from_bot and not m.is_service)]
        return messages[-1] if messages else None

    async def wait_for(
        self, condition: Callable[[], T], timeout: float = 10.0, *, what: str | None = None
    ) -> T:
        """Wait until ``condition()`` is truthy and return its value; it is re-checked on every change
        (each bot request, each simulated action), after closing the polls whose time has come.
        Raises ``TimeoutError`` describing the last calls."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            self.close_due_polls()
            value = condition()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(
                    self._timeout_report(what or getattr(condition, "__name__", "condition"), timeout)
                )
            await self._wait_change(remaining)

    async def wait_for_message(
        self,
        where: SimChat | SimUser | int,
        contains: str | None = None,
        *,
        from_bot: bool = True,
        after: SimMessage | int | None = None,
        timeout: float = 10.0,
    ) -> SimMessage:
        """Wait for a visible message in a chat that contains ``contains`` (text, caption or poll question).

        Returns the latest match; ``after`` (a message or message id) ignores messages up to it.
        """
        floor = after.message_id if isinstance(after, SimMessage) else (after or 0)

        def find() -> SimMessage | None:
            for message in reversed(self.chat(where)):
                if message.message_id <= floor:
                    break
                if from_bot and not message.from_bot:
                    continue
                poll = message.poll
                if contains is None or contains in message.content or (poll and contains in poll.question):
                    return message
            return None

        chat = self._resolve_chat(where)
        return await self.wait_for(
            find, timeout, what=f"a message containing {contains!r} in {chat.title_or_name}"
        )

    async def wait_idle(self, quiet: float = 0.2, timeout: float = 10.0) -> None:
        """Wait until no update is pending and the bot made no request but long polls for ``quiet`` s."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            busy = [c.at for c in self.requests if c.method.lower() != "getupdates"]
            quiet_since = max(busy, default=0.0)
            now = loop.time()
            if not self.updates and now - quiet_since >= quiet:
                return
            if now >= deadline:
                raise TimeoutError(self._timeout_report("the bot to become idle", timeout))
            await self._wait_change(min(deadline, max(quiet_since + quiet, now + 0.01)) - now)

    def _timeout_report(self, what: str, timeout: float) -> str:
        calls = [c for c in self.requests if c.method.lower() != "getupdates"][-8:]
        lines = [f"timed out after {timeout} s waiting for {what}", "last bot calls:"]
        for call in calls:
            outcome = "ok" if call.ok else f"{call.status} {call.description}"
            lines.append(f"  {call.method} {outcome}")
        if self.internal_errors:
            lines.append("server errors:\n" + self.internal_errors[-1])
        return "\n".join(lines)

    def calls(self, method: str | None = None, *, ok: bool | None = None) -> list[ApiCall]:
        """Requests the bot made, optionally of one method (case-insensitive) and outcome."""
        return [
            c
            for c in self.requests
            if (method is None or c.method.lower() == method.lower()) and (ok is None or c.ok == ok)
        ]

    @property
    def errors(self) -> list[ApiCall]:
        """Requests that got an error answer (injected faults included; not answers nobody received)."""
        return [c for c in self.requests if not c.ok and not c.client_gone]

    @property
    def sends(self) -> list[SendRecord]:
        """Every successful send (edits left out), for rate accounting."""
        return [r for r in self.rate.records if r.method.lower() in SEND_METHODS]

    @property
    def counted(self) -> list[SendRecord]:
        """Everything Telegram's limits count: every successful send, and every edit in a group or channel."""
        return list(self.rate.records)

    @property
    def sent_count(self) -> int:
        """Successful send calls (an album counts once)."""
        return len(self.sends)

    @property
    def messages_sent(self) -> int:
        """Messages the bot sent (an album counts each photo)."""
        return sum(r.messages for r in self.sends)

    def busiest_window(self, where: SimChat | int, window: float = 60.0) -> int:
        """The most messages a chat received from the bot within any ``window`` seconds, counted as Telegram
        counts them (sends, edits in a group; an album's photos one by one)."""
        chat_id = where.id if isinstance(where, SimChat) else where
        return self.rate.busiest(chat_id, window)

    def limit_breaches(self) -> list[LimitBreach]:
        """Each send that broke one of Telegram's broadcasting limits (see ``limits.py``)."""
        return self.rate.breaches()

    def commands_for(
        self, user: SimUser, chat: SimChat | None = None, language_code: str | None = None
    ) -> list[dict[str, str]]:
        """The command list ``user`` sees in ``chat`` (None: private chat), by Telegram's scope order."""
        language = user.language_code if language_code is None else language_code
        languages = [language, ""] if language else [""]
        if chat is None or chat.is_private:
            chat_id = user.id
            scopes: list[dict[str, Any]] = [
                {"type": "chat", "chat_id": chat_id},
                {"type": "all_private_chats"},
            ]
        else:
            is_admin = chat.member(user).is_admin
            scopes = [{"type": "chat_member", "chat_id": chat.id, "user_id": user.id}]
            if is_admin:
                scopes.append({"type": "chat_administrators", "chat_id": chat.id})
            scopes.append({"type": "chat", "chat_id": chat.id})
            if is_admin:
                scopes.append({"type": "all_chat_administrators"})
            scopes.append({"type": "all_group_chats"})
        scopes.append({"type": "default"})
        for scope in scopes:
            key = json.dumps(scope, sort_keys=True)
            for lang in languages:
                if (key, lang) in self.commands:
                    return self.commands[(key, lang)]
        return []

    def transcript(self, where: SimChat | SimUser | int) -> str:
        """A readable dump of a chat, for debugging and the demo."""
        chat = self._resolve_chat(where)
        lines = [f"== {chat.type} {chat.title_or_name} ({chat.id})"]
        for message in chat.messages:
            who = "bot" if message.from_bot else (message.sender.full_name if message.sender else "channel")
            flags = []
            if message.edit_count:
                flags.append(f"edited x{message.edit_count}")
            if message.deleted:
                flags.append("deleted")
            suffix = f" [{', '.join(flags)}]" if flags else ""
            if message.is_service:
                body = ", ".join(f"{k}" for k in message.service)
            elif message.photo:
                body = f"<photo {message.photo.width}x{message.photo.height}> {message.caption or ''}".strip()
            elif message.document:
                body = f"<document {message.document.file_name}> {message.caption or ''}".strip()
            elif message.sticker:
                body = f"<sticker {message.sticker_emoji}>"
            elif message.poll_state is not None:
                body = f"<poll {message.poll_state.describe()}> {message.poll_state.question}"
            else:
                body = message.text or ""
            lines.append(f"#{message.message_id} {who}{suffix}: {body}")
            poll = message.poll
            for text, count in poll.options if poll else []:
                lines.append(f"    - {text}: {count}")
            for row in message.buttons:
                lines.append("    " + " | ".join(f"[{b.text}]" for b in row))
        return "\n".join(lines)
