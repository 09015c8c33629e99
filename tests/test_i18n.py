"""katakit.i18n: texts that know their translations, in this process and in a child."""

from __future__ import annotations

import multiprocessing
import pickle

import pytest

from katakit import i18n


@pytest.fixture
def catalogue(tmp_path):
    """A catalogue with an English and a Korean file; a key only English has."""
    base = tmp_path / "messages.toml"
    base.write_text('GREET = "hello {name}"\nONLY_EN = "english only"\n', encoding="utf-8")
    (tmp_path / "messages.ko.toml").write_text('GREET = "안녕 {name}"\n', encoding="utf-8")
    return base


@pytest.mark.parametrize(
    "environ, expected",
    [
        pytest.param({"KATA_LANG": "ko", "LANG": "en_US.UTF-8"}, "ko", id="KATA_LANG-first"),
        pytest.param({"LANG": "ko_KR.UTF-8"}, "ko", id="locale"),
        pytest.param({"LC_ALL": "C", "LANG": "ko_KR.UTF-8"}, "en", id="LC_ALL-before-LANG"),
        pytest.param({}, "en", id="nothing-set"),
    ],
)
def test_language_comes_from_kata_lang_then_the_locale(monkeypatch, environ, expected):
    """The language is KATA_LANG when set, else the first locale variable set, else English."""
    for name in ("KATA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    assert i18n.language() == expected


def test_a_key_missing_from_a_translation_is_english(catalogue):
    """A template the language's file lacks is the English one."""
    assert str(i18n.Text(catalogue, "ONLY_EN", "ko")) == "english only"
    assert str(i18n.Text(catalogue, "GREET", "ko")) == "안녕 {name}"


def test_a_rendered_message_renders_again_in_any_language(catalogue, monkeypatch):
    """A formatted template gives the same message, with its arguments, in another language."""
    monkeypatch.setenv("KATA_LANG", "en")
    message = i18n.Text(catalogue, "GREET").format(name="Ann")
    assert message == "hello Ann"
    assert message.to("ko") == "안녕 Ann"
    assert i18n.translate(f"✗ {message}!", "ko", [message]) == "✗ 안녕 Ann!"


def _round_trip(text: str) -> tuple[str, str]:
    return str(text), i18n.in_language(text, "ko")


@pytest.mark.parametrize("kind", ["text", "rendered", "lines", "lines-between"])
def test_texts_cross_to_a_spawned_child_whole(catalogue, monkeypatch, kind):
    """A Text, a Rendered and Lines are pickled into a spawned process as what they are."""
    monkeypatch.setenv("KATA_LANG", "en")
    template = i18n.Text(catalogue, "GREET")
    text = {
        "text": template,
        "rendered": template.format(name="Ann"),
        "lines": i18n.Lines([template.format(name="Ann"), "plain"]),
        "lines-between": i18n.Lines([template.format(name="Ann"), "plain"], between=True),
    }[kind]
    assert type(pickle.loads(pickle.dumps(text))) is type(text)
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.apply(_round_trip, (text,)) == (str(text), i18n.in_language(text, "ko"))


def test_a_template_given_without_arguments_is_translated_too(catalogue, monkeypatch):
    """A catalogue's template used as a whole message, unformatted, is said in any language."""
    monkeypatch.setenv("KATA_LANG", "en")
    monkeypatch.setattr(i18n, "RENDERED", [])
    (catalogue.parent / "messages.ko.toml").write_text('ONLY_EN = "영어만"\n', encoding="utf-8")
    message = i18n.given(catalogue, "ONLY_EN")
    assert i18n.translate(f"✗ {message}", "ko", i18n.RENDERED) == "✗ 영어만"
