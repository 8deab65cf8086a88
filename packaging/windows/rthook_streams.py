# PyInstaller runtime hook: in the windowed fgd-app.exe (no console) sys.stdout and sys.stderr are None, so a
# library's ``sys.stderr.write`` would raise. They write to nowhere instead; fgd-app-console.exe keeps its console.
import os
import sys

if sys.stdout is None:
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open for the whole run
if sys.stderr is None:
    sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
