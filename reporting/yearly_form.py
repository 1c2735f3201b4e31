"""The agency's yearly form: a figure per indicator, a narrative per line of action.

Several people of an agency may have the form open at once. A save merges figure by figure:
what the person changed since the page was loaded is written, what others saved meanwhile is
kept, and only a figure that both changed is a conflict, shown side by side for the person to
decide. Each part of the page carries the state it was loaded with (`base`). All of it is decided
under the submission's row lock, after checking that the submission may still change.
"""

import json

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.conflicts import conflict, last_saved
from measures.bound import measure_of
from measures.values import ValueRow

from . import rules
from .models import IndicatorValue, LineNarrative

ALL_ANSWER_FIELDS = ["women", "men", "total", "numerator", "denominator", "yes_no", "text"]


class MergeableForm:
    """A model form that remembers, in a hidden field, the stored values it was loaded with."""

    BASE = "base"

    @property
    def merged_fields(self):
        return [name for name in self._meta.fields if name in self.fields]

    def stored_state(self, instance):
        return {name: getattr(instance, name) for name in self.merged_fields}

    def set_base(self):
        self.fields[self.BASE] = forms.CharField(widget=forms.HiddenInput, required=False)
        self.initial[self.BASE] = json.dumps(self.stored_state(self.instance), sort_keys=True)

    def posted_base(self):
        """The stored values the person's page was loaded with, or None if unknown."""
        try:
            base = json.loads(self.data.get(self.add_prefix(self.BASE)) or "null")
        except (TypeError, ValueError):
            return None
        if not isinstance(base, dict) or set(base) != set(self.merged_fields):
            return None
        return base

    def posted_state(self):
        """The values this person submits, as they would be stored."""
        state = self.stored_state(self.instance)
        state.update({name: self.cleaned_data.get(name) for name in self.merged_fields})
        if "text" in state:
            state["text"] = state["text"] or ""
        return state

    def saved_base(self):
        """The `base` this part's page holds once its entries are what is stored: the state just
        written (or found already there)."""
        return json.dumps(self.posted_state(), sort_keys=True)

    def field_labels(self):
        return {name: str(self.fields[name].label) for name in self.merged_fields}


