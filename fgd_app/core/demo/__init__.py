"""A realistic sample workshop (Kabupaten Serang, Bimtek Tahap II) for demos, manual tests and benchmarks.

``write_demo(path, scale=1)`` creates the workshop file and runs the populate steps in ``STEPS`` in order.

Adding your part (innovations, plans, risks, ...):

1. Write ``fgd_app/core/demo/<part>.py`` with one function::

       def populate(ws: Workshop, rng: random.Random, scale: int) -> None:
           '''Add the sample <part> (about N rows, times ``scale``).'''

   ``rng`` is shared and seeded, so the same ``seed`` always gives the same file: draw every random
   choice from it (never from ``random`` or ``uuid`` ordering). Use rows earlier steps wrote (OPDs,
   participants, ...) by reading them through ``ws``. Write in as few ``ws.store.write`` blocks as you
   can, with ``executemany`` for bulk rows, so ``--scale 100`` stays fast; validate values with your
   repository's ``validate()`` first when it has one, so the sample is what the app itself accepts.
2. Import it below and append ``<part>.populate`` to ``STEPS`` (order = dependency order).
3. Extend ``tests/test_demo.py`` with what your part guarantees (counts, coverage of the enumerations).

Demo data are invented: names, NIP, phone numbers and e-mail addresses (``example`` domains) belong
to nobody.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable
from pathlib import Path

from fgd_app.core.demo import analysis, innovations, people, plans, quickwins, risks
from fgd_app.core.errors import WorkshopFileError
from fgd_app.core.output_files import OutputError, Staged
from fgd_app.core.workshop_file import Workshop, inspect_file
from fgd_app.i18n import tr

PopulateStep = Callable[[Workshop, random.Random, int], None]

STEPS: list[PopulateStep] = [
    people.populate,  # OPDs, participants, attendance
    innovations.populate,  # ~60 innovations over the six dimensions
    plans.populate,  # 2-5 action plans for most innovations (~200; ~20,000 at scale 100)
    risks.populate,  # 1-3 risks for most innovations (~100; ~10,000 at scale 100), SPBE-scored, mostly treated
    quickwins.populate,  # scores 1-5 (agreed and per group), dot votes, two chosen quick wins
    analysis.populate,  # stage I: readiness, running applications, problems, goals, Smart Branding as focus
]

DEFAULT_SEED = 20250715
MAX_SCALE = 1000

WORKSHOP = {
    "region_code": "36.04",  # Kabupaten Serang, Banten
    "bimtek_stage": 2,
    "title": "",  # shown as "Bimtek Tahap II"
    "venue": "Aula Tubagus Suwandi, Setda Kabupaten Serang",
    "facilitator": "Tim Tenaga Ahli Smart City Kementerian Komunikasi dan Digital",
    "horizon_first_year": 2025,
    "horizon_last_year": 2034,
    "days": ["2025-07-15", "2025-07-16"],
}


def write_demo(path: str | os.PathLike, scale: int = 1, *, overwrite: bool = False,
               seed: int | None = None, region_code: str | None = None) -> dict[str, int]:
    """Write the sample workshop to ``path``; return the number of rows per table.

    ``region_code``: the Kemendagri code of another regency or city ("73.71"): the sample then belongs to
    that region (its name and kecamatan follow the code) and is drawn from a seed of its own, so the demos
    of several regions merge side by side (the same seed gives the same record IDs).

    ``overwrite`` replaces an existing workshop file (never another kind of file, never one that is
    open in a running instance). The sample is built under a temporary name beside ``path`` and renamed
    into place when complete: an error or Ctrl-C leaves no file (and an existing one unchanged).
    """
    if not 1 <= scale <= MAX_SCALE:
        raise ValueError(tr("The scale must be between 1 and {limit}.", limit=MAX_SCALE))
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise OutputError(tr("\u201c{path}\u201d is a folder; a file name is needed here.", path=path))
    if path.exists():
        if not overwrite:
            raise WorkshopFileError(path, tr("\u201c{name}\u201d already exists.", name=path.name))
        _check_replaceable(path)
    if not path.parent.is_dir():
        raise WorkshopFileError(path, tr("The folder \u201c{path}\u201d does not exist.", path=path.parent))
    info = dict(WORKSHOP)
    if region_code and region_code != WORKSHOP["region_code"]:
        info |= {"region_code": region_code, "venue": "Aula Sekretariat Daerah"}
        if seed is None:
            seed = DEFAULT_SEED + int(region_code.replace(".", "") or 0) if region_code.replace(".", "").isdigit() \
                else DEFAULT_SEED
    rng = random.Random(DEFAULT_SEED if seed is None else seed)
    with Staged() as staged:
        tmp = staged.temporary(path, create=False)
        ws = Workshop.create(tmp, **info)
        try:
            for step in STEPS:
                step(ws, rng, scale)
            ws.store.clear_undo()
            counts = row_counts(ws)
        finally:
            ws.close()
        for companion in (Path(f"{path}-wal"), Path(f"{path}-shm")):
            companion.unlink(missing_ok=True)  # a stale WAL must never be replayed into the new file
        staged.commit()
    return counts


def row_counts(ws: Workshop) -> dict[str, int]:
    """Return the number of rows in every user table of an open workshop."""
    return {table: int(ws.store.scalar(f'SELECT count(*) FROM "{table}"')) for table in ws.store.user_tables()}


def _check_replaceable(path: Path) -> None:
    """Raise unless ``path`` is a workshop file that may be replaced by the sample (not open elsewhere)."""
    inspect_file(path)  # raises for anything that is not a workshop file of this or an older version
    ws = Workshop.open(path)  # raises FileInUseError when another instance has it open
    ws.close()
