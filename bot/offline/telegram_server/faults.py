"""Fault injection: make chosen Bot API calls fail the ways Telegram and networks fail.

Kinds:

- ``"flood"``: 429 "Too Many Requests: retry after N" with ``parameters.retry_after``;
- ``"server_error"``: a 5xx answer (``status`` 500 "Internal Server Error" or 502 "Bad Gateway");
- ``"timeout"``: the request is held (``hold`` seconds, default until the server stops) so that the
  client's own timeout fires; then the connection is closed without an answer;
- ``"drop"``: the connection is closed without an answer.

With ``after_processing=True`` the call takes effect first (the message is sent, the edit made) and only
its answer is lost or replaced, which is what tests of duplicate-send safety need.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

FAULT_KINDS = frozenset({"flood", "server_error", "timeout", "drop"})


@dataclass
class Fault:
    """One injected fault; ``hits`` counts the calls it has affected so far."""

    methods: frozenset[str] | None
    kind: str
    times: int | None
    after_processing: bool = False
    retry_after: int = 1
    status: int = 500
    hold: float | None = None
    chat_id: int | None = None
    hits: int = 0
    affected: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> int | None:
        """Calls still to be affected (None: without end)."""
        return None if self.times is None else max(0, self.times - self.hits)

    def matches(self, method: str, params: dict[str, Any]) -> bool:
        if self.remaining == 0:
            return False
        if self.methods is not None and method.lower() not in self.methods:
            return False
        if self.chat_id is not None:
            try:
                return int(params.get("chat_id", 0)) == self.chat_id
            except (TypeError, ValueError):
                return False
        return True


class FaultInjector:
    """The faults waiting for matching calls, first injected first applied."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []

    def inject(
        self,
        method: str | Iterable[str] = "*",
        kind: str = "flood",
        *,
        times: int | None = 1,
        after_processing: bool = False,
        retry_after: int = 1,
        status: int = 500,
        hold: float | None = None,
        chat_id: int | None = None,
    ) -> Fault:
        """Make the next ``times`` calls of ``method`` ("*" for every method, or several names) fail.

        ``times=None`` keeps failing until ``clear()``. ``chat_id`` limits the fault to calls for one chat.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {sorted(FAULT_KINDS)}")
        if kind == "server_error" and not 500 <= status <= 599:
            raise ValueError("a server error needs a 5xx status")
        names = [method] if isinstance(method, str) else list(method)
        methods = None if "*" in names else frozenset(name.lower() for name in names)
        fault = Fault(methods, kind, times, after_processing, retry_after, status, hold, chat_id)
        self.faults.append(fault)
        return fault

    def take(self, method: str, params: dict[str, Any]) -> Fault | None:
        """The fault that applies to this call, counted as used; None if none does."""
        for fault in self.faults:
            if fault.matches(method, params):
                fault.hits += 1
                fault.affected.append(method)
                return fault
        return None

    def clear(self) -> None:
        """Forget every fault, used or not."""
        self.faults.clear()

    @property
    def pending(self) -> list[Fault]:
        """Faults that will still affect calls."""
        return [fault for fault in self.faults if fault.remaining != 0]
