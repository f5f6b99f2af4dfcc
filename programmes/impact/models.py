"""Where participants went: consent to be asked, and the follow-up surveys at 6 and 12 months."""

from django.conf import settings
from django.db import models


class FollowUpConsent(models.Model):
    """A participant with a certificate agrees to be asked later where they went; withdrawable."""

    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="follow_up_consents")
    consented_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "cohort"], name="one_follow_up_consent")]

    def __str__(self):
        return f"Follow-up consent of {self.participant} for {self.cohort}"

    @property
    def is_active(self):
        return self.withdrawn_at is None


class Destination(models.TextChoices):
    LIFE_SCIENCES = "life_sciences", "Employed in life sciences or medtech"
    FURTHER_STUDY = "further_study", "Further study"
    HTQ = "htq", "A Higher Technical Qualification"
    OTHER = "other", "Other"


class Region(models.TextChoices):
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    EAST_OF_ENGLAND = "east_of_england", "East of England"
    ELSEWHERE_UK = "elsewhere_uk", "Elsewhere in the UK"
    OUTSIDE_UK = "outside_uk", "Outside the UK"


# The regions the programme serves: a role there counts as "in the region" on the report.
HOME_REGIONS = [Region.WEST_MIDLANDS, Region.EAST_MIDLANDS, Region.EAST_OF_ENGLAND]
FOLLOW_UP_MONTHS = (6, 12)


class FollowUpSurvey(models.Model):
    """One survey sent at `months` after the programme's end; answered once, through a signed link."""

    participant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="follow_up_surveys")
    months = models.PositiveSmallIntegerField(choices=[(m, f"{m} months") for m in FOLLOW_UP_MONTHS])
    sent_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    destination = models.CharField(max_length=20, choices=Destination.choices, blank=True)
    region = models.CharField(max_length=20, choices=Region.choices, blank=True)
    role = models.CharField(max_length=200, blank=True)
    pathway = models.ForeignKey("cohorts.Pathway", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "cohort", "months"], name="one_follow_up_survey_per_point")
        ]

    def __str__(self):
        return f"{self.months}-month follow-up of {self.participant}"
