"""The Qt layer: thin screens over fgd_app.core. Start with ``fgd_app.gui.app.run()``."""
