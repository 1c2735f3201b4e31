"""The reference sheets and the links to global frameworks as the annual report's annex (and the
standalone "Fichas técnicas" document): gathered once per plan in a fixed number of queries,
every text in the active language (the report's), laid out by `reports.layout`."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from core import formatting
from indicators.models import Indicator, PlanRevision, Responsibility, RevisionChange
from nap1325.i18n import active_language
from reports.content import Column, Table, Text

from .models import Framework, FrameworkLink, ReferenceSheet


@dataclass
class SheetEntry:
    code: str
    text: str
    rows: list  # (label, value): the sheet's fields in order, every one shown
    links: list = field(default_factory=list)  # "ODS 5.5.1 Title (proposal) — note"


@dataclass
class ReferenceAnnex:
    sheets: list  # SheetEntry, in the plan's order
    links: Table  # every link: indicator, item, title, note
    sources: list  # str: where each framework's codes and titles came from
    sheet_table: Table  # one row per indicator, for the data workbook

    @property
    def has_links(self):
        return bool(self.links.rows)


def field_labels():
    return [
        ("definition", _("Definition")),
        ("unit", _("Unit")),
        ("calculation", _("How it is measured")),
        ("disaggregation", _("Disaggregation")),
        ("data_source", _("Data source")),
        ("verification", _("Means of verification")),
        ("frequency", _("Frequency")),
        ("baseline", _("Baseline")),
        ("institutions", _("Institutions in charge")),
        ("limitations", _("Known limitations")),
        ("revisions", _("Changes by revisions of the plan")),
        ("sources", _("Sources of this sheet")),
    ]


def baseline_text(sheet):
    if sheet is None or not sheet.baseline_value:
        return ""
    if sheet.baseline_year:
        return f"{sheet.baseline_value} ({sheet.baseline_year})"
    return sheet.baseline_value


def revision_text(change):
    revision = change.revision
    return _("Revision %(number)s, from %(year)s: %(change)s") % {
        "number": revision.number,
        "year": revision.first_year,
        "change": change.get_kind_display(),
    }


def _applied_changes(plan):
    """indicator id -> [RevisionChange] of the plan's (a plan or its id) applied revisions, in
    one query."""
    changes = defaultdict(list)
    for change in (
        RevisionChange.objects.filter(
            revision__plan=plan, revision__status=PlanRevision.Status.APPLIED
        )
        .filter(Q(indicator__isnull=False) | Q(target__indicator__isnull=False))
        .select_related("revision", "target")
        .order_by("revision__number", "pk")
    ):
        indicator_id = change.indicator_id or change.target.indicator_id
        changes[indicator_id].append(change)
    return changes


def revisions_of(indicator):
    """The applied revisions that changed `indicator` (itself or one of its targets)."""
    return [revision_text(c) for c in _applied_changes(indicator.plan_id).get(indicator.pk, [])]


def _marked(sheet, name):
    """A sheet's text for a document: in English, a text given in Spanish only is a
    content.Text marked as such (the report prints it with †, as agencies' texts)."""
    english, spanish = getattr(sheet, f"{name}_en"), getattr(sheet, f"{name}_es")
    if active_language() == "en" and spanish and not english:
        return Text(spanish, untranslated=True)
    return getattr(sheet, name)


def sheet_rows(indicator, sheet, revisions, marked=False):
    """The sheet's fields as (label, value), empty ones shown as a dash; `marked`: for a
    document, texts in Spanish only in an English one marked."""
    values = {
        "unit": indicator.unit,
        "institutions": ", ".join(
            f"{r.agency.name} ({r.agency.code})" for r in indicator.responsibilities.all()
        ),
        "baseline": baseline_text(sheet),
        "revisions": "; ".join(revisions),
    }
    for name in ("definition", "calculation", "disaggregation", "data_source", "verification",
                 "frequency", "limitations", "sources"):  # fmt: skip
        if sheet is None:
            values[name] = ""
        else:
            values[name] = _marked(sheet, name) if marked else getattr(sheet, name)
    return [(label, values[name] or formatting.DASH) for name, label in field_labels()]


def link_text(link):
    title = link.item.title or _("title not at hand")
    text = f"{link.item} {title}"
    if link.proposed:
        text += " " + _("(proposal)")
    if link.note:
        text += f" — {link.note}"
    return text


def gather(plan):
    indicators = list(
        Indicator.objects.for_plan(plan)
        .select_related("goal")
        .prefetch_related(
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("agency").order_by("position"),
            )
        )
        .order_by("goal__number", "position")
    )
    sheets = {s.indicator_id: s for s in ReferenceSheet.objects.filter(indicator__plan=plan)}
    links = defaultdict(list)
    for link in FrameworkLink.objects.filter(indicator__plan=plan).select_related(
        "item__framework", "indicator"
    ):
        links[link.indicator_id].append(link)
    changes = _applied_changes(plan)
    entries, link_rows, sheet_rows_ = [], [], []
    for indicator in indicators:
        revisions = [revision_text(c) for c in changes.get(indicator.pk, [])]
        rows = sheet_rows(indicator, sheets.get(indicator.pk), revisions, marked=True)
        entry = SheetEntry(
            indicator.code, indicator.text, rows, [link_text(link) for link in links[indicator.pk]]
        )
        entries.append(entry)
        sheet_rows_.append([indicator.code, indicator.text, *[value for _l, value in rows]])
        for link in links[indicator.pk]:
            link_rows.append(
                [
                    indicator.code,
                    str(link.item),
                    link.item.title or _("title not at hand"),
                    _("Proposal") if link.proposed else _("Confirmed"),
                    link.note,
                ]
            )
    link_table = Table(
        title=_("Indicators and global frameworks"),
        columns=[
            Column(_("Indicator")),
            Column(_("Global framework item")),
            Column(_("Title"), weight=3),
            Column(_("Status")),
            Column(_("Note"), weight=2),
        ],
        rows=link_rows,
        data_rows=link_rows,
        sheet="frameworks",
    )
    sheet_table = Table(
        title=_("Reference sheets"),
        columns=[Column(_("Indicator")), Column(_("Text"), weight=3)]
        + [Column(label) for _n, label in field_labels()],
        rows=sheet_rows_,
        data_rows=sheet_rows_,
        sheet="reference_sheets",
    )
    sources = [f"{fw.name}: {fw.source}" for fw in Framework.objects.all()]
    return ReferenceAnnex(entries, link_table, sources, sheet_table)
