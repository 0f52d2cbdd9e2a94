"""The device model every adapter builds on (UnifiedPOS / CEN-XFS shaped).

Lifecycle, called from any thread, never blocking on I/O::

    dev = SomeAdapter("scanner", {"port": "/dev/serial/by-id/usb-..."})  # checked: ``settings``
    unsubscribe = dev.subscribe(callback)   # callback(event) runs on the device's I/O thread
    dev.open()      # CLOSED -> OPEN: starts the I/O thread, which connects (or goes OFFLINE)
    dev.claim()     # OPEN -> CLAIMED: exclusive use by this application
    dev.enable()    # CLAIMED -> ENABLED: DataEvents flow; output jobs are accepted
    fut = dev.submit(job)                   # output devices; Future resolved on the I/O thread
    dev.disable(); dev.release(); dev.close()   # close() joins the I/O thread

``state`` is the state asked for, overlaid by OFFLINE while the channel is gone and ERROR after
a fault no reconnect can fix. Events: DataEvent, StatusEvent (online, offline, paper_low …),
ErrorEvent (with ``can_retry``), StateEvent — all from ``devices.events``.

Writing an adapter: subclass Device, declare its settings (``settings_type``: a subclass of
``devices.settings.Settings``, read as ``self.settings``), and implement

- ``_connect()``: open the channel; raise DeviceOffline/OSError if absent (retried with capped,
  jittered backoff, so the device is back within ~1 s of returning), DeviceConfigError if the
  parameters are wrong (ERROR state, no retry).
- ``_disconnect()``: close the channel; must not raise.
- ``_poll()``: one bounded read/status step (e.g. a serial read with a 50 ms timeout); call
  ``self._emit_data(payload)`` for input. Raise DeviceOffline/OSError when the channel vanished.
  Set ``poll_interval_s`` > 0 if ``_poll`` does not block by itself (the loop then waits that
  long for queued jobs between polls).
- optionally ``_apply_state(state)`` (tell the hardware it is enabled/disabled; re-run after every
  reconnect), ``_execute(job)`` (output), ``_test()`` (maintenance test transaction),
  ``_health_detail()`` (cheap, cached).

Everything an adapter does with its channel happens on its one I/O thread, so adapters need no
locks of their own.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, ClassVar

from devices.backoff import Backoff
from devices.errors import (
    DeviceError,
    DeviceOffline,
    DeviceStateError,
    DeviceTimeout,
    UnsupportedOperation,
)
from devices.events import (
    OFFLINE,
    ONLINE,
    DataEvent,
    DeviceState,
    ErrorEvent,
    Event,
    StateEvent,
    StatusEvent,
)
from devices.settings import Settings, parse_settings

__all__ = [
    "DataEvent",
    "Device",
    "DeviceState",
    "ErrorEvent",
    "Event",
    "Health",
    "StateEvent",
    "StatusEvent",
    "TestResult",
]

log = logging.getLogger(__name__)

Listener = Callable[[Event], None]

_ORDER = {DeviceState.OPEN: 1, DeviceState.CLAIMED: 2, DeviceState.ENABLED: 3}


@dataclass(frozen=True)
class Health:
    """A cheap in-service answer to "can I use it now?" — no I/O, read from cached state."""

    device: str
    state: DeviceState
    ok: bool
    status: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
    last_error: str = ""


@dataclass(frozen=True)
class TestResult:
    """Outcome of the maintenance test transaction (test print, test scan, pad ping)."""

    __test__ = False  # not a pytest class

    device: str
    ok: bool
    message: str
    duration_s: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)


class _Stop:
    """Queue sentinel telling the I/O loop to finish."""


class Device:
    """Base class of every adapter; see the module docstring for the contract."""

    #: adapter name in the ``kiosk.devices`` entry-point group (informational)
    adapter_name: ClassVar[str] = ""
    #: the adapter's settings schema; ``kiosk config check`` validates params against it
    settings_type: ClassVar[type[Settings]] = Settings
    #: seconds the loop waits for queued jobs between polls (0 when ``_poll`` blocks by itself)
    poll_interval_s: float = 0.5

    def __init__(self, name: str, params: Mapping[str, Any] | None = None) -> None:
        self.name = name
        # DeviceConfigError naming the key when a param is unknown, mistyped or out of range
        self.settings = parse_settings(self.settings_type, params, name)
        self.backoff = Backoff(self.settings.backoff_base_s, self.settings.backoff_cap_s)
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._target = DeviceState.CLOSED
        self._online = False
        self._fault: DeviceError | None = None
        self._status = ""
        self._last_error = ""
        self._listeners: list[Listener] = []
        self._queue: queue.Queue[tuple[Callable[[], Any], Future[Any]] | _Stop] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._previous_thread: threading.Thread | None = None
        self._reported = DeviceState.CLOSED  # last state announced in a StateEvent (I/O thread)

    # ----------------------------------------------------------------- public API
    @property
    def state(self) -> DeviceState:
        with self._lock:
            return self._state_locked()

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener (called on the I/O thread); returns a function that removes it."""
        with self._lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def open(self) -> None:
        previous = self._previous_thread
        if previous is not None and previous is not threading.current_thread():
            previous.join(
                5.0
            )  # closed from a listener: let that thread finish before reusing state
        with self._lock:
            if self._target is not DeviceState.CLOSED:
                raise DeviceStateError(f"{self.name}: open() but already {self._target.value}")
            self._target = DeviceState.OPEN
            self._online = False
            self._fault = None
            self._queue = queue.Queue()
            self._thread = threading.Thread(target=self._run, name=f"device-{self.name}")
            self._changed.notify_all()
        self._thread.start()

    def claim(self) -> None:
        self._move({DeviceState.OPEN, DeviceState.CLAIMED}, DeviceState.CLAIMED, "claim")

    def enable(self) -> None:
        self._move({DeviceState.CLAIMED, DeviceState.ENABLED}, DeviceState.ENABLED, "enable")

    def disable(self) -> None:
        self._move({DeviceState.CLAIMED, DeviceState.ENABLED}, DeviceState.CLAIMED, "disable")

    def release(self) -> None:
        self._move(
            {DeviceState.OPEN, DeviceState.CLAIMED, DeviceState.ENABLED},
            DeviceState.OPEN,
            "release",
        )

    def start(self) -> None:
        """open + claim + enable: what the kiosk does with every configured device."""
        self.open()
        self.claim()
        self.enable()

    def close(self, timeout: float = 5.0) -> None:
        """Stop the I/O thread (closing the channel on it) and join it; idempotent."""
        with self._lock:
            thread = self._thread
            if self._target is DeviceState.CLOSED and thread is None:
                return
            self._target = DeviceState.CLOSED
            self._thread = None
            self._previous_thread = thread
            self._changed.notify_all()
        self._queue.put(_Stop())
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            if thread.is_alive():
                log.warning("device I/O thread did not stop", extra={"device": self.name})

    def wait_for(self, *states: DeviceState, timeout: float = 5.0) -> bool:
        """Block until the state is one of ``states``; for tests, the CLI and worker threads."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._state_locked() not in states:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._changed.wait(left)
            return True

    def submit(self, job: Any) -> Future[Any]:
        """Queue an output job; the Future resolves on the I/O thread (result or DeviceError)."""
        with self._lock:
            target = self._target
        if target is not DeviceState.ENABLED:
            fut: Future[Any] = Future()
            fut.set_exception(
                DeviceStateError(f"{self.name}: submit() needs enabled, is {target.value}")
            )
            return fut
        return self._call(lambda: self._guarded(self._execute, job))

    def check_health(self) -> Health:
        """Cheap, no I/O: state, last status and the adapter's cached detail."""
        with self._lock:
            st = self._state_locked()
            status, last_error = self._status, self._last_error
        ok = st in (DeviceState.OPEN, DeviceState.CLAIMED, DeviceState.ENABLED)
        return Health(self.name, st, ok, status, self._health_detail(), last_error)

    def run_test(self) -> Future[TestResult]:
        """Start the maintenance test transaction on the I/O thread."""
        if self.state in (DeviceState.CLOSED,):
            fut: Future[TestResult] = Future()
            fut.set_result(TestResult(self.name, False, "device is closed"))
            return fut

        def test() -> TestResult:
            t0 = time.monotonic()
            if not self._online:
                return TestResult(self.name, False, "device is offline (not connected)")
            try:
                result = self._test()
            except (DeviceOffline, OSError) as exc:
                self._lost(exc)
                return TestResult(self.name, False, f"lost the device: {_describe(exc)}")
            except DeviceError as exc:
                return TestResult(self.name, False, _describe(exc), time.monotonic() - t0)
            return TestResult(
                result.device, result.ok, result.message, time.monotonic() - t0, result.detail
            )

        return self._call(test)

    def test_transaction(self, timeout: float = 10.0) -> TestResult:
        """Blocking test transaction for maintenance (technician panel worker, CLI)."""
        try:
            return self.run_test().result(timeout)
        except TimeoutError:
            return TestResult(self.name, False, f"no answer within {timeout:g} s", timeout)

    # ---------------------------------------------------------- adapter hooks
    def _connect(self) -> None:
        raise NotImplementedError

    def _disconnect(self) -> None:
        """Close the channel. Must not raise."""

    def _poll(self) -> None:
        """One bounded I/O step; default: nothing (output devices wait for jobs instead)."""

    def _apply_state(self, state: DeviceState) -> None:
        """Tell the hardware about OPEN/CLAIMED/ENABLED (runs after every reconnect too)."""

    def _execute(self, job: Any) -> Any:
        raise UnsupportedOperation(f"{self.name} is an input device; it takes no jobs")

    def _test(self) -> TestResult:
        return TestResult(self.name, True, "connected")

    def _health_detail(self) -> dict[str, Any]:
        """Cached, cheap detail for check_health(); must not do I/O."""
        return {}

    # ------------------------------------------------ helpers for adapters (I/O thread)
    def _emit_data(self, payload: object) -> None:
        """Deliver input; dropped unless enabled (UnifiedPOS DataEventEnabled)."""
        if self._target is DeviceState.ENABLED:
            self._emit(DataEvent(self.name, payload))

    def _emit_status(self, status: str, detail: str = "") -> None:
        with self._lock:
            self._status = status
        self._emit(StatusEvent(self.name, status, detail))

    def _emit_error(self, error: DeviceError) -> None:
        with self._lock:
            self._last_error = _describe(error)
        self._emit(ErrorEvent(self.name, error, error.can_retry))

    @property
    def target_state(self) -> DeviceState:
        """The state asked for by the application (what to restore after a reconnect)."""
        return self._target

    # --------------------------------------------------------------- internals
    def _state_locked(self) -> DeviceState:
        if self._target is DeviceState.CLOSED:
            return DeviceState.CLOSED
        if self._fault is not None:
            return DeviceState.ERROR
        if not self._online:
            return DeviceState.OFFLINE
        return self._target

    def _move(self, allowed: set[DeviceState], to: DeviceState, verb: str) -> None:
        with self._lock:
            if self._target not in allowed:
                raise DeviceStateError(
                    f"{self.name}: {verb}() not allowed when {self._target.value}"
                )
            self._target = to
            self._changed.notify_all()
        self._call(self._sync_state)

    def _call(self, fn: Callable[[], Any]) -> Future[Any]:
        fut: Future[Any] = Future()
        with self._lock:  # put under the lock: close() queues its stop after anything put here
            if self._thread is not None:
                self._queue.put((fn, fut))
                return fut
        fut.set_exception(DeviceStateError(f"{self.name} is closed"))
        return fut

    def _guarded(self, fn: Callable[[Any], Any], job: Any) -> Any:
        if not self._online:
            raise DeviceOffline(f"{self.name} is offline")
        try:
            return fn(job)
        except (DeviceOffline, OSError) as exc:
            self._lost(exc)
            raise DeviceOffline(f"{self.name}: lost during the job: {_describe(exc)}") from exc
        except DeviceError as exc:
            self._emit_error(exc)
            raise

    def _emit(self, event: Event) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("device listener failed", extra={"device": self.name})

    def _sync_state(self) -> None:
        """Runs on the I/O thread: apply and announce the state if it changed."""
        with self._lock:
            st = self._state_locked()
            online = self._online
        if online and st in _ORDER:
            try:
                self._apply_state(st)
            except (DeviceOffline, OSError) as exc:
                self._lost(exc)
                return
            except DeviceError as exc:
                self._emit_error(exc)
        if st is not self._reported:
            prev, self._reported = self._reported, st
            self._emit(StateEvent(self.name, st, prev))

    def _set_online(self, online: bool, detail: str = "") -> None:
        with self._lock:
            changed = self._online != online
            self._online = online
            self._changed.notify_all()
        if changed:
            self._emit_status(ONLINE if online else OFFLINE, detail)
        self._sync_state()

    def _lost(self, exc: BaseException) -> None:
        log.warning(
            "device channel lost", extra={"device": self.name, "reason": type(exc).__name__}
        )
        self._safe_disconnect()
        self._set_online(False, _describe(exc))

    def _safe_disconnect(self) -> None:
        try:
            self._disconnect()
        except Exception:
            log.exception("device disconnect failed", extra={"device": self.name})

    def _run(self) -> None:
        attempt = 0
        q = self._queue
        try:
            self._sync_state()
            while True:
                if self._fault is None and not self._online:
                    try:
                        self._connect()
                    except (DeviceOffline, DeviceTimeout, OSError) as exc:
                        attempt += 1
                        if attempt == 1:
                            self._set_online(False, _describe(exc))
                        if not self._drain(q, self.backoff.delay(attempt)):
                            return
                        continue
                    except DeviceError as exc:
                        with self._lock:
                            self._fault = exc
                            self._changed.notify_all()
                        self._emit_error(exc)
                        self._sync_state()
                        continue
                    attempt = 0
                    self._set_online(True)
                if self._online:
                    try:
                        self._poll()
                    except (DeviceOffline, OSError) as exc:
                        self._lost(exc)
                        continue
                    except DeviceError as exc:
                        self._emit_error(exc)
                    if not self._drain(q, self.poll_interval_s):
                        return
                elif not self._drain(q, 0.5):
                    return
        finally:
            if self._online:
                self._safe_disconnect()
            with self._lock:
                self._online = False
                self._changed.notify_all()
            prev, self._reported = self._reported, DeviceState.CLOSED
            if prev is not DeviceState.CLOSED:
                self._emit(StateEvent(self.name, DeviceState.CLOSED, prev))
            # fail whatever was still queued, so no caller waits forever
            while True:
                try:
                    item = q.get_nowait()
                except queue.Empty:
                    break
                if not isinstance(item, _Stop) and not item[1].done():
                    item[1].set_exception(DeviceStateError(f"{self.name} was closed"))

    def _drain(self, q: queue.Queue[Any], timeout: float) -> bool:
        """Run queued calls, waiting up to ``timeout`` for the first; False on stop."""
        try:
            item = q.get(timeout=timeout) if timeout > 0 else q.get_nowait()
        except queue.Empty:
            return True
        while True:
            if isinstance(item, _Stop):
                return False
            fn, fut = item
            if fut.set_running_or_notify_cancel():
                try:
                    fut.set_result(fn())
                except BaseException as exc:
                    fut.set_exception(exc)
            try:
                item = q.get_nowait()
            except queue.Empty:
                return True


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
