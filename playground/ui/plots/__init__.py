"""Live training plots (pyqtgraph). Each panel takes the worker's setup and snapshots and draws
them by updating its items in place (setData/setImage), never recreating them per update."""
