"""The Qt desktop interface: thin views over a :class:`GraphDocument` (see ``editor/document.py``),
in one package per feature; ``shell`` assembles them into the main window."""
