"""Regenerate the translation sources from the code, keep every existing translation, rebuild the
compiled catalogues and list what still needs translating.

    python tools/update_translations.py                      # update .ts, build .qm, list unfinished
    python tools/update_translations.py --export todo.json   # also write the unfinished entries
    python tools/update_translations.py --import done.json   # fill translations from such a file
    python tools/update_translations.py --check              # change nothing; exit 1 if anything
                                                             # is unfinished or out of date

What it reads:
- every ``tr()`` / ``QCoreApplication.translate()`` / ``QT_TRANSLATE_NOOP()`` in playground/ui
  (``pyside6-lupdate``) and a module's own ``_tr()`` helper's texts, and in the pyqtgraph modules that build a plot's right-click menus;
- the node registry: each type's title, help and parameter help (context ``node:<type name>``) and
  the categories, which the engine declares in plain English and the UI translates at display time;
- the engine's messages the UI shows (shape errors, validation problems, parameter checks), as
  templates with ``{0}``, ``{1}`` for their values (context ``engine messages``), also written to
  ``playground/i18n/engine_messages.py`` so the UI can match a message to its template.

A text that appears, already translated, in another context is reused (the same parameter help of
several node types, "Close" on several dialogs) and reported as such. The JSON files are lists of
``{"context", "source", "translation"}``; an empty translation stays unfinished.
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "playground" / "i18n"
LANGUAGES = ("ko",)
ENGINE_SOURCES = ("engine/params.py", "engine/validate.py", "engine/graph.py", "engine/loop.py", "engine/nodes",
                  "engine/unit_maps.py")
MESSAGE_FUNCTIONS = {"check", "message", "summary", "connection_problem", "check_graph"}  # their returned, assigned or appended texts are shown
ENGINE_CALLS = {"ShapeError", "problem", "GraphError", "NotApplicable"}  # calls whose first text argument the UI shows
RUN_STATUSES = ("running", "finished", "stopped", "diverged")  # a training run's end, as the status bar says it
ROLES = ("Dataset", "Loss", "Optimizer", "discriminator", "generator")  # values in "the graph has no {0} node", "the {0} has no optimizer", translated too
# pyqtgraph's own menus (a plot's right-click menu: View All, Mouse Mode, Export..., Plot Options)
# go through QCoreApplication.translate too; their texts are translated in our catalogue.
PYQTGRAPH_SOURCES = ("GraphicsScene/GraphicsScene.py", "graphicsItems/ViewBox/ViewBoxMenu.py",
                     "graphicsItems/ViewBox/axisCtrlTemplate_generic.py", "graphicsItems/PlotItem/PlotItem.py",
                     "graphicsItems/PlotItem/plotConfigTemplate_generic.py")
PYQTGRAPH_EXTRA = (("ViewBox", "axis"),)  # inside an f-string there, which lupdate does not read
NODE_CONTEXT = "node:{}"
CATEGORY_CONTEXT = "node categories"
ENGINE_CONTEXT = "engine messages"


def about_messages() -> list[tuple[str, str]]:
    """The app's one-line description the About dialog shows: the package metadata's (from
    pyproject.toml) or, uninstalled, the package docstring's."""
    import re

    import playground

    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    summary = json.loads(re.search(r'^description\s*=\s*(".*")\s*$', project, re.M).group(1))
    return [("help.about", summary), ("help.about", playground.__doc__.strip())]


def registry_messages() -> list[tuple[str, str]]:
    """(context, English text) of everything the node registry declares for display: titles,
    help, parameter help and parameter names (the inspector's labels; preset files keep the names)."""
    from playground.engine.registry import CATEGORIES, node_types

    found = [(CATEGORY_CONTEXT, c) for c in CATEGORIES]
    for t in node_types():
        context = NODE_CONTEXT.format(t.type_name)
        found += [(context, text) for text in (t.display_name(), t.help) if text]
        found += [(context, p.help) for p in t.params if p.help]
        found += [(context, p.name) for p in t.params]  # the inspector's label of the field
        found += [(context, c[1]) for c in getattr(t, "plane_controls", ())]  # the sliders' labels
    return found


