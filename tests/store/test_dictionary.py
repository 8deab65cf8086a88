"""The data dictionary describes every table and column of the file format, in both languages."""

from __future__ import annotations

from fgd_app.core.store import dictionary, known_schema


def test_every_table_and_column_of_the_schema_is_described_in_indonesian_and_english():
    missing = dictionary.missing()
    assert missing == [], (
        "Describe these in db/data_dictionary.json (keys 'id' and 'en'; see its 'about'): " + ", ".join(missing))


def test_the_dictionary_names_no_table_or_column_the_schema_lacks():
    assert dictionary.stale() == []


def test_dictionary_rows_cover_every_column_with_its_foreign_key():
    ref = known_schema.reference()
    rows = dictionary.rows()
    described = {(r[0], r[1]) for r in rows}
    for name, table in ref.tables.items():
        assert (name, "") in described
        assert {(name, c) for c in table.column_names} <= described
    participant_opd = next(r for r in rows if r[:2] == ("participant", "opd_id"))
    assert participant_opd[8] == "opd.id"
    assert participant_opd[4] and participant_opd[5]


def test_common_columns_take_the_shared_description_and_labels_follow_the_language():
    entry = dictionary.column_entry("opd", "updated_at")
    assert "newer version wins" in entry.en
    assert dictionary.column_label("opd", "name", "id") == "Nama OPD"
    assert dictionary.column_label("opd", "name", "en") == "OPD name"
    assert dictionary.table_label("participant", "id") == "Peserta"


def test_reference_schema_orders_parents_before_the_tables_that_refer_to_them():
    names = [t.name for t in known_schema.reference().record_tables]
    assert names.index("opd") < names.index("participant") < names.index("attendance")
    assert "metadata" not in names and "_sqlite_migrations" not in names
    assert not any(n.startswith("innovation_fts") for n in names)
