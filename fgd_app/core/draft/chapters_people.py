"""The draft's first chapter (the region and the workshop) and its annexes (attendance, berita acara, notulen)."""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from fgd_app.core.draft.model import Block, Heading, Paragraph, Table
from fgd_app.core.workshop.defaults import PENTAHELIX, pentahelix_label
from fgd_app.i18n import format_date, format_int, month_name, roman, tr

if TYPE_CHECKING:
    from fgd_app.core.draft.gather import Gatherer


def _note(text: str) -> Paragraph:
    return Paragraph(text, "note")


def format_days(days: Sequence[_dt.date]) -> str:
    """Return "Selasa, 2 Juli 2024" or "2–3 Juli 2024" or a full range."""
    days = sorted(days)
    if not days:
        return ""
    first, last = days[0], days[-1]
    if first == last:
        return format_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}\u2013{last.day} {month_name(first.month)} {first.year}"
    return f"{format_date(first, weekday=False)} \u2013 {format_date(last, weekday=False)}"


def workshop_blocks(g: Gatherer) -> list[Block]:
    ws, info = g.ws, g.info
    days = ws.days.list()
    dates = [_dt.date.fromisoformat(d.day_date) for d in days]
    activity = ws.documents.get("activity")
    out: list[Block] = [g.section(1, tr("The region")), Paragraph(tr(
        "{region} ({province}) takes part in the Movement towards 100 Smart Cities and drafts its Smart City "
        "masterplan for {first}\u2013{last}.", region=info.region_name, province=info.province_name or "\u2013",
        first=info.horizon_first_year, last=info.horizon_last_year))]
    out.append(_note(tr("Describe the region here: geography, population, economy, the RPJMD's vision and "
                        "mission, and why the region takes part.")))
    out.append(g.section(2, tr("The workshop")))
    facts = [(tr("Activity"), activity), (tr("Bimtek stage"), roman(info.bimtek_stage)),
             (tr("Days"), format_days(dates)), (tr("Venue"), info.venue), (tr("Facilitator"), info.facilitator),
             (tr("Horizon"), f"{info.horizon_first_year}\u2013{info.horizon_last_year}")]
    out.append(Table(tr("The workshop"), [tr("Item"), tr("Details")], [[k, v] for k, v in facts], [30, 70]))
    if days:
        out.append(Table(tr("Workshop days"), [tr("Day"), tr("Date"), tr("Time"), tr("Topic")],
                         [[str(n), format_date(d.day_date), f"{d.start_time}\u2013{d.end_time}", d.label]
                          for n, d in enumerate(days, start=1)], [8, 34, 18, 40]))
    stages = ws.stages.list()
    if stages:
        out.append(Table(tr("Stages of the horizon"), [tr("Stage"), tr("Name"), tr("Years")],
                         [[str(s.number), s.name, f"{s.first_year}\u2013{s.last_year}"] for s in stages],
                         [12, 50, 38]))
    out.append(g.section(3, tr("Participants")))
    participants = ws.participants.list()
    present = ws.attendance.all()
    attended = {pid for pid, _day in present}
    if not participants:
        out.append(_note(tr("The participants by OPD and by pentahelix element: the attendance list of the "
                            "workshop.")))
        return out
    out.append(Paragraph(tr("{count} participants were registered; {present} signed the attendance list on at "
                            "least one day.", count=format_int(len(participants)), present=format_int(len(attended)))))
    per_opd = Counter(p.opd_id for p in participants if p.opd_id)
    per_opd_present = Counter(p.opd_id for p in participants if p.opd_id and p.id in attended)
    rows = [[name, format_int(per_opd[oid]), format_int(per_opd_present[oid])]
            for oid, name in sorted(g.opds.items(), key=lambda x: (-per_opd[x[0]], x[1])) if per_opd[oid]]
    others = Counter(p.organisation or tr("(not stated)") for p in participants if not p.opd_id)
    rows += [[name, format_int(n), format_int(sum(1 for p in participants if not p.opd_id
                                                 and (p.organisation or tr("(not stated)")) == name
                                                 and p.id in attended))]
             for name, n in sorted(others.items(), key=lambda x: (-x[1], x[0]))]
    out.append(Table(tr("Participants by OPD and organisation"), [tr("OPD / organisation"), tr("Registered"),
                                                                  tr("Attended")], rows, [64, 18, 18], right=(1, 2)))
    per_element = Counter(p.pentahelix for p in participants)
    out.append(Table(tr("Participants by pentahelix element"), [tr("Pentahelix element"), tr("Participants")],
                     [[pentahelix_label(k), format_int(per_element[k])] for k in PENTAHELIX]
                     + [[pentahelix_label(k), format_int(n)] for k, n in per_element.items() if k not in PENTAHELIX],
                     [60, 40], right=(1,)))
    return out


