from django import forms
from django.contrib.auth import password_validation

from programmes.cohorts.models import Partner

from .models import Invitation, Role, User


class StudentSignupForm(forms.Form):
    """allauth's sign-up with the student's name (ACCOUNT_SIGNUP_FORM_CLASS)."""

    full_name = forms.CharField(
        max_length=150, label="Full name", widget=forms.TextInput(attrs={"autocomplete": "name"})
    )

    field_order = ["full_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"].strip()
        user.role = Role.STUDENT
        user.save(update_fields=["full_name", "role"])


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "full_name", "role", "partner"]
        labels = {"partner": "Partner university (staff only)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.all()
        self.fields["partner"].required = False

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone already has an account with this email address.")
        return email

    def clean(self):
        cleaned = super().clean()
        role, partner = cleaned.get("role"), cleaned.get("partner")
        if role == Role.STAFF and not partner:
            self.add_error("partner", "Choose the university this member of staff reviews for.")
        if role != Role.STAFF and partner:
            cleaned["partner"] = None
        return cleaned


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(
        max_length=150, label="Full name", widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    password1 = forms.CharField(label="Password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label="Password (again)", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.initial.setdefault("full_name", invitation.full_name)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The two passwords differ.")
        if p1:
            # Checked against the person's own name and address, as a signed-up user's would be.
            person = User(email=self.invitation.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, person)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
