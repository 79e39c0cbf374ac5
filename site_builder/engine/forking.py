"""Run CPU-bound work in a forked child, to use a second core without pickling the inputs.

A build at 10,000 incidents is pure Python work; threads would share one core. A forked
child starts with the parent's memory (the snapshot, the templates), so only its result
crosses the pipe. Where fork does not exist, the work runs in the calling process.
"""

from __future__ import annotations

import os
import pickle
import traceback
from collections.abc import Callable, Sequence
from functools import partial
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class ForkError(RuntimeError):
    """The child failed; the message carries its traceback."""


def can_fork() -> bool:
    return hasattr(os, "fork")


class Forked(Generic[R]):
    """`func()` running in a child process from now on; `result()` waits for its return value."""

    def __init__(self, func: Callable[[], R]) -> None:
        self._value: R | None = None
        self._pid = 0
        self._reader = -1
        if not can_fork():
            self._value = func()
            return
        reader, writer = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running the parent's exit handlers
            os.close(reader)
            try:
                payload = pickle.dumps((True, func()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                payload = pickle.dumps((False, traceback.format_exc()))
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(payload)
            os._exit(0)
        os.close(writer)
        self._pid, self._reader = pid, reader

    def result(self) -> R:
        if self._pid:
            # Read before waiting: a child blocked on a full pipe would never exit.
            with os.fdopen(self._reader, "rb") as pipe:
                data = pipe.read()
            os.waitpid(self._pid, 0)
            self._pid = 0
            if not data:
                raise ForkError("the child process died without a result")
            ok, value = pickle.loads(data)
            if not ok:
                raise ForkError(value)
            self._value = value
        return self._value  # type: ignore[return-value]


def detached(func: Callable[[], object]) -> bool:
    """Runs `func()` in a process of its own that outlives this one; False when none can be made.

    For work nobody waits for (removing a replaced site): the process is forked twice, so it
    is never this one's zombie, and its standard streams go to /dev/null, so a caller reading
    this process's output to its end never waits for it. It keeps every descriptor this
    process had open when it was made (a lock, say) until `func` returns.
    """
    if not can_fork():
        return False
    try:
        pid = os.fork()
    except OSError:
        return False
    if pid:
        os.waitpid(pid, 0)  # the first child exits at once, leaving the second to init
        return True
    try:  # the first child
        os.setsid()
        if os.fork():
            os._exit(0)
        null = os.open(os.devnull, os.O_RDWR)
        for stream in (0, 1, 2):
            os.dup2(null, stream)
        func()
    finally:
        os._exit(0)  # never back into the caller's code, its exit handlers or its tests


def _apply(
    func: Callable[[T], R], items: Sequence[T], finish: Callable[[int], object] | None = None, share: int = 0
) -> list[R]:
    results = [func(item) for item in items]
    if finish is not None:
        finish(share)
    return results


def parallel_map(
    func: Callable[[T], R], items: Sequence[T], workers: int, finish: Callable[[int], object] | None = None
) -> list[R]:
    """`[func(i) for i in items]`, in order, split across `workers` processes (this one included).

    Items are dealt out in turn (0, n, 2n… to this process), so costly and cheap items spread evenly.
    `finish(share)` runs in each process once its share is done (share 0 is this process's): a
    worker saves there what it gathered for itself rather than sending it back.
    """
    if workers <= 1 or len(items) < 2 or not can_fork():
        return _apply(func, items, finish)
    shares = [items[start::workers] for start in range(workers)]
    children = [Forked(partial(_apply, func, share, finish, index)) for index, share in enumerate(shares) if index]
    try:
        mine = _apply(func, shares[0], finish)
    finally:
        theirs = [child.result() for child in children]  # always reaped, even when this share failed
    parts = [mine, *theirs]
    return [parts[index % workers][index // workers] for index in range(len(items))]


#: Below this many items, work runs in one process: forking would cost more than it saves.
PARALLEL_FROM = 200


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers_for(count: int, cores: int | None = None) -> int:
    """How many processes `count` items are worth: every core from PARALLEL_FROM items, else one."""
    return (cores or available_cores()) if count >= PARALLEL_FROM else 1


def map_on_cores(func: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`parallel_map` over the available cores when there are enough items to be worth it."""
    return parallel_map(func, items, workers_for(len(items)))