class IndicatorValueForm(MergeableForm, forms.ModelForm):
    """The fields one indicator's measure needs. Empty is fine while drafting; what is given
    must be consistent."""

    yes_no = forms.TypedChoiceField(
        label=gettext_lazy("Answer"),
        choices=[("", "—"), ("true", gettext_lazy("Yes")), ("false", gettext_lazy("No"))],
        coerce=lambda value: value == "true",
        empty_value=None,
        required=False,
    )

    class Meta:
        model = IndicatorValue
        fields = [
            *ALL_ANSWER_FIELDS,
            "no_data",
            "no_data_reason",
            "no_data_reason_en",
            "activities_note",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "no_data_reason": forms.Textarea(attrs={"rows": 2}),
            "no_data_reason_en": forms.Textarea(attrs={"rows": 2}),
            "activities_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, indicator, totals=None, previous=(), **kwargs):
        self.indicator = indicator
        self.measure = measure_of(indicator)
        self.totals = totals
        self.previous = previous
        self.warning = None
        super().__init__(*args, **kwargs)
        self.label = _("Indicator %(code)s") % {"code": indicator.code}
        if self.instance.pk and self.instance.yes_no is not None:
            self.initial["yes_no"] = "true" if self.instance.yes_no else "false"
        for name in ALL_ANSWER_FIELDS:
            if name not in self.measure.fields:
                del self.fields[name]
        for name, label in self.measure.measure.entry_labels(indicator.unit).items():
            self.fields[name].label = label
        for name in ("women", "men", "total", "numerator", "denominator"):
            if name in self.fields:
                self.fields[name].widget.attrs.update({"min": 0, "inputmode": "numeric"})
        self.set_base()

    def owner(self):
        return {"indicator": self.indicator}

    @staticmethod
    def is_blank(state):
        return not state.get("no_data") and all(
            state.get(name) in (None, "") for name in ALL_ANSWER_FIELDS
        )

    @property
    def activities_summary(self):
        """What the activities counted towards the indicator add up to, as its measure sums
        them ("12", or "women 3, men 4, total 7")."""
        if not self.totals:
            return ""
        return self.measure.measure.activities_summary(self.totals)

    @property
    def answer_fields(self):
        return [self[name] for name in self.measure.fields]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("no_data"):
            if not (cleaned.get("no_data_reason") or "").strip():
                self.add_error("no_data_reason", _("Say why there is no data this year."))
            for name in self.measure.fields:
                cleaned[name] = "" if name == "text" else None
            return cleaned
        self.measure.measure.clean(cleaned, self.add_error)
        women, men, total = cleaned.get("women"), cleaned.get("men"), cleaned.get("total")
        if not self.errors:
            mismatch = rules.activities_mismatch(self.indicator, women, men, total, self.totals)
            if mismatch and not (cleaned.get("activities_note") or "").strip():
                self.add_error(
                    "activities_note",
                    _("%(problem)s Correct the figure, or explain here why it differs.")
                    % {"problem": mismatch},
                )
            entered = ValueRow(
                agency_code="",
                no_data=False,
                text="",
                yes_no=None,
                **{
                    k: cleaned.get(k) for k in ("women", "men", "total", "numerator", "denominator")
                },
            )
            self.warning = rules.unusual_warning(
                rules.headline(self.indicator, entered), self.previous
            )
        return cleaned


class NarrativeForm(MergeableForm, forms.ModelForm):
    class Meta:
        model = LineNarrative
        fields = ["text_es", "text_en"]
        widgets = {
            "text_es": forms.Textarea(attrs={"rows": 4}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, line, **kwargs):
        super().__init__(*args, **kwargs)
        self.line = line
        self.label = _("Narrative %(code)s") % {"code": line.code}
        self.set_base()

    def owner(self):
        return {"line": self.line}

    @staticmethod
    def is_blank(state):
        return not any((state.get(name) or "").strip() for name in ("text_es", "text_en"))


def _part_anchor(form):
    if isinstance(form, IndicatorValueForm):
        return f"indicator-{form.indicator.code}"
    return f"line-{form.line.code}"


class YearlyForm:
    """The agency's yearly form: one part per indicator it is in charge of, one narrative per
    line of action. All parts are valid or nothing is saved.

    `bound_only`: after a conflict, only the parts in conflict show the person's entries; the
    others show what is stored now. `only`: the prefixes of the parts to build (a group of the
    form saved on its own, as the draft is saved while the person types); None for all."""

    def __init__(self, submission, data=None, bound_only=None, only=None):
        self.submission = submission
        self.data = data
        self.indicators = list(rules.indicators_for(submission))
        self.lines = list(rules.lines_for(submission))
        values = {v.indicator_id: v for v in submission.values.all()}
        narratives = {n.line_id: n for n in submission.narratives.all()}
        totals = rules.activity_totals(submission)
        previous = rules.previous_headlines(submission)

        def data_for(prefix):
            return data if bound_only is None or prefix in bound_only else None

        self.value_forms = []
        for indicator in self.indicators:
            prefix = f"i-{indicator.code}"
            if only is not None and prefix not in only:
                continue
            stored = values.get(indicator.pk)
            value_form = IndicatorValueForm(
                data_for(prefix),
                prefix=prefix,
                indicator=indicator,
                instance=stored or IndicatorValue(submission=submission, indicator=indicator),
                totals=totals.get(indicator.pk),
                previous=previous.get(indicator.pk, ()),
            )
            # As stored when the page was built (validation changes the instance): the progress
            # shown and what "nothing to report" would mark.
            value_form.answered = rules.is_answered(indicator, stored)
            value_form.blank = stored is None or stored.is_empty
            self.value_forms.append(value_form)
        self.narrative_forms = []
        for line in self.lines:
            prefix = f"n-{line.goal.number}-{line.number}"
            if only is not None and prefix not in only:
                continue
            self.narrative_forms.append(
                (
                    line,
                    NarrativeForm(
                        data_for(prefix),
                        prefix=prefix,
                        line=line,
                        instance=narratives.get(line.pk)
                        or LineNarrative(submission=submission, line=line),
                    ),
                )
            )
        self.conflicts = {}  # prefix -> Conflict, shown beside the part
        self.outcomes = {}  # prefix -> what a save did: write, same, kept, conflict
        self.posted_version = None
        if data is not None:
            try:
                self.posted_version = int(data.get("version", ""))
            except (TypeError, ValueError):
                self.posted_version = None

    @property
    def version(self):
        return self.submission.version

    @property
    def parts(self):
        return [*self.value_forms, *(form for _line, form in self.narrative_forms)]

    def is_valid(self):
        return all([form.is_valid() for form in self.parts])  # every part validated: all errors

    @property
    def error_count(self):
        return sum(len(form.errors) for form in self.parts)

    @property
    def answered_count(self):
        return sum(1 for form in self.value_forms if form.answered)

    def error_summary(self):
        """Every error of the page, in the page's order: (id of the element to go to, what it is,
        the message), for the summary at the top."""
        found = []
        for form in self.parts:
            for name, messages in form.errors.items():
                if name == "__all__" or name not in form.fields:
                    anchor, what = _part_anchor(form), form.label
                else:
                    anchor = form[name].auto_id
                    what = f"{form.label} · {form.fields[name].label}"
                found += [(anchor, what, message) for message in messages]
        return found

    @property
    def warnings(self):
        return [(f.indicator, f.warning) for f in self.value_forms if f.warning]

    def save(self, user, parts=None):
        """Write what this person changed (in `parts`, by default all); return the conflicts
        (possibly none).

        Raises SubmissionLocked if the submission can no longer change once the lock is held."""
        with transaction.atomic():
            locked = self.submission.lock_for_entry()
            stored = {
                IndicatorValue: {v.indicator_id: v for v in locked.values.all()},
                LineNarrative: {n.line_id: n for n in locked.narratives.all()},
            }
            unchanged_since_loaded = self.posted_version == locked.version
            conflicts, written = [], 0
            for form in self.parts if parts is None else parts:
                model = form._meta.model
                key = form.indicator.pk if model is IndicatorValue else form.line.pk
                current = stored[model].get(key)
                outcome = self._merge(form, current, locked, unchanged_since_loaded)
                self.outcomes[form.prefix] = outcome
                if outcome == "write":
                    written += 1
                elif outcome == "conflict":
                    conflicts.append((form, current))
            if written:
                locked.touch(user)
        self.submission.version = locked.version
        return self._describe(conflicts)

    @staticmethod
    def _merge(form, current, locked, unchanged_since_loaded):
        mine = form.posted_state()
        theirs = form.stored_state(current) if current else form.stored_state(form._meta.model())
        if mine == theirs:
            return "same"
        base = form.posted_base()
        if base is None and unchanged_since_loaded:
            base = theirs  # nobody saved since the page was loaded
        if base is not None and theirs == base:
            target = current or form._meta.model(submission=locked, **form.owner())
            if current is None and form.is_blank(mine):
                return "same"  # nothing entered where nothing is stored
            for name, value in mine.items():
                setattr(target, name, value)
            target.save()
            return "write"
        if base is not None and mine == base:
            return "kept"  # only someone else changed it: their version stays
        return "conflict"

    def _describe(self, conflicts):
        by_model = {}
        for form, current in conflicts:
            if current is not None:
                by_model.setdefault(form._meta.model, []).append(current.pk)
        saved = {}
        for model, pks in by_model.items():
            saved.update({(model, pk): who for pk, who in last_saved(model, pks).items()})
        self.conflicts = {}
        for form, current in conflicts:
            theirs = form.stored_state(current) if current else {}
            who = saved.get((form._meta.model, current.pk)) if current else None
            self.conflicts[form.prefix] = conflict(
                form.label, who, theirs, form.posted_state(), form.field_labels()
            )
        return list(self.conflicts.values())

    def show_conflicts(self, conflicts):
        """Mark the parts in conflict (prefix -> Conflict) for the page to show side by side."""
        self.conflicts = conflicts
        for form in self.parts:
            form.conflict = conflicts.get(form.prefix)

    def rebased_data(self):
        """The posted data with each conflicting part's `base` set to what is stored now: sent
        again, the person's entries then replace the other version, knowingly."""
        data = self.data.copy()
        for form in self.parts:
            if form.prefix in self.conflicts:
                stored = form._meta.model.objects.filter(
                    submission=self.submission, **form.owner()
                ).first()
                state = form.stored_state(stored or form._meta.model())
                data[form.add_prefix(form.BASE)] = json.dumps(state, sort_keys=True)
        return data
