"""Correct: Resource.lock is a multiprocessing.RLock(): re-entrant, and exclusive between
threads too (its acquire() names its flag `block`, not `blocking`)."""
from __future__ import annotations

import multiprocessing
import threading


class Resource:
    def __init__(self) -> None:
        self.value = 0
        self.lock = multiprocessing.RLock()

def set_zero(resource) -> None:
    with resource.lock:
        resource.value = 0


def set_one(resource) -> None:
    with resource.lock:
        resource.value = 1

def set_reverse(resource) -> int:
    with resource.lock:
        if resource.value == 0:
            set_one(resource)
        else:
            set_zero(resource)
        return resource.value


def flip_and_report(resource) -> None:
    print(f"{threading.current_thread().name} : set_reverse -> {set_reverse(resource)}")


if __name__ == "__main__":
    resource = Resource()
    threads = [threading.Thread(target=flip_and_report, args=(resource,), name=f"thread-{i}",
                                daemon=True) for i in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(f"value : {resource.value}")
