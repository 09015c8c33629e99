"""What the `kata` command says to a student: its own texts, whatever the kata.

They live in the catalogue ``texts.toml`` (English) and ``texts.ko.toml`` (Korean); ``texts.NAME``
is the template NAME in the current language (a `katakit.i18n.Text`), to be formatted with named
arguments. The grade a student reads (`katakit.grading`, `katakit.confine`'s summary) comes from
the same catalogue.
"""

from __future__ import annotations

from katakit import i18n
from katakit.i18n import Text

#: The catalogue of the command's texts (English; the other languages beside it).
CATALOGUE = i18n.COMMAND


def __getattr__(name: str) -> Text:
    # Not noted in i18n.RENDERED as the judge's are: no failure's message is made of these, and
    # a bare word of theirs ("passed", "error") must never be translated inside one.
    try:
        return Text(CATALOGUE, name)
    except KeyError:
        raise AttributeError(f"the kata command has no text {name}") from None


def state(name: str) -> Text:
    """A kata's state or a grade's verdict ("not started", "passed") as a word."""
    return __getattr__(f"STATE_{name.upper().replace(' ', '_')}")


def kind(name: str) -> Text:
    """How a stuck test failed ("deadlock") as a word."""
    return __getattr__(f"KIND_{name.upper()}")
