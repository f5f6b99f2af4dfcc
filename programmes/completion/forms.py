from django import forms

from programmes.cohorts.models import Partner
from programmes.events.models import SessionKind

from .assessment import SCALE

SCALE_LABELS = {1: "1 - not at all", 2: "2", 3: "3", 4: "4", 5: "5 - completely"}
STATUS_CHOICES = [
    ("", "Everyone"),
    ("at_risk", "At risk"),
    ("completed", "Completed"),
    ("in_progress", "Not yet completed"),
]


class CriteriaForm(forms.Form):
    sessions_attended = forms.IntegerField(min_value=0, max_value=50, label="Sessions attended, in all")
    mentor_meetings = forms.IntegerField(min_value=0, max_value=50, label="Mentor meetings logged")
    end_survey = forms.BooleanField(required=False, label="The end-of-programme self-assessment is required")

    def __init__(self, *args, criteria, **kwargs):
        initial = {
            "sessions_attended": criteria.sessions_attended,
            "mentor_meetings": criteria.mentor_meetings,
            "end_survey": criteria.end_survey,
        }
        for kind, _ in SessionKind.choices:
            initial[f"kind_{kind}"] = criteria.sessions_by_kind.get(kind, 0)
        super().__init__(*args, initial=initial, **kwargs)
        for kind, label in SessionKind.choices:
            self.fields[f"kind_{kind}"] = forms.IntegerField(
                min_value=0, max_value=50, label=f"Of which {label.lower()} sessions, at least"
            )

    def clean(self):
        data = super().clean()
        by_kind = {kind: data.get(f"kind_{kind}") or 0 for kind, _ in SessionKind.choices}
        if sum(by_kind.values()) > (data.get("sessions_attended") or 0):
            raise forms.ValidationError("The sessions asked of each kind add up to more than the sessions in all.")
        data["sessions_by_kind"] = by_kind
        return data

    def criteria_fields(self):
        data = self.cleaned_data
        return {k: data[k] for k in ("sessions_attended", "sessions_by_kind", "mentor_meetings", "end_survey")}


class SelfAssessmentForm(forms.Form):
    """One radio group (fieldset and legend) per statement, 1 to 5."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[item.key] = forms.TypedChoiceField(
                label=item.statement,
                choices=[(n, SCALE_LABELS[n]) for n in SCALE],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": "Please choose a number from 1 to 5."},
            )

    def answers(self):
        return {item.key: self.cleaned_data[item.key] for item in self.items}


class ProgressFilterForm(forms.Form):
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.order_by("name"),
        required=False,
        empty_label="Every university",
        label="University",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    status = forms.ChoiceField(
        choices=STATUS_CHOICES, required=False, label="Show", widget=forms.Select(attrs={"class": "form-select"})
    )


class ListEmailForm(forms.Form):
    batch = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)
    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=5000, label="Message")


class RevokeForm(forms.Form):
    reason = forms.CharField(max_length=300, label="Reason for revoking")
