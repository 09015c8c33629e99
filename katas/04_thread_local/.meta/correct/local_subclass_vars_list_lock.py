"""Correct: a threading.local subclass whose __init__ counts per-thread inits, read through
vars(store).get, set through store.__dict__; main collects results in a list under a Lock,
starts every thread, then joins them in a second loop."""

from __future__ import annotations

import threading


class Store(threading.local):
    def __init__(self) -> None:
        # Runs once per thread that touches the store; sets no index.
        self.inits = 1


def make_store():
    return Store()


def read_index(store) -> int | None:
    return vars(store).get("index")


def set_local_data(store, index: int) -> tuple[int | None, int]:
    before = read_index(store)
    store.__dict__["index"] = index
    return before, read_index(store)


def main(n: int = 5) -> dict[str, tuple[int | None, int]]:
    store = make_store()
    me = threading.current_thread().name
    first = set_local_data(store, 0)
    collected: list[tuple[str, tuple[int | None, int]]] = []
    guard = threading.Lock()

    def run(index: int) -> None:
        pair = set_local_data(store, index)
        with guard:
            collected.append((threading.current_thread().name, pair))

    threads = []
    for i in range(n):
        thread = threading.Thread(target=run, kwargs={"index": i + 1})
        thread.name = f"thread-{i}"
        threads.append(thread)
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = dict(collected)
    result[me] = (first[0], read_index(store))
    return result


if __name__ == "__main__":
    for name, (before, after) in main().items():
        print(f"{name}: before {before}, after {after}")
