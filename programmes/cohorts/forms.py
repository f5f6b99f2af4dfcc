"""Coordinators' forms: partners, cohorts (with quotas and a rubric), pathways, extensions."""

from django import forms
from django.core.validators import validate_domain_name
from django.forms import formset_factory

from ftl_portal.widgets import DateTimeLocalInput
from programmes.cohorts.models import (
    OFFER_KINDS,
    Cohort,
    FrequentQuestion,
    LevelOfStudy,
    Partner,
    Pathway,
    QualificationLevel,
)

LONDON_TIME_HELP = "UK time (GMT in winter, BST in summer)."
SCORES = range(1, 6)


def lines(text):
    return [item.strip() for item in text.splitlines() if item.strip()]


class ListField(forms.CharField):
    """A list kept in a JSONField, edited as text with one item a line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return lines(super().to_python(value) or "")


class PartnerForm(forms.ModelForm):
    email_domains = ListField(
        required=False, label="Student email domains", help_text="One a line, e.g. warwick.ac.uk."
    )
    website = forms.URLField(
        required=False, assume_scheme="https", help_text="Shown with the partner on the public pages."
    )

    class Meta:
        model = Partner
        fields = ["name", "short_name", "slug", "email_domains", "contact_name", "contact_email", "website", "mark"]

    def clean_email_domains(self):
        domains = [d.lower().lstrip("@") for d in self.cleaned_data["email_domains"]]
        for domain in domains:
            try:
                validate_domain_name(domain)
            except forms.ValidationError as exc:
                raise forms.ValidationError(f"“{domain}” is not an email domain.") from exc
        return domains


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class CohortForm(forms.ModelForm):
    levels_allowed = forms.MultipleChoiceField(
        choices=LevelOfStudy.choices, widget=forms.CheckboxSelectMultiple, label="Levels of study that may apply"
    )
    # Left blank, a cohort decides after one review (the model's default).
    min_reviews_for_decision = forms.IntegerField(
        label="Reviews needed before a decision",
        min_value=0,
        max_value=10,
        required=False,
        help_text="A decision can be staged only once an application has this many scored reviews (0: none).",
        error_messages={"max_value": "Ask for at most 10 reviews before a decision."},
    )

    class Meta:
        model = Cohort
        fields = [
            "name",
            "slug",
            "summary",
            "status",
            "applications_open_at",
            "applications_close_at",
            "programme_starts_on",
            "programme_ends_on",
            "levels_allowed",
            "offer_response_days",
            "blind_first_review",
            "show_cv_in_blind_pass",
            "staff_may_release",
            "min_reviews_for_decision",
            "gives_feedback",
        ]
        widgets = {
            "applications_open_at": DateTimeLocalInput(),
            "applications_close_at": DateTimeLocalInput(),
            "programme_starts_on": DateInput(),
            "programme_ends_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "applications_open_at": LONDON_TIME_HELP,
            "applications_close_at": LONDON_TIME_HELP,
            "offer_response_days": "Days a student has to accept or decline an offer.",
            "blind_first_review": "Reviewers see no names until they have submitted their first review.",
            "show_cv_in_blind_pass": (
                "In a blind first review, reviewers may download the CV before their review (with its file name "
                "and document details stripped; its text may still name the student). Off: the CV waits until "
                "they have reviewed."
            ),
            "staff_may_release": "University staff may release their own decisions (otherwise coordinators do).",
        }

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("applications_open_at"), cleaned.get("applications_close_at")
        if opens and closes and closes <= opens:
            self.add_error("applications_close_at", "Applications must close after they open.")
        starts, ends = cleaned.get("programme_starts_on"), cleaned.get("programme_ends_on")
        if starts and ends and ends < starts:
            self.add_error("programme_ends_on", "The programme must end on or after its first day.")
        if cleaned.get("min_reviews_for_decision") is None and "min_reviews_for_decision" not in self.errors:
            cleaned["min_reviews_for_decision"] = 1
        days = cleaned.get("offer_response_days")
        if days is not None and days < 1:
            self.add_error("offer_response_days", "Give students at least one day to answer an offer.")
        return cleaned


class QuotaForm(forms.Form):
    """One place quota per partner; a blank quota means the partner takes no part in the cohort."""

    def __init__(self, *args, partners, quotas, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = list(partners)
        for partner in self.partners:
            self.fields[f"quota_{partner.pk}"] = forms.IntegerField(
                min_value=0,
                max_value=10000,
                required=False,
                label=f"Places for {partner.name}",
                initial=quotas.get(partner.pk),
                help_text="Leave blank if its students cannot apply.",
            )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"quota_{p.pk}") is not None for p in self.partners):
            raise forms.ValidationError("At least one partner university must take part, with a quota.")
        return cleaned

    def quotas(self):
        return {
            p: self.cleaned_data[f"quota_{p.pk}"]
            for p in self.partners
            if self.cleaned_data.get(f"quota_{p.pk}") is not None
        }


class RubricCriterionForm(forms.Form):
    key = forms.SlugField(max_length=40, label="Key", widget=forms.TextInput(attrs={"class": "form-control"}))
    label = forms.CharField(max_length=120, label="Criterion", widget=forms.TextInput(attrs={"class": "form-control"}))
    weight = forms.IntegerField(
        min_value=1, max_value=100, label="Weight", widget=forms.NumberInput(attrs={"class": "form-control"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # What each score means for this criterion, shown to reviewers as they hover or focus it.
        for n in SCORES:
            self.fields[f"descriptor_{n}"] = forms.CharField(
                max_length=200,
                required=False,
                label=f"Score {n} means",
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def descriptor_fields(self):
        return [self[f"descriptor_{n}"] for n in SCORES]

    def criterion(self):
        descriptors = [self.cleaned_data.get(f"descriptor_{n}", "").strip() for n in SCORES]
        fields = {name: self.cleaned_data[name] for name in ("key", "label", "weight")}
        return {**fields, "descriptors": descriptors} if any(descriptors) else fields


def rubric_initial(rubric):
    """The formset's initial rows from a cohort's rubric, each descriptor in its own field."""
    rows = []
    for criterion in rubric:
        descriptors = list(criterion.get("descriptors") or [])
        row = {name: criterion.get(name) for name in ("key", "label", "weight")}
        row.update({f"descriptor_{n}": (descriptors[n - 1] if n <= len(descriptors) else "") for n in SCORES})
        rows.append(row)
    return rows


class BaseRubricFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def clean(self):
        if any(self.errors):
            return
        keys = []
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            key = form.cleaned_data["key"]
            if key in keys:
                raise forms.ValidationError(f"Each criterion needs its own key; “{key}” is used twice.")
            keys.append(key)
        if not keys:
            raise forms.ValidationError("The rubric needs at least one criterion.")

    def criteria(self):
        return [form.criterion() for form in self.forms if form.cleaned_data and not form.cleaned_data.get("DELETE")]


RubricFormSet = formset_factory(RubricCriterionForm, formset=BaseRubricFormSet, extra=1, can_delete=True)


class PathwayForm(forms.ModelForm):
    roles = ListField(required=False, label="Roles this pathway leads to", help_text="One a line.")
    qualification_levels = forms.MultipleChoiceField(
        choices=QualificationLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Qualification levels on the way",
    )

    class Meta:
        model = Pathway
        fields = ["name", "slug", "summary", "roles", "qualification_levels", "ordering"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 3})}
        labels = {"ordering": "Position in lists"}
        help_texts = {"ordering": "Lower numbers come first; pathways with the same number go alphabetically."}


class PublicPageForm(forms.ModelForm):
    """What a cohort's public page says beyond its dates: contact, decisions date, what you get."""

    class Meta:
        model = Cohort
        fields = ["contact_email", "decisions_by"]
        widgets = {"decisions_by": DateInput()}
        help_texts = {
            "contact_email": "Shown on the public page and wherever students are told to contact the coordinators.",
            "decisions_by": "The day applicants hear the outcome, on the public timeline.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer = self.instance.offer or {}
        for kind, title in OFFER_KINDS:
            self.fields[f"offer_{kind}"] = forms.CharField(
                required=False,
                max_length=600,
                label=title,
                initial=offer.get(kind, ""),
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Leave empty to leave it off the page. An example from the schedule is added.",
            )

    def clean(self):
        cleaned = super().clean()
        decisions_by = cleaned.get("decisions_by")
        if decisions_by and decisions_by < self.instance.applications_close_at.date():
            self.add_error("decisions_by", "Decisions come after applications close.")
        return cleaned

    def offer(self):
        return {kind: self.cleaned_data[f"offer_{kind}"].strip() for kind, _ in OFFER_KINDS}


QuestionFormSet = forms.modelformset_factory(
    FrequentQuestion,
    fields=["question", "answer", "position"],
    widgets={"answer": forms.Textarea(attrs={"rows": 2})},
    extra=1,
    can_delete=True,
)