def _template(node: ast.AST) -> str | None:
    """An f-string as "text {0} text {1}" (a plain string as itself); None without words."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value.replace("{", "{{").replace("}", "}}")
    elif isinstance(node, ast.JoinedStr):
        parts, n = [], 0
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value.replace("{", "{{").replace("}", "}}"))
            else:
                parts.append("{%d}" % n)
                n += 1
        text = "".join(parts)
    else:
        return None
    letters = "".join(ch for ch in text.replace("{", " ").replace("}", " ") if ch.isalpha())
    return text if len(letters) >= 4 and " " in text else None


def helper_messages() -> list[tuple[str, str]]:
    """(context, text) of ``_tr("...")`` calls in UI modules that define ``_tr(text)`` as
    ``QCoreApplication.translate("Context", text)`` (for code outside a QObject), which lupdate
    cannot see through."""
    found = []
    for path in sorted((ROOT / "playground" / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        context = None
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name == "_tr":
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Return) and isinstance(ret.value, ast.Call) and ret.value.args \
                            and isinstance(ret.value.args[0], ast.Constant):
                        context = ret.value.args[0].value
        if context is None:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_tr" \
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                found.append((context, node.args[0].value))
    return found


def _branches(node: ast.AST) -> list[ast.AST]:
    """The texts an argument can be: both sides of ``"a" if x else "b"``."""
    if isinstance(node, ast.IfExp):
        return _branches(node.body) + _branches(node.orelse)
    return [node]


def engine_templates() -> list[str]:
    """Templates of the engine messages the UI shows, longest literal text first (so a specific
    template is tried before a general one)."""
    files: list[Path] = []
    for name in ENGINE_SOURCES:
        path = ROOT / "playground" / name
        files += sorted(path.glob("*.py")) if path.is_dir() else [path]
    found: set[str] = set()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in ENGINE_CALLS:
                    for arg in node.args:
                        for text in map(_template, _branches(arg)):
                            if text:
                                found.add(text)
            elif isinstance(node, ast.FunctionDef) and node.name in MESSAGE_FUNCTIONS:
                for ret in ast.walk(node):
                    if isinstance(ret, ast.Call) and getattr(ret.func, "attr", "") == "append" and ret.args:
                        text = _template(ret.args[0])  # problems.append(f"...")
                        if text:
                            found.add(text)
                    elif isinstance(ret, (ast.Return, ast.Assign)) and ret.value is not None:
                        value = ret.value
                        while isinstance(value, ast.BinOp):  # "text" + (" more" if x else ""): the text
                            value = value.left
                        text = _template(value)
                        if text:
                            found.add(text)
    from playground.engine import numba_cache
    from playground.engine.surfaces import SURFACES

    found.update((numba_cache.COMPILE_NOTE, numba_cache.LOAD_NOTE, *RUN_STATUSES, *ROLES))
    found.update(text for s in SURFACES.values() for text in (s.title, s.caption))
    literal = lambda t: len(t.replace("{{", "").replace("}}", "").split("{")[0]) + len(t)
    return sorted(found, key=lambda t: (-literal(t), t))


def engine_module(templates: list[str]) -> str:
    body = ",\n".join(f"    {t!r}" for t in templates)
    return ('"""Templates of the engine messages the UI translates (``{0}``: a value), longest first.\n\n'
            'Written by tools/update_translations.py from the engine\'s source; do not edit."""\n'
            f"TEMPLATES = (\n{body},\n)\n")


def declarations_file(messages: list[tuple[str, str]], folder: Path) -> Path:
    """A Python file that only declares ``messages`` for lupdate (QT_TRANSLATE_NOOP)."""
    path = folder / "registry_messages.py"
    lines = [f"QT_TRANSLATE_NOOP({c!r}, {t!r})\n" for c, t in messages]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def run_lupdate(ts: Path, extra: Path) -> None:
    import pyqtgraph

    third_party = Path(pyqtgraph.__file__).parent
    sources = sorted(str(p) for p in (ROOT / "playground" / "ui").rglob("*.py")) + [str(extra)]
    sources += [str(third_party / name) for name in PYQTGRAPH_SOURCES if (third_party / name).is_file()]
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False, encoding="utf-8") as lst:
        lst.write("\n".join(sources))
    try:
        subprocess.run(["pyside6-lupdate", "-locations", "none", "-no-obsolete", "-silent",
                        f"@{lst.name}", "-ts", str(ts)], check=True)
    finally:
        os.unlink(lst.name)


