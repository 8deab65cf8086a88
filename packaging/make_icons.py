"""Render resources/icons/fgd-app.svg to the PNG sizes and the Windows .ico the bundles need.

    python packaging/make_icons.py OUT_DIR      # writes OUT_DIR/fgd-app-<N>.png and OUT_DIR/fgd-app.ico

Generated at build time (never committed): PySide6's QtSvg draws the PNGs, Pillow (a ReportLab dependency)
packs them into one .ico. Called by packaging/fgd_app.spec, so both the Linux and the Windows build make them.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SVG = Path(__file__).resolve().parent.parent / "resources" / "icons" / "fgd-app.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256)  # hicolor theme sizes; the .ico takes the Windows ones
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render_png(size: int, path: Path) -> None:
    """Draw the SVG at ``size`` x ``size`` pixels into ``path``."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot read {SVG}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(path), "PNG"):
        raise SystemExit(f"make_icons: cannot write {path}")


def write_ico(pngs: dict[int, Path], path: Path) -> None:
    """Pack the rendered sizes into one Windows icon."""
    from PIL import Image

    largest = Image.open(pngs[max(ICO_SIZES)])
    others = [Image.open(pngs[size]) for size in ICO_SIZES if size != max(ICO_SIZES)]
    largest.save(path, format="ICO", sizes=[(size, size) for size in ICO_SIZES], append_images=others)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(["make_icons"])  # noqa: F841 - QPainter wants one
    pngs = {size: out / f"fgd-app-{size}.png" for size in PNG_SIZES}
    for size, png in pngs.items():
        render_png(size, png)
    write_ico(pngs, out / "fgd-app.ico")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
