from django import forms
from django.utils import timezone

from programmes.privacy.models import RequestKind


class AddressForm(forms.Form):
    email = forms.EmailField(label="Your email address")


class DataRequestForm(forms.Form):
    email = forms.EmailField(label="The person's email address")
    kind = forms.ChoiceField(label="What they asked for", choices=RequestKind.choices)
    received_on = forms.DateField(
        label="Received on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The one-month deadline runs from this day.",
    )
    notes = forms.CharField(
        label="Notes",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="How it arrived and how you checked who they are.",
    )

    def clean_received_on(self):
        day = self.cleaned_data["received_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("The day a request arrived cannot be in the future.")
        return day


class EraseAccountForm(forms.Form):
    email = forms.EmailField(label="Type your email address to confirm")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        if self.cleaned_data["email"].strip().lower() != self.user.email.lower():
            raise forms.ValidationError("That is not the email address you sign in with.")
        return self.cleaned_data["email"]


class ErasureReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why this data is being erased",
        max_length=300,
        help_text="Kept in the erasure record, which holds no identity: do not write their name.",
    )
