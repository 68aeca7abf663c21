"""Fault injection: make chosen Bot API calls fail the ways Telegram and networks fail.

Kinds:

- ``"flood"``: 429 "Too Many Requests: retry after N" with ``parameters.retry_after``;
- ``"server_error"``: a 5xx answer (``status`` 500 "Internal Server Error" or 502 "Bad Gateway");
- ``"timeout"``: the request is held (``hold`` seconds, default until the server stops) so that the
  client's own timeout fires; then the connection is closed without an answer;
- ``"drop"``: the connection is closed without an answer.

With ``after_processing=True`` the call takes effect first (the message is sent, the edit made) and only
its answer is lost or replaced, which is what tests of duplicate-send safety need. With ``rate`` a fault
hits each matching call only with that probability (drawn from a generator seeded with ``seed``, so a run
can be repeated), which is how flood control looks from a busy bot: a third of its sends refused, at random.
"""

from __future__ import annotations

import random
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
    rate: float | None = None
    seed: int = 0
    hits: int = 0
    affected: list[str] = field(default_factory=list)
    _draw: random.Random = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._draw = random.Random(self.seed)

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
                if int(params.get("chat_id", 0)) != self.chat_id:
                    return False
            except (TypeError, ValueError):
                return False
        return self.rate is None or self._draw.random() < self.rate


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
        rate: float | None = None,
        seed: int = 0,
    ) -> Fault:
        """Make the next ``times`` calls of ``method`` ("*" for every method, or several names) fail.

        ``times=None`` keeps failing until ``clear()``. ``chat_id`` limits the fault to calls for one chat.
        ``rate`` (0 to 1): each matching call fails with that probability (a generator seeded by ``seed``).
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {sorted(FAULT_KINDS)}")
        if kind == "server_error" and not 500 <= status <= 599:
            raise ValueError("a server error needs a 5xx status")
        if rate is not None and not 0 < rate <= 1:
            raise ValueError("a rate is a probability above 0, at most 1")
        names = [method] if isinstance(method, str) else list(method)
        methods = None if "*" in names else frozenset(name.lower() for name in names)
        fault = Fault(methods, kind, times, after_processing, retry_after, status, hold, chat_id, rate, seed)
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
