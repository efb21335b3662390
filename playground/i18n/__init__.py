"""Translations of the window: ``playground_<lang>.ts`` (the sources, edited with Qt Linguist or
``tools/update_translations.py --import``) and the ``.qm`` files compiled from them, which
``playground.ui.common.i18n`` loads. Shipped as package data."""