def annex_blocks(g: Gatherer) -> list[Block]:
    ws = g.ws
    days = ws.days.list()
    out: list[Block] = [g.section(1, tr("Attendance summary (daftar hadir)"))]
    participants = ws.participants.list()
    present = ws.attendance.all()
    if days and participants:
        rows = []
        for n, d in enumerate(days, start=1):
            here = {pid for pid, day in present if day == d.id}
            rows.append([str(n), format_date(d.day_date), format_int(len(here)),
                         format_int(len({p.opd_id for p in participants if p.id in here and p.opd_id}))])
        out.append(Table(tr("Attendance per day"), [tr("Day"), tr("Date"), tr("Participants present"),
                                                    tr("OPDs present")], rows, [10, 40, 25, 25], right=(2, 3)))
        out.append(_note(tr("The signed attendance lists are kept with the berita acara.")))
    else:
        out.append(_note(tr("The number of participants present on each day, from the signed attendance "
                            "lists.")))
    out.append(g.section(2, tr("Berita acara")))
    values = ws.documents.values()
    facts = [(tr("Number"), values["report_number"]), (tr("Title"), values["report_title"]),
             (tr("Date"), format_date(values["report_date"]) if values["report_date"] else ""),
             (tr("Place"), values["report_place"])]
    out.append(Table(tr("Berita acara"), [tr("Item"), tr("Details")], [[k, v] for k, v in facts], [30, 70]))
    agreements = [line.strip() for line in values["report_agreements"].splitlines() if line.strip()]
    if agreements:
        out.append(Paragraph(tr("The participants agreed:")))
        out += [Paragraph(line, "bullet") for line in agreements]
    else:
        out.append(_note(tr("The points agreed in the workshop, as written in the berita acara.")))
    out.append(g.section(3, tr("Notulen")))
    if not days:
        out.append(_note(tr("The notulen of each workshop day.")))
    for n, d in enumerate(days, start=1):
        minutes = ws.minutes.effective(d.id)
        items = ws.minutes.items.of(d.id)
        out.append(Heading(f"{g.number}.3.{n} {tr('Day {n}', n=n)} \u00b7 {format_date(d.day_date)}", 3))
        facts = [(tr("Place"), minutes.place), (tr("Time"), f"{minutes.start_time}\u2013{minutes.end_time}"),
                 (tr("Chair"), minutes.chair), (tr("Note-taker"), minutes.note_taker)]
        out.append(Table(tr("Notulen of day {n}", n=n), [tr("Item"), tr("Details")], [[k, v] for k, v in facts],
                         [30, 70]))
        written = False
        for label, text in ((tr("Opening"), minutes.opening),):
            if text:
                out += [Paragraph(label, "label"), Paragraph(text)]
                written = True
        if items:
            out.append(Paragraph(tr("Discussion"), "label"))
            out += [Paragraph(f"{i.speaker}: {i.summary}" if i.speaker else i.summary, "bullet") for i in items]
            written = True
        for label, text in ((tr("Conclusions"), minutes.conclusions), (tr("Follow-up"), minutes.follow_up)):
            if text:
                out += [Paragraph(label, "label"), Paragraph(text)]
                written = True
        if not written:
            out.append(_note(tr("The opening, the discussion, the conclusions and the follow-up of this day.")))
    return out
