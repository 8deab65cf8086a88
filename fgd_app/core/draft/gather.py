"""Gather the masterplan draft from an open workshop: ``gather_draft(ws, choices) -> Draft`` (plain data).

The chapters follow the output books of the bimtek (*Analisis Strategis*, *Masterplan*, *Quick Wins*,
*Road Map*). Every chosen chapter and section is present even when the file holds nothing for it, with
a line saying what belongs there, so the writers of the book see the whole outline. Only reads.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from typing import TYPE_CHECKING

from fgd_app.core.draft import chapters_people as people
from fgd_app.core.draft.choices import ANNEXES, ANNEXES_TITLE, CHAPTERS, DraftChoices
from fgd_app.core.draft.model import Block, Chapter, Chart, Draft, Figure, Heading, Paragraph, Table
from fgd_app.core.innovations.records import status_short
from fgd_app.core.roadmap import data as roadmap
from fgd_app.core.workshop.defaults import pentahelix_label
from fgd_app.i18n import format_int, language, roman, tr

if TYPE_CHECKING:
    from fgd_app.core import Workshop

DIMENSION_COLOURS = ("#2e75b6", "#c55a11", "#548235", "#7030a0", "#bf8f00", "#2f8f8f", "#8f3f5f", "#596370")


def note(text: str) -> Paragraph:
    """Return the grey line that says what belongs in an empty section."""
    return Paragraph(text, "note")


def years_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}\u2013{last}"


def number(value: float | None) -> str:
    if value is None:
        return "\u2013"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language() == "id" else text


class Gatherer:
    """Reads the workshop once per part and builds the chapters (see ``gather_draft``)."""

    def __init__(self, ws: Workshop, choices: DraftChoices):
        self.ws = ws
        self.choices = choices
        self.info = ws.info()
        all_dimensions = ws.dimensions.list()
        wanted = set(choices.dimension_ids) if choices.dimension_ids is not None else None
        self.dimensions = [d for d in all_dimensions if wanted is None or d.id in wanted]
        self.dimension_ids = {d.id for d in self.dimensions}
        self.colour_of = {d.id: DIMENSION_COLOURS[i % len(DIMENSION_COLOURS)] for i, d in enumerate(all_dimensions)}
        self.opds = {o.id: o.short_name or o.name for o in ws.opds.list()}
        self.innovations = [i for i in ws.innovations.list() if i.dimension_id in self.dimension_ids]
        innovation_ids = {i.id for i in self.innovations}
        self.plans = [p for p in ws.plans.list() if p.innovation_id in innovation_ids]
        self.goals = ws.analysis.goals.list()  # the stage-I goals (sasaran) per dimension
        self.number = 0  # chapter number

    # --- the document ------------------------------------------------------------------------------
    def draft(self) -> Draft:
        info = self.info
        builders = {"workshop": self.chapter_workshop, "region_analysis": self.chapter_region_analysis,
                    "dimensions": self.chapter_dimensions, "risks": self.chapter_risks,
                    "quickwins": self.chapter_quickwins, "roadmap": self.chapter_roadmap}
        chapters: list[Chapter] = []
        for key in CHAPTERS:
            if self.choices.wants(key):
                chapters.append(self._chapter(key, tr(CHAPTERS[key]), builders[key]))
        if self.choices.annexes:
            chapters.append(self._chapter(ANNEXES, tr(ANNEXES_TITLE), self.chapter_annexes))
        stage = tr("Bimtek stage {stage}", stage=roman(info.bimtek_stage))
        days = [_dt.date.fromisoformat(d.day_date) for d in self.ws.days.list()]
        front = [Paragraph(line) for line in (
            f"{info.region_name}" + (f", {tr('Province')} {info.province_name}" if info.province_name else ""),
            stage + (f" \u00b7 {people.format_days(days)}" if days else ""),
            tr("Horizon {first}\u2013{last}", first=info.horizon_first_year, last=info.horizon_last_year),
        )]
        front.append(note(tr("Draft written by the facilitator's app from the workshop file; every table is a "
                             "Word table and every chapter a heading, to be completed by the region's team.")))
        return Draft(title=tr("Smart City Masterplan of {region}", region=info.region_name),
                     subtitle=tr("Draft from the workshop"), header=f"{info.region_name} \u00b7 {stage}",
                     paper=self.choices.paper, language=language(), chapters=chapters, front=front)

    def _chapter(self, key: str, title: str, build) -> Chapter:
        self.number += 1
        chapter = Chapter(key, title, [Heading(f"{self.number}. {title}", 1)], landscape=key in ("risks", "quickwins"))
        chapter.blocks += build()
        return chapter

    def section(self, index: int, title: str, level: int = 2) -> Heading:
        return Heading(f"{self.number}.{index} {title}", level)

    # --- 1 the region and the workshop ---------------------------------------------------------------
    def chapter_workshop(self) -> list[Block]:
        return people.workshop_blocks(self)

    # --- 2 the analysis of the region --------------------------------------------------------------
    def chapter_region_analysis(self) -> list[Block]:
        from fgd_app.core.draft.chapters_analysis import analysis_blocks

        return analysis_blocks(self)

    # --- 3 per dimension ---------------------------------------------------------------------------
    def chapter_dimensions(self) -> list[Block]:
        out: list[Block] = [Paragraph(tr(
            "The masterplan groups the innovations agreed in the workshop by the six Smart City dimensions. "
            "For each dimension: its goals, its elements, its innovations and their action plans."))]
        plans_of: dict[str, list] = {}
        for plan in self.plans:
            plans_of.setdefault(plan.innovation_id, []).append(plan)
        per_dimension = Counter(i.dimension_id for i in self.innovations)
        running = Counter(i.dimension_id for i in self.innovations if i.status == "running")
        rows, budget_total = [], 0
        for d in self.dimensions:
            mine = [i for i in self.innovations if i.dimension_id == d.id]
            budget = sum(p.budget for i in mine for p in plans_of.get(i.id, []))
            budget_total += budget
            rows.append([d.name, format_int(per_dimension[d.id]), format_int(running[d.id]),
                         format_int(per_dimension[d.id] - running[d.id]), format_int(sum(i.is_ict for i in mine)),
                         format_int(sum(len(plans_of.get(i.id, [])) for i in mine)), format_int(budget)])
        rows.append([tr("Total"), format_int(len(self.innovations)), format_int(sum(running.values())),
                     format_int(len(self.innovations) - sum(running.values())),
                     format_int(sum(i.is_ict for i in self.innovations)), format_int(len(self.plans)),
                     format_int(budget_total)])
        out.append(Figure(tr("Innovations per dimension"), Chart("innovations_per_dimension", {
            "labels": [d.name for d in self.dimensions], "values": [per_dimension[d.id] for d in self.dimensions],
            "colours": [self.colour_of[d.id] for d in self.dimensions]}, width_cm=14, height_cm=0)))
        out.append(Table(tr("Innovations, action plans and budget per dimension"),
                         [tr("Dimension"), tr("Innovations"), tr("Running"), tr("New"), tr("ICT"),
                          tr("Action plans"), tr("Budget estimate (Rp)")], rows, [34, 14, 12, 10, 9, 14, 24],
                         right=(1, 2, 3, 4, 5, 6), bold_rows=frozenset({len(rows) - 1}), small=True))
        if not self.dimensions:
            out.append(note(tr("No dimension chosen for this draft.")))
        districts = {i: name for i, _code, name in self.ws.districts()}
        funding = {f.id: f.display for f in self.ws.plans.funding_sources.list()}
        for index, d in enumerate(self.dimensions, start=1):
            out += self.dimension_blocks(index, d, plans_of, districts, funding)
        return out

    def dimension_blocks(self, index: int, d, plans_of, districts, funding) -> list[Block]:
        prefix = f"{self.number}.{index}"
        out: list[Block] = [Heading(f"{prefix} {d.name}", 2), Heading(f"{prefix}.1 {tr('Goals')}", 3)]
        goals = [x for x in self.goals if x.dimension_id == d.id]
        if d.description:
            out.append(Paragraph(d.description))
        if goals:
            out.append(Table(tr("Goals of {dimension}", dimension=d.name), [tr("Goal"), tr("Indicator"), tr("Target")],
                             [[x.goal, x.indicator, x.target] for x in goals], [50, 30, 20]))
        elif not d.description:
            out.append(note(tr("The goals of this dimension for the region: what it should achieve by the end of "
                               "the horizon, in line with the RPJMD.")))
        out.append(Heading(f"{prefix}.2 {tr('Elements')}", 3))
        elements = self.ws.elements.of(d.id)
        out += [Paragraph(e.name, "bullet") for e in elements] or [note(tr("The elements of this dimension."))]
        element_names = {e.id: e.name for e in elements}
        out.append(Heading(f"{prefix}.3 {tr('Innovations')}", 3))
        mine = [i for i in self.innovations if i.dimension_id == d.id]
        if mine:
            rows = []
            for i in mine:
                partners = "; ".join(pentahelix_label(p.pentahelix) + (f": {p.name}" if p.name else "")
                                     for p in i.partners)
                where = (tr("Whole region") if i.location_scope == "region"
                         else ", ".join(districts.get(x, "") for x in i.district_ids))
                description = "\n".join(x for x in (i.description, i.problem and f"{tr('Problem or potential')}: "
                                                    f"{i.problem}") if x)
                element = element_names.get(i.element_id or "", "")
                rows.append([i.code, f"{i.name}\n({element})" if element else i.name, description,
                             status_short(i.status), self.opds.get(i.lead_opd_id, ""),
                             ", ".join(self.opds.get(x, "") for x in i.supporting_opd_ids),
                             "\n".join(x for x in (partners, f"{tr('Location')}: {where}" if where else "") if x)])
            out.append(Table(tr("Innovations of {dimension}", dimension=d.name),
                             [tr("Code"), tr("Innovation (element)"), tr("Description"), tr("Status"),
                              tr("Lead OPD"), tr("Supporting OPDs"), tr("Partners and location")],
                             rows, [10, 18, 30, 11, 11, 12, 14], small=True))
        else:
            out.append(note(tr("The innovations agreed for this dimension: code, name, description, status, "
                               "lead and supporting OPDs, partners and location.")))
        out.append(Heading(f"{prefix}.4 {tr('Action plans')}", 3))
        rows, bands = [], set()
        for i in mine:
            plans = sorted(plans_of.get(i.id, []), key=lambda p: p.position)
            if not plans:
                continue
            bands.add(len(rows))
            rows.append([f"{i.code} {i.name}", "", "", "", "", "", format_int(sum(p.budget for p in plans))])
            for p in plans:
                target = "\n".join(x for x in (p.indicator, p.target and f"{tr('Target')}: {p.target}") if x)
                rows.append([p.activity, p.output, target, years_text(p.first_year, p.last_year),
                             self.opds.get(p.opd_id, ""), funding.get(p.funding_source_id or "", ""),
                             format_int(p.budget) if p.budget else ""])
        if rows:
            out.append(Table(tr("Action plans of {dimension}", dimension=d.name),
                             [tr("Activity / step"), tr("Output"), tr("Indicator and target"), tr("Year(s)"),
                              tr("Responsible OPD"), tr("Funding source"), tr("Budget estimate (Rp)")],
                             rows, [25, 17, 21, 9, 13, 10, 18], right=(6,), band_rows=frozenset(bands), small=True))
        else:
            out.append(note(tr("The action plans of these innovations: activity, output, indicator and target, "
                               "years, responsible OPD, funding source and budget.")))
        return out

    # --- 4 risks -----------------------------------------------------------------------------------
    def chapter_risks(self) -> list[Block]:
        from fgd_app.core.draft.chapters_risks import risk_blocks

        return risk_blocks(self)

    # --- 5 quick wins ------------------------------------------------------------------------------
    def chapter_quickwins(self) -> list[Block]:
        from fgd_app.core.draft.chapters_risks import quickwin_blocks

        return quickwin_blocks(self)

    # --- 6 roadmap ---------------------------------------------------------------------------------
    def chapter_roadmap(self) -> list[Block]:
        from fgd_app.core.draft.chapters_roadmap import roadmap_blocks

        return roadmap_blocks(self)

    # --- annexes -----------------------------------------------------------------------------------
    def chapter_annexes(self) -> list[Block]:
        return people.annex_blocks(self)


def gather_draft(ws: Workshop, choices: DraftChoices | None = None) -> Draft:
    """Return the draft of ``ws`` with ``choices`` (default: those remembered in the file)."""
    from fgd_app.core.draft.choices import load_choices

    return Gatherer(ws, choices if choices is not None else load_choices(ws.store)).draft()


__all__ = ["Gatherer", "gather_draft", "note", "roadmap"]
