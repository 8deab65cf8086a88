"""Find every user-visible source string: literal arguments of ``tr()`` and ``N_()`` in fgd_app.

Run ``python tests/i18n_extract.py`` to print .po stubs for strings that have no Indonesian translation.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKERS = {"tr", "N_"}
# the room's phone pages (Jinja2 templates) mark their words as t("English") or t('English')
TEMPLATE_MARK = re.compile(r"""\bt\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")


def extract(root: Path = ROOT / "fgd_app") -> dict[str, list[str]]:
    """Return msgid -> places ("fgd_app/x.py:12") for every marked literal string."""
    found: dict[str, list[str]] = {}
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        # the room's server translates per phone with t = partial(tr_in, lang)
        markers = MARKERS | {"t"} if "room" in path.parts else MARKERS
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name not in markers:
                continue
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, []).append(f"{path.relative_to(ROOT)}:{node.lineno}")
    for path in sorted(root.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for double, single in TEMPLATE_MARK.findall(line):
                found.setdefault(double or single, []).append(f"{path.relative_to(ROOT)}:{number}")
    return found


def po_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    from fgd_app import i18n

    catalog = i18n.catalog("id")
    for msgid, places in extract().items():
        if msgid not in catalog:
            print(f"#: {' '.join(places[:3])}\nmsgid \"{po_escape(msgid)}\"\nmsgstr \"\"\n")
