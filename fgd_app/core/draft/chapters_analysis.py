"""The draft's chapter "Analysis of the region" (the *Analisis Strategis* book), from the stage-I records.

Read from ``ws.analysis`` (``fgd_app.core.analysis.records``): readiness items per aspect, the applications
already running, the problems per dimension with the innovations that answer them (and the gaps both
ways), the goals per dimension, the focus dimension with its reason and the SWOT. Every section is present
even when the file holds nothing for it, with a line saying what belongs there. Problems, goals and SWOT
follow the draft's chosen dimensions; readiness and applications are the region's (an application of a
dimension left out of the draft is left out too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fgd_app.core.analysis.records import APPLICATION_STATUSES, HORIZONS, INTEGRATIONS, PILLARS, SWOT_FIELDS, label
from fgd_app.core.draft.model import Block, Heading, Paragraph, Table
from fgd_app.i18n import N_, format_int, tr

if TYPE_CHECKING:
    from fgd_app.core.draft.gather import Gatherer

SWOT_TITLES = {"strengths": N_("Strengths"), "weaknesses": N_("Weaknesses"), "opportunities": N_("Opportunities"),
               "threats": N_("Threats")}
SWOT_FILLS = {"strengths": "#e2efda", "weaknesses": "#fce4d6", "opportunities": "#ddebf7", "threats": "#fff2cc"}


def _note(text: str) -> Paragraph:
    return Paragraph(text, "note")


def _rating(value: float | None) -> str:
    from fgd_app.core.draft.gather import number

    return "" if value is None else number(round(value, 1))


def focus_names(g: Gatherer) -> list[str]:
    """Return the names of the focus dimensions, in dimension order (all dimensions, not only the chosen)."""
    focus = g.ws.analysis.dimensions.focus_ids()
    return [d.name for d in g.ws.dimensions.list() if d.id in focus]


def analysis_blocks(g: Gatherer) -> list[Block]:
    """Return the chapter's blocks (after its heading)."""
    a = g.ws.analysis
    counts = a.counts()
    focus = focus_names(g)
    out: list[Block] = [Paragraph(tr(
        "The analysis of the region made in bimtek I (Analisis Strategis): the readiness of its people, "
        "governance, regulation and infrastructure, the applications already running, the problems and "
        "potentials per dimension and the innovations that answer them, the goals, and the focus dimension. "
        "Recorded: {items} readiness items, {apps} applications, {problems} problems, {goals} goals.",
        items=format_int(counts["items"]), apps=format_int(counts["applications"]),
        problems=format_int(counts["problems"]), goals=format_int(counts["goals"])))]
    if focus:
        out.append(Paragraph(tr("Focus dimension(s): {names}.", names=", ".join(focus))))
    out += _readiness(g)
    out += _applications(g)
    out += _problems(g)
    out += _goals(g)
    out += _focus_and_swot(g)
    return out


def _readiness(g: Gatherer) -> list[Block]:
    a = g.ws.analysis
    out: list[Block] = [g.section(1, tr("Readiness of the region"))]
    aspects = a.aspects.list()
    averages = a.items.average_ratings()
    items_of: dict[str, list] = {}
    for item in a.items.list():
        items_of.setdefault(item.aspect_id, []).append(item)
    if not items_of:
        out.append(_note(tr("The readiness of the region per aspect (regulation, SPBE index, ICT infrastructure, "
                            "human resources, budget ...): each item with its value, number or year, status, "
                            "source and a rating from 1 (weak) to 5 (strong).")))
        return out
    summary = [[x.display, label(PILLARS, x.pillar), format_int(len(items_of.get(x.id, []))),
                _rating(averages.get(x.id)) or "\u2013"] for x in aspects]
    out.append(Table(tr("Readiness per aspect"), [tr("Aspect"), tr("Pillar"), tr("Items"),
                                                  tr("Mean rating (1\u20135)")],
                     summary, [30, 40, 10, 20], right=(2, 3)))
    rows, bands = [], set()
    for aspect in aspects:
        items = items_of.get(aspect.id, [])
        if not items:
            continue
        bands.add(len(rows))
        rows.append([aspect.display, "", "", "", "", _rating(averages.get(aspect.id))])
        for item in items:
            when = " / ".join(x for x in (item.number, str(item.year or "")) if x)
            name = "\n".join(x for x in (item.name, item.notes) if x)
            rows.append([name, item.value, when, item.status, item.source, str(item.rating or "")])
    out.append(Table(tr("Readiness items per aspect"), [tr("Item"), tr("Value"), tr("Number / year"),
                                                        tr("Status"), tr("Source"), tr("Rating")],
                     rows, [32, 16, 14, 13, 17, 8], right=(5,), band_rows=frozenset(bands), small=True))
    return out


