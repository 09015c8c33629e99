"""The katas speak English and Korean: which language, and texts that know their translations.

The language is ``KATA_LANG`` (or the `kata` command's ``--lang``) when set, else the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: Korean when it starts with ``ko``), else English.

Every text a student reads comes from a *catalogue*: one TOML file per language, the same keys in
each, each template's placeholders named (``{thread}``), so that a translation may put them in
another order. A kata's teaching messages are its ``.meta/messages.toml`` and
``.meta/messages.ko.toml``; the judge's own are ``katakit/judge/texts.toml`` and
``texts.ko.toml``; the `kata` command's are ``katakit/cli/texts.toml`` and ``texts.ko.toml``.

A `Text` is a template in the current language that knows where it comes from; its `format`
gives a `Rendered` string that can render itself again in any language, and notes itself in
RENDERED, so that the plugin can give every failure's message in every language (the kept wrong
solutions are checked in each).
"""

from __future__ import annotations

import os
import string
import sys
from functools import lru_cache
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

#: The languages of the katas: English first, the language every text is written in first.
LANGUAGES = ("en", "ko")
LANG_ENV = "KATA_LANG"
#: The messages rendered, and the templates a catalogue gave out, in this process since the
#: plugin last cleared it: what a failure's message may hold, each able to say it in any language.
RENDERED: list[Rendered | Text] = []
#: The catalogues of the katas this process judges (their .meta/messages.toml, as
#: `katakit.rules.messages` opens them), resolved: a text a judge's child sends may come from
#: one of these, or from katakit's own (`katakit.judge.launch.catalogue_text`).
KATA_CATALOGUES: set[Path] = set()
#: The `kata` command's catalogue, named here for the grader too (the command imports it).
COMMAND = Path(__file__).with_name("cli") / "texts.toml"


def language() -> str:
    """The language to speak: KATA_LANG, else the locale's, else English."""
    chosen = os.environ.get(LANG_ENV, "")
    if not chosen:
        for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
            chosen = os.environ.get(variable, "")
            if chosen:
                break
    return "ko" if chosen.lower().startswith("ko") else "en"


def file_for(base: Path, lang: str) -> Path:
    """The file of `base` ("messages.toml", "README.md") in `lang`: ``messages.ko.toml``."""
    return base if lang == "en" else base.with_name(f"{base.stem}.{lang}{base.suffix}")


@lru_cache(maxsize=None)
def catalogue(base: Path, lang: str) -> dict[str, object]:
    """The catalogue `base` in `lang` (the English one is `base` itself); {} when it is missing."""
    path = file_for(base, lang)
    if not path.is_file():
        return {}
    return tomllib.loads(path.read_text(encoding="utf-8"))


def placeholders(template: str) -> set[str]:
    """The names of a template's placeholders: "{thread!r} {count}" -> {"thread", "count"}."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def given(base: Path, key: str) -> Text:
    """The template `key` of the catalogue `base` in the current language, noted in RENDERED (a
    template used as it is, without arguments, can be a failure's whole message)."""
    text = Text(base, key)
    RENDERED.append(text)
    return text


class Text(str):
    """The template `key` of the catalogue `base`, in the current language (English where the
    current one has no such key)."""

    def __new__(cls, base: Path, key: str, lang: str | None = None) -> Text:
        lang = lang or language()
        template = catalogue(base, lang).get(key) or catalogue(base, "en")[key]
        text = super().__new__(cls, template)
        text.base, text.key, text.lang = base, key, lang
        return text

    def __reduce__(self) -> tuple:
        return Text, (self.base, self.key, self.lang)

    def format(self, *args: object, **kwargs: object) -> Rendered:
        if args:
            raise TypeError("a catalogue's templates take named arguments only")
        return Rendered(self.base, self.key, kwargs, language())

    def to(self, lang: str) -> str:
        """This template in `lang`."""
        return str(Text(self.base, self.key, lang))


class Rendered(str):
    """A template formatted with its arguments, that can be formatted again in any language."""

    def __new__(cls, base: Path, key: str, kwargs: dict, lang: str) -> Rendered:
        text = super().__new__(cls, _render(base, key, kwargs, lang))
        text.base, text.key, text.kwargs, text.lang = base, key, kwargs, lang
        RENDERED.append(text)
        return text

    def __reduce__(self) -> tuple:
        return Rendered, (self.base, self.key, self.kwargs, self.lang)

    def to(self, lang: str) -> str:
        """The same message in `lang`."""
        return _render(self.base, self.key, self.kwargs, lang)


class Lines(str):
    """Texts one after another, each on a line of its own: each after a newline, or, `between`,
    each but the first (as ``"\n".join``): in any language, each of them in it."""

    def __new__(cls, texts: list[str], between: bool = False) -> Lines:
        joined = super().__new__(cls, _lines(texts, between))
        joined.texts, joined.between = texts, between
        return joined

    def __reduce__(self) -> tuple:
        return Lines, (self.texts, self.between)

    def to(self, lang: str) -> str:
        return _lines([in_language(text, lang) for text in self.texts], self.between)


def _lines(texts: list[object], between: bool) -> str:
    joined = "".join(f"\n{text}" for text in texts)
    return joined[1:] if between else joined


def knows_translations(text: object) -> bool:
    """Whether `text` can give itself in every language: a Text, a Rendered, Lines."""
    return isinstance(text, (Text, Rendered, Lines))


def in_language(text: object, lang: str) -> object:
    """`text` in `lang` if it knows its translations (a Text, a Rendered, Lines), else itself."""
    return text.to(lang) if knows_translations(text) else text


def _render(base: Path, key: str, kwargs: dict, lang: str) -> str:
    """Template `key` of `base` in `lang`, formatted with `kwargs`, whose texts are in `lang` too."""
    values = {name: in_language(value, lang) for name, value in kwargs.items()}
    return str(Text(base, key, lang)).format(**values)


def translate(text: str, lang: str, rendered: list[Rendered | Text]) -> str:
    """`text` (a failure's message) in `lang`: each of `rendered` that it holds, longest first,
    replaced by its rendering in `lang`; what no catalogue made stays as it is."""
    for message in sorted(set(rendered), key=len, reverse=True):
        if message and message in text:
            text = text.replace(message, message.to(lang))
    return text
