"""A time limit for a check: each call of the learner's function may run ``seconds``, the
whole check (the judge's own work included) ``cap_s``; past either, the running code is
interrupted.

In the main thread (a Jupyter kernel runs cells there) a ``SIGALRM`` timer also stops
``time.sleep`` and other waits; elsewhere, or where someone else holds the timer, a
watchdog thread raises the exception between two Python instructions.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from typing import Any

_RETRY_S = 0.05  # once expired, interrupt again this often (code that catches the first)
_POLL_S = 0.02  # how often the watchdog thread looks at the clock


class TimeLimitExceeded(BaseException):
    """Raised into the running code when a check runs past its time limit.

    A ``BaseException``, so that a learner's ``except Exception`` cannot swallow it.
    """


class TimeLimit:
    """A context manager; :meth:`enter_learner` and :meth:`leave_learner` mark one call of the
    learner's code, which may run ``seconds``. After expiry ``stopped_call`` says whether a
    call ran too long (else the whole check did) and ``stopped_in_learner_code`` where."""

    def __init__(self, seconds: float, cap_s: float) -> None:
        self.seconds, self.cap_s = seconds, cap_s
        self.learner_since: float | None = None  # when the running call began
        self.expired = self.active = self.stopped_in_learner_code = self.stopped_call = False
        self._start = 0.0
        self._signal = False
        self._old_handler: Any = None
        self._installed = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread_id = threading.get_ident()

    # --- bookkeeping ---

    def _remaining(self) -> float:
        now = time.monotonic()
        overall = self._start + self.cap_s - now
        if self.learner_since is None:
            return overall
        return min(overall, self.seconds - (now - self.learner_since))

    def enter_learner(self) -> None:
        """A call of the learner's code starts."""
        self.learner_since = time.monotonic()
        self._arm()

    def leave_learner(self) -> None:
        """The call has returned (or raised)."""
        self.learner_since = None
        self._arm()

    def _expire(self) -> None:
        self.expired = True
        now, since = time.monotonic(), self.learner_since
        self.stopped_in_learner_code = since is not None
        self.stopped_call = since is not None and now - since >= self.seconds - 1e-3

    # --- the interrupt ---

    def _arm(self) -> None:
        if self._signal and self.active and not self.expired:
            signal.setitimer(signal.ITIMER_REAL, max(self._remaining(), 1e-4), _RETRY_S)

    def _on_alarm(self, signum: int, frame: Any) -> None:
        if not self.active:
            return
        if not self.expired:
            if self._remaining() > 1e-3:  # an alarm set before the last re-arming
                self._arm()
                return
            self._expire()
        raise TimeLimitExceeded

    def _watch(self) -> None:
        while not self._stop.wait(_POLL_S):
            with self._lock:
                if not self.active:
                    return
                if not self.expired:
                    if self._remaining() > 0:
                        continue
                    self._expire()
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(self._thread_id), ctypes.py_object(TimeLimitExceeded))

    def _can_use_signal(self) -> bool:
        return (hasattr(signal, "setitimer")
                and threading.current_thread() is threading.main_thread()
                and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
                and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0))

    def __enter__(self) -> TimeLimit:
        self._start, self.active = time.monotonic(), True
        self._signal = self._can_use_signal()
        if self._signal:
            self._old_handler = signal.signal(signal.SIGALRM, self._on_alarm)
            self._installed = True
            self._arm()
        else:
            threading.Thread(target=self._watch, daemon=True).start()
        return self

    def __exit__(self, *exc: Any) -> None:
        while True:  # an interrupt already on its way may land here: disarm until it did
            try:
                self._disarm()
                return
            except TimeLimitExceeded:
                continue

    def _disarm(self) -> None:
        if self._signal:
            if self.active:
                signal.setitimer(signal.ITIMER_REAL, 0)
                self.active = False
            if self._installed:
                signal.signal(signal.SIGALRM, self._old_handler or signal.SIG_DFL)
                self._installed = False
            return
        with self._lock:
            self.active = False
            self._stop.set()
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread_id), None)
