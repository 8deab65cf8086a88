"""The projector's room screen: the QR code of the join link, the address and the room code, large."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fgd_app.gui.projector.panel import Heading, Panel
from fgd_app.i18n import tr


def qr_pixmap(url: str, size: int) -> QPixmap:
    """Return the QR code of ``url`` as a pixmap of about ``size`` pixels (segno PNG, no smoothing)."""
    from fgd_app.room.qr import qr_png

    pixmap = QPixmap()
    pixmap.loadFromData(qr_png(url, scale=10), "PNG")
    return pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation)


class RoomQrPanel(Panel):
    """Shows how to join: scan the QR code, or open the address and type the code."""

    WATCHED = ("room",)

    def __init__(self, workshop, parent: QWidget | None = None):
        super().__init__(workshop, parent)
        self.url = self.join_url = self.code = ""
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.how = QLabel()
        self.how.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.how.setWordWrap(True)
        self.how.setTextFormat(Qt.TextFormat.PlainText)
        self.code_label = QLabel()
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.qr, 3)
        layout.addWidget(self.how)
        layout.addWidget(self.code_label)
        self._points = 28.0

    def set_room(self, url: str, join_url: str, code: str) -> None:
        self.url, self.join_url, self.code = url, join_url, code
        self.refresh()

    def heading(self) -> Heading:
        return Heading(tr("Join from your phone"), tr("Wi-Fi of the room, then scan the code"))

    def apply_sizes(self, points: float) -> None:
        self._points = points
        font = QFont(self.font())
        font.setPointSizeF(points)
        self.how.setFont(font)
        big = QFont(self.font())
        big.setPointSizeF(points * 2)
        big.setBold(True)
        big.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, points / 3)
        self.code_label.setFont(big)
        self.refresh()

    def refresh(self) -> None:
        if self.join_url:
            side = int(min(self.width() or 600, (self.height() or 600) * 0.62, 900))
            self.qr.setPixmap(qr_pixmap(self.join_url, max(side, 200)))
            self.how.setText(tr("Or open {url} and type the room code:", url=self.url))
            self.code_label.setText(self.code)
        else:
            self.qr.clear()
            self.how.setText(tr("Room mode is off."))
            self.code_label.setText("")
        self.dirty = False

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.join_url:
            self.refresh()
