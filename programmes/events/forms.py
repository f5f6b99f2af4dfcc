from django import forms
from django.db.models import Case, When

from ftl_portal.widgets import DATETIME_LOCAL_FORMAT, DateTimeLocalInput
from programmes.cohorts.models import Cohort, CohortPartner, CohortStatus, Partner, Pathway
from programmes.events.models import Booking, Feedback, Session, SessionFormat, SessionKind


def current_cohort_id():
    """The cohort a new session most likely belongs to: the live one (running, else open for
    applications), never a draft someone is still writing nor a finished one."""
    live = Cohort.objects.filter(status__in=[CohortStatus.RUNNING, CohortStatus.OPEN])
    order = Case(When(status=CohortStatus.RUNNING, then=0), default=1)
    return live.order_by(order, "-programme_starts_on").values_list("pk", flat=True).first()


class SessionForm(forms.ModelForm):
    """A coordinator's session. Times are entered in UK time (GMT or BST as the date falls)."""

    join_url = forms.URLField(
        label="Online join link",
        required=False,
        max_length=Session._meta.get_field("join_url").max_length,
        assume_scheme="https",
        help_text="Shown only to booked people.",
    )

    class Meta:
        model = Session
        fields = [
            "cohort",
            "kind",
            "title",
            "description",
            "speakers",
            "pathways",
            "starts_at",
            "ends_at",
            "format",
            "venue",
            "address",
            "join_url",
            "capacity",
            "audience_partner",
        ]
        labels = {
            "starts_at": "Starts (UK time)",
            "ends_at": "Ends (UK time)",
            "join_url": "Online join link",
            "audience_partner": "Audience",
            "pathways": "Related pathways",
        }
        help_texts = {
            "speakers": "One a line, e.g. “Dr Priya Shah, Medilink Midlands”.",
            "audience_partner": "Choose a university to keep the session to its participants.",
        }
        widgets = {
            "starts_at": DateTimeLocalInput(),
            "ends_at": DateTimeLocalInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "speakers": forms.Textarea(attrs={"rows": 3}),
            "address": forms.Textarea(attrs={"rows": 2}),
            "pathways": forms.CheckboxSelectMultiple,
            "format": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.order_by("-programme_starts_on")
        if not self.instance.pk:
            self.fields["cohort"].initial = current_cohort_id()
        self.fields["pathways"].queryset = Pathway.objects.all()
        self.fields["audience_partner"].queryset = Partner.objects.all()
        self.fields["audience_partner"].empty_label = "All confirmed participants"
        # Interview slots are made on the cohort's interview page, one seat each (an existing slot
        # can still be moved here).
        kinds = [
            k
            for k in Session._meta.get_field("kind").choices
            if k[0] != SessionKind.INTERVIEW or self.instance.kind == SessionKind.INTERVIEW
        ]
        self.fields["kind"].choices = [("", "Choose…"), *kinds]
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [DATETIME_LOCAL_FORMAT, "%Y-%m-%d %H:%M"]
        if self.instance.pk:
            # A session stays in its cohort; moving it would strand its bookings.
            self.fields["cohort"].disabled = True
            self.fields["capacity"].min_value = self.instance.seats_taken

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The session must end after it starts.")
        if data.get("format") == SessionFormat.ONLINE and not data.get("join_url"):
            self.add_error("join_url", "An online session needs its join link.")
        if data.get("format") == SessionFormat.IN_PERSON and not data.get("venue"):
            self.add_error("venue", "An in-person session needs a venue.")
        capacity = data.get("capacity")
        if capacity is not None and capacity < 1:
            self.add_error("capacity", "Capacity must be at least 1.")
        if capacity is not None and self.instance.pk and capacity < self.instance.seats_taken:
            self.add_error("capacity", f"{self.instance.seats_taken} seats are booked; capacity cannot be lower.")
        partner, cohort = data.get("audience_partner"), data.get("cohort")
        if partner and cohort and not CohortPartner.objects.filter(cohort=cohort, partner=partner).exists():
            self.add_error("audience_partner", f"{partner} is not a partner of {cohort}.")
        return data

    def session_fields(self):
        """The cleaned values for services.sessions (the cohort and pathways go separately)."""
        return {k: v for k, v in self.cleaned_data.items() if k not in ("cohort", "pathways")}


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label="How useful was the session?",
        choices=[(n, f"{n} – {word}") for n, word in enumerate(["poor", "fair", "good", "very good", "excellent"], 1)],
        coerce=int,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Feedback
        fields = ["rating", "comment"]
        labels = {"comment": "Anything you would like to tell the organisers? (optional)"}
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class AccessNeedsForm(forms.ModelForm):
    access_needs = forms.CharField(
        required=False,
        max_length=2000,
        label="Access needs or reasonable adjustments for this session (optional)",
        help_text=Booking._meta.get_field("access_needs").help_text,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Booking
        fields = ["access_needs"]


class InterviewSlotsForm(forms.Form):
    """A run of back-to-back one-seat interview slots. Times are UK time (GMT or BST)."""

    starts_at = forms.DateTimeField(
        label="First slot starts (UK time)", widget=DateTimeLocalInput(), input_formats=[DATETIME_LOCAL_FORMAT]
    )
    count = forms.IntegerField(label="Number of slots", min_value=1, max_value=40, initial=6)
    minutes = forms.IntegerField(label="Minutes per slot", min_value=10, max_value=180, initial=30)
    format = forms.ChoiceField(label="Format", choices=SessionFormat.choices, widget=forms.RadioSelect)
    venue = forms.CharField(label="Venue", required=False, max_length=200)
    address = forms.CharField(label="Address", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    join_url = forms.URLField(
        label="Online join link",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="Shown only to the applicant who books.",
    )

    def clean(self):
        data = super().clean()
        if data.get("format") == SessionFormat.ONLINE and not data.get("join_url"):
            self.add_error("join_url", "Online slots need the link the applicant joins by.")
        if data.get("format") == SessionFormat.IN_PERSON and not data.get("venue"):
            self.add_error("venue", "In-person slots need a venue.")
        return data
