"""Region identity on the desk agrees with the stages' lineage in the merge: a region's bimtek I..IV files
(carried with ``next-stage``) are one region with four stages; regions sharing a name but not a code stay
apart; a renamed region, or one whose code was corrected at a later stage, stays itself. Real files: demo,
the app's own store, next-stage and merge."""

from __future__ import annotations

from pathlib import Path

from fgd_app.cli.commands import main
from fgd_app.core import Workshop
from fgd_app.core.portfolio import compare, open_portfolio
from fgd_app.core.portfolio.rows import sort_rows
from fgd_app.core.store.writer import now_iso
from fgd_app.core.workshop.next_stage import carry_to_next_stage


def _rename(path: Path, name: str) -> None:
    """Rename the region in the file through its store (as a newer region list would name it)."""
    with Workshop.open(path) as ws, ws.store.write("rename"):
        ws.store.execute("UPDATE workshop SET region_name = ?, updated_at = ?", (name, now_iso()))


def _four_stages(folder: Path, code: str, *, first_code: str = "") -> list[Path]:
    first = folder / f"{code}-I.fgd.db"
    assert main(["demo", str(first), "--region", code]) == 0
    with Workshop.open(first) as ws:
        ws.update_info(bimtek_stage=1, **({"region_code": first_code} if first_code else {}))
    files = [first]
    for roman in ("II", "III", "IV"):
        target = folder / f"{code}-{roman}.fgd.db"
        carry_to_next_stage(files[-1], target)
        if first_code and roman == "II":  # the wrong code of stage I corrected at stage II: the kecamatan
            # of the wrong region are deleted (tombstones); carried on, they made stages III and IV unmergeable
            with Workshop.open(target) as ws:
                ws.update_info(region_code=code)
        files.append(target)
    return files


def test_stages_renames_and_namesakes(tmp_path):
    serang = _four_stages(tmp_path, "36.04")
    _rename(serang[2], "Kabupaten Serang (nama baru)")  # stage III renamed
    lebak = _four_stages(tmp_path, "36.02", first_code="36.01")  # stage I had Pandeglang's code
    namesake = tmp_path / "36.73.fgd.db"
    assert main(["demo", str(namesake), "--region", "36.73"]) == 0
    _rename(namesake, "Kabupaten Serang")  # same name as 36.04, another code
    out = tmp_path / "nasional.db"
    assert main(["merge", str(out), *map(str, serang + lebak + [namesake])]) == 0
    with Workshop.open(lebak[1], read_only=True) as ws:
        assert ws.store.scalar("SELECT count(*) FROM deleted_record")  # stage II deleted the wrong kecamatan
    # a later copy of stage IV, renamed again and merged again: still the same workshop, one row
    _rename(serang[3], "Kabupaten Serang Baru")
    assert main(["merge", str(out), str(serang[3])]) == 0

    with open_portfolio(out) as portfolio:
        rows = portfolio.rows()
        assert len(rows) == 9
        serang_rows = [r for r in rows if r.region_code == "36.04"]
        assert [r.stage for r in serang_rows] == [1, 2, 3, 4]
        assert {r.region_key for r in serang_rows} == {"36.04"}
        assert [r.region_name for r in serang_rows] == ["Kabupaten Serang", "Kabupaten Serang",
                                                        "Kabupaten Serang (nama baru)", "Kabupaten Serang Baru"]
        lebak_rows = [r for r in rows if r.region_key == "36.02"]
        assert [(r.stage, r.region_code) for r in lebak_rows] == [(1, "36.01"), (2, "36.02"), (3, "36.02"),
                                                                   (4, "36.02")]
        other = next(r for r in rows if r.region_code == "36.73")
        assert other.region_name == "Kabupaten Serang" and other.region_key == "36.73"
        assert len({r.region_key for r in rows}) == 3
        ordered = [(r.region_key, r.stage) for r in sort_rows(rows, "region")]
        assert ordered[:4] == [("36.02", 1), ("36.02", 2), ("36.02", 3), ("36.02", 4)]  # stage I's 36.01 too
        # each stage keeps its own figures: the stages are not summed into one row
        with Workshop.open(serang[0], read_only=True) as ws:
            assert serang_rows[0].innovations == len(ws.innovations.rows())
        # the charts and tables name each row by its region and stage
        labels = [compare.region_label(r) for r in serang_rows]
        assert labels[0] == "Kabupaten Serang (I)" and len(set(labels)) == 4
