"""Every text in every language: a kata's lesson, messages, hints and rules, its title and what
it teaches, the judge's messages and the `kata` command's texts exist in each of
`katakit.i18n.LANGUAGES`, with the same keys and, key by key, the same placeholders (a
translation may reorder them, never drop or add one)."""

from __future__ import annotations

from pathlib import Path

from katakit import i18n
from katakit.catalog import Kata

#: The catalogues of the tooling itself, English first (the other languages beside each).
TOOLING = {
    "the judge's messages": Path(__file__).resolve().parent.parent / "judge" / "texts.toml",
    "the kata command's texts": Path(__file__).resolve().parent.parent / "cli" / "texts.toml",
}


def catalogue_problems(base: Path, what: str) -> list[str]:
    """What differs between the English catalogue `base` and each translation of it."""
    english = i18n.catalogue(base, "en")
    problems = []
    for lang in i18n.LANGUAGES[1:]:
        path = i18n.file_for(base, lang)
        if not path.is_file():
            problems.append(f"{what} have no {lang} version ({path.name})")
            continue
        other = i18n.catalogue(base, lang)
        for key in sorted(set(english) - set(other)):
            problems.append(f"{what}: {key} has no {lang} text")
        for key in sorted(set(other) - set(english)):
            problems.append(f"{what}: {key} is in {path.name} only")
        for key in sorted(set(english) & set(other)):
            problems += value_problems(english[key], other[key], f"{what}: {key} ({lang})")
    return problems


def value_problems(english: object, other: object, where: str) -> list[str]:
    """How a translated value differs in shape from its English one: its placeholders, or the
    number of its items (a list of hints)."""
    if isinstance(english, list):
        if not isinstance(other, list) or len(other) != len(english):
            return [f"{where} has not the same number of items"]
        return [p for e, o in zip(english, other) for p in value_problems(e, o, where)]
    if not isinstance(other, str):
        return [f"{where} is not text"]
    if i18n.placeholders(english) != i18n.placeholders(other):
        missing = sorted(i18n.placeholders(english) - i18n.placeholders(other))
        extra = sorted(i18n.placeholders(other) - i18n.placeholders(english))
        return [f"{where} has other placeholders (missing {missing}, extra {extra})"]
    return []


def kata_problems(kata: Kata, tests: list[str]) -> list[str]:
    """What of `kata`, whose test functions are `tests`, is not in every language."""
    problems = catalogue_problems(kata.messages_file, "its messages")
    if kata.hints_file.is_file():
        problems += catalogue_problems(kata.hints_file, "its hints")
    for lang in i18n.LANGUAGES[1:]:
        rules = i18n.catalogue(kata.rules_file, lang)
        name = i18n.file_for(kata.rules_file, lang).name
        if not rules:
            problems.append(f"its rules have no {lang} version ({name})")
        else:
            missing = [test for test in tests if test not in rules]
            problems += [f"its rule {test} has no {lang} text in {name}" for test in missing]
            problems += [f"{name} gives a rule of no test: {key}" for key in rules if key not in tests]
        lesson = i18n.file_for(kata.readme, lang)
        if not lesson.is_file():
            problems.append(f"its lesson has no {lang} version ({lesson.name})")
        for key in ("title", "teaches"):
            if key not in kata.translated.get(lang, {}):
                problems.append(f"its kata.toml gives no {lang} {key} (in a [{lang}] table)")
    return problems


def tooling_problems() -> list[str]:
    """What of the tooling's own texts is not in every language."""
    return [problem for what, base in TOOLING.items() for problem in catalogue_problems(base, what)]


def counts(katas: list[Kata], lang: str) -> str:
    """How many texts `katas` and the tooling have in `lang`, on one line: the messages, hints,
    translated rules (English's are the tests' docstrings) and lessons, and the tooling's texts."""
    messages = sum(len(i18n.catalogue(kata.messages_file, lang)) for kata in katas)
    hints = sum(len(i18n.catalogue(kata.hints_file, lang).get("hints", ())) for kata in katas)
    rules = sum(len(i18n.catalogue(kata.rules_file, lang)) for kata in katas)
    lessons = sum(i18n.file_for(kata.readme, lang).is_file() for kata in katas)
    tooling = sum(len(i18n.catalogue(base, lang)) for base in TOOLING.values())
    said = f"{lang}: {messages} messages, {hints} hints, "
    said += "rules in docstrings, " if lang == "en" else f"{rules} rules, "
    return said + f"{lessons} lessons; {tooling} texts of the tooling"
