"""Lists a facilitator did not mean to be hostile (and some that are): the importer reads or refuses, never crashes."""

from __future__ import annotations

import pytest

from fgd_app.core.people.importer import EMPTY, NEW, REJECTED, ImportFileError, ImportPreview, read_table


def test_a_row_wider_than_its_header_is_read_with_an_extra_column(workshop, tmp_path):
    path = tmp_path / "koma.csv"
    path.write_text("Nama,Jabatan\nBudi,Staf,\nSiti,Kabid,catatan lebih\n", encoding="utf-8")
    table = read_table(path)
    assert table.columns[:2] == ["Nama", "Jabatan"] and len(table.columns) == 3
    assert table.rows == [["Budi", "Staf", ""], ["Siti", "Kabid", "catatan lebih"]]
    preview = ImportPreview.from_file(workshop, path)
    assert [r.status for r in preview.rows] == [NEW, NEW]


def test_a_trailing_comma_on_every_row_adds_no_column(tmp_path):
    path = tmp_path / "koma.csv"
    path.write_text("Nama,Jabatan\nBudi,Staf,\n", encoding="utf-8")
    assert read_table(path).columns == ["Nama", "Jabatan"]


@pytest.mark.parametrize("name", ["-", ";;;", "...", "—", "#", "123"])
def test_a_name_without_letters_is_not_imported(workshop, tmp_path, name):
    path = tmp_path / "tanda.csv"
    path.write_text(f'Nama;Jabatan\n"{name}";Staf\n"{name}";\nBudi;Staf\n', encoding="utf-8")
    preview = ImportPreview.from_file(workshop, path)
    assert [r.status for r in preview.rows] == [REJECTED, EMPTY, NEW]
    assert name in preview.rows[0].reason
    assert preview.apply() == 1
    assert [p.name for p in workshop.participants.list()] == ["Budi"]


def test_an_opd_name_without_letters_is_not_imported(workshop, tmp_path):
    path = tmp_path / "opd.csv"
    path.write_text("Nama OPD,Singkatan,Jenis\n-,X,dinas\nDinas Sosial,Dinsos,dinas\n", encoding="utf-8")
    preview = ImportPreview.from_file(workshop, path, target="opd")
    assert [r.status for r in preview.rows] == [REJECTED, NEW]


def test_unreadable_file_kinds_are_refused_with_a_message(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"\x00\x01\x02" * 10)
    with pytest.raises(ImportFileError):
        read_table(path)
