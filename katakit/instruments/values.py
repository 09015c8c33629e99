"""Plain values: what a scenario returns to the pytest process (never an object of the student's
module, which the judge refuses to unpickle there)."""

from __future__ import annotations

#: Types returned as they are.
PLAIN = (type(None), bool, int, str)


def plain(value: object) -> object:
    """`value` as plain values: None, bools, ints and strings as they are (an int of a subclass
    as an int), tuples and lists as tuples, dicts as dicts of plain values, anything else (a
    float too: 3.0 must not pass for the int 3) as its repr."""
    if type(value) in PLAIN:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, (tuple, list)):
        return tuple(plain(item) for item in value)
    if isinstance(value, dict):
        return {plain(key): plain(item) for key, item in value.items()}
    return repr(value)
