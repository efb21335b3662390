"""Re-lay the bundled presets with the canvas's auto-layout; only node positions change.

    QT_QPA_PLATFORM=offscreen python tools/relayout_presets.py [presets/x.json ...]

Node sizes come from a real canvas scene (a node's height depends on its text), so the saved
positions are exactly what Auto-layout gives in the app.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from playground.ui.editor.canvas.scene import GraphScene
from playground.ui.editor.document import GraphDocument
from playground.ui.editor.layout import layered_positions

PRESETS = Path(__file__).resolve().parent.parent / "presets"


def relayout(path: Path) -> bool:
    """Rewrite ``path`` with new positions, keeping its JSON style; True when something moved."""
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    ascii_only = json.dumps(data, indent=2) + "\n" == text
    document = GraphDocument()
    document.load(path)
    scene = GraphScene(document)
    sizes = {node_id: item.size() for node_id, item in scene.nodes.items()}
    positions = layered_positions(document.graph, sizes)
    for node in data["nodes"]:
        node["position"] = list(positions[node["id"]])
    new = json.dumps(data, indent=2, ensure_ascii=ascii_only) + "\n"
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def main(argv: list[str]) -> None:
    QApplication.instance() or QApplication([])
    for path in [Path(a) for a in argv] or sorted(PRESETS.glob("*.json")):
        print(f"{'moved' if relayout(path) else 'unchanged'}  {path.name}")


if __name__ == "__main__":
    main(sys.argv[1:])
