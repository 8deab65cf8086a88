"""Importing OPD and participant lists from CSV/XLSX: mapping, cleaning, duplicates, one undoable step."""

from __future__ import annotations

from pathlib import Path

import pytest

from fgd_app import i18n
from fgd_app.core import Workshop
from fgd_app.core.people.importer import (
    DUPLICATE,
    EMPTY,
    FILE_DUPLICATE,
    NEW,
    OPDS,
    PARTICIPANTS,
    REJECTED,
    ImportFileError,
    ImportPreview,
    OpdMatcher,
    guess_mapping,
    name_key,
    read_table,
    tidy_name,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
OPD_CSV = FIXTURES / "opd_kabupaten_serang.csv"
PESERTA_CSV = FIXTURES / "peserta_contoh.csv"
PESERTA_XLSX = FIXTURES / "peserta_dua_lembar.xlsx"  # the list on its second sheet


def counts(new=0, duplicate=0, file_duplicate=0, empty=0, rejected=0) -> dict[str, int]:
    return {NEW: new, DUPLICATE: duplicate, FILE_DUPLICATE: file_duplicate, EMPTY: empty, REJECTED: rejected}


def test_opd_list_is_recognised_and_imported_as_one_undoable_operation(workshop):
    preview = ImportPreview.from_file(workshop, OPD_CSV)
    assert preview.target == OPDS
    assert preview.mapping == ["name", "short_name", "kind"]
    assert preview.counts() == counts(new=32)

    assert preview.apply() == 32
    assert workshop.opds.count() == 32
    assert workshop.store.undo_name() == "Impor 32 OPD dari opd_kabupaten_serang.csv"
    opd = workshop.opds.find_by_name("Disparpora")
    assert opd.name == "Dinas Pariwisata, Pemuda dan Olahraga" and opd.kind == "dinas"


def test_participant_list_preview_cleans_rows_and_flags_empty_and_repeated_rows(workshop):
    preview = ImportPreview.from_file(workshop, PESERTA_CSV)
    assert preview.target == PARTICIPANTS
    assert preview.mapping == [None, "name", "position", "organisation", "pentahelix", "phone", "email"]
    assert preview.counts() == counts(new=9, file_duplicate=1, empty=1)
    by_line = {row.line: row for row in preview.rows}
    assert by_line[3].values["name"] == "Siti Nurhaliza"  # "  Siti Nurhaliza " trimmed
    assert by_line[3].values["phone"] == "081311112222"  # +62 813 1111 2222
    assert by_line[6].values["phone"] == "0254123456"  # (0254) 123456
    assert by_line[5].values["phone"] == "085777776666"  # 0857 7777 6666
    assert by_line[4].values["pentahelix"] == "akademisi"  # "Akademisi"
    assert by_line[8].status == EMPTY
    repeated = by_line[9]
    assert repeated.status == FILE_DUPLICATE
    assert repeated.values["name"] == "Ahmad Fauzi S.Kom"  # capitals turned into Title Case
    assert repeated.reason == "Nama sama dengan baris 2."


def test_import_applies_once_and_reimport_adds_nothing(workshop):
    first = ImportPreview.from_file(workshop, PESERTA_CSV)
    assert first.operation_name() == "Impor 9 peserta dari peserta_contoh.csv"
    assert first.apply() == 9
    assert workshop.participants.count() == 9

    again = ImportPreview.from_file(workshop, PESERTA_CSV)
    assert again.counts() == counts(duplicate=10, empty=1)
    assert not again.can_apply()
    assert again.apply() == 0
    assert workshop.participants.count() == 9
    assert workshop.store.undo_name() == "Impor 9 peserta dari peserta_contoh.csv"


def test_undo_of_import_removes_exactly_the_imported_rows(workshop):
    kept = workshop.participants.add(name="Peserta Manual")
    ImportPreview.from_file(workshop, PESERTA_CSV).apply()
    assert workshop.participants.count() == 10
    workshop.undo()
    assert [p.id for p in workshop.participants.list()] == [kept.id]
    workshop.redo()
    assert workshop.participants.count() == 10


def test_participants_are_matched_to_opds_by_short_name_and_tolerant_name(workshop):
    ImportPreview.from_file(workshop, OPD_CSV).apply()
    preview = ImportPreview.from_file(workshop, PESERTA_CSV)
    by_name = {row.values["name"]: row for row in preview.rows if row.status == NEW}
    assert by_name["Ahmad Fauzi S.Kom"].opd.short_name == "Diskominfosatik"
    assert by_name["Yusuf Maulana"].opd.short_name == "Disparpora"  # no comma in the list
    assert by_name["Rina Marlina"].opd is None
    preview.apply()
    people = {p.name: p for p in workshop.participants.list()}
    assert people["Yusuf Maulana"].opd_id == workshop.opds.find_by_name("Disparpora").id
    assert people["Yusuf Maulana"].organisation == ""
    assert people["Rina Marlina"].opd_id is None
    assert people["Rina Marlina"].organisation == "Komunitas Relawan TIK Serang"
    assert people["Ujang Suryana"].organisation == "Kecamatan Kramatwatu"


def test_existing_participant_is_recognised_by_name_without_titles_email_or_phone(workshop):
    workshop.participants.add(name="Ahmad Fauzi")
    workshop.participants.add(name="Budi Lain", email="budi@example.ac.id")
    workshop.participants.add(name="Dewi L.", phone="0878 1234 5678")
    preview = ImportPreview.from_file(workshop, PESERTA_CSV)
    status = {row.line: (row.status, row.reason) for row in preview.rows}
    assert status[2] == (DUPLICATE, "Nama sama dengan \u201cAhmad Fauzi\u201d yang sudah terdaftar.")
    assert status[9][0] == DUPLICATE
    assert status[4] == (DUPLICATE, "Email sama dengan \u201cBudi Lain\u201d yang sudah terdaftar.")
    assert status[7][0] == DUPLICATE and "Dewi L." in status[7][1]
    assert preview.counts() == counts(new=6, duplicate=4, empty=1)


def test_bad_values_are_rejected_with_the_reason_and_not_imported(workshop, tmp_path):
    path = tmp_path / "peserta.csv"
    path.write_text("Nama;NIP;Email;No HP;Unsur\n"
                    "Andi;19800101 200501 1 001;andi@example.go.id;0812 1111 2222;pemerintah\n"
                    ";;;;\n"
                    "Bambang;12345;;;\n"
                    "Citra;;citra-at-example;;\n"
                    "Dodi;;;12;\n"
                    "Eka;;;;Partai\n"
                    ";;;;\n;;;;\n", encoding="utf-8")  # trailing empty rows are dropped, not counted
    preview = ImportPreview.from_file(workshop, path)
    rows = {row.values.get("name"): row for row in preview.rows}
    assert rows["Andi"].status == NEW and rows["Andi"].values["nip"] == "198001012005011001"
    assert rows["Bambang"].reason == "NIP harus 18 angka (atau dikosongkan)."
    assert rows["Citra"].reason == "\u201ccitra-at-example\u201d bukan alamat email."
    assert rows["Dodi"].reason == "\u201c12\u201d bukan nomor telepon."
    assert rows["Eka"].status == REJECTED and "partai" in rows["Eka"].reason
    assert preview.counts() == counts(new=1, rejected=4, empty=1)
    assert preview.apply() == 1
    assert [p.name for p in workshop.participants.list()] == ["Andi"]


def test_xlsx_on_a_chosen_sheet_with_numbers_and_a_title_row(workshop):
    table = read_table(PESERTA_XLSX, sheet="Peserta")
    assert table.sheet_names == ["Catatan", "Peserta"] and table.sheet == "Peserta"
    workshop.opds.add(name="Dinas Kesehatan", short_name="Dinkes")
    preview = ImportPreview(workshop, table)
    assert preview.mapping == [None, "name", "nip", "organisation", "pentahelix", "phone", "email"]
    rudi, sari = preview.rows
    assert rudi.status == NEW
    assert rudi.values["pentahelix"] == "pemerintah"
    assert (rudi.values["name"], rudi.values["nip"], rudi.values["phone"], rudi.values["email"]) == (
        "Rudi Hartono", "198001012005011001", "081234500001", "rudi@example.go.id")
    assert rudi.opd.short_name == "Dinkes"
    assert sari.status == REJECTED and "NIP" in sari.reason  # a number cell keeps only ~15 digits
    assert preview.apply() == 1


def test_mapping_can_be_changed_and_a_field_takes_one_column(workshop, tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Kolom A,Kolom B\nBappeda,Badan Perencanaan Pembangunan Daerah\n", encoding="utf-8")
    preview = ImportPreview.from_file(workshop, path, target=OPDS)
    assert preview.mapping == [None, None]
    assert preview.problem() == ("Tidak ada kolom berkas yang dikenali sebagai \u201cNama OPD\u201d. "
                                 "Pilih kolom yang memuatnya.")
    assert not preview.can_apply()
    preview.set_mapping(0, "name")
    preview.set_mapping(1, "name")  # moves "name" to column B
    preview.set_mapping(0, "short_name")
    assert preview.mapping == ["short_name", "name"]
    assert preview.problem() == ""
    assert preview.apply() == 1
    assert workshop.opds.find_by_name("Bappeda").name == "Badan Perencanaan Pembangunan Daerah"


def test_csv_in_windows_encoding_with_tabs(workshop, tmp_path):
    path = tmp_path / "opd.csv"
    path.write_bytes("nama\tsingkatan\nDinas Pemuda dan Olahraga \u2013 Seni\tDispora\n".encode("cp1252"))
    preview = ImportPreview.from_file(workshop, path)
    assert preview.target == OPDS
    assert preview.rows[0].values["name"] == "Dinas Pemuda dan Olahraga \u2013 Seni"


@pytest.mark.parametrize("content, message", [
    (b"", "\u201cbad.csv\u201d kosong."),
    (b"  \n\n", "\u201cbad.csv\u201d kosong."),
    (bytes(range(256)) * 8, "\u201cbad.csv\u201d bukan berkas CSV atau Excel (.xlsx)."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "berkas Excel lama (.xls)"),
    (b"PK\x03\x04garbage", "\u201cbad.csv\u201d rusak atau bukan buku kerja Excel (.xlsx)."),
])
def test_bad_files_give_clear_messages(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        read_table(path)
    assert message in str(caught.value)


def test_missing_file_gives_a_clear_message(tmp_path):
    with pytest.raises(ImportFileError, match="tidak ada"):
        read_table(tmp_path / "hilang.csv")


def test_csv_without_recognisable_columns_says_so(workshop, tmp_path):
    path = tmp_path / "lain.csv"
    path.write_text("Tanggal,Jumlah,Harga\n2024-07-02,3,15000\n", encoding="utf-8")
    preview = ImportPreview.from_file(workshop, path)
    assert preview.mapping == [None, None, None]
    assert "Nama" in preview.problem()
    with pytest.raises(Exception, match="Pilih kolom"):
        preview.apply()
    assert workshop.participants.count() == 0


def test_read_only_workshop_cannot_apply(workshop_path):
    with Workshop.open(workshop_path, read_only=True) as ws:
        preview = ImportPreview.from_file(ws, PESERTA_CSV)
        assert preview.counts()[NEW] == 9
        assert not preview.can_apply()


def test_names_compare_without_titles_and_capitals_become_title_case():
    assert name_key("Dr. Budi Santoso M.T.") == name_key("budi santoso") == "budi santoso"
    assert name_key("AHMAD FAUZI S.KOM") == name_key("Ahmad Fauzi, S.Kom., M.T.") == "ahmad fauzi"
    assert name_key("Drs. H. Ujang Suryana") == "ujang suryana"
    assert name_key("Dra Siti") == "siti"
    assert name_key("Peserta 1") != name_key("Peserta 2")
    assert tidy_name("AHMAD FAUZI S.KOM") == "Ahmad Fauzi S.Kom"
    assert tidy_name("MA'RUF AMIN") == "Ma'ruf Amin"
    assert tidy_name("Siti binti ABDULLAH") == "Siti binti ABDULLAH"  # mixed case: left as typed


def test_opd_matcher_tolerates_punctuation_and_ampersand(workshop):
    opd = workshop.opds.add(name="Dinas Pariwisata, Pemuda dan Olahraga", short_name="Disparpora")
    matcher = OpdMatcher(workshop.opds.list())
    for text in ("Dinas Pariwisata Pemuda dan Olahraga", "dinas pariwisata, pemuda & olahraga", "DISPARPORA",
                 "Dinas Pariwisata Pemuda dan Olah Raga"):
        assert matcher.match(text) == opd, text
    assert matcher.match("Dinas Pertanian") is None
    assert matcher.match("") is None


def test_english_headers_and_messages(workshop, tmp_path):
    i18n.set_language("en")
    path = tmp_path / "people.csv"
    path.write_text("Full name,Position,Organisation,Phone number,E-mail\nJane Doe,Analyst,Acme,0812 3456 7891,"
                    "bad\n", encoding="utf-8")
    preview = ImportPreview.from_file(workshop, path)
    assert guess_mapping(preview.table.columns, PARTICIPANTS) == ["name", "position", "organisation", "phone",
                                                                  "email"]
    assert preview.rows[0].reason == "\u201cbad\u201d is not an e-mail address."