def messages_of(tree: ET.ElementTree):
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def unfinished(message: ET.Element) -> bool:
    translation = message.find("translation")
    return translation is None or translation.get("type") == "unfinished" or not (translation.text or "")


def reuse_and_import(tree: ET.ElementTree, imported: dict[tuple[str, str], str]) -> list[str]:
    """Fill unfinished entries from ``imported`` or from the same text translated elsewhere."""
    known: dict[str, str] = {}
    for _, message in messages_of(tree):
        if not unfinished(message):
            known.setdefault(message.findtext("source"), message.find("translation").text)
    reused = []
    for context, message in messages_of(tree):
        if not unfinished(message):
            continue
        source = message.findtext("source")
        text = imported.get((context, source)) or imported.get(("", source)) or known.get(source)
        if text:
            translation = message.find("translation")
            translation.text = text
            translation.attrib.pop("type", None)
            known.setdefault(source, text)
            if (context, source) not in imported and ("", source) not in imported:
                reused.append(f"{context}: {source!r}")
    return reused


def write_ts(tree: ET.ElementTree, ts: Path) -> None:
    ET.indent(tree, "    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--export", metavar="TODO.json", help="write the unfinished entries here")
    parser.add_argument("--import", dest="import_", metavar="DONE.json",
                        help="translations to fill in (context may be empty: any context)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when an entry is unfinished or a file is out of date")
    args = parser.parse_args(argv)
    imported = {}
    if args.import_:
        for entry in json.loads(Path(args.import_).read_text(encoding="utf-8")):
            if entry.get("translation"):
                imported[(entry.get("context", ""), entry["source"])] = entry["translation"]

    sys.path.insert(0, str(ROOT))
    templates = engine_templates()
    module, stale = engine_module(templates), []
    engine_file = I18N / "engine_messages.py"
    if args.check:
        if not engine_file.is_file() or engine_file.read_text(encoding="utf-8") != module:
            stale.append(engine_file)
    else:
        engine_file.write_text(module, encoding="utf-8")
    messages = (registry_messages() + about_messages() + helper_messages() + [(ENGINE_CONTEXT, t) for t in templates]
                + list(PYQTGRAPH_EXTRA))
    status = 0
    with tempfile.TemporaryDirectory() as folder:
        extra = declarations_file(messages, Path(folder))
        for code in LANGUAGES:
            committed = I18N / f"playground_{code}.ts"
            ts = Path(folder) / committed.name if args.check else committed
            if args.check and committed.is_file():
                shutil.copy2(committed, ts)
            run_lupdate(ts, extra)
            tree = ET.parse(ts)
            tree.getroot().set("language", f"{code}_KR" if code == "ko" else code)
            reused = reuse_and_import(tree, imported)
            write_ts(tree, ts)
            qm = ts.with_suffix(".qm")
            subprocess.run(["pyside6-lrelease", "-silent", str(ts), "-qm", str(qm)], check=True)
            if args.check:
                for mine, theirs in ((ts, committed), (qm, committed.with_suffix(".qm"))):
                    if not theirs.is_file() or mine.read_bytes() != theirs.read_bytes():
                        stale.append(theirs)
            todo = [{"context": c, "source": m.findtext("source"), "translation": ""}
                    for c, m in messages_of(tree) if unfinished(m)]
            total = sum(1 for _ in messages_of(tree))
            for line in reused:
                print(f"reused a translation: {line}")
            for entry in todo:
                print(f"unfinished [{entry['context']}] {entry['source']!r}")
            print(f"{committed.relative_to(ROOT)}: {total} entries, {len(todo)} unfinished"
                  + ("" if args.check else f"; wrote {qm.relative_to(ROOT)}"))
            if args.export:
                Path(args.export).write_text(json.dumps(todo, ensure_ascii=False, indent=1), encoding="utf-8")
            if todo and args.check:
                status = 1
    for path in stale:
        print(f"out of date: {path.relative_to(ROOT)} (run tools/update_translations.py)")
    return 1 if stale else status


if __name__ == "__main__":
    sys.exit(main())
