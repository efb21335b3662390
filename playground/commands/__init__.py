"""Sub-commands of ``playground`` that live outside ``cli.py``; each module has
``add_commands(subparsers)``."""
