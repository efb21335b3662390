"""Reading and writing preset files: versioned JSON, data only, never executed.

Loading is total: whatever the file holds, the result is a Graph or a PresetError whose one-line
message names the file and where in it the problem is.
"""
from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Callable

from playground.engine import graph_sweep
from playground.engine.atomic import write_text_atomic
from playground.engine.graph import FORMAT, VERSION, Graph, GraphError
from playground.engine.loop import batch_size_value
from playground.engine.nodes.optimizers import OPTIMIZER_KEYS
from playground.engine.registry import node_type
from playground.engine.surfaces import SURFACES

MAX_BYTES = 20_000_000
META_KEYS = ("name", "description", "title", "view")
# The title and description in other languages ("title_ko"); the window shows them in that
# language and falls back to the English ones. Each needs the English text it translates.
TRANSLATED_KEYS = ("title", "description")
TRANSLATIONS = ("ko",)
TRANSLATED_META = tuple(f"{key}_{lang}" for lang in TRANSLATIONS for key in TRANSLATED_KEYS)
# Optional settings for other views: {"optimizers": [...]}, {"sweep": {...}}, {"race": {...}}
SETTINGS_KEYS = ("compare",)
SWEEPS = ("optimizers", "lr", "batch_size")  # what the compare view can sweep, besides "node.param"
# version n -> function upgrading a version-n dict to version n + 1
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


class PresetError(ValueError):
    """A preset that cannot be loaded; the message names the file and the place."""


def load_preset(path: str | os.PathLike[str]) -> Graph:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PresetError(f"{path}: file is {size:,} bytes, larger than any preset ({MAX_BYTES:,})")
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise PresetError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise PresetError(f"{path}: is a folder, not a preset file") from None
    except UnicodeDecodeError as exc:
        raise PresetError(f"{path}: not a text file (byte {exc.start} is not UTF-8)") from None
    except OSError as exc:
        raise PresetError(f"{path}: cannot be read ({exc.strerror})") from None
    return graph_from_json(text, str(path))


def graph_from_json(text: str, source: str = "<preset>") -> Graph:
    if not text.strip():
        raise PresetError(f"{source}: the file is empty")
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise PresetError(f"{source}: line {exc.lineno}, column {exc.colno}: invalid JSON ({exc.msg})") from None
    except RecursionError:
        raise PresetError(f"{source}: nested too deeply to be a preset") from None
    except ValueError as exc:
        raise PresetError(f"{source}: {exc}") from None
    return graph_from_dict(data, source)


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a valid number in a preset")


def graph_from_dict(data: Any, source: str = "<preset>") -> Graph:
    """Build a Graph from the preset-file form, checking its structure and every edge."""
    def fail(where: str, why: str) -> PresetError:
        return PresetError(f"{source}: {where}: {why}" if where else f"{source}: {why}")

    if not isinstance(data, dict):
        raise fail("", f"a preset is a JSON object, this file holds {_kind(data)}")
    if data.get("format") != FORMAT:
        raise fail("format", f"expected \"{FORMAT}\", found {data.get('format')!r}")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail("version", f"expected a positive whole number, found {version!r}")
    if version > VERSION:
        raise fail("version", f"version {version} is newer than this program reads ({VERSION}); "
                              "update the playground")
    while version < VERSION:
        data = MIGRATIONS[version](data)
        version += 1

    graph = Graph()
    for key in (*META_KEYS, *TRANSLATED_META):
        if key in data:
            if not isinstance(data[key], str):
                raise fail(key, f"expected text, found {_kind(data[key])}")
            graph.meta[key] = data[key]
    for key in TRANSLATED_META:
        english = key.rsplit("_", 1)[0]
        if key in data and not data.get(english):
            raise fail(key, f"a translation needs the English \"{english}\" it translates")
    for key in SETTINGS_KEYS:
        if key in data:
            if not isinstance(data[key], dict):
                raise fail(key, f"expected an object, found {_kind(data[key])}")
            _check_compare(data[key], lambda where, why, key=key: fail(f"{key}{where}", why))
            graph.meta[key] = data[key]
    nodes, edges = data.get("nodes"), data.get("edges", [])
    if not isinstance(nodes, list):
        raise fail("nodes", f"expected a list of nodes, found {_kind(nodes)}")
    if not isinstance(edges, list):
        raise fail("edges", f"expected a list of edges, found {_kind(edges)}")
    for i, item in enumerate(nodes):
        _add_node(graph, item, lambda why, i=i: fail(f"nodes[{i}]", why))
    for i, item in enumerate(edges):
        where = f"edges[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("from"), str) \
                or not isinstance(item.get("to"), str):
            raise fail(where, 'expected {"from": "node:port", "to": "node:port"}')
        src, dst = item["from"].split(":", 1), item["to"].split(":", 1)
        if len(src) != 2 or len(dst) != 2:
            raise fail(where, f"ports are written node:port, found {item['from']!r} -> {item['to']!r}")
        try:
            graph.connect(src[0], src[1], dst[0], dst[1])
        except GraphError as exc:
            raise fail(f"{where} ({item['from']} -> {item['to']})", str(exc)) from None
    sweep = graph.meta.get("compare", {}).get("sweep", {})
    if graph_sweep.is_graph_sweep(sweep.get("name", "")):  # needs the nodes, so checked last
        try:
            graph_sweep.sweep_values(graph, sweep["name"], sweep.get("values")
                                     or dict(graph_sweep.sweepable(graph)).get(sweep["name"], []))
        except graph_sweep.SweepError as exc:
            raise fail("compare.sweep", str(exc)) from None
    return graph


