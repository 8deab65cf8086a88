"""Sample quick-win scoring: agreed scores for most innovations, group scores (some in disagreement), dot
votes of four FGD groups, and two quick wins chosen by the facilitator with a justification.

Innovations that deliver a first output in the first horizon year and carry no very high risk lean towards
high impact and low effort, so the rule finds a handful of candidates; a few innovations are left partly
scored (incomplete) or scored by the groups only (their median counts). About 60 innovations scored at
scale 1 (6,000 at scale 100).
"""

from __future__ import annotations

import random

from fgd_app.core.demo.innovations import _uuid
from fgd_app.core.quickwins.scoring import parse_score, parse_votes
from fgd_app.core.store.writer import now_iso
from fgd_app.core.workshop_file import Workshop

GROUPS = ("Kelompok 1", "Kelompok 2", "Kelompok 3", "Kelompok 4")
DOTS_PER_GROUP = 12
JUSTIFICATIONS = (
    "Manfaatnya langsung dirasakan warga, biayanya kecil dan keluaran pertamanya selesai pada {year}. "
    "{opd} siap sebagai OPD pengampu; risiko tertinggi setelah penanganan: {level}.",
    "Disepakati pleno: {votes} suara, data dan regulasi sudah siap, dan hasil pertama dapat dipamerkan pada "
    "{year}. Dijalankan oleh {opd}.",
)
# Score profiles per criterion key: (low, high) drawn uniformly; "less is better" keys are scored as typed.
PROMISING = {"impact": (4, 5), "feasibility": (4, 5), "cost": (1, 2), "readiness": (3, 5), "time": (1, 2)}
ORDINARY = {"impact": (1, 5), "feasibility": (1, 5), "cost": (1, 5), "readiness": (1, 5), "time": (2, 5)}


def populate(ws: Workshop, rng: random.Random, scale: int) -> None:
    """Score the innovations, add the groups' votes and choose two quick wins (one operation each part)."""
    innovations = ws.store.query("SELECT id FROM innovation ORDER BY rowid")
    criteria = ws.quickwins.criteria.list()
    if not innovations or not criteria:
        return
    first_year = int(ws.info().horizon_first_year)
    early = {r[0] for r in ws.store.query("SELECT innovation_id FROM action_plan GROUP BY innovation_id "
                                          "HAVING min(last_year) = ?", (first_year,))}
    risky = {r[0] for r in ws.store.query("SELECT innovation_id FROM risk WHERE risk_type = 'negative' "
                                          "AND coalesce(residual_level, level) >= 5")}
    stamp = now_iso()
    scores: list[tuple] = []
    votes: dict[tuple[str, str], int] = {}
    ids = [r[0] for r in innovations]
    for innovation_id in ids:
        promising = innovation_id in early and innovation_id not in risky and rng.random() < 0.35
        profile = PROMISING if promising else ORDINARY
        roll = rng.random()
        grouped = roll < 0.12  # scored by the groups; half of those only by the groups
        for criterion in criteria:
            low, high = profile.get(criterion.key or "", (1, 5))
            agreed = parse_score(rng.randint(low, high))
            if roll > 0.95 and criterion.key in ("readiness", "time"):
                continue  # partly scored: incomplete
            if grouped:
                for group in rng.sample(GROUPS, rng.randint(2, 4)):
                    drift = rng.choice((-1, 0, 0, 1)) if rng.random() > 0.1 else rng.choice((-2, 2))
                    scores.append((_uuid(rng), innovation_id, criterion.id, group,
                                   parse_score(max(1, min(5, agreed + drift))), stamp, stamp))
                if roll < 0.06:
                    continue  # only the groups' median counts
            scores.append((_uuid(rng), innovation_id, criterion.id, "", agreed, stamp, stamp))
        if promising:
            for group in rng.sample(GROUPS, rng.randint(1, 3)):
                votes[(innovation_id, group)] = votes.get((innovation_id, group), 0) + rng.randint(1, 3)
    for group in GROUPS:
        for innovation_id in rng.sample(ids, min(len(ids), DOTS_PER_GROUP * scale // 2)):
            votes[(innovation_id, group)] = votes.get((innovation_id, group), 0) + 1
    with ws.store.write("demo quick-win scores"):
        ws.store.executemany("INSERT INTO quickwin_score (id, innovation_id, criterion_id, group_name, score, "
                             "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", scores)
        ws.store.executemany("INSERT INTO quickwin_vote (id, innovation_id, voter, votes, created_at, updated_at) "
                             "VALUES (?, ?, ?, ?, ?, ?)",
                             [(_uuid(rng), i, g, parse_votes(n), stamp, stamp) for (i, g), n in votes.items()])
    _choose(ws, first_year)


def _choose(ws: Workshop, first_year: int) -> None:
    """Choose the two best-ranked candidates as the facilitator would, through the repository."""
    board = ws.quickwins.board()
    for number, row in enumerate(board.candidates()[:2]):
        text = JUSTIFICATIONS[number % len(JUSTIFICATIONS)].format(
            year=row.first_result_year or first_year, opd=row.lead_opd or "OPD pengampu",
            level=board.level_name(row.risk_level) or "belum ada", votes=row.votes)
        ws.quickwins.choose(row.id, text)
