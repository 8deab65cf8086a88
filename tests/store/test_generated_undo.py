"""Generated edit/undo/redo sequences (issue 14, "done when"): every undo gives back the whole file as it was.

Hypothesis draws sequences of edits through the ``Workshop`` facade (OPDs, participants, innovations, plans,
risks, the region) mixed with undo and redo. The test keeps the full dump after every step of the history;
after each undo the file must equal the dump before the undone edit, after each redo the dump after it
(``full_dump`` of test_undo_exact: every table and the search index; ``updated_at`` and the tombstones are
left out on purpose, see there). An edit the app refuses (``FgdError``: a validation message) must change
nothing and add no step. Bounded and derandomized: the same examples every run, well under 20 s.
"""

from __future__ import annotations

import shutil

from conftest import SERANG
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_undo_exact import differences, full_dump

from fgd_app.core import Workshop
from fgd_app.core.errors import FgdError

# user text: any printable or control character (no lone surrogates: they cannot be stored), plus the
# texts that broke exports before
HOSTILE = ["=cmd|' /C calc'!A0", "+62 812", "-", "@SUM(A1)", "\tTab", "\rCR", "a\x07b", "Ō" * 5, "😀 Dinas", " "]
TEXT = st.one_of(st.sampled_from(HOSTILE),
                 st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=24))
REGIONS = ["36.04", "36.72", "32.73", "36.03"]  # Kab. Serang, Kota Cilegon, Kota Bandung, Kab. Tangerang

