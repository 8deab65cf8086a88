"""The command line: ``fgd-app [FILE]`` starts the app; ``demo``, ``check``, ``print``, ``export`` and ``merge``
run the same core without a window."""

from fgd_app.cli.commands import main

__all__ = ["main"]
