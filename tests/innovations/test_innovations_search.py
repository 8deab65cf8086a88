"""Searching innovations as you type (FTS5) and spotting near-duplicate names."""

from __future__ import annotations

import pytest

from fgd_app.core.innovations.search import fts_query, name_similarity


@pytest.fixture
def ws(workshop):
    """A workshop with a handful of innovations over two dimensions."""
    ws = workshop
    dukcapil = ws.opds.add(name="Dinas Kependudukan dan Pencatatan Sipil", short_name="Disdukcapil").id
    dlh = ws.opds.add(name="Dinas Lingkungan Hidup", short_name="DLH").id
    kominfo = ws.opds.add(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo").id
    gov, env = ws.dimensions.by_code("GOV").id, ws.dimensions.by_code("ENV").id
    add = ws.innovations.add
    ws.ids = {
        "dukcapil": add(dimension_id=gov, name="Si Dukcapil", lead_opd_id=dukcapil,
                        description="Layanan adminduk daring di setiap Kécamatan").id,
        "satu_data": add(dimension_id=gov, name="Satu Data Kabupaten", lead_opd_id=kominfo,
                         problem="Data sektoral tersebar").id,
        "sampah": add(dimension_id=env, name="Aplikasi bank sampah", lead_opd_id=dlh,
                      supporting_opd_ids=[kominfo], description="Tabungan sampah warga").id,
        "rnd": add(dimension_id=env, name="Riset R&D <limbah> \"B3\"", lead_opd_id=dlh).id,
    }
    return ws


def found(ws, text, dimension=None):
    dimension_id = ws.dimensions.by_code(dimension).id if dimension else None
    return {key for key, value in ws.ids.items() if value in ws.innovations.search(text, dimension_id)}


@pytest.mark.parametrize("text, expected", [
    ("dukc", {"dukcapil"}),                 # prefix as you type
    ("SI DUKCAPIL", {"dukcapil"}),          # case
    ("kecamatan", {"dukcapil"}),            # diacritics in the text
    ("kécam", {"dukcapil"}),                # diacritics in the query
    ("sampah", {"sampah"}),
    ("tabungan warga", {"sampah"}),         # every word, any order, in the description
    ("diskominfo", {"satu_data", "sampah"}),  # lead or supporting OPD by short name
    ("lingkungan hidup", {"sampah", "rnd"}),  # OPD full name
    ("GOV-02", {"satu_data"}),
    ("ENV", {"sampah", "rnd"}),
    ("tersebar", {"satu_data"}),            # problem
    ("zzz", set()),
])
def test_search_finds_by_name_description_problem_opd_and_code(ws, text, expected):
    assert found(ws, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("<", {"rnd"}), ("&", {"rnd"}), ('"', {"rnd"}), ("<limbah>", {"rnd"}), ('"B3', {"rnd"}),
    ("R&D", {"rnd"}), ("'", set()), ("(", set()), ("*", set()), ("AND", set()), ("NOT OR", set()),
    ("dukcapil)", {"dukcapil"}), ("^", set()), ("%", set()), ("-", {"dukcapil", "satu_data", "sampah", "rnd"}),
])
def test_characters_fts_cannot_parse_fall_back_gracefully(ws, text, expected):
    assert found(ws, text) == expected


def test_search_within_one_dimension_and_blank_text_finds_all(ws):
    assert found(ws, "data", "GOV") == {"satu_data"}
    assert found(ws, "data", "ENV") == set()
    assert found(ws, "   ") == set(ws.ids)


def test_search_follows_edits_undo_and_opd_renames(ws):
    ws.innovations.update(ws.ids["dukcapil"], name="Layanan Kependudukan Online")
    assert found(ws, "online") == {"dukcapil"}
    ws.undo()
    assert found(ws, "online") == set()
    ws.innovations.delete(ws.ids["sampah"])
    assert found(ws, "sampah") == set()
    ws.undo()
    assert found(ws, "sampah") == {"sampah"}
    ws.opds.update(ws.opds.find_by_name("DLH").id, short_name="DLHK")
    assert found(ws, "dlhk") == {"sampah", "rnd"}


def test_a_stale_index_is_rebuilt(ws):
    ws.store.conn.execute("DELETE FROM innovation_fts")
    ws.innovations.index._checked = False
    assert found(ws, "sampah") == {"sampah"}


def test_fts_query_quotes_every_word():
    assert fts_query('a "b" OR c*') == '"a"* AND "b"* AND "OR"* AND "c"*'
    assert fts_query("<&>") is None


@pytest.mark.parametrize("a, b", [
    ("Aplikasi bank sampah", "aplikasi Bank Sampah digital"),
    ("Si Dukcapil", "Si Dukcapil Online"),
    ("Bank sampah", "Bank smapah"),
    ("Branding wisata religi Banten Lama", "branding Wisata Religi banten lama!"),
    ("Télémedicine Puskesmas", "telemedicine puskesmas"),
])
def test_close_names_are_similar(a, b):
    assert name_similarity(a, b) >= 0.8


@pytest.mark.parametrize("a, b", [
    ("Aplikasi pasar", "Aplikasi pajak"),
    ("Aplikasi bank sampah", "Aplikasi layanan pajak"),
    ("CCTV kecamatan", "Satu data kecamatan"),
    ("Sistem informasi angkutan umum", "Sistem informasi pertanian"),
])
def test_different_names_are_not_similar(a, b):
    assert name_similarity(a, b) < 0.8


def test_similar_names_looks_in_the_same_dimension_only(ws):
    env, gov = ws.dimensions.by_code("ENV").id, ws.dimensions.by_code("GOV").id
    hits = ws.innovations.similar_names(env, "aplikasi Bank Sampah digital")
    assert [(code, name) for _, code, name, _ in hits] == [("ENV-01", "Aplikasi bank sampah")]
    assert ws.innovations.similar_names(gov, "aplikasi Bank Sampah digital") == []
    assert ws.innovations.similar_names(env, "Aplikasi bank sampah", exclude_id=ws.ids["sampah"]) == []
    assert ws.innovations.similar_names(env, "   ") == []
