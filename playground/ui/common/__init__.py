"""Pieces every feature package uses: colours and fonts, icons, modal dialogs, saved settings,
parameter value editors and the worker-thread life cycle. Nothing here imports a feature package."""
