"""Small flowables the documents share."""

from __future__ import annotations

from reportlab.platypus import Flowable


class AtLeast(Flowable):
    """Hold a flowable in at least ``min_height`` points (a writing space in a table row)."""

    def __init__(self, inner: Flowable, min_height: float):
        super().__init__()
        self.inner, self.min_height = inner, min_height
        self._inner_height = 0.0

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        width, self._inner_height = self.inner.wrap(availWidth, availHeight)
        self.width, self.height = width, max(self.min_height, self._inner_height)
        return self.width, self.height

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, self.height - self._inner_height)


class Label(Flowable):
    """One short line of our own text drawn as a string (cheaper than a Paragraph; row numbers)."""

    def __init__(self, text: str, font: str, size: float, color=None):
        super().__init__()
        self.text, self.font, self.size, self.color = text, font, size, color

    def wrap(self, availWidth, availHeight):  # noqa: N803 (ReportLab's names)
        self.width, self.height = availWidth, self.size * 1.25
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setFont(self.font, self.size)
        if self.color is not None:
            self.canv.setFillColor(self.color)
        self.canv.drawString(0, self.size * 0.3, self.text)
