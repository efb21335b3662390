"""The application shell: the QApplication, the main window that assembles the feature packages,
its menus and toolbars, the per-view dock layouts and offscreen screenshots."""
