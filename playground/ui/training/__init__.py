"""Training the open graph live: the controller behind the Train toolbar, the worker thread that
runs the engine's Trainer, and the speed control."""
