"""The judge's own messages: how student code failed to run, whatever the kata.

They live in the catalogue ``texts.toml`` (English) and ``texts.ko.toml`` (Korean); ``texts.NAME``
is the template NAME in the current language (a `katakit.i18n.Text`). A kept wrong solution
names one of these as ``judge.NAME`` in its ``expect:`` lines.
"""

from __future__ import annotations

from pathlib import Path

from katakit import i18n
from katakit.i18n import Text

#: The catalogue of the judge's messages (English; the other languages beside it).
CATALOGUE = Path(__file__).with_name("texts.toml")


def __getattr__(name: str) -> Text:
    try:
        return i18n.given(CATALOGUE, name)
    except KeyError:
        raise AttributeError(f"the judge has no message {name}") from None
