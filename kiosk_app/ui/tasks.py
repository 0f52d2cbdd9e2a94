"""The one task manager: background work off the GUI thread, results back on it by signal.

Like Anki's `mw.taskman`: screens never start threads of their own. A call to a device or to the
network goes through `run()`, and the callback runs on the GUI thread once the work is done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)


class TaskManager(QObject):
    _done = Signal(object, object)  # (callback, future)

    def __init__(self, workers: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kiosk-task")
        self._done.connect(self._deliver)
        self._closed = False

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future[Any]:
        """Run `fn` in the pool; `on_done(result)` or `on_error(exc)` later on the GUI thread."""
        fut: Future[Any] = self._pool.submit(fn)

        def finished(f: Future[Any]) -> None:
            if not self._closed:
                self._done.emit((on_done, on_error), f)

        fut.add_done_callback(finished)
        return fut

    @Slot(object, object)
    def _deliver(self, callbacks: tuple[Any, Any], fut: Future[Any]) -> None:
        on_done, on_error = callbacks
        if _gone(on_done) or _gone(on_error):
            return  # the screen that asked was deleted meanwhile (a reset): nobody to answer
        exc = fut.exception()
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            else:
                log.error("background task failed", exc_info=exc)
            return
        if on_done is not None:
            on_done(fut.result())

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)


def _gone(callback: Any) -> bool:
    """A bound method of a widget (or any QObject) whose C++ side is already deleted."""
    owner = getattr(callback, "__self__", None)
    return isinstance(owner, QObject) and not shiboken6.isValid(owner)
