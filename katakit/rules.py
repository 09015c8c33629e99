"""What a kata's test file (its rules) takes from the kata's hidden folder.

``M = rules.messages(__file__)`` gives the teaching messages of the kata the test file belongs
to (``.meta/messages.toml``), by name: ``M.NOT_JOINED.format(names=...)``.
"""

from __future__ import annotations

from pathlib import Path

from katakit import catalog


class Messages:
    """A kata's teaching messages, read as attributes: ``M.NAME`` is the template NAME."""

    def __init__(self, texts: dict[str, str], source: Path) -> None:
        self._texts = texts
        self._source = source

    def __getattr__(self, name: str) -> str:
        try:
            return self._texts[name]
        except KeyError:
            raise AttributeError(f"{self._source} has no message {name}") from None


def messages(test_file: str) -> Messages:
    """The teaching messages of the kata whose test file is `test_file` (pass ``__file__``)."""
    kata = catalog.read(Path(test_file).resolve().parent)
    return Messages(kata.messages, kata.messages_file)
