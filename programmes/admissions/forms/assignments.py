from django import forms

from programmes.admissions.services.assignments import MAX_REVIEWERS_PER_APPLICATION


class AutoAssignForm(forms.Form):
    per_application = forms.IntegerField(
        label="Reviewers per application",
        min_value=1,
        max_value=MAX_REVIEWERS_PER_APPLICATION,
        initial=2,
        error_messages={
            "required": "Say how many reviewers each application needs.",
            "invalid": "Reviewers per application is a whole number, such as 2.",
        },
        help_text="Reviewers already assigned, or who already reviewed, count towards it.",
    )
    keep_departments_apart = forms.BooleanField(
        label="No reviewer reads students of their own department", required=False, initial=True
    )


class ReviewerChoiceForm(forms.Form):
    reviewer = forms.TypedChoiceField(
        label="Reviewer", coerce=int, error_messages={"invalid_choice": "Choose one of this university's reviewers."}
    )

    def __init__(self, *args, reviewers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].choices = [("", "Choose a reviewer")] + [(r.pk, str(r)) for r in reviewers]


class HandAssignForm(ReviewerChoiceForm):
    application = forms.IntegerField(
        label="Application number",
        min_value=1,
        error_messages={
            "required": "Give the application's number, as the queue shows it (#123).",
            "invalid": "An application number is a whole number, such as 123.",
            "min_value": "An application number is a whole number, such as 123.",
        },
    )
    field_order = ["application", "reviewer"]


class ReviewerProfileForm(forms.Form):
    department = forms.CharField(label="Department", max_length=120, required=False)
    courses = forms.CharField(
        label="Courses taught in this department",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One a line, as applicants name them (for example: BSc Biomedical Engineering).",
    )
    is_lead = forms.BooleanField(label="Lead reviewer", required=False)

    def __init__(self, *args, may_name_lead, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_name_lead:
            del self.fields["is_lead"]

    def course_list(self):
        return self.cleaned_data["courses"].splitlines()
