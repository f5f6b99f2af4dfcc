from django import forms

from accounts.models import Role, User
from ftl_portal.widgets import DateTimeLocalInput
from programmes.cohorts.forms import LONDON_TIME_HELP


class ExtensionForm(forms.Form):
    email = forms.EmailField(label="Student's email address")
    until = forms.DateTimeField(widget=DateTimeLocalInput(), label="May submit until", help_text=LONDON_TIME_HELP)
    reason = forms.CharField(required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.cohort = cohort

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        student = User.objects.filter(email=email, role=Role.STUDENT).first()
        if student is None:
            raise forms.ValidationError("No student has an account with this email address.")
        self.cleaned_data["student"] = student
        return email

    def clean_until(self):
        until = self.cleaned_data["until"]
        if until <= self.cohort.applications_close_at:
            raise forms.ValidationError("An extension must end after the cohort's close.")
        return until
