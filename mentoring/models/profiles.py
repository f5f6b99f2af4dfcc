from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Mode(models.TextChoices):
    ONLINE = "online", "Online"
    IN_PERSON = "in_person", "In person"
    EITHER = "either", "Online or in person"


class Sector(models.TextChoices):
    DEVICES = "devices", "Medical devices"
    DIAGNOSTICS = "diagnostics", "Diagnostics"
    PHARMA = "pharma", "Pharma and biotech"
    DIGITAL = "digital", "Digital health"
    NHS = "nhs", "NHS and clinical"


class Seniority(models.IntegerChoices):
    EARLY = 1, "Early career"
    MID = 2, "Mid-career"
    SENIOR = 3, "Senior"
    EXECUTIVE = 4, "Executive"


class Region(models.TextChoices):
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    NORTH = "north", "North of England"


class TimeOfWeek(models.TextChoices):
    MON_DAY = "mon_day", "Monday daytime"
    MON_EVE = "mon_eve", "Monday evening"
    TUE_DAY = "tue_day", "Tuesday daytime"
    TUE_EVE = "tue_eve", "Tuesday evening"
    WED_DAY = "wed_day", "Wednesday daytime"
    WED_EVE = "wed_eve", "Wednesday evening"
    THU_DAY = "thu_day", "Thursday daytime"
    THU_EVE = "thu_eve", "Thursday evening"
    FRI_DAY = "fri_day", "Friday daytime"
    FRI_EVE = "fri_eve", "Friday evening"
    SAT_DAY = "sat_day", "Saturday daytime"
    SAT_EVE = "sat_eve", "Saturday evening"
    SUN_DAY = "sun_day", "Sunday daytime"
    SUN_EVE = "sun_eve", "Sunday evening"


class MentorProfile(models.Model):
    """What the matching engine knows about a mentor."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile")
    organisation = models.CharField(max_length=200)
    job_title = models.CharField("role", max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    seniority = models.PositiveSmallIntegerField(choices=Seniority.choices, default=Seniority.MID)
    pathways = models.ManyToManyField("cohorts.Pathway", related_name="mentor_profiles")
    bio = models.TextField(max_length=1500, blank=True)
    capacity = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(1), MaxValueValidator(4)], help_text="Mentees at once (1–4)."
    )
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.EITHER)
    regions = models.JSONField(default=list, blank=True)
    times = models.JSONField(default=list, blank=True)
    excluded_partners = models.ManyToManyField(
        "cohorts.Partner",
        blank=True,
        related_name="+",
        help_text="Universities whose students you should not mentor (e.g. where you teach).",
    )
    # Chosen by a search among the confirmed participants of the mentor's own cohorts, never from a
    # list of every account (selectors.exclusion_search).
    excluded_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", help_text="People you should not mentor."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1, capacity__lte=4), name="mentor_capacity_1_4")
        ]

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class MentoringPreference(models.Model):
    """A student's wishes for their mentor."""

    student = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_preference"
    )
    pathways = models.ManyToManyField("cohorts.Pathway", blank=True, related_name="+")
    sectors = models.JSONField(default=list, blank=True)
    goals = models.TextField(max_length=1500, blank=True)
    mode = models.CharField(max_length=20, choices=Mode.choices, default=Mode.EITHER)
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    times = models.JSONField(default=list, blank=True)
    # Free text, not a choice of mentors: the student never sees who mentors, and the page never
    # says whether the text named one. Matching reads it (services.snapshot.avoided_mentors).
    not_matched_with = models.CharField(
        "people or organisations you must not be matched with",
        max_length=300,
        blank=True,
        help_text=(
            "For example a relative, your manager or an employer you have left. Separate several with a "
            "semicolon. We apply this when we match, without telling you whether any mentor fits it."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Preferences of {self.student}"
