from django import forms
from django.utils import timezone

from accounts.models import Role, User
from ftl_portal.choice_fields import ModelMultipleChoiceField
from programmes.admissions.models import ApplicationState
from programmes.cohorts.models import Partner, Pathway

from .matching import Rules, Weights
from .models import MentoringPreference, MentorProfile, Objective, Region, RuleKind, Sector, TimeOfWeek

CHECKBOXES = forms.CheckboxSelectMultiple


class MentorProfileForm(forms.ModelForm):
    pathways = ModelMultipleChoiceField(queryset=Pathway.objects.all(), widget=CHECKBOXES, label="Expertise (pathways)")
    regions = forms.MultipleChoiceField(
        choices=Region.choices, widget=CHECKBOXES, required=False, help_text="Where you could meet in person."
    )
    times = forms.MultipleChoiceField(
        choices=TimeOfWeek.choices, widget=CHECKBOXES, required=False, label="Times of week you are free"
    )
    excluded_partners = ModelMultipleChoiceField(
        queryset=Partner.objects.all(),
        widget=CHECKBOXES,
        required=False,
        label="Do not match me with students of",
    )

    class Meta:
        model = MentorProfile
        fields = [
            "organisation",
            "job_title",
            "sector",
            "seniority",
            "pathways",
            "bio",
            "capacity",
            "mode",
            "regions",
            "times",
            "excluded_partners",
        ]
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    MANY = ("pathways", "excluded_partners")


class PeopleSearchForm(forms.Form):
    """The search for people a mentor must not be matched with (by name, among their cohorts)."""

    q = forms.CharField(label="Search by name", required=False, max_length=100, help_text="At least 2 letters.")


class ExcludePeopleForm(forms.Form):
    """The people ticked among a search's results; only those the search could have offered pass."""

    people = ModelMultipleChoiceField(queryset=User.objects.none(), widget=CHECKBOXES)

    def __init__(self, *args, pool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = pool


class PreferenceForm(forms.ModelForm):
    pathways = ModelMultipleChoiceField(queryset=Pathway.objects.all(), widget=CHECKBOXES, required=False)
    sectors = forms.MultipleChoiceField(
        choices=Sector.choices, widget=CHECKBOXES, required=False, label="Sectors you are curious about"
    )
    times = forms.MultipleChoiceField(
        choices=TimeOfWeek.choices, widget=CHECKBOXES, required=False, label="Times of week you are free"
    )

    class Meta:
        model = MentoringPreference
        fields = ["pathways", "sectors", "goals", "mode", "region", "times", "not_matched_with"]
        labels = {"goals": "What you hope to get from mentoring", "mode": "How you prefer to meet"}
        widgets = {"goals": forms.Textarea(attrs={"rows": 3})}

    MANY = ("pathways",)


class RunForm(forms.Form):
    objective = forms.ChoiceField(choices=Objective.choices, initial=Objective.PARTICIPATION, widget=forms.RadioSelect)
    min_score = forms.FloatField(min_value=0, max_value=100, initial=0, label="Minimum score for a pair (0–100)")
    balance_universities = forms.BooleanField(
        required=False,
        label=(
            "Balance universities: lift the lowest university's match rate as far as possible, "
            "then match as many as possible"
        ),
    )
    stay_bonus = forms.FloatField(
        min_value=0, max_value=20, initial=Rules().stay_bonus, label="Stay bonus for pairs of the previous run (points)"
    )
    spread_load = forms.FloatField(
        required=False,
        min_value=0,
        max_value=50,
        initial=0,
        label="Spread the load: points each extra mentee costs a mentor (0: off)",
        help_text="A mentor's second mentee costs this many points, the third twice as many, and so on, "
        "counting their mentees in every cohort, so capable mentors are not left idle while others carry four.",
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        for name, value in Weights().as_dict().items():
            self.fields[f"w_{name}"] = forms.FloatField(
                min_value=0, max_value=10, initial=value, label=f"Weight: {name}"
            )
        self.partners = list(cohort.partners.all())
        for partner in self.partners:
            self.fields[f"quota_{partner.slug}"] = forms.IntegerField(
                min_value=0,
                required=False,
                label=f"Most students of {partner} to match (empty: no limit)",
            )

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data[f"w_{n}"] for n in Weights().as_dict()):
            raise forms.ValidationError("At least one weight must be above zero.")
        if data.get("objective") == Objective.STABLE and data.get("balance_universities"):
            raise forms.ValidationError("The stable mode cannot also balance universities; choose one of the two.")
        return data

    def settings(self):
        data = self.cleaned_data
        return {
            "objective": data["objective"],
            "weights": {n: data[f"w_{n}"] for n in Weights().as_dict()},
            "options": {
                "min_score": data["min_score"],
                "balance_universities": data["balance_universities"],
                "stay_bonus": data["stay_bonus"],
                "spread_load": data["spread_load"] or 0,
                "university_quotas": {
                    p.slug: data[f"quota_{p.slug}"] for p in self.partners if data[f"quota_{p.slug}"] is not None
                },
            },
        }

    @classmethod
    def initial_from(cls, run):
        initial = {"objective": run.objective, **run.options}
        initial.update({f"w_{n}": v for n, v in run.weights.items()})
        initial.update({f"quota_{slug}": n for slug, n in run.options.get("university_quotas", {}).items()})
        return cls(initial=initial, cohort=run.cohort)


class PairRuleForm(forms.Form):
    """A pin or forbid for a confirmed student of the cohort and a mentor with a profile."""

    student = forms.ModelChoiceField(queryset=User.objects.none())
    mentor = forms.ModelChoiceField(queryset=User.objects.filter(role=Role.MENTOR, mentor_profile__isnull=False))
    kind = forms.ChoiceField(choices=RuleKind.choices, label="Rule")
    reason = forms.CharField(max_length=300, required=False)

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = User.objects.filter(
            applications__cohort=cohort, applications__state=ApplicationState.CONFIRMED
        )


class MeetingForm(forms.Form):
    met_on = forms.DateField(label="Date", widget=forms.DateInput(attrs={"type": "date"}))
    topic = forms.CharField(max_length=200)
    duration_minutes = forms.IntegerField(
        label="How long (minutes)", min_value=5, max_value=600, help_text="Your mentoring hours add up from these."
    )
    notes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="Only you and your mentor/mentee see these."
    )

    def clean_met_on(self):
        met_on = self.cleaned_data["met_on"]
        if met_on > timezone.localdate():
            raise forms.ValidationError("The date is in the future; log a meeting once it has happened.")
        return met_on


class GoalForm(forms.Form):
    text = forms.CharField(
        label="A goal for your mentoring",
        max_length=300,
        help_text="One at a time, up to five; your mentor confirms them.",
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        label="How useful is the mentoring so far? (5 = very useful)",
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class WhyNotForm(forms.Form):
    """A student and a mentor of a run's snapshot, to ask why they are not paired."""

    student = forms.TypedChoiceField(coerce=int)
    mentor = forms.TypedChoiceField(coerce=int)

    def __init__(self, *args, run, **kwargs):
        super().__init__(*args, **kwargs)
        by_name = sorted(run.snapshot.get("students", []), key=lambda p: p["name"])
        self.fields["student"].choices = [(p["id"], p["name"]) for p in by_name]
        by_name = sorted(run.snapshot.get("mentors", []), key=lambda p: p["name"])
        self.fields["mentor"].choices = [(p["id"], p["name"]) for p in by_name]
