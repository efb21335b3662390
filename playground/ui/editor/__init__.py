"""The graph editor: the document (graph + undo stack), its undoable edits, the clipboard, automatic
layout, the canvas, the node palette and the inspector."""
