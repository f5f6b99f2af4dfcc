from django import forms

from programmes.cohorts.models import Cohort, Partner
from programmes.events.models import Session
from programmes.messaging.models import SESSION_AUDIENCES, Audience


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.starts_at:%d %b %Y}, {obj.cohort.name})"


class CohortMessageForm(forms.Form):
    cohort = forms.ModelChoiceField(Cohort.objects.order_by("-programme_starts_on", "-id"))
    audience = forms.ChoiceField(choices=Audience.choices, widget=forms.RadioSelect, label="Who is it for?")
    session = SessionChoiceField(
        Session.objects.select_related("cohort").order_by("-starts_at"),
        required=False,
        help_text="For the session audiences.",
    )
    partner = forms.ModelChoiceField(
        Partner.objects.order_by("name"),
        required=False,
        label="University",
        help_text="For one university's participants.",
    )
    subject = forms.CharField(max_length=200)
    body = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        label="Message",
        help_text="Each person's email starts “Hello <first name>,” and ends with your name.",
    )

    def clean(self):
        data = super().clean()
        audience, cohort, session = data.get("audience"), data.get("cohort"), data.get("session")
        if audience in SESSION_AUDIENCES and (session is None or (cohort and session.cohort_id != cohort.pk)):
            self.add_error("session", "Choose a session of this cohort.")
        if audience == Audience.UNIVERSITY and data.get("partner") is None:
            self.add_error("partner", "Choose the university.")
        return data
