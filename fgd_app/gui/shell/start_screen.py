"""The start screen: new workshop, open a file, recent files (missing ones shown as such, removable)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from fgd_app import APP_NAME, __version__
from fgd_app.gui.exchange.menu_actions import kominfo_buttons
from fgd_app.gui.shell.backups import restore_button
from fgd_app.gui.shell.settings import RecentFile, Settings
from fgd_app.gui.widgets import theme
from fgd_app.gui.widgets.common import ask
from fgd_app.gui.widgets.dialogs import set_tab_chain
from fgd_app.i18n import tr

PATH_ROLE = Qt.ItemDataRole.UserRole
EXISTS_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
NOTE_ROLE = Qt.ItemDataRole.UserRole + 3


class RecentDelegate(QStyledItemDelegate):
    """Draw a recent file as its workshop name in bold over its path (and why it is missing)."""

    PAD = 8

    def _lines(self, index: QModelIndex) -> list[tuple[str, bool]]:
        lines = [(str(index.data(NAME_ROLE) or ""), True), (str(index.data(PATH_ROLE) or ""), False)]
        note = index.data(NOTE_ROLE)
        return [*lines, (str(note), False)] if note else lines

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802 - Qt override
        height = option.fontMetrics.height()
        return QSize(200, len(self._lines(index)) * (height + 2) + 2 * self.PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        exists = bool(index.data(EXISTS_ROLE))
        painter.save()
        y = option.rect.top() + self.PAD
        height = option.fontMetrics.height() + 2
        for text, bold in self._lines(index):
            font = QFont(option.font)
            font.setBold(bold)
            painter.setFont(font)
            if selected:
                color = option.palette.color(QPalette.ColorRole.HighlightedText)
            elif bold and exists:
                color = option.palette.color(QPalette.ColorRole.Text)
            else:
                color = QColor(theme.MUTED_TEXT) if exists else QColor(theme.DISABLED_TEXT)
            painter.setPen(color)
            rect = QRect(option.rect.left() + self.PAD, y, option.rect.width() - 2 * self.PAD, height)
            elided = painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideMiddle, rect.width())
            painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
            y += height
        painter.restore()


class StartScreen(QWidget):
    """The first window: what the facilitator sees before a workshop is open."""

    new_requested = Signal()
    open_requested = Signal()
    open_path_requested = Signal(str)
    settings_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setObjectName("StartScreen")

        title = QLabel(APP_NAME)
        title.setObjectName("startTitle")
        title.setStyleSheet("font-size: 22pt; font-weight: 600;")
        subtitle = QLabel(tr("Smart City masterplan bimtek: innovations, action plans, risks and roadmap."))
        subtitle.setWordWrap(True)
        subtitle.setStyleSheet(f"font-size: 11pt; color: {theme.SUBTITLE_TEXT};")
        offline = QLabel(tr("Everything is saved at once in one file per workshop, on this computer. "
                            "No internet connection is needed."))
        offline.setWordWrap(True)

        self.new_button = QPushButton(tr("&New workshop…"))
        self.open_button = QPushButton(tr("&Open file…"))
        self.settings_button = QPushButton(tr("&Settings…"))
        for button, tip in ((self.new_button, tr("Create a new workshop file (Ctrl+N)")),
                            (self.open_button, tr("Open a workshop file (Ctrl+O)")),
                            (self.settings_button, tr("Language of the interface"))):
            button.setToolTip(tip)
            button.setMinimumHeight(40)
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.settings_button.clicked.connect(self.settings_requested)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_requested.emit)
        QShortcut(QKeySequence("Ctrl+O"), self, activated=self.open_requested.emit)
        QShortcut(QKeySequence("Ctrl+Q"), self, activated=self.close)
        QShortcut(QKeySequence("F1"), self, activated=self.show_guide)
        self.guide_button = QPushButton(tr("Facilitator's &guide (F1)"))
        self.guide_button.setToolTip(tr("How to run the workshop with this app, step by step"))
        self.guide_button.clicked.connect(self.show_guide)

        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(subtitle)
        left.addSpacing(16)
        left.addWidget(self.new_button)
        left.addWidget(self.open_button)
        left.addWidget(kominfo_buttons(self))  # review / consolidate received files (handover_actions.py)
        left.addSpacing(8)
        left.addWidget(offline)
        left.addStretch(1)
        left.addWidget(self.guide_button)
        self.restore_button = restore_button(self)  # the automatic backups of every workshop
        left.addWidget(self.restore_button)
        left.addWidget(self.settings_button)
        version = QLabel(tr("Version {version}", version=__version__))
        version.setStyleSheet(theme.text_style(theme.MUTED_TEXT))
        left.addWidget(version)

        recent_label = QLabel(tr("&Recent workshops"))
        recent_label.setStyleSheet(theme.SECTION_HEADING_STYLE)
        recent_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.recent_list = QListWidget()
        self.recent_list.setAccessibleName(tr("Recent workshops"))
        self.recent_list.setItemDelegate(RecentDelegate(self.recent_list))
        self.recent_list.setAlternatingRowColors(True)
        self.recent_list.setUniformItemSizes(False)
        recent_label.setBuddy(self.recent_list)
        self.recent_list.itemActivated.connect(self._activate)
        self.recent_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.empty_label = QLabel(tr("No workshop opened yet. Start with “New workshop…”."))
        self.empty_label.setWordWrap(True)
        self.open_recent_button = QPushButton(tr("Open"))
        self.remove_recent_button = QPushButton(tr("Remove from list"))
        self.remove_recent_button.setToolTip(tr("Remove the entry from this list; the file itself stays (Del)"))
        self.open_recent_button.clicked.connect(lambda: self._activate(self.recent_list.currentItem()))
        self.remove_recent_button.clicked.connect(self._remove_current)
        QShortcut(QKeySequence.StandardKey.Delete, self.recent_list, activated=self._remove_current)
        recent_buttons = QHBoxLayout()
        recent_buttons.addStretch(1)
        recent_buttons.addWidget(self.open_recent_button)
        recent_buttons.addWidget(self.remove_recent_button)

        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(recent_label)
        right.addWidget(self.recent_list, 1)
        right.addWidget(self.empty_label, 1)
        right.addLayout(recent_buttons)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        left_panel = QWidget()
        left_panel.setLayout(left)
        left_panel.setFixedWidth(340)
        content = QWidget()
        content.setMaximumWidth(1100)
        row = QHBoxLayout(content)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(36)
        row.addWidget(left_panel)
        row.addLayout(right, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 24)
        layout.addStretch(0)
        layout.addWidget(content, 1)
        layout.addStretch(0)
        set_tab_chain(self.new_button, self.open_button, self.recent_list, self.open_recent_button,
                      self.remove_recent_button, self.settings_button)
        self.resize(900, 560)
        self.refresh()

    def show_guide(self) -> None:
        """Open the facilitator's guide (F1) in the UI language."""
        from fgd_app.gui.shell.guide import show_guide  # when asked for, not at start

        show_guide(self)

    def refresh(self) -> None:
        """Reload the recent files list from the settings."""
        self.recent_list.clear()
        for recent in self.settings.recent_files():
            self.recent_list.addItem(self._item(recent))
        has_items = self.recent_list.count() > 0
        self.recent_list.setVisible(has_items)
        self.empty_label.setVisible(not has_items)
        if has_items:
            self.recent_list.setCurrentRow(0)
        self._update_buttons()

    def _item(self, recent: RecentFile) -> QListWidgetItem:
        name = recent.name or recent.path.rsplit("/", 1)[-1]
        if recent.exists:
            text = f"{name}\n{recent.path}"
        else:
            text = f"{name}\n{recent.path}\n" + tr("(file not found — moved, renamed or on a removed USB stick)")
        item = QListWidgetItem(text)  # the text is what screen readers say; the delegate draws the roles
        item.setData(NAME_ROLE, name)
        item.setData(NOTE_ROLE, "" if recent.exists else text.rsplit("\n", 1)[1])
        item.setData(PATH_ROLE, recent.path)
        item.setData(EXISTS_ROLE, recent.exists)
        item.setToolTip(recent.path)
        if not recent.exists:
            item.setForeground(QColor(theme.DISABLED_TEXT))
        return item

    def _update_buttons(self) -> None:
        item = self.recent_list.currentItem()
        self.open_recent_button.setEnabled(item is not None and bool(item.data(EXISTS_ROLE)))
        self.remove_recent_button.setEnabled(item is not None)

    def _activate(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        path = str(item.data(PATH_ROLE))
        if not item.data(EXISTS_ROLE):
            answer = ask(self, tr("File not found"),
                         tr("The file “{path}” is not there any more. Remove it from the list?", path=path),
                         [("remove", tr("Remove from list")), ("keep", tr("Keep"))])
            if answer == "remove":
                self._remove_current()
            return
        self.open_path_requested.emit(path)

    def _remove_current(self) -> None:
        item = self.recent_list.currentItem()
        if item is None:
            return
        row = self.recent_list.row(item)
        self.settings.remove_recent(str(item.data(PATH_ROLE)))
        self.refresh()
        if self.recent_list.count():
            self.recent_list.setCurrentRow(min(row, self.recent_list.count() - 1))
            self.recent_list.setFocus()