def _applications(g: Gatherer) -> list[Block]:
    a = g.ws.analysis
    out: list[Block] = [g.section(2, tr("Applications and services already running"))]
    dimensions = {d.id: d.name for d in g.ws.dimensions.list()}
    codes = {i.id: i.code for i in g.ws.innovations.list()}
    links: dict[str, list[str]] = {}
    for innovation_id, app_id in a.applications.links().items():
        links.setdefault(app_id, []).append(codes.get(innovation_id, ""))
    apps = [x for x in a.applications.list() if x.dimension_id is None or x.dimension_id in g.dimension_ids]
    if not apps:
        out.append(_note(tr("The applications and services the region already runs: OPD, dimension, users, "
                            "status, integration with SPBE services, and the running innovation that improves "
                            "each.")))
        return out
    rows = [["\n".join(x for x in (app.name, app.description) if x), g.opds.get(app.opd_id or "", ""),
             dimensions.get(app.dimension_id or "", ""), app.users, label(APPLICATION_STATUSES, app.status),
             label(INTEGRATIONS, app.spbe_integration), ", ".join(sorted(links.get(app.id, [])))] for app in apps]
    out.append(Table(tr("Applications and services already running"),
                     [tr("Application / service"), tr("OPD"), tr("Dimension"), tr("Users"), tr("Status"),
                      tr("SPBE integration"), tr("Innovation (code)")], rows, [17, 17, 12, 13, 15, 15, 11],
                     small=True))
    return out


def _problems(g: Gatherer) -> list[Block]:
    a = g.ws.analysis
    out: list[Block] = [g.section(3, tr("Problems and the innovations that answer them"))]
    elements = {e.id: e.name for d in g.dimensions for e in g.ws.elements.of(d.id)}
    innovations = {i.id: i for i in g.ws.innovations.list()}
    answered: dict[str, list[str]] = {}
    for problem_id, innovation_id in a.problems.links():
        if innovation_id in innovations:
            answered.setdefault(problem_id, []).append(innovation_id)
    problems = [p for p in a.problems.list() if p.dimension_id in g.dimension_ids]
    if not problems:
        out.append(_note(tr("The problems of today and the expected ones per dimension and element, with their "
                            "evidence and the innovations that answer them.")))
        return out
    rows, bands = [], set()
    for d in g.dimensions:
        mine = [p for p in problems if p.dimension_id == d.id]
        if not mine:
            continue
        bands.add(len(rows))
        rows.append([f"{d.name} ({format_int(len(mine))})", "", "", ""])
        for p in mine:
            found = sorted((innovations[i] for i in answered.get(p.id, [])), key=lambda i: i.code)
            element = elements.get(p.element_id or "", "")
            rows.append(["\n".join(x for x in (p.description, element and f"{tr('Element')}: {element}") if x),
                         label(HORIZONS, p.horizon), p.evidence,
                         "\n".join(f"{i.code} {i.name}" for i in found) or tr("(none yet)")])
    out.append(Table(tr("Problems per dimension and the innovations that answer them"),
                     [tr("Problem or potential"), tr("Today / expected"), tr("Evidence"),
                      tr("Innovations that answer it")], rows, [38, 12, 17, 33], band_rows=frozenset(bands),
                     small=True))
    out.append(Heading(f"{g.number}.3.1 {tr('Gaps')}", 3))
    loose = [p for p in problems if not answered.get(p.id)]
    linked = {i for ids in answered.values() for i in ids}
    orphans = [i for i in g.innovations if i.id not in linked]
    out.append(Paragraph(tr("Problems without an innovation: {count}.", count=format_int(len(loose)))))
    dimension_names = {d.id: d.name for d in g.dimensions}
    out += [Paragraph(f"{p.description} ({dimension_names[p.dimension_id]})", "bullet") for p in loose]
    out.append(Paragraph(tr("Innovations that answer no recorded problem: {count}.", count=format_int(len(orphans)))
                         + (" " + ", ".join(i.code for i in orphans) + "." if orphans else "")))
    return out


