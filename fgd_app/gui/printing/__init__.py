"""Page 9, printing: the documents to tick, paper and folder, a print job beside the window.

The job (``job.py``) runs in a thread with its own read-only connection to the workshop file, so the
window stays usable; the documents themselves come from ``fgd_app.reports`` (no Qt), as for
``fgd-app print``.
"""
