"""Workshop paperwork: daftar hadir per day, berita acara, notulen per day."""

from __future__ import annotations

import datetime as _dt

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from fgd_app.core.workshop.defaults import pentahelix_label
from fgd_app.core.workshop.ministry import ministry_name
from fgd_app.i18n import N_, day_name, format_date, language, month_name, tr
from fgd_app.reports.context import DOTS, StoryContext, format_nip, format_time
from fgd_app.reports.flowables import AtLeast
from fgd_app.reports.registry import DocumentSpec, register

MIN_BLANK_ROWS = 40
ATTENDANCE_WIDTHS = [7, 34, 56, 31, 26, 15, 15]  # relative; the NIP column ~31 % of the page width
_ONES = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas")


def terbilang(n: int) -> str:
    """Return ``n`` (0..999,999) in Indonesian words, as berita acara spell dates ("dua ribu dua puluh empat")."""
    if n < 12:
        return _ONES[n] if n else "nol"
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_ONES[tens]} puluh" + (f" {_ONES[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_ONES[hundreds]} ratus"
        return head + (f" {terbilang(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "seribu" if thousands == 1 else f"{terbilang(thousands)} ribu"
    return head + (f" {terbilang(rest)}" if rest else "")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _day_for(ctx: StoryContext, iso: str) -> _dt.date | None:
    try:
        return _dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def _time_range(ctx: StoryContext, day) -> str:
    if day is None:
        return ""
    return tr("{start}\u2013{end} (local time)", start=format_time(day.start_time), end=format_time(day.end_time))


def _place_date(ctx: StoryContext, day: _dt.date | None) -> str:
    city = ctx.settings["report_city"]
    date_text = format_date(day, weekday=False) if day else "." * 24
    return f"{city}, {date_text}" if city else date_text


# --- daftar hadir ----------------------------------------------------------------------------------
def attendance_section(ctx: StoryContext, day, *, title: str) -> list[Flowable]:
    """Return one day's attendance list: letterhead, details, the signature table, "Mengetahui"."""
    date = _dt.date.fromisoformat(day.day_date) if day else None
    header = f"{title} \u00b7 {format_date(date)}" if date else title
    out = ctx.section(header, day=date)
    out += ctx.heading_title(title.upper())
    out.append(ctx.fields([
        (tr("Activity"), ctx.settings["activity"]),
        (tr("Day / date"), format_date(date) if date else None),
        (tr("Time"), _time_range(ctx, day) or None),
        (tr("Place"), ctx.info.venue or None),
    ]))
    out.append(ctx.space(3))
    opds = {o.id: o for o in ctx.ws.opds.list()}
    registered = ctx.ws.participants.list()
    people = [] if ctx.blank else registered
    blank_rows = ctx.ws.documents.blank_rows()
    # a blank list is for the whole hall: every registered participant, the margin, and at least 40 rows
    total = max(len(registered) + blank_rows, MIN_BLANK_ROWS) if ctx.blank else len(people) + blank_rows
    rows = []
    for number in range(1, total + 1):
        person = people[number - 1] if number <= len(people) else None
        mark = ctx.number(number, 10, "cell_small")
        sign = [mark, ""] if number % 2 else ["", mark]
        if person is None:
            rows.append([str(number), "", "", "", "", *sign])
            continue
        nip_job = ctx.p("\n".join(x for x in (format_nip(person.nip), person.position) if x), "cell_compact")
        organisation = ctx.ws.participants.organisation_of(person, opds)
        if person.pentahelix != "pemerintah":
            element = pentahelix_label(person.pentahelix)
            organisation = f"{organisation}\n({element})" if organisation else element
        contact = ctx.p("\n".join(x for x in (person.phone, person.email) if x), "cell_compact")
        rows.append([str(number), ctx.m("<b>{name}</b>", "cell", name=person.name), nip_job, organisation,
                     contact, *sign])
    head = ["No", tr("Name"), tr("NIP / Position"), tr("Agency / OPD"), tr("Phone / e-mail"), tr("Signature"), ""]
    official = ctx.settings
    signatures = ctx.signatures([(tr("Acknowledged by,"), official["official_position"] or None,
                                  official["official_name"], official["official_nip"])],
                                place_date=_place_date(ctx, date))
    # NIP / position is wide enough for an 18-digit NIP written by hand (about 58 mm on A4 portrait)
    out.append(ctx.grid(head, rows, ATTENDANCE_WIDTHS, extra=[
        ("SPAN", (5, 0), (6, 0)),
        ("LINEAFTER", (5, 1), (5, -1), 0, "white"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
    ], tail=signatures))
    return out


def build_attendance(ctx: StoryContext) -> list[Flowable]:
    title = tr("Attendance list")
    days = ctx.days or [None]
    out: list[Flowable] = []
    for day in days:
        out += attendance_section(ctx, day, title=title)
    return out


# --- berita acara ----------------------------------------------------------------------------------
def _opening_sentence(ctx: StoryContext, date: _dt.date | None, place: str) -> Flowable:
    if date is None:  # the blank form: day, date, month and year written in by hand
        return ctx.m(tr("On this day, {weekday}, date {day}, month {month}, year {year}, at {place}, "
                        "we the undersigned:"), "body",
                     weekday="." * 14, day="." * 10, month="." * 16, year="." * 14, place=place or DOTS)
    if language() == "id":
        day_words, year_words = terbilang(date.day), terbilang(date.year)
    else:
        day_words, year_words = _ordinal(date.day), str(date.year)
    return ctx.m(tr("On this day, {weekday}, the {day_words} of {month} in the year {year_words} ({date}), "
                    "at {place}, we the undersigned:"), "justify",
                 weekday=day_name(date), day_words=day_words, month=month_name(date.month),
                 year_words=year_words, date=format_date(date, weekday=False), place=place or DOTS)


def _party(ctx: StoryContext, number: int, party: str, name: str, nip: str, position: str,
           agency: str) -> list[Flowable]:
    """Return one signatory's lines ("1. Nama : …") and "hereinafter called PIHAK PERTAMA"."""
    table = ctx.fields([(tr("Name"), name or None), (tr("NIP"), format_nip(nip) or None),
                        (tr("Position"), position or None), (tr("Agency"), agency or None)],
                       label_mm=24, width=ctx.width - 8 * mm)
    called = ctx.m(tr("hereinafter called <b>{party}</b>;"), "body", party=party)
    return [ctx.columns([ctx.p(f"{number}.", "body"), table], [8 * mm, ctx.width - 8 * mm]),
            ctx.columns(["", called], [8 * mm, ctx.width - 8 * mm]), ctx.space(1.5)]


def expert_position(ctx: StoryContext) -> str:
    """Return the default position of the ministry's expert ("Tenaga Ahli Kementerian …")."""
    return tr("Expert of {ministry}", ministry=ministry_name(ctx.ws.store))


def build_report(ctx: StoryContext) -> list[Flowable]:
    s = {} if ctx.blank else ctx.settings
    date = None if ctx.blank else _day_for(ctx, s.get("report_date", ""))
    title = tr("Berita acara")
    out = ctx.section(title, day=date)
    out += ctx.heading_title(title.upper())
    number = s.get("report_number") or "." * 40
    out.append(ctx.m(tr("Number: {number}"), "subtitle", number=number))
    out.append(ctx.p(s.get("report_title") or ctx.settings["report_title"], "letter_line"))
    out.append(ctx.space(5))
    out.append(_opening_sentence(ctx, date, s.get("report_place", "")))
    out.append(ctx.space(2))
    # a signatory is a person: a name the facilitator entered, never the team name of the workshop
    stored = {} if ctx.blank else ctx.ws.documents.stored()
    first, second = tr("PARTY ONE"), tr("PARTY TWO")
    region = ctx.info.region_name
    ministry = ministry_name(ctx.ws.store)
    government = tr("Government of {region}", region=region)
    expert_pos = stored.get("expert_position") or expert_position(ctx)  # the default written out in full
    out += _party(ctx, 1, first, stored.get("expert_name", ""), s.get("expert_nip", ""), expert_pos, ministry)
    out += _party(ctx, 2, second, stored.get("official_name", ""), s.get("official_nip", ""),
                  s.get("official_position", ""), "" if ctx.blank else government)
    out.append(ctx.space(1))
    intro = ctx.m(tr("have carried out {activity} and agreed on the following:"), "justify",
                  activity=ctx.settings["activity"])
    points = [line.strip() for line in s.get("report_agreements", "").splitlines() if line.strip()]
    closing = ctx.p(tr("This berita acara was drawn up truthfully, to be used as appropriate."), "justify")
    signatures = ctx.signatures([
        (f"{second},", s.get("official_position") or None, stored.get("official_name", ""),
         s.get("official_nip", "")),
        (f"{first},", expert_pos, stored.get("expert_name", ""), s.get("expert_nip", "")),
    ], place_date=_place_date(ctx, date))
    # the closing sentence and the signatures always share a page with the agreed points above them
    end = Table([[ctx.space(3)], [closing], [signatures]], colWidths=[ctx.width])
    end.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    if points:
        rows = [[f"{i}.", point] for i, point in enumerate(points, start=1)]
        table = ctx.grid([], rows, [6, 94], header_rows=0, extra=[("GRID", (0, 0), (-1, -1), 0, "white")],
                         tail=end)
        table.lead = intro  # "... agreed on the following:" never ends a page
        out.append(table)
    else:  # lines to write the points on: as many as leave room for the signatures on this page (3 to 6)
        room = ctx.height - sum(_height(ctx, f) for f in (*out, intro, end)) - 6 * mm
        lines = int(room // (8 * mm))
        lines = min(6, lines) if lines >= 3 else 6  # fewer than 3 would fit: all of it on the next page
        out.append(ctx.keep_together(intro, *ctx.dotted_lines(lines), end))
    # the attendance list of the day is attached
    day = next((d for d in ctx.days if date and d.day_date == date.isoformat()), None)
    if day is not None or ctx.blank:
        out += attendance_section(ctx, day, title=tr("Attachment: attendance list"))
    return out


# --- notulen ---------------------------------------------------------------------------------------
def _height(ctx: StoryContext, flowable: Flowable) -> float:
    """Return the height a flowable takes on a page with its space before and after (0 for markers)."""
    if isinstance(flowable, KeepTogether):
        return sum(_height(ctx, f) for f in flowable._content)
    if not isinstance(flowable, (Paragraph, Table, Spacer)):
        return 0.0
    _w, h = flowable.wrap(ctx.width, ctx.height)
    return h + flowable.getSpaceBefore() + flowable.getSpaceAfter()


def minutes_section(ctx: StoryContext, day) -> list[Flowable]:
    date = _dt.date.fromisoformat(day.day_date) if day else None
    title = tr("Notulen")
    out = ctx.section(f"{title} \u00b7 {format_date(date)}" if date else title, day=date)
    out += ctx.heading_title(title.upper())
    minutes = ctx.ws.minutes.effective(day.id) if day and not ctx.blank else None  # place, time as written
    count = ctx.ws.minutes.participants(day.id) if day and not ctx.blank else None
    out.append(ctx.fields([
        (tr("Activity"), ctx.settings["activity"]),
        (tr("Day / date"), format_date(date) if date else None),
        (tr("Time"), _time_range(ctx, minutes or day) or None),
        (tr("Place"), (minutes.place if minutes else ctx.info.venue) or None),
        (tr("Chair"), minutes.chair if minutes else None),
        (tr("Note-taker"), minutes.note_taker if minutes else None),
        (tr("Participants"), tr("{count} people (attendance list attached)", count=count) if count else None),
    ]))

    def text_part(heading: str, text: str | None, lines: int) -> list[Flowable]:
        """Return a heading and its text, the heading never last on a page."""
        body = [ctx.p(text, "justify")] if text else ctx.dotted_lines(lines)
        return [ctx.keep_together(ctx.p(heading, "heading"), *body)]

    out += text_part(tr("I. Opening"), minutes.opening if minutes else None, 4)
    out += ctx.heading(tr("II. Discussion"))
    items = ctx.ws.minutes.items.of(day.id) if minutes else []
    rows = [[f"{i}.", item.speaker, item.summary] for i, item in enumerate(items, start=1)]
    if not rows:  # rows to write in by hand: as many as fill the first page (III and IV go on the second)
        used = sum(_height(ctx, f) for f in out) + 24 * mm  # heading II, the column header and some air
        count = max(5, int((ctx.height - used) // (16 * mm + 5.5)))
        rows = [[f"{i}.", "", AtLeast(ctx.p(""), 16 * mm)] for i in range(1, count + 1)]
    out.append(ctx.grid(["No", tr("Speaker"), tr("Summary")], rows, [7, 28, 65]))
    # without minutes, III and IV fill the second page with lines to write on
    conclusions = text_part(tr("III. Conclusions and decisions"), minutes.conclusions if minutes else None,
                            4 if minutes else 9)[0]
    follow_up = text_part(tr("IV. Follow-up"), minutes.follow_up if minutes else None, 3 if minutes else 6)[0]
    signatures = ctx.signatures([
        (tr("Chair,"), "", minutes.chair if minutes else "", minutes.chair_nip if minutes else ""),
        (tr("Note-taker,"), "", minutes.note_taker if minutes else "", minutes.note_taker_nip if minutes else ""),
    ], place_date=_place_date(ctx, date))
    # the signatures go with the follow-up, and with the conclusions too when those are short (the blank
    # lines of a form): a page never holds only "IV." and the signatures
    if _height(ctx, conclusions) <= ctx.height / 2.5:
        out.append(ctx.keep_together(*conclusions._content, *follow_up._content, signatures))
    else:
        out += [conclusions, ctx.keep_together(*follow_up._content, signatures)]
    return out


def build_minutes(ctx: StoryContext) -> list[Flowable]:
    out: list[Flowable] = []
    for day in ctx.days or [None]:
        out += minutes_section(ctx, day)
    return out


register(DocumentSpec("daftar-hadir", N_("Attendance list"), build_attendance, kind="paperwork",
                      description=N_("One sheet per workshop day: registered participants, blank rows, "
                                     "staggered signatures, \u201cMengetahui\u201d block.")))
register(DocumentSpec("berita-acara", N_("Berita acara"), build_report, kind="paperwork",
                      description=N_("Official minutes with the agreed points and the signatures of the "
                                     "ministry's expert (PIHAK PERTAMA) and the regional official (PIHAK KEDUA); "
                                     "attendance attached.")))
register(DocumentSpec("notulen", N_("Notulen"), build_minutes, kind="paperwork",
                      description=N_("Notes of each workshop day: opening, discussion, conclusions, "
                                     "follow-up, signatures of chair and note-taker.")))
