# ruff: noqa: F811 - the fixtures imported from consolidated_files are parameters here
"""The merge writes Datasette metadata beside the consolidated file; Datasette serves it on loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from consolidated_files import consolidated_master, english  # noqa: F401 - fixtures

from fgd_app.core.exchange.datasette_metadata import build_metadata, metadata_path
from fgd_app.core.portfolio import open_portfolio

pytestmark = pytest.mark.usefixtures("english")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback only
        return response.read().decode("utf-8")


def test_merge_writes_the_metadata_beside_the_file(consolidated_master):
    meta = json.loads(metadata_path(consolidated_master).read_text(encoding="utf-8"))
    tables = meta["databases"]["nasional"]["tables"]
    assert "rupiah" in tables["action_plan"]["columns"]["budget"]
    assert tables["innovation"]["facets"] and tables["innovation"]["description"]
    assert "_region_code" in tables["risk"]["columns"]
    assert "regions_without_quick_win" in meta["databases"]["nasional"]["queries"]


def test_money_scores_and_counts_carry_their_unit(consolidated_master):
    """The metadata file the merge wrote (in Indonesian, the language of the merge), loaded back: each amount,
    score, level and count says its unit."""
    from fgd_app import i18n

    i18n.set_language("id")
    tables = json.loads(metadata_path(consolidated_master).read_text(encoding="utf-8"))["databases"]["nasional"][
        "tables"]
    expected = {("action_plan", "budget"): "[unit: rupiah]", ("quickwin_score", "score"): "[unit: score from 1 to 5]",
                ("readiness_item", "rating"): "[unit: score from 1 to 5]",
                ("risk", "likelihood"): "[unit: score from 1 to 5]",
                ("risk", "magnitude"): "[unit: risk magnitude from 1 to 25]",
                ("risk", "residual_level"): "[unit: level number of the risk matrix]",
                ("risk_category", "appetite_negative"): "[unit: risk magnitude from 1 to 25]",
                ("quickwin_vote", "votes"): "[unit: count]", ("minutes", "participants_count"): "[unit: count]",
                ("quickwin_criterion", "weight"): "[unit: relative weight from 0 to 100]",
                ("action_plan", "first_year"): "[unit: year]", ("workshop_day", "day_date"): "[unit: ISO 8601 date]",
                ("innovation", "is_ict"): "[unit: 1 = yes, 0 = no]"}
    for (table, column), unit in expected.items():
        indonesian = f"[{i18n.tr('unit')}: {i18n.tr(unit[len('[unit: '):-1])}]"
        assert tables[table]["columns"][column].endswith(indonesian), (table, column)
    assert tables["action_plan"]["columns"]["budget"].endswith("[satuan: rupiah]")
    assert tables["quickwin_score"]["columns"]["score"].endswith("[satuan: skor 1 sampai 5]")
    assert "satuan" not in tables["innovation"]["columns"]["name"]


def test_units_in_english():
    columns = build_metadata("x")["databases"]["x"]["tables"]
    assert columns["quickwin_score"]["columns"]["score"].endswith("[unit: score from 1 to 5]")
    assert columns["action_plan"]["columns"]["budget"].endswith("[unit: rupiah]")


def test_every_table_and_column_is_described():
    tables = build_metadata("x")["databases"]["x"]["tables"]
    assert all(t.get("description") for name, t in tables.items())
    assert all(text for t in tables.values() for text in t.get("columns", {}).values())


def test_datasette_serves_tables_and_canned_queries(consolidated_master):
    pytest.importorskip("datasette")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", str(consolidated_master), "-m", str(metadata_path(consolidated_master)),
         "--host", "127.0.0.1", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/nasional"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                _get(f"http://127.0.0.1:{port}/-/versions.json")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("datasette did not start: " + server.stdout.read().decode()[-2000:]
                                if server.poll() is not None else "datasette did not start in 30 s")
                time.sleep(0.2)
        meta = json.loads(metadata_path(consolidated_master).read_text(encoding="utf-8"))["databases"]["nasional"]
        page = _get(f"{base}/action_plan")
        assert meta["tables"]["action_plan"]["description"] in page  # written in the language of the merge
        assert "rupiah" in page
        assert "_region_code" in _get(f"{base}/innovation")
        empty = json.loads(_get(f"{base}/regions_without_quick_win.json?_shape=objects"))
        assert [row["region_code"] for row in empty["rows"]] == ["73.71"]
        # the canned checks count what the desk's completeness (the hand-over checklist) counts
        with open_portfolio(consolidated_master) as portfolio:
            desk = {r.region_code: r for r in portfolio.rows()}
        for query, key in (("untreated_risks", "risks_untreated"), ("innovations_without_action_plan",
                                                                    "innovations_without_plans")):
            rows = json.loads(_get(f"{base}/{query}.json?_shape=objects"))["rows"]
            counted = {row["region_code"]: row[list(row)[-1]] for row in rows}
            assert counted == {c: r.gap_count(key) for c, r in desk.items() if r.gap_count(key)}, query
        found = json.loads(_get(f"{base}/innovations_like.json?q=Pelayanan&_shape=objects"))
        assert {row["region_code"] for row in found["rows"]} >= {"36.04", "73.71"}
    finally:
        server.terminate()
        server.wait(timeout=10)
