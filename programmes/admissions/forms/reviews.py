import json
from functools import lru_cache

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from ftl_portal.escaped import escaped, options
from programmes.admissions.models import SHORTLISTED, Decision, Recommendation
from programmes.admissions.models.notes import normalise_label
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
    tag = forms.ChoiceField(label="Tag", required=False)
    mine = forms.ChoiceField(
        label="My reviews",
        required=False,
        choices=[
            ("", "All"),
            ("to_review", "Still to review"),
            ("reviewed", "Reviewed by me"),
            ("assigned", "Assigned to me"),
        ],
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
        # The shortlist is always offered; another tag is offered when asked for (a tag's link on an
        # application's page), so the filter bar costs no query for the tags in use.
        asked = normalise_label(self.data.get("tag", ""))
        if asked:
            self.data = self.data.copy()
            self.data["tag"] = asked
        tags = [SHORTLISTED] + ([asked] if asked and asked != SHORTLISTED else [])
        self.fields["tag"].choices = [("", "Any")] + [(t, t.capitalize()) for t in tags]
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
            tag=data.get("tag", ""),
            q=(data.get("q") or "").strip(),
            sort=sort if sort in SORTS else "newest",
        )

    def filter_bar(self):
        """The fields as the queue's filter bar prints them, as HTML: Django's widget templates took
        more time than the rest of the page, and the same nine fields through the template a quarter
        of its render, so each field's label and control are joined here, every value escaped."""
        cells = []
        for name, field in self.fields.items():
            current = self.data.get(name, "")
            if isinstance(field, forms.ChoiceField):
                choices = options(field.choices, current)
                control = f'<select name="{name}" class="form-select" id="id_{name}">{choices}</select>'
            else:
                control = (
                    f'<input type="text" name="{name}" value="{escaped(current)}" maxlength="{field.max_length}" '
                    f'class="form-control" id="id_{name}">'
                )
            cells.append(
                f'<div class="col-sm-6 col-lg-3 mb-2"><label class="form-label" for="id_{name}">'
                f"{escaped(field.label)}</label>{control}</div>"
            )
        return SafeString("".join(cells))


def unfiltered_bar(choices, *, show_partner):
    """The filter bar of a queue opened with no filters: the same HTML as an unbound form's
    filter_bar(), kept per set of choices. Building the form (Django copies its nine fields, choices
    and all) and printing it was a sixth of the first page's calls, for HTML that changes only when
    a cohort, university or pathway does. Keyed by the choices themselves, so a change shows at once."""
    return _unfiltered_bar(tuple((name, tuple(values)) for name, values in sorted(choices.items())), show_partner)


@lru_cache(maxsize=64)
def _unfiltered_bar(choices, show_partner):
    lists = {name: list(values) for name, values in choices}
    return QueueFilterForm(choices=lists, show_partner=show_partner).filter_bar()


class ReviewForm(forms.Form):
    """Scores as compact 1–5 scales (printed by _score_scale.html), a private comment, a
    recommendation and, where the cohort gives feedback, feedback for the applicant."""

    comment = forms.CharField(
        label="Private comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text="Only reviewers and coordinators read this.",
    )
    recommendation = forms.ChoiceField(label="Recommendation", choices=[("", "—")] + Recommendation.choices)
    applicant_feedback = forms.CharField(
        label="Feedback for the applicant",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text="Shown to the applicant with the decision if they are not offered a place. Be kind and specific.",
    )

    def __init__(self, *args, rubric, gives_feedback=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        if not gives_feedback:
            del self.fields["applicant_feedback"]
        for criterion in rubric:
            self.fields[f"score_{criterion['key']}"] = forms.TypedChoiceField(
                label=criterion["label"], choices=SCORE_CHOICES, coerce=int
            )

    def scores(self):
        return {c["key"]: self.cleaned_data[f"score_{c['key']}"] for c in self.rubric}

    def scales(self):
        """Per criterion, what its scale prints, as escaped text (ftl_portal/escaped.py): its field's
        name, id, label and errors, its weight, and each score's id and descriptor. Read from the bound
        field once here, not a hundred times by the template: the scales were a tenth of the page."""
        scales = []
        for criterion in self.rubric:
            field = self[f"score_{criterion['key']}"]
            current, auto_id = str(field.value() or ""), field.auto_id
            scales.append(
                {
                    "name": escaped(field.html_name),
                    "label": escaped(field.label),
                    "errors": field.errors,
                    "weight": escaped(criterion["weight"]),
                    "options": [
                        {
                            "value": n,
                            "id": escaped(f"{auto_id}_{n}"),
                            "descriptor": escaped(descriptor) if descriptor else "",
                            "checked": current == str(n),
                        }
                        for n, descriptor in zip(range(1, 6), criterion["descriptors"], strict=True)
                    ],
                }
            )
        return scales

    def text_fields(self):
        """The comment and, where the cohort gives feedback, the feedback: printed as plain Bootstrap
        fields (crispy took 2 ms for the two of them)."""
        return [self[name] for name in ("comment", "applicant_feedback") if name in self.fields]

    def recommendation_options(self):
        return options(self.fields["recommendation"].choices, str(self["recommendation"].value() or ""))

    def fields_html(self):
        """The scales, recommendation and text fields as _review_fields.html prints them."""
        return render_to_string("admissions/reviews/_review_fields.html", {"review_form": self})


def unbound_review_fields(*, rubric, gives_feedback):
    """An unbound ReviewForm's fields_html(), kept per rubric: the same for every application the
    rubric reviews, and building the form and printing its fields were 5,600 calls of the review
    page's 19,800. Keyed by the rubric itself (labels, weights and descriptors) and whether the cohort
    gives feedback, so an edited rubric shows at once."""
    return _unbound_review_fields(json.dumps(rubric, sort_keys=True), gives_feedback)


@lru_cache(maxsize=64)
def _unbound_review_fields(rubric, gives_feedback):
    return ReviewForm(rubric=json.loads(rubric), gives_feedback=gives_feedback).fields_html()


def forget_kept_fields(sender, file_path, **kwargs):
    """autoreload's file_changed: a changed template is printed afresh, as Django's cached template
    loader forgets it then too."""
    if file_path.suffix == ".html":
        _unbound_review_fields.cache_clear()


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label="Why you cannot review this applicant (optional)",
        required=False,
        max_length=300,
        help_text="For example: I supervise or know this student. The coordinator sees this.",
    )


class StageDecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", choices=Decision.choices, widget=forms.RadioSelect)
