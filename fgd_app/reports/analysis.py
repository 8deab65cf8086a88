"""The region's analysis (*Analisis Strategis*): a worksheet (blank or pre-filled) and a report; and the
report of what changed since the previous bimtek stage.

Registered here (``DOCUMENT_MODULES``), built only from the shared ``StoryContext`` helpers (``grid``,
``heading``, ``section``): no shared table code is changed by this module.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from fgd_app.core.analysis.records import APPLICATION_STATUSES, HORIZONS, INTEGRATIONS, PILLARS, SWOT_FIELDS, label
from fgd_app.i18n import N_, format_int, roman, tr
from fgd_app.reports.context import StoryContext
from fgd_app.reports.flowables import AtLeast
from fgd_app.reports.registry import DocumentSpec, register

BOX, TICK = "\u2610", "\u2612"
SWOT_TITLES = {"strengths": N_("Strengths"), "weaknesses": N_("Weaknesses"), "opportunities": N_("Opportunities"),
               "threats": N_("Threats")}
KINDS = {"added": N_("Added"), "changed": N_("Changed"), "dropped": N_("Dropped")}


def _rating(value: int | None) -> str:
    return "  ".join(f"{TICK if value == n else BOX}{n}" for n in range(1, 6))


def _names(ctx: StoryContext) -> dict[str, dict[str, str]]:
    dimensions = {d.id: d.name for d in ctx.ws.dimensions.list()}
    elements = {e.id: e.name for d in ctx.ws.dimensions.list() for e in ctx.ws.elements.of(d.id)}
    opds = {o.id: o.short_name or o.name for o in ctx.ws.opds.list()}
    codes = ctx.ws.innovations.codes()
    return {"dimensions": dimensions, "elements": elements, "opds": opds, "codes": codes}


# --- worksheet ---------------------------------------------------------------------------------------
def build_worksheet(ctx: StoryContext) -> list[Flowable]:
    """The stage I form: readiness per aspect, running applications, problems per dimension, goals and SWOT."""
    title = tr("Strategic analysis worksheet")
    a = ctx.ws.analysis
    names = _names(ctx)
    out = ctx.section(f"{title} \u00b7 {tr('Group')} ____", compact=True)
    out += ctx.heading_title(title.upper(), tr("Region conditions: readiness, running applications, problems, "
                                               "goals and focus"))
    out += ctx.heading(tr("A. Readiness of the region"))
    head = [tr("Aspect"), tr("Item"), tr("Value"), tr("Number / year"), tr("Status"), tr("Source"),
            tr("Rating (1 weak \u2013 5 strong)"), tr("Notes")]
    rows = []
    for aspect in a.aspects.list():
        items = [] if ctx.blank else a.items.for_aspect(aspect.id)
        for item in items:
            when = " / ".join(x for x in (item.number, str(item.year or "")) if x)
            rows.append([aspect.display, ctx.p(item.name, "cell"), item.value, when, item.status, item.source,
                         _rating(item.rating), ctx.p(item.notes, "cell")])
        for _ in range(2 if items else 3):
            rows.append([aspect.display, "", "", "", "", "", _rating(None), ""])
    out.append(ctx.grid(head, rows, [26, 44, 24, 22, 16, 22, 38, 36]))
    out += ctx.heading(tr("B. Applications and services already running"))
    head = [tr("Application / service"), tr("OPD"), tr("Dimension"), tr("Users"), tr("Status"),
            tr("SPBE integration"), tr("Innovation (code)")]
    links: dict[str, list[str]] = {}
    for innovation_id, app_id in a.applications.links().items():
        links.setdefault(app_id, []).append(names["codes"].get(innovation_id, ""))
    rows = []
    if not ctx.blank:
        for app in a.applications.list():
            rows.append([ctx.p(app.name, "cell"), names["opds"].get(app.opd_id or "", ""),
                         names["dimensions"].get(app.dimension_id or "", ""), app.users,
                         label(APPLICATION_STATUSES, app.status), label(INTEGRATIONS, app.spbe_integration),
                         ", ".join(sorted(links.get(app.id, [])))])
    rows += [["", "", "", "", "", "", ""] for _ in range(3 if rows else 6)]
    out.append(ctx.grid(head, rows, [50, 34, 28, 28, 22, 30, 26]))
    out += ctx.heading(tr("C. Problems of today and tomorrow, per dimension"))
    head = [tr("Dimension"), tr("Element"), tr("Problem or potential"), tr("Today / expected"), tr("Evidence"),
            tr("Innovation (code)")]
    problem_links: dict[str, list[str]] = {}
    for problem_id, innovation_id in a.problems.links():
        problem_links.setdefault(problem_id, []).append(names["codes"].get(innovation_id, ""))
    problems = [] if ctx.blank else a.problems.list()
    rows = []
    for dimension in ctx.ws.dimensions.list():
        mine = [p for p in problems if p.dimension_id == dimension.id]
        for p in mine:
            rows.append([dimension.name, names["elements"].get(p.element_id or "", ""), ctx.p(p.description, "cell"),
                         label(HORIZONS, p.horizon), ctx.p(p.evidence, "cell"),
                         ", ".join(sorted(problem_links.get(p.id, [])))])
        for _ in range(1 if mine else 2):
            # each box with its whole label (no-break spaces), one choice a line when the column is narrow
            choices = [f"{BOX}\u00a0{tr(x)}".replace(" ", "\u00a0") for x in ("Today", "Expected")]
            rows.append([dimension.name, "", "", " ".join(choices), "", ""])
    out.append(ctx.grid(head, rows, [28, 30, 80, 28, 46, 26]))
    out += ctx.heading(tr("D. Goals, focus and SWOT per dimension"))
    stored = a.dimensions.all()
    goals = [] if ctx.blank else a.goals.list()
    head = [tr("Dimension"), tr("Focus"), tr("Goals (sasaran), indicator, target"),
            *[tr(SWOT_TITLES[f]) for f in SWOT_FIELDS]]
    rows = []
    for dimension in ctx.ws.dimensions.list():
        analysis = None if ctx.blank else stored.get(dimension.id)
        goal_text = "\n".join(f"\u2022 {g.goal}" + (f" ({g.indicator}: {g.target})" if g.indicator or g.target else "")
                              for g in goals if g.dimension_id == dimension.id)
        focus = TICK if analysis is not None and analysis.is_focus else BOX
        reason = analysis.focus_reason if analysis is not None else ""
        name = ctx.m("<b>{name}</b>", "cell", name=dimension.name)
        rows.append([AtLeast(name, 62) if ctx.blank else name,  # room to write on the blank form
                     ctx.p(f"{focus} {reason}".strip(), "cell"), ctx.p(goal_text, "cell"),
                     *[ctx.p(getattr(analysis, f) if analysis is not None else "", "cell") for f in SWOT_FIELDS]])
    out.append(ctx.grid(head, rows, [26, 26, 56, 32, 32, 32, 32]))
    return out


# --- report ------------------------------------------------------------------------------------------
def build_report(ctx: StoryContext) -> list[Flowable]:
    """The chapter *Analisis Strategis*: readiness, applications, problems and their gaps, focus, goals."""
    title = tr("Strategic analysis")
    a = ctx.ws.analysis
    names = _names(ctx)
    counts = a.counts()
    out = ctx.section(title)
    out += ctx.heading_title(title.upper(), tr("{items} readiness items \u00b7 {apps} running applications \u00b7 "
                                               "{problems} problems \u00b7 {goals} goals",
                                               items=format_int(counts["items"]), apps=format_int(counts["applications"]),
                                               problems=format_int(counts["problems"]),
                                               goals=format_int(counts["goals"])))
    focus = [names["dimensions"][d] for d in a.dimensions.focus_ids() if d in names["dimensions"]]
    out.append(ctx.p(tr("Focus dimension(s): {names}.", names=", ".join(sorted(focus))) if focus
                     else tr("No focus dimension marked."), "body"))
    out += ctx.heading(tr("Readiness of the region"))
    averages = a.items.average_ratings()
    rows = []
    for aspect in a.aspects.list():
        mean = averages.get(aspect.id)
        rows.append([ctx.m("<b>{name}</b>", "cell", name=aspect.display), label(PILLARS, aspect.pillar),
                     "" if mean is None else f"{mean:.1f}".replace(".", ","), "", "", ""])
        for item in a.items.for_aspect(aspect.id):
            when = " / ".join(x for x in (item.number, str(item.year or "")) if x)
            rows.append(["", ctx.p(item.name, "cell"), str(item.rating or ""), item.value, when,
                         ctx.p(" \u00b7 ".join(x for x in (item.status, item.source) if x), "cell")])
    out.append(ctx.grid([tr("Aspect"), tr("Item"), tr("Rating"), tr("Value"), tr("Number / year"),
                         tr("Status and source")], rows, [30, 54, 14, 26, 22, 34], right=(2,)))
    out += ctx.heading(tr("Applications and services already running"))
    links: dict[str, list[str]] = {}
    for innovation_id, app_id in a.applications.links().items():
        links.setdefault(app_id, []).append(names["codes"].get(innovation_id, ""))
    rows = [[ctx.p(x.name, "cell"), names["opds"].get(x.opd_id or "", ""), names["dimensions"].get(x.dimension_id or "", ""),
             label(APPLICATION_STATUSES, x.status), label(INTEGRATIONS, x.spbe_integration),
             ", ".join(sorted(links.get(x.id, [])))] for x in a.applications.list()]
    out.append(ctx.grid([tr("Application / service"), tr("OPD"), tr("Dimension"), tr("Status"), tr("SPBE integration"),
                         tr("Innovation (code)")], rows or [[tr("None recorded."), "", "", "", "", ""]],
                        [44, 28, 26, 20, 24, 24]))
    out += ctx.heading(tr("Problems per dimension and the innovations that answer them"))
    problem_links: dict[str, list[str]] = {}
    for problem_id, innovation_id in a.problems.links():
        problem_links.setdefault(problem_id, []).append(names["codes"].get(innovation_id, ""))
    rows = [[names["dimensions"].get(p.dimension_id, ""), names["elements"].get(p.element_id or "", ""),
             ctx.p(p.description, "cell"), label(HORIZONS, p.horizon),
             ", ".join(sorted(problem_links.get(p.id, []))) or "\u2014"] for p in a.problems.list()]
    out.append(ctx.grid([tr("Dimension"), tr("Element"), tr("Problem"), tr("When"), tr("Innovations")],
                        rows or [[tr("None recorded."), "", "", "", ""]], [26, 28, 70, 16, 30]))
    loose = a.problems.without_innovation()
    orphans = a.problems.innovations_without_problem()
    out.append(ctx.space(2))
    out.append(ctx.p(tr("Problems without an innovation: {count}. Innovations without a problem: {n} ({codes}).",
                        count=format_int(len(loose)), n=format_int(len(orphans)),
                        codes=", ".join(code for _, code, _ in orphans) or "\u2014"), "small"))
    out += ctx.heading(tr("Goals, focus and SWOT per dimension"))
    stored = a.dimensions.all()
    goals = a.goals.list()
    for dimension in ctx.ws.dimensions.list():
        analysis = stored.get(dimension.id)
        mine = [g for g in goals if g.dimension_id == dimension.id]
        swot = [(tr(SWOT_TITLES[f]), getattr(analysis, f)) for f in SWOT_FIELDS if analysis and getattr(analysis, f)]
        if not mine and not swot and not (analysis and analysis.is_focus):
            continue
        heading = dimension.name + (f" \u2014 {tr('focus')}" if analysis and analysis.is_focus else "")
        pairs = [(tr("Focus reason"), analysis.focus_reason)] if analysis and analysis.focus_reason else []
        pairs += [(tr("Goal"), g.goal + (f" ({g.indicator}: {g.target})" if g.indicator or g.target else ""))
                  for g in mine]
        out.append(ctx.m("<b>{name}</b>", "body", name=heading))
        out.append(ctx.fields(pairs + swot))
        out.append(ctx.space(2))
    return out


def has_analysis(ws) -> bool:
    return hasattr(ws, "analysis")


# --- changes since the previous stage ----------------------------------------------------------------
def build_changes(ctx: StoryContext) -> list[Flowable]:
    """Innovations, action plans and risks added, changed (field by field) and dropped since the stage before."""
    from fgd_app.core.workshop.stage_changes import changes_since_previous, table_label

    title = tr("Changes since the previous stage")
    conn = ctx.ws.store.conn
    found = changes_since_previous(conn)
    history = ctx.ws.store.query("SELECT bimtek_stage, file_name, sha256 FROM stage_history ORDER BY position")
    out = ctx.section(title)
    if history:
        last = history[-1]
        subtitle = tr("Carried from stage {stage} (\u201c{name}\u201d, SHA-256 {sha}\u2026)", stage=roman(last[0]),
                      name=last[1], sha=last[2][:12])
    else:
        subtitle = tr("This file was not carried from a previous stage.")
    out += ctx.heading_title(title.upper(), subtitle)
    for table in ("innovation", "action_plan", "risk"):
        mine = [c for c in found if c.table == table]
        out += ctx.heading(f"{table_label(table)} ({format_int(len(mine))})")
        rows = []
        for change in mine:
            detail = "\n".join(f"{column}: {_shown(old)} \u2192 {_shown(new)}"
                               for column, old, new in change.field_labels())
            rows.append([tr(KINDS[change.kind]), ctx.p(change.name, "cell"), ctx.p(detail, "cell")])
        out.append(ctx.grid([tr("Change"), tr("Record"), tr("Fields: before \u2192 now")],
                            rows or [[tr("No change."), "", ""]], [18, 60, 110],
                            extra=[] if rows else [("SPAN", (0, 1), (-1, 1))]))
    return out


def _shown(value: object) -> str:
    return "\u2014" if value in (None, "") else str(value)


register(DocumentSpec("lembar-analisis-strategis", N_("Strategic analysis worksheet"), build_worksheet,
                      kind="worksheet", orientation="landscape", available=has_analysis,
                      description=N_("Stage I form: readiness per aspect, running applications, problems per "
                                     "dimension, goals, focus and SWOT (blank, or pre-filled with what was entered).")))
register(DocumentSpec("analisis-strategis", N_("Strategic analysis"), build_report, kind="report",
                      available=has_analysis,
                      description=N_("The region's conditions: readiness, running applications, problems and the "
                                     "innovations that answer them, goals, focus dimensions and SWOT.")))
register(DocumentSpec("perubahan-tahap", N_("Changes since the previous stage"), build_changes, kind="report",
                      description=N_("Innovations, action plans and risks added, changed (field by field) and "
                                     "dropped since the file was carried from the previous stage.")))
