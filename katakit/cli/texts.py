"""What the `kata` command says to a student: its own texts, whatever the kata.

They live in the catalogue ``texts.toml`` (English) and ``texts.ko.toml`` (Korean); ``texts.NAME``
is the template NAME in the current language, a plain string to be formatted with named
arguments. The grade a student reads (`katakit.grading`, `katakit.confine`'s summary) comes from
the same catalogue.
"""

from __future__ import annotations

from katakit import i18n
from katakit.i18n import Text

#: The catalogue of the command's texts (English; the other languages beside it).
CATALOGUE = i18n.COMMAND


def __getattr__(name: str) -> str:
    # A plain string, not a Text: formatted, a Text notes itself in i18n.RENDERED (which only a
    # pytest session clears) so as to be translated inside a failure's message. No failure's
    # message is made of these, a bare word of theirs ("passed", "error") must never be
    # translated inside one, and `kata watch` would note a progress line at every tick.
    try:
        return str(Text(CATALOGUE, name))
    except KeyError:
        raise AttributeError(f"the kata command has no text {name}") from None
