"""An attribute that holds its widget weakly.

A panel keeps its screen (``self.host = screen``) to reach the screen's task runner and flow;
held strongly, screen → panel → screen is a reference cycle, and a reset screen — with the
citizen's case in its flow — would live on until the next full garbage collection, which in a
process this size is rare (issue 6's soak found exactly this). Declared once on the class
(``host = WeakAttr["FlowScreen"]()``), the assignments in ``__init__`` stay as they are.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, Generic, ParamSpec, TypeVar

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")


class WeakAttr(Generic[T]):
    def __set_name__(self, owner: type, name: str) -> None:
        self._slot = f"_weak_{name}"

    def __get__(self, obj: object, owner: type | None = None) -> T:
        if obj is None:
            return self  # type: ignore[return-value]  # class access: the descriptor itself
        ref: weakref.ref[Any] | None = obj.__dict__.get(self._slot)
        target = ref() if ref is not None else None
        if target is None:
            raise ReferenceError(f"{type(obj).__name__}.{self._slot[6:]} is gone")
        return target  # type: ignore[no-any-return]

    def __set__(self, obj: object, value: T) -> None:
        obj.__dict__[self._slot] = weakref.ref(value)


def weak_method(method: Callable[P, R]) -> Callable[P, R | None]:
    """``method`` (a bound method) called through a weak reference to its object: handing a
    screen's method to something the screen owns then makes no cycle. Once the object is gone
    the call does nothing."""
    ref = weakref.WeakMethod(method)

    def call(*args: P.args, **kwargs: P.kwargs) -> R | None:
        bound = ref()
        return None if bound is None else bound(*args, **kwargs)

    return call
