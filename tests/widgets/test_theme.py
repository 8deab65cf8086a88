"""Colours live in one module: no hex colour literal elsewhere in the GUI, and every theme colour is valid."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QColor

from fgd_app.gui.widgets import theme

GUI = Path(__file__).resolve().parents[2] / "fgd_app" / "gui"
HEX = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
STRING = re.compile(r"(['\"])(?:(?!\1).)*\1")


def test_no_hex_colour_literal_in_the_gui_outside_the_theme():
    found = []
    for path in sorted(GUI.rglob("*.py")):
        if path.name == "theme.py" and path.parent.name == "widgets":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if any(HEX.search(text.group()) for text in STRING.finditer(line)):
                found.append(f"{path.relative_to(GUI)}:{number}: {line.strip()}")
    assert found == []


def test_every_theme_colour_is_a_valid_colour():
    values = []
    for name, value in vars(theme).items():
        if name.isupper() and not name.endswith(("_STYLE", "_POINTS")):
            values += value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value]
    assert len(values) > 40
    assert [v for v in values if not QColor(v).isValid()] == []


def test_text_style_colours_a_label():
    assert theme.text_style(theme.ERROR) == "color: #b3261e;"
    assert theme.text_style(theme.SUCCESS, "font-weight: bold;") == "color: #1b5e20; font-weight: bold;"
