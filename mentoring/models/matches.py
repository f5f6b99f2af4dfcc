from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

# A pair with no meeting for this long is nudged (once per quiet spell) and flagged to the coordinator.
QUIET_AFTER = timedelta(days=21)


class MatchState(models.TextChoices):
    ACTIVE = "active", "Active"
    DECLINED = "declined", "Declined"
    ENDED = "ended", "Ended"


class Match(models.Model):
    """A published student × mentor pair in a cohort."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="matches")
    run = models.ForeignKey("mentoring.MatchRun", null=True, on_delete=models.SET_NULL, related_name="matches")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_matches")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentee_matches")
    state = models.CharField(max_length=20, choices=MatchState.choices, default=MatchState.ACTIVE)
    score = models.FloatField(default=0)
    breakdown = models.JSONField(default=dict)
    explanation = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    close_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "matches"
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "student"], condition=models.Q(state="active"), name="one_active_match_per_student"
            )
        ]

    def __str__(self):
        return f"{self.student} ↔ {self.mentor}"

    def quiet_since(self, last_met):
        """The day the pair's current quiet spell began: its last meeting, or the day it was matched."""
        start = timezone.localdate(self.created_at)
        return max(last_met, start) if last_met else start


class Meeting(models.Model):
    """A mentee's log of a meeting; the notes are for the pair only."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="meetings")
    met_on = models.DateField("date")
    topic = models.CharField(max_length=200)
    # Mentoring hours add up from these; a meeting logged without a length counts none.
    duration_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    notes = models.TextField(blank=True)
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-met_on", "-id"]

    def __str__(self):
        return f"{self.met_on}: {self.topic}"


class Goal(models.Model):
    """What a pair sets out to achieve: the mentee writes it at the first meeting, the mentor confirms
    it, and either marks it met."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    met_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text


class SurveyStage(models.TextChoices):
    DAY_30 = "day30", "After 30 days"
    END = "end", "At the programme's end"


class MatchFeedback(models.Model):
    """A survey invitation to one side of a match at one stage; answered when submitted_at is set."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="feedback")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stage = models.CharField(max_length=10, choices=SurveyStage.choices)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)
    invited_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["stage", "id"]
        constraints = [
            models.UniqueConstraint(fields=["match", "respondent", "stage"], name="one_survey_per_side_and_stage")
        ]

    def __str__(self):
        return f"{self.get_stage_display()} survey for {self.respondent}"
