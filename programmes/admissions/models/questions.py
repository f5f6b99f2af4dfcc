"""Questions a coordinator adds to one cohort's application form, and the students' answers."""

from django.db import models
from django.utils import timezone


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", "Short text (one line)"
    LONG_TEXT = "long_text", "Long text, with a word limit"
    SINGLE_CHOICE = "single_choice", "Single choice"
    MULTIPLE_CHOICE = "multiple_choice", "Multiple choice"
    YES_NO = "yes_no", "Yes or no"
    DATE = "date", "A date"


CHOICE_KINDS = {QuestionKind.SINGLE_CHOICE, QuestionKind.MULTIPLE_CHOICE}


class Question(models.Model):
    """One question of a cohort's form. It never changes once an answer exists (the answers would
    then answer a different question); it can be retired instead: hidden from new answers, its
    answers kept on the review page and in exports."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="questions")
    section = models.CharField(
        max_length=40,
        blank=True,
        help_text="The slug of the built-in section it is asked in; empty when it has a section of its own.",
    )
    own_section_title = models.CharField(
        max_length=80, blank=True, help_text="The title of its own section (questions sharing one title share it)."
    )
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    label = models.CharField(max_length=300)
    help_text = models.CharField(max_length=500, blank=True)
    required = models.BooleanField(default=True)
    word_limit = models.PositiveIntegerField(null=True, blank=True, help_text="Long text only.")
    choices = models.JSONField(default=list, blank=True, help_text="The options of a choice question, in order.")
    identifying = models.BooleanField(
        default=False,
        help_text="Its answer could tell who the student is, so a blind first review hides it like the name.",
    )
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.label

    @property
    def field_name(self):
        return f"question_{self.pk}"


class Answer(models.Model):
    """A student's answer to one question: text, a list of choices, true/false or an ISO date."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    application = models.ForeignKey("admissions.Application", on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "application"], name="one_answer_per_question")]

    def __str__(self):
        return f"{self.application_id}: {self.question_id}"
