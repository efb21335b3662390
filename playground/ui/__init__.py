"""The Qt desktop interface: thin views over a :class:`GraphDocument` (see ``document.py``)."""