PICK = st.integers(min_value=0, max_value=1000)
STEP = st.one_of(
    st.tuples(st.just("add_opd"), TEXT, TEXT),
    st.tuples(st.just("edit_opd"), PICK, TEXT),
    st.tuples(st.just("delete_opd"), PICK),
    st.tuples(st.just("add_participant"), TEXT, PICK),
    st.tuples(st.just("delete_participant"), PICK),
    st.tuples(st.just("add_innovation"), TEXT, PICK, PICK),
    st.tuples(st.just("edit_innovation"), PICK, TEXT),
    st.tuples(st.just("delete_innovation"), PICK),
    st.tuples(st.just("add_plan"), PICK, TEXT, st.integers(2024, 2031)),
    st.tuples(st.just("edit_plan"), PICK, TEXT),
    st.tuples(st.just("move_plan_up"), PICK),
    st.tuples(st.just("delete_plan"), PICK),
    st.tuples(st.just("add_risk"), PICK, TEXT, st.integers(1, 5), st.integers(1, 5)),
    st.tuples(st.just("edit_risk"), PICK, st.integers(1, 5), st.integers(1, 5)),
    st.tuples(st.just("delete_risk"), PICK),
    st.tuples(st.just("region"), st.sampled_from(REGIONS)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def _pick(items: list, index: int):
    if not items:
        raise LookupError("nothing to pick")
    return items[index % len(items)]


def apply(ws: Workshop, step: tuple) -> None:
    """Carry out one generated edit through the facade (LookupError: nothing to edit yet)."""
    kind, *args = step
    opds = lambda: ws.opds.list()  # noqa: E731
    innovations = lambda: ws.innovations.list()  # noqa: E731
    plans = lambda: ws.plans.list()  # noqa: E731
    risks = lambda: ws.risks.list()  # noqa: E731
    if kind == "add_opd":
        ws.opds.add(name=args[0], short_name=args[1])
    elif kind == "edit_opd":
        ws.opds.update(_pick(opds(), args[0]).id, short_name=args[1])
    elif kind == "delete_opd":
        ws.opds.delete(_pick(opds(), args[0]).id)
    elif kind == "add_participant":
        ws.participants.add(name=args[0], opd_id=_pick(opds(), args[1]).id)
    elif kind == "delete_participant":
        ws.participants.delete(_pick(ws.participants.list(), args[0]).id)
    elif kind == "add_innovation":
        dimension = _pick(ws.dimensions.list(), args[1])
        ws.innovations.add(dimension_id=dimension.id, name=args[0], lead_opd_id=_pick(opds(), args[2]).id)
    elif kind == "edit_innovation":
        ws.innovations.update(_pick(innovations(), args[0]).id, name=args[1])
    elif kind == "delete_innovation":
        ws.innovations.delete(_pick(innovations(), args[0]).id)
    elif kind == "add_plan":
        innovation = _pick(innovations(), args[0])
        ws.plans.add(innovation_id=innovation.id, activity=args[1], first_year=args[2], last_year=args[2],
                     opd_id=innovation.lead_opd_id)
    elif kind == "edit_plan":
        ws.plans.update(_pick(plans(), args[0]).id, activity=args[1])
    elif kind == "move_plan_up":
        ws.plans.move_up(_pick(plans(), args[0]).id)
    elif kind == "delete_plan":
        ws.plans.delete(_pick(plans(), args[0]).id)
    elif kind == "add_risk":
        ws.risks.add(innovation_id=_pick(innovations(), args[0]).id, event=args[1], likelihood=args[2],
                     impact=args[3])
    elif kind == "edit_risk":
        ws.risks.update(_pick(risks(), args[0]).id, likelihood=args[1], impact=args[2])
    elif kind == "delete_risk":
        ws.risks.delete(_pick(risks(), args[0]).id)
    elif kind == "region":
        ws.update_info(region_code=args[0])
    else:  # pragma: no cover - the strategy names only the kinds above
        raise AssertionError(kind)


def test_generated_edits_undo_and_redo_to_the_exact_file(tmp_path_factory):
    template = tmp_path_factory.mktemp("template") / "serang.fgd.db"
    ws = Workshop.create(template, **SERANG)
    gov, eco = ws.dimensions.by_code("GOV").id, ws.dimensions.by_code("ECO").id
    opds = [ws.opds.add(name=name, short_name=short) for name, short in (
        ("Dinas Komunikasi dan Informatika", "Diskominfo"), ("Dinas Kesehatan", "Dinkes"),
        ("Badan Perencanaan Pembangunan Daerah", "Bappeda"))]
    ws.participants.add(name="Budi Santoso", opd_id=opds[0].id)
    for number, (dimension, opd) in enumerate([(gov, opds[0]), (eco, opds[1])]):
        item = ws.innovations.add(dimension_id=dimension, name=f"Inovasi {number}", lead_opd_id=opd.id,
                                  supporting_opd_ids=[opds[2].id])
        for year in (2025, 2026):
            ws.plans.add(innovation_id=item.id, activity=f"Kegiatan {year}", first_year=year, last_year=year,
                         opd_id=opd.id)
        ws.risks.add(innovation_id=item.id, event="Server mati", likelihood=3, impact=4)
    ws.close()
    folder = tmp_path_factory.mktemp("runs")
    runs = iter(range(10**6))

    @settings(max_examples=80, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(STEP, min_size=1, max_size=35))
    def run(steps):
        path = folder / f"run{next(runs)}.fgd.db"
        shutil.copy(template, path)
        ws = Workshop.open(path)
        try:
            history = [full_dump(ws)]  # the file after each step that is still undoable or redoable
            at = 0
            for step in steps:
                depth = len(ws.store._undo)
                if step[0] == "undo":
                    if at == 0:
                        assert ws.store.undo_name() is None
                        continue
                    ws.undo()
                    at -= 1
                elif step[0] == "redo":
                    if at == len(history) - 1:
                        assert ws.store.redo_name() is None
                        continue
                    ws.redo()
                    at += 1
                else:
                    try:
                        apply(ws, step)
                    except LookupError:
                        continue
                    except FgdError:  # refused with a message: nothing changed, no step
                        assert len(ws.store._undo) == depth, step
                        assert differences(history[at], full_dump(ws)) == {}, step
                        continue
                    if len(ws.store._undo) == depth:  # nothing to change (same value)
                        assert differences(history[at], full_dump(ws)) == {}, step
                        continue
                    history = history[: at + 1] + [full_dump(ws)]
                    at += 1
                    continue
                assert differences(history[at], full_dump(ws)) == {}, (step, steps)
            while at:  # and undo everything that is left: the file as it was opened
                ws.undo()
                at -= 1
                assert differences(history[at], full_dump(ws)) == {}, steps
        finally:
            ws.close()
            path.unlink()

    run()
