"""The window's language: English (the source texts) or Korean, through Qt's own translators.

Every user-visible UI string goes through ``tr()`` / ``QCoreApplication.translate``; the compiled
catalogue (``playground/i18n/playground_ko.qm``, built by ``tools/update_translations.py``) and Qt's
own ``qtbase_ko`` (standard dialogs' buttons) are installed here. The engine stays English and
Qt-free: node types' titles, categories, help and parameter help, and the engine's messages the UI
shows, are translated at display time with the helpers below, one context per node type.

The language follows the system locale until the user picks one (View > Language,
``playground.ui.shell.language``, which also switches the open window); the choice is kept in
QSettings.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontInfo, QGuiApplication

from playground.i18n.particles import particles
from playground.ui.common import settings

LANGUAGES = {"en": "English", "ko": "한국어"}  # each language's name in itself, as its menu entry says
SETTING = "ui/language"
CATALOGUE = "playground_{code}.qm"
NODE_CONTEXT = "node:{type_name}"  # a node type's title, help and parameter help
CATEGORY_CONTEXT = "node categories"
ENGINE_CONTEXT = "engine messages"
# Hangul glyphs: Windows has Malgun Gothic, macOS Apple SD Gothic Neo, Linux the fonts-noto-cjk
# package's Noto Sans CJK KR. They come after the system font (which draws the Latin text);
# missing families are skipped, and Qt's own font fallback is the last resort.
KOREAN_FONTS = ("Noto Sans CJK KR", "Malgun Gothic", "Apple SD Gothic Neo", "NanumGothic")

_translators: list[QTranslator] = []
_current = "en"
_system_font: list[QFont] = []


def i18n_dir() -> Path:
    """The folder of the .ts sources and compiled .qm files (package data of ``playground.i18n``)."""
    import playground.i18n

    return Path(playground.i18n.__file__).resolve().parent


def language_of(locale: QLocale) -> str:
    return "ko" if locale.language() == QLocale.Korean else "en"


def saved_language() -> str | None:
    value = settings.open_settings().value(SETTING)
    return str(value) if value in LANGUAGES else None


def save_language(code: str) -> None:
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; choose one of {', '.join(LANGUAGES)}")
    settings.open_settings().setValue(SETTING, code)


def chosen_language() -> str:
    """The user's choice (View > Language), else the system's language on a first launch."""
    return saved_language() or language_of(QLocale.system())


def current_language() -> str:
    return _current


def install(code: str) -> bool:
    """Make ``code`` the language of everything translated from now on; False when its catalogue
    is missing (the window then stays English). Also sets the default QLocale, which Qt's own
    widgets format numbers and dates with. (Korean writes numbers as English does, 1,297.5 and
    95 %, so the UI's Python format specs already give the Korean form.)"""
    global _current
    app = QCoreApplication.instance()
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    if code == "en":
        QLocale.setDefault(QLocale.system())
        _use_fonts(())
        _current = "en"
        return True
    ours = QTranslator(app)
    if not ours.load(str(i18n_dir() / CATALOGUE.format(code=code))):
        return False
    qt = QTranslator(app)  # Qt's standard dialogs and buttons (OK, Cancel...), when PySide6 ships it
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        _translators.append(qt)
    _translators.append(ours)
    for translator in _translators:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(code))
    _use_fonts(KOREAN_FONTS)
    _current = code
    return True


def _use_fonts(families: tuple[str, ...]) -> None:
    """The app font: the system's own family first (Latin text and line heights stay as in
    English, so nothing grows taller than its place), then ``families`` for the Hangul glyphs."""
    if not isinstance(QCoreApplication.instance(), QGuiApplication):
        return
    if not _system_font:
        _system_font.append(QGuiApplication.font())
    font = QFont(_system_font[0])
    if families:
        # the family the system font resolves to: a generic alias ("Sans Serif") first in a list
        # would give every line the CJK font's taller metrics
        font.setFamilies([QFontInfo(_system_font[0]).family(), *families])
    QGuiApplication.setFont(font)


def preset_text(meta: dict, key: str) -> str:
    """A preset's ``key`` ("title", "description") in the UI's language ("title_ko"), else English."""
    return str((_current != "en" and meta.get(f"{key}_{_current}")) or meta.get(key) or "")


