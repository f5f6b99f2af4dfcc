from django.conf import settings
from django.db import models


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Ready to review"
    FAILED = "failed", "Failed"
    PUBLISHED = "published", "Published"


class Objective(models.TextChoices):
    PARTICIPATION = "participation", "Participation: as many students matched as possible, then best total"
    SCORE = "score", "Score: best total score"
    STABLE = "stable", "Stable: no student and mentor who would both rather be together"


class MatchRun(models.Model):
    """One run of the engine: its inputs' snapshot, settings, who ran it, and the result."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="match_runs")
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    objective = models.CharField(max_length=20, choices=Objective.choices, default=Objective.PARTICIPATION)
    weights = models.JSONField(default=dict)
    options = models.JSONField(default=dict, help_text="min_score, balance_universities, stay_bonus")
    snapshot = models.JSONField(default=dict, help_text="Students, mentors, pins and forbids as the engine saw them.")
    result = models.JSONField(default=dict)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Run {self.pk} for {self.cohort}"

    @property
    def is_finished(self):
        return self.status in (RunStatus.DONE, RunStatus.FAILED, RunStatus.PUBLISHED)


class RuleKind(models.TextChoices):
    PIN = "pin", "Pinned"
    FORBID = "forbid", "Forbidden"


class PairRule(models.Model):
    """A coordinator's pin or forbid for a student and a mentor in a cohort (a decline becomes a forbid)."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="pair_rules")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=RuleKind.choices)
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["cohort", "student", "mentor"], name="one_rule_per_pair")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.student} – {self.mentor}"
