"""Innovation catalogue per dimension: every innovation with its code, OPDs, partners, location and texts."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from fgd_app.core.innovations.records import status_label
from fgd_app.core.workshop.defaults import pentahelix_label
from fgd_app.i18n import N_, tr
from fgd_app.reports import styles as st
from fgd_app.reports.context import StoryContext
from fgd_app.reports.registry import DocumentSpec, register
from fgd_app.reports.worksheets import _names


def has_innovations(ws) -> bool:
    return hasattr(ws, "innovations")


def innovation_card(ctx: StoryContext, innovation, names: dict) -> Table:
    """Return one innovation as a titled block of label/value lines (splits across pages when long)."""
    opds, districts, elements = names["opds"], names["districts"], names["elements"]
    partners = "; ".join(pentahelix_label(p.pentahelix) + (f": {p.name}" if p.name else "")
                         for p in innovation.partners)
    where = (tr("Whole region") if innovation.location_scope == "region"
             else ", ".join(districts.get(i, "") for i in innovation.district_ids))
    lines = [
        (tr("Element"), elements.get(innovation.element_id or "", "")),
        (tr("Lead OPD"), opds.get(innovation.lead_opd_id, "")),
        (tr("Supporting OPDs"), ", ".join(opds.get(i, "") for i in innovation.supporting_opd_ids)),
        (tr("Status"), status_label(innovation.status)),
        (tr("Type"), tr("ICT") if innovation.is_ict else tr("Non-ICT")),
        (tr("Pentahelix partners"), partners),
        (tr("Location"), where),
        (tr("Proposing group"), innovation.proposing_group),
        (tr("Problem or potential addressed"), innovation.problem),
        (tr("Description"), innovation.description),
        (tr("What is to be improved"), innovation.improvement if innovation.status == "running" else ""),
        (tr("Beneficiaries"), innovation.beneficiaries),
    ]
    rows = [[ctx.m("<b>{code}</b>", "cell", code=innovation.code),
             ctx.m("<b>{name}</b>", "cell", name=innovation.name)]]
    rows += [[ctx.p(label, "cell_small"), ctx.p(value, "cell")] for label, value in lines if value]
    table = Table(rows, colWidths=[36 * mm, ctx.width - 36 * mm], splitInRow=1, repeatRows=1)
    table.setStyle(TableStyle(st.grid_style(1) + [("BACKGROUND", (0, 0), (-1, 0), st.BAND_FILL),
                                                  ("VALIGN", (0, 0), (-1, 0), "TOP")]))
    return table


def build_catalogue(ctx: StoryContext) -> list[Flowable]:
    title = tr("Innovation catalogue")
    names = _names(ctx)
    out: list[Flowable] = []
    for dimension in ctx.ws.dimensions.list():
        innovations = ctx.ws.innovations.list(dimension.id)
        out += ctx.section(f"{title} \u00b7 {dimension.name}")
        out += ctx.heading_title(title.upper(), dimension.name)
        if dimension.description:
            out.append(ctx.p(dimension.description, "justify"))
        running = sum(1 for i in innovations if i.status == "running")
        out.append(ctx.p(tr("{count} innovations: {running} running, {new} new.", count=len(innovations),
                            running=running, new=len(innovations) - running), "small"))
        out.append(ctx.space(2))
        if not innovations:
            out.append(ctx.p(tr("No innovations recorded for this dimension yet."), "body"))
        for innovation in innovations:
            out += [innovation_card(ctx, innovation, names), ctx.space(3)]
    return out


register(DocumentSpec("katalog-inovasi", N_("Innovation catalogue"), build_catalogue, kind="report",
                      available=has_innovations,
                      description=N_("Every innovation per dimension with its code, OPDs, partners, location "
                                     "and descriptions.")))
