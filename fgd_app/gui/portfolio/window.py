"""The desk window: a consolidated file, read-only, in three tabs (portfolio, compare, search)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget, QVBoxLayout, QWidget

from fgd_app.core.portfolio import Portfolio
from fgd_app.gui.portfolio.compare_view import CompareView
from fgd_app.gui.portfolio.page import PortfolioPage
from fgd_app.gui.portfolio.search_view import SearchView
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import show_error
from fgd_app.i18n import tr


class DeskWindow(QMainWindow):
    """The ministry's desk over ``portfolio``; ``open_region_requested(workshop_id)`` asks the app to open it."""

    open_region_requested = Signal(str)
    open_requested = Signal()

    def __init__(self, portfolio: Portfolio, parent: QWidget | None = None):
        super().__init__(parent)
        self.portfolio = portfolio
        self.setWindowTitle(tr("Portfolio \u2014 {name}", name=portfolio.path.name))
        self.page = PortfolioPage(portfolio)
        self.compare = CompareView(portfolio)
        self.search = SearchView(portfolio)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.page, tr("Portfolio"))
        self.tabs.addTab(self.compare, tr("Compare"))
        self.tabs.addTab(self.search, tr("Search innovations"))
        self.tabs.currentChanged.connect(self._tab_changed)
        banner = QLabel(tr("Consolidated file \u201c{name}\u201d, read-only: nothing you do here changes it.",
                           name=portfolio.path.name))
        banner.setStyleSheet(f"background: {theme.WARNING_BAND}; color: {theme.WARNING_BAND_TEXT}; "
                             f"border: 1px solid {theme.WARNING_BAND_BORDER}; padding: 4px;")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(body)
        self.page.open_region_requested.connect(self.open_region_requested)
        self.search.open_region_requested.connect(self.open_region_requested)
        self.page.compare_requested.connect(self.show_compare)
        self._build_menu()
        self.resize(1280, 720)

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(tr("&File"))
        opening = QAction(tr("Open\u2026"), self)
        opening.setShortcut(QKeySequence.StandardKey.Open)
        opening.triggered.connect(self.open_requested.emit)
        export = QAction(tr("Export national summary (PDF and Excel)\u2026"), self)
        export.setShortcut(QKeySequence("Ctrl+P"))
        export.triggered.connect(self.export_dialog)
        close = QAction(tr("Close"), self)
        close.setShortcut(QKeySequence.StandardKey.Close)
        close.triggered.connect(self.close)
        for action in (opening, export, close):
            menu.addAction(action)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.compare:
            selected = self.page.selected_rows()
            self.compare.set_rows(selected or self.page.shown_rows(), selected=bool(selected))
        elif self.tabs.widget(index) is self.search:
            self.search.focus_first()

    def show_compare(self) -> None:
        self.tabs.setCurrentWidget(self.compare)
        self._tab_changed(self.tabs.currentIndex())

    def export_dialog(self) -> None:
        """Write the national summary PDF and the workbook of the regions shown into a chosen folder."""
        from PySide6.QtWidgets import QFileDialog

        folder = QFileDialog.getExistingDirectory(self, tr("Folder for the national summary"),
                                                  str(self.portfolio.path.parent))
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> list[Path]:
        """Write both files into ``folder`` (replacing older ones); return them, or [] after an error message."""
        from fgd_app.cli.portfolio import WORKBOOK_NAME
        from fgd_app.core.errors import FgdError
        from fgd_app.core.portfolio.compare import all_comparisons, overview
        from fgd_app.core.portfolio.workbook import write_workbook
        from fgd_app.reports.portfolio import PDF_NAME, write_summary_pdf

        rows = self.page.shown_rows()
        try:
            write_summary_pdf(self.portfolio, rows, folder / PDF_NAME)
            write_workbook([overview(rows), *all_comparisons(self.portfolio, rows)], folder / WORKBOOK_NAME)
        except (OSError, FgdError) as error:
            from fgd_app.cli.output import error_lines

            show_error(self, tr("The national summary was not written"), "\n".join(error_lines(error)))
            return []
        self.statusBar().showMessage(tr("Written: {pdf} and {workbook}", pdf=PDF_NAME, workbook=WORKBOOK_NAME), 8000)
        return [folder / PDF_NAME, folder / WORKBOOK_NAME]

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.portfolio.close()
        super().closeEvent(event)
