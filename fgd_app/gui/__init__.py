"""The Qt layer: thin screens over fgd_app.core. Start with ``fgd_app.gui.shell.app.run()``.

PySide6 is imported by the modules that use it, as any other library; nothing here changes how it loads.
"""
