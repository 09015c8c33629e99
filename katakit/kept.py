"""The wrong and correct solutions each kata keeps, and what each wrong one must produce.

Each kata keeps realistic mistakes in ``katas/NN_topic/.meta/wrong/*.py`` and other correct ways
of writing it in ``katas/NN_topic/.meta/correct/*.py``. A wrong solution's docstring says which
tests must fail on it, and with which message, in ``expect:`` lines::

    expect: test_name -> MESSAGE            (every parametrisation of test_name fails with it)
    expect: test_name[param] -> judge.STUCK (that one fails with the judge's own message)
    expect: test_name -> ONE | OTHER        (with either: where the platform decides which, as
                                             the default start method does)

MESSAGE names a message of the kata's ``.meta/messages.toml`` (or one of the judge's own,
`katakit.judge.texts`, with the ``judge.`` prefix). A failure matches when it contains every literal part of the template.
The repo's tests, `kata stress` and `kata verify` all read them from here.
"""

from __future__ import annotations

import ast
import re
import string
from dataclasses import dataclass
from pathlib import Path

from katakit.i18n import Text
from katakit.judge import texts
from katakit.catalog import Kata

EXPECT = re.compile(
    r"^\s*expect:\s*(?P<test>\S+)\s*->\s*(?P<messages>\S+(?:\s*\|\s*\S+)*)\s*$", re.M
)


@dataclass(frozen=True)
class Expectation:
    test: str
    message_names: tuple[str, ...]  # the failure says one of them

    def matches(self, test_name: str) -> bool:
        return test_name == self.test or test_name.split("[", 1)[0] == self.test


def expectations(path: Path) -> list[Expectation]:
    """The ``expect:`` lines of a kept wrong solution's docstring."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return [
        Expectation(m["test"], tuple(name.strip() for name in m["messages"].split("|")))
        for m in EXPECT.finditer(doc)
    ]


def message(kata: Kata, name: str, lang: str = "en") -> str:
    """The message template `name` of `kata` (or of the judge, as ``judge.NAME``) in `lang`."""
    if name.startswith("judge."):
        return Text(texts.CATALOGUE, name.removeprefix("judge."), lang)
    return Text(kata.messages_file, name, lang)


def flat(text: str) -> str:
    """Failure text with pytest's 'E   ' prefixes and line breaks folded into single spaces."""
    return " ".join(re.sub(r"^E\s+", "", line).strip() for line in text.splitlines()).strip()


def literal_parts(template: str) -> list[str]:
    """The fixed text of a message template, between its {placeholders}."""
    return [flat(text) for text, *_ in string.Formatter().parse(template) if flat(text)]


def says(text: str, template: str) -> list[str]:
    """The literal parts of `template` missing from the failure `text` (none: it says it)."""
    folded = flat(text)
    return [part for part in literal_parts(template) if part not in folded]