def _check_compare(settings: dict, fail: Callable[[str, str], PresetError]) -> None:
    """The compare view's settings, checked here so a typo is reported instead of ignored."""
    def check_keys(obj: dict, where: str, known: tuple[str, ...]) -> None:
        for key in obj:
            if key not in known:
                raise fail(where, f"unknown setting {_show(key)}; known: {', '.join(known)}")

    def check_optimizers(value: Any, where: str) -> None:
        if not isinstance(value, list):  # an empty list means every optimizer, as in the app
            raise fail(where, f"expected a list of optimizer names, found {_kind(value)}")
        for i, key in enumerate(value):
            if key not in OPTIMIZER_KEYS:
                raise fail(f"{where}[{i}]", f"unknown optimizer {_show(key)}; choose one of {', '.join(OPTIMIZER_KEYS)}")

    check_keys(settings, "", ("optimizers", "sweep", "race", "label", "networks"))
    if "label" in settings and not isinstance(settings["label"], str):
        raise fail(".label", f"expected text, found {_kind(settings['label'])}")
    nets = settings.get("networks", {})
    if not isinstance(nets, dict):
        raise fail(".networks", f"expected an object of label: {{\"nodes\": [...], \"edges\": [...]}}, "
                                f"found {_kind(nets)}")
    for label, net in nets.items():
        if not isinstance(net, dict) or set(net) - {"nodes", "edges"}:
            raise fail(f".networks.{label}", 'expected {"nodes": [...], "edges": [...]}')
        try:
            graph_from_dict({"format": FORMAT, "version": VERSION, **net})
        except PresetError as exc:
            raise fail(f".networks.{label}", str(exc).removeprefix("<preset>: ")) from None
    if "optimizers" in settings:
        check_optimizers(settings["optimizers"], ".optimizers")
    sweep = settings.get("sweep", {})
    if not isinstance(sweep, dict):
        raise fail(".sweep", f"expected an object, found {_kind(sweep)}")
    check_keys(sweep, ".sweep", ("name", "values"))
    name = sweep.get("name", "optimizers")
    if name not in SWEEPS and not (isinstance(name, str) and graph_sweep.is_graph_sweep(name)):
        raise fail(".sweep.name", f"expected one of {', '.join(SWEEPS)} or a node's NODE.PARAMETER "
                                  f"or NODE.type, found {_show(name)}")
    values = sweep.get("values", [])
    if not isinstance(values, list):
        raise fail(".sweep.values", f"expected a list, found {_kind(values)}")
    for i, v in enumerate(values):
        if name == "batch_size" and not _is_batch_size(v):
            raise fail(f".sweep.values[{i}]", f'expected a whole number of at least 1 or "full", found {_show(v)}')
        if name == "lr" and not (_finite_number(v) and v > 0):
            raise fail(f".sweep.values[{i}]", f"expected a positive number, found {_show(v)}")
    race = settings.get("race", {})
    if not isinstance(race, dict):
        raise fail(".race", f"expected an object, found {_kind(race)}")
    check_keys(race, ".race", ("surface", "optimizers"))
    if "surface" in race and (not isinstance(race["surface"], str) or race["surface"] not in SURFACES):
        raise fail(".race.surface", f"unknown surface {_show(race['surface'])}; known: {', '.join(SURFACES)}")
    if "optimizers" in race:
        check_optimizers(race["optimizers"], ".race.optimizers")


def _is_batch_size(value: Any) -> bool:
    """A batch size as a preset stores it: a whole number of at least 1 or "full" (not text)."""
    try:
        return batch_size_value(value) == value
    except ValueError:
        return False


def _add_node(graph: Graph, item: Any, fail: Callable[[str], PresetError]) -> None:
    if not isinstance(item, dict):
        raise fail(f"expected a node object, found {_kind(item)}")
    node_id, type_name = item.get("id"), item.get("type")
    if not isinstance(node_id, str):
        raise fail(f"'id' must be text, found {_kind(node_id)}")
    if not isinstance(type_name, str):
        raise fail(f"'{node_id}': 'type' must be text, found {_kind(type_name)}")
    if node_type(type_name) is None:
        raise fail(f"'{node_id}': unknown node type {type_name!r}")
    params = item.get("params", {})
    if not isinstance(params, dict):
        raise fail(f"'{node_id}': 'params' must be an object, found {_kind(params)}")
    t = node_type(type_name)
    for key, value in params.items():
        declared = t.param(key)
        if declared is not None and declared.kind == "points":  # data inside the preset: checked here
            problem = declared.check(value)
            if problem:
                raise fail(f"'{node_id}': {problem}")
        elif not isinstance(value, (str, int, float, bool)):
            raise fail(f"'{node_id}': parameter {key!r} must be a number, text or true/false, "
                       f"found {_kind(value)}")
    position = item.get("position", [0, 0])
    if not (isinstance(position, list) and len(position) == 2
            and all(_finite_number(v) and abs(v) < 1e7 for v in position)):
        raise fail(f"'{node_id}': 'position' must be [x, y] with finite numbers")
    try:
        graph.add_node(type_name, params, tuple(position), node_id)
    except GraphError as exc:
        raise fail(str(exc)) from None


def _finite_number(value: Any) -> bool:
    """A JSON number that fits a float (a whole number may not: 1 followed by 400 zeros)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _show(value: Any) -> str:
    """A value for a one-line message, shortened when long."""
    text = repr(value)
    return text if len(text) <= 40 else f"{text[:20]}... ({len(text)} characters)"


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def save_preset(graph: Graph, path: str | os.PathLike[str]) -> None:
    """Write atomically: a temporary file in the same folder, then rename over the target."""
    write_text_atomic(Path(path), json.dumps(graph.to_dict(), indent=2) + "\n")
