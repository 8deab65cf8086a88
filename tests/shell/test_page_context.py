"""Pages receive what they need from the main window (``PageContext``); the projector hub outlives a rebuild."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from fgd_app.gui.innovations.page import InnovationsPage
from fgd_app.gui.projector import hub as hub_module
from fgd_app.gui.shell.app import setup_application
from fgd_app.gui.shell.main_window import MainWindow
from fgd_app.gui.shell.navigation import PageContext, PageSpec, ordered_pages
from fgd_app.gui.shell.settings import Settings


@pytest.fixture
def settings(tmp_path):
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def test_every_page_need_is_a_field_of_the_page_context():
    for spec in ordered_pages():
        assert set(spec.needs) <= set(PageContext._fields), spec.key


def test_main_window_hands_every_page_the_same_workshop_settings_and_hub(qtbot, monkeypatch, workshop, settings):
    received: dict[str, tuple] = {}
    load = PageSpec.load

    def recording_load(spec: PageSpec):
        page_class = load(spec)

        def build(ws, parent=None, **needs):
            received[spec.key] = (ws, needs)
            return page_class(ws, parent, **needs)
        return build

    monkeypatch.setattr(PageSpec, "load", recording_load)
    window = MainWindow(workshop, settings)
    qtbot.addWidget(window)
    for spec in window.specs:
        assert type(window.page(spec.key)).__name__ == spec.factory.partition(":")[2]  # built, not the error label
    context = {"workshop": workshop, "settings": settings, "hub": window.projector, "navigate": window.go_to}
    assert set(received) == {spec.key for spec in window.specs}
    for spec in window.specs:
        ws, needs = received[spec.key]
        assert ws is workshop
        assert needs.keys() == set(spec.needs) and all(needs[name] == context[name] for name in needs), spec.key
    assert window.page("innovations").hub is window.projector
    assert window.page("print").settings is settings and window.page("minutes").settings is settings
    window.close()


def test_a_page_built_on_its_own_gets_a_private_hub(qtbot, workshop):
    first, second = InnovationsPage(workshop), InnovationsPage(workshop)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert first.hub is not second.hub and first.hub.workshop is workshop
    assert not hasattr(hub_module, "_hubs")  # no global registry to look a hub up in


def test_projector_hub_and_round_timer_survive_a_language_switch(qtbot, qapp, monkeypatch, settings, tmp_path,
                                                                  workshop_path):
    QStandardPaths.setTestModeEnabled(True)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setenv("HOME", str(tmp_path))
    controller = setup_application(qapp, settings)
    try:
        assert controller.open_path(workshop_path)
        old = controller.window
        hub = old.projector
        old.show_page("innovations")
        hub.timer.set_minutes(2)
        hub.timer.start()
        hub.show()
        controller.apply_language("en")
        window = controller.window
        assert window is not old and window.projector is hub and window.page_context.hub is hub
        assert window.show_page("innovations").hub is hub
        assert hub.timer.state == "running" and window.timer_label.isVisible()
        assert hub.window is None and not window.projector_action.isChecked()  # closed with the old window
        window.projector_action.trigger()  # F5 opens it again, in the new language
        assert hub.window is not None and hub.innovations_page is window.page("innovations")
    finally:
        controller.apply_language("id")
        if controller.window is not None:
            controller.window.close()
    assert hub.window is None
