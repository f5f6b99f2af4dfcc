from django import forms
from django.utils.html import format_html_join

from programmes.admissions.models import Decision, Recommendation
from programmes.admissions.selectors.reviews import QUEUE_STATES, SORTS, QueueFilters
from programmes.cohorts.models import LevelOfStudy

SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class QueueFilterForm(forms.Form):
    q = forms.CharField(label="Search name or course", required=False, max_length=100)
    cohort = forms.TypedChoiceField(label="Cohort", required=False, coerce=int, empty_value=None)
    partner = forms.ChoiceField(label="University", required=False)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any")] + [(s.value, s.label) for s in QUEUE_STATES]
    )
    level = forms.ChoiceField(label="Level", required=False, choices=[("", "Any")] + LevelOfStudy.choices)
    pathway = forms.ChoiceField(label="Pathway", required=False)
    mine = forms.ChoiceField(
        label="My reviews",
        required=False,
        choices=[("", "All"), ("to_review", "Still to review"), ("reviewed", "Reviewed by me")],
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("newest", "Newest first"),
            ("oldest", "Oldest first"),
            ("score", "Highest score"),
            ("score_low", "Lowest score"),
        ],
    )

    def __init__(self, *args, choices, show_partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [("", "Any")] + choices["cohorts"]
        self.fields["pathway"].choices = [("", "Any")] + choices["pathways"]
        self.fields["partner"].choices = [("", "Any")] + choices["partners"]
        if not show_partner:
            del self.fields["partner"]
        # The calibration page prints the cohort widget, so the widgets carry Bootstrap's classes.
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control" if isinstance(field, forms.CharField) else "form-select"

    def filters(self):
        """The filters to apply; invalid values are ignored rather than failing the page."""
        self.is_valid()  # an invalid value is dropped; the valid ones still filter
        data = getattr(self, "cleaned_data", {})
        partner = self.data.get("partner", "") if "partner" not in self.fields else data.get("partner", "")
        sort = data.get("sort") or "newest"
        return QueueFilters(
            cohort=data.get("cohort"),
            partner=partner,
            status=data.get("status", ""),
            level=data.get("level", ""),
            pathway=data.get("pathway", ""),
            mine=data.get("mine", ""),
            q=(data.get("q") or "").strip(),
            sort=sort if sort in SORTS else "newest",
        )

    def filter_bar(self):
        """The fields as the queue's filter bar prints them: Django's widget templates took more time
        than the rest of the page, so the options are joined here (escaped) and the bar is plain HTML."""
        bar = []
        for name, field in self.fields.items():
            current = self.data.get(name, "")
            entry = {"name": name, "id": f"id_{name}", "label": field.label, "value": current}
            if isinstance(field, forms.ChoiceField):
                entry["options"] = format_html_join(
                    "",
                    '<option value="{}"{}>{}</option>',
                    ((value, " selected" if str(value) == current else "", text) for value, text in field.choices),
                )
            else:
                entry["maxlength"] = field.max_length
            bar.append(entry)
        return bar


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    recommendation = forms.ChoiceField(label="Recommendation", choices=[("", "—")] + Recommendation.choices)

    def __init__(self, *args, rubric, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        for criterion in reversed(rubric):
            self.fields = {
                f"score_{criterion['key']}": forms.TypedChoiceField(
                    label=f"{criterion['label']} (weight {criterion['weight']})",
                    choices=SCORE_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect,
                    help_text="1 = weak, 5 = outstanding",
                ),
                **self.fields,
            }

    def scores(self):
        return {c["key"]: self.cleaned_data[f"score_{c['key']}"] for c in self.rubric}

    def criteria(self):
        """Each criterion's radio group as plain values for _review_form.html, which prints them as
        crispy did (crispy's templates took a quarter of the application page's time)."""
        groups = []
        for criterion in self.rubric:
            bound = self[f"score_{criterion['key']}"]
            current = str(bound.value() or "")
            groups.append(
                {
                    "name": bound.html_name,
                    "id": bound.auto_id,
                    "legend": bound.label,
                    "help": bound.help_text,
                    "errors": bound.errors,
                    "options": [
                        {"value": value, "id": f"{bound.auto_id}_{n}", "checked": str(value) == current}
                        for n, (value, _label) in enumerate(bound.field.choices)
                    ],
                }
            )
        return groups

    def recommendation_options(self):
        current = str(self["recommendation"].value() or "")
        return [(value, label, str(value) == current) for value, label in self.fields["recommendation"].choices]


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label="Why you cannot review this applicant (optional)",
        required=False,
        max_length=300,
        help_text="For example: I supervise or know this student. The coordinator sees this.",
    )


class StageDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", choices=Decision.choices, widget=forms.RadioSelect)