def _goals(g: Gatherer) -> list[Block]:
    out: list[Block] = [g.section(4, tr("Goals per dimension"))]
    goals = [x for x in g.ws.analysis.goals.list() if x.dimension_id in g.dimension_ids]
    if not goals:
        out.append(_note(tr("The goals (sasaran) of each dimension with their indicator and target.")))
        return out
    rows, bands = [], set()
    for d in g.dimensions:
        mine = [x for x in goals if x.dimension_id == d.id]
        if not mine:
            continue
        bands.add(len(rows))
        rows.append([d.name, "", ""])
        rows += [[x.goal, x.indicator, x.target] for x in mine]
    out.append(Table(tr("Goals per dimension"), [tr("Goal"), tr("Indicator"), tr("Target")], rows, [50, 30, 20],
                     band_rows=frozenset(bands)))
    return out


def _focus_and_swot(g: Gatherer) -> list[Block]:
    out: list[Block] = [g.section(5, tr("Focus dimension and SWOT"))]
    stored = g.ws.analysis.dimensions.all()
    shown = [(d, stored[d.id]) for d in g.dimensions if d.id in stored and (
        stored[d.id].is_focus or stored[d.id].focus_reason or any(getattr(stored[d.id], f) for f in SWOT_FIELDS))]
    if not any(x.is_focus for _, x in shown):
        out.append(_note(tr("The focus dimension the region chose and the reason for the choice.")))
    if not shown:
        out.append(_note(tr("The strengths, weaknesses, opportunities and threats (SWOT) of each dimension.")))
        return out
    for index, (d, analysis) in enumerate(shown, start=1):
        title = d.name + (f" \u2014 {tr('focus dimension')}" if analysis.is_focus else "")
        out.append(Heading(f"{g.number}.5.{index} {title}", 3))
        if analysis.is_focus or analysis.focus_reason:
            out.append(Paragraph(f"{tr('Reason for the focus')}: {analysis.focus_reason}" if analysis.focus_reason
                                 else tr("Marked as a focus dimension; the reason is not recorded yet.")))
        if any(getattr(analysis, f) for f in SWOT_FIELDS):
            s, w, o, t = (getattr(analysis, f) for f in SWOT_FIELDS)
            out.append(Table(tr("SWOT of {dimension}", dimension=d.name),
                             [tr(SWOT_TITLES["strengths"]), tr(SWOT_TITLES["weaknesses"])],
                             [[s, w], [tr(SWOT_TITLES["opportunities"]), tr(SWOT_TITLES["threats"])], [o, t]],
                             [50, 50], bold_rows=frozenset({1}),
                             fills={(0, 0): SWOT_FILLS["strengths"], (0, 1): SWOT_FILLS["weaknesses"],
                                    (1, 0): "#d9d9d9", (1, 1): "#d9d9d9", (2, 0): SWOT_FILLS["opportunities"],
                                    (2, 1): SWOT_FILLS["threats"]}))
    return out
