"""The translation catalogue: .po files merged, cached in the user's cache folder, rebuilt when one changes."""

from __future__ import annotations

import os
import shutil

import pytest

from fgd_app import i18n, resources


@pytest.fixture
def catalogues(tmp_path, monkeypatch):
    """A copy of the Indonesian catalogues and an empty cache folder, used by i18n.catalog()."""
    folder = tmp_path / "resources" / "translations" / "id"
    shutil.copytree(resources.resource_path("translations", "id"), folder)
    monkeypatch.setattr(i18n, "resource_path", lambda *parts: tmp_path.joinpath("resources", *parts))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(resources.sys, "platform", "linux")
    i18n.catalog.cache_clear()
    yield folder
    i18n.catalog.cache_clear()


def _cache_files(tmp_path):
    return list((tmp_path / "cache" / "fgd_app").glob("catalog-id.*.marshal"))


def test_catalogue_is_cached_and_the_cache_gives_the_same_table(catalogues, tmp_path):
    parsed = i18n.catalog("id")
    assert parsed["Workshop data"] and len(parsed) > 500
    assert len(_cache_files(tmp_path)) == 1
    i18n.catalog.cache_clear()
    assert i18n.catalog("id") == parsed


def test_changed_or_added_po_file_rebuilds_the_table(catalogues, tmp_path):
    i18n.catalog("id")
    (catalogues / "zz_test.po").write_text('msgid "Workshop data"\nmsgstr "Data lokakarya (uji)"\n',
                                            encoding="utf-8")
    i18n.catalog.cache_clear()
    assert i18n.catalog("id")["Workshop data"] == "Data lokakarya (uji)"
    path = catalogues / "zz_test.po"
    path.write_text('msgid "Workshop data"\nmsgstr "Data lokakarya (dua)"\n', encoding="utf-8")
    os.utime(path, ns=(1, 1))  # even a file whose time goes back is noticed (size, inode, time)
    i18n.catalog.cache_clear()
    assert i18n.catalog("id")["Workshop data"] == "Data lokakarya (dua)"


def test_damaged_or_unwritable_cache_is_not_used(catalogues, tmp_path):
    expected = i18n.catalog("id")
    _cache_files(tmp_path)[0].write_bytes(b"\x00not marshal")
    i18n.catalog.cache_clear()
    assert i18n.catalog("id") == expected
    shutil.rmtree(tmp_path / "cache")
    (tmp_path / "cache").write_text("a file where the folder should be")
    i18n.catalog.cache_clear()
    assert i18n.catalog("id") == expected
