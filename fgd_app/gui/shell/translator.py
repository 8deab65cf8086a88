"""Route Qt's own strings (context menus, dialog buttons) through fgd_app's catalogue.

One translation mechanism for the whole program: Qt asks every installed QTranslator for its
strings ("&Undo", "Select All", "OK", ...); ours answers from the same .po catalogue as ``tr()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from fgd_app import i18n


class CatalogTranslator(QTranslator):
    """A QTranslator that answers from ``fgd_app.i18n`` in the current language."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.untranslated: set[tuple[str, str]] = set()  # (context, source) Qt asked for and we lacked

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:
        found = i18n.lookup(source) if source else None
        if found is None:  # a null string tells Qt to keep its own text
            if source:
                self.untranslated.add((context, source))
            return None  # type: ignore[return-value]
        return found

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


_installed: list[CatalogTranslator] = []


def install(app: QCoreApplication | None = None) -> CatalogTranslator:
    """Install the catalogue translator once on the application and return it."""
    app = app or QCoreApplication.instance()
    if _installed:
        return _installed[0]
    translator = CatalogTranslator(app)
    app.installTranslator(translator)
    _installed.append(translator)
    return translator


def installed() -> CatalogTranslator | None:
    """Return the installed translator, if any."""
    return _installed[0] if _installed else None