def preset_key(meta: dict, key: str) -> str:
    """The meta key the inspector edits for ``key``: its translation ("title_ko") when the UI is in
    that language and the preset has one, else ``key`` itself (so a translation never lacks its
    English text)."""
    translated = f"{key}_{_current}"
    return translated if _current != "en" and meta.get(translated) else key


def node_text(type_name: str, text: str) -> str:
    """A node type's declared English ``text`` (title, help, parameter help) in the UI's language."""
    return QCoreApplication.translate(NODE_CONTEXT.format(type_name=type_name), text) if text else text


def node_title(t) -> str:
    return node_text(t.type_name, t.display_name())


def node_help(t) -> str:
    return node_text(t.type_name, t.help)


def category_text(category: str) -> str:
    return QCoreApplication.translate(CATEGORY_CONTEXT, category)


def param_help(param) -> str:
    """``param``'s help, translated in the context of the (first) node type that declares it."""
    from playground.engine.registry import node_types

    for t in node_types():
        if any(p is param for p in t.params):
            return node_text(t.type_name, param.help)
    return param.help


_FIELD = re.compile(r"\{(\d+)\}")


@functools.lru_cache(maxsize=None)
def _compiled(template: str) -> re.Pattern:
    """The pattern an engine template's messages match; ``f0``, ``f1``...: its values."""
    parts = _FIELD.split(template)
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<f{part}>.*?)" for i, part in enumerate(parts))
    return re.compile(regex + r"\Z", re.S)


def engine_text(message: str) -> str:
    """One of the engine's English messages (a validation problem, a shape error) in the UI's
    language: matched against the templates the update tool extracted from the engine's source
    (``{0}``, ``{1}``: the values, which translations may reorder); unknown ones stay English.
    A message that names its node first ("Dense 'd1': ...") keeps the name and translates the rest."""
    if _current == "en" or not message:
        return message
    head, sep, rest = message.partition(": ")
    if sep and re.fullmatch(r"\w+ '[^']*'", head):
        return f"{head}: {engine_text(rest)}"
    from playground.i18n.engine_messages import TEMPLATES

    for template in TEMPLATES:
        match = _compiled(template).match(message)
        if match:
            translated = QCoreApplication.translate(ENGINE_CONTEXT, template)
            values = {int(k[1:]): QCoreApplication.translate(ENGINE_CONTEXT, v)  # "Loss": a role
                      for k, v in match.groupdict().items()}
            return particles(_FIELD.sub(lambda m: values.get(int(m.group(1)), m.group(0)), translated))
    return message


def fill(template: str, **values: Any) -> str:
    """``template.format(**values)`` with Korean particles fitted to the values ("784를", not
    "784을(를)"): for translated texts that put a value before a particle."""
    return particles(template.format(**values))


_catalogues: dict[str, list[tuple[str, str, str]]] = {}
_FORMAT_FIELD = re.compile(r"\{(\w*)(?:![rsa])?(?::[^{}]*)?\}")
# Letters only a language's own texts have: a text on screen without them was not translated
# into it (a formula, a name, "x₁²"), so a switch from that language leaves it as it is.
SCRIPTS = {"ko": re.compile(r"[\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]")}


def catalogue(code: str) -> list[tuple[str, str, str]]:
    """(English source, translation, context) of every finished message in ``code``'s .ts
    (English: none)."""
    if code not in _catalogues:
        import xml.etree.ElementTree as ET

        triples: list[tuple[str, str, str]] = []
        path = i18n_dir() / f"playground_{code}.ts"
        if path.is_file():
            for context in ET.parse(path).getroot().iter("context"):
                name = context.findtext("name") or ""
                for message in context.iter("message"):
                    source, translation = message.findtext("source") or "", message.find("translation")
                    if translation is not None and translation.text and translation.get("type") is None:
                        triples.append((source, translation.text, name))
        _catalogues[code] = triples
    return _catalogues[code]


