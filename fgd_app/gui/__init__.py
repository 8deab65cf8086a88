"""The Qt layer: thin screens over fgd_app.core. Start with ``fgd_app.gui.shell.app.run()``.

Importing it loads PySide6 through the start-up cache of fgd_app.gui.shell.pyside_start (~18 ms of every start).
"""

from fgd_app.gui.shell.pyside_start import load_pyside

load_pyside()