def plain(text: str) -> str:
    """A menu text as a button or tooltip shows it: no mnemonic ("&New", "파일(&F)"), no dots."""
    text = re.sub(r"\(&\w\)", "", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…").strip()


class Retranslation:
    """Texts already on screen in language ``old`` brought into ``new``, for a live switch.

    ``swap`` finds a text among the catalogue's messages as ``old`` writes them (also without the
    mnemonic, also with a "(Ctrl+N)" after it, also as a filled-in template such as "{title} view",
    whose values are swapped in turn) and gives the same message in ``new``. One Korean text can
    stand for several English ones ("손실": the "Loss" tab, the "loss" axis); the caller narrows
    them with the translation contexts the text was likely written in (the Python classes of its
    widget and the widget's parents) and with ``title`` (a tab, a button: capitalised) or ``menu``
    (with a mnemonic). The English source a text was shown from is best kept by the caller (see
    ``playground.ui.shell.language``)."""

    def __init__(self, old: str, new: str) -> None:
        self.old, self.new = old, new
        if old != "en" and new != "en":  # through English: only en <-> one language is needed
            raise ValueError("switch through English")
        self.script = SCRIPTS.get(old)
        forward = [(a, b, c) if old == "en" else (b, a, c) for a, b, c in catalogue(new if old == "en" else old)]
        self.exact: dict[str, list[tuple[str, str]]] = {}
        self.templates: list[tuple[re.Pattern, list[str], str]] = []
        for a, b, context in forward:
            if _FORMAT_FIELD.search(a):
                if re.search(r"[^\W\d_]", _FORMAT_FIELD.sub("", a)):  # some words around the values
                    self.templates.append((*self._regex(a), b))
                continue
            self.exact.setdefault(a, []).append((b, context))
            if plain(a) != a:
                self.exact.setdefault(plain(a), []).append((plain(b), context))
        self.templates.sort(key=lambda t: -len(t[0].pattern))

    @staticmethod
    def _regex(template: str) -> tuple[re.Pattern, list[str]]:
        """A pattern matching ``template`` filled in, and the field each of its groups is."""
        parts, names, last = [], [], 0
        for match in _FORMAT_FIELD.finditer(template):
            parts.append(re.escape(template[last:match.start()].replace("{{", "{").replace("}}", "}")))
            parts.append("(.*?)")
            names.append(match.group(1))
            last = match.end()
        parts.append(re.escape(template[last:].replace("{{", "{").replace("}}", "}")))
        return re.compile("".join(parts) + r"\Z", re.S), names

    def _choose(self, found: list[tuple[str, str]], menu: bool, contexts: tuple[str, ...],
                title: bool) -> str:
        """The best of several texts one text stands for: for a menu one with a mnemonic, then
        from the nearest of ``contexts``, then capitalised for a title."""
        rank = {name: i for i, name in reversed(list(enumerate(contexts)))}

        def cost(candidate: tuple[str, str]) -> tuple[int, int, int]:
            text, context = candidate
            return (menu and "&" not in text, rank.get(context, len(contexts)), ("&" in text) != menu,
                    title and not text[:1].isupper())

        best = min(found, key=cost)[0]
        return best if menu or "&" not in best else plain(best)

    def _untranslatable(self, value: str) -> bool:
        """A template's value left in the old language that reads as a sentence: the "template"
        was a few words ("{a} to {b}") inside a longer text the catalogue does not know."""
        return self.old == "en" and len(re.findall(r"[A-Za-z]{2,}", value)) > 3

    def swap(self, text: str, menu: bool = False, contexts: tuple[str, ...] = (), title: bool = False) -> str:
        """``text`` in the new language, or itself when the catalogue does not know it."""
        if not text or self.old == self.new or (self.script and not self.script.search(text)):
            return text
        found = self.exact.get(text)
        if found:
            return self._choose(found, menu, contexts, title)
        head, sep, tail = text.rpartition(" (")
        if sep and tail.endswith(")") and head in self.exact:  # "New (Ctrl+N)"
            return f"{self.swap(head, menu, contexts, title)} ({tail}"
        for regex, names, target in self.templates:
            match = regex.match(text)
            if match:
                swapped = [self.swap(value, contexts=contexts) if value != text else value
                           for value in match.groups()]
                if any(new == raw and self._untranslatable(raw) for new, raw in zip(swapped, match.groups())):
                    continue
                values = dict(zip(names, swapped))
                return _FORMAT_FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), target)
        return text


@functools.lru_cache(maxsize=8)
def retranslation(old: str, new: str) -> Retranslation:
    return Retranslation(old, new)


def english(text: str) -> str:
    """The English source of ``text`` shown in the current language (itself when unknown): for
    names that must not change with the language, such as a dock's saved-layout name."""
    return text if _current == "en" else retranslation(_current, "en").swap(text)
