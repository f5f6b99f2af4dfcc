"""What the public pages say that is not a cohort's own field: its frequently asked questions, and
the kinds of activity a participant gets."""

from django.db import models

# The activities a participant gets, named by the session kind that gives an example of each
# (the events app's SessionKind values; a test holds the two lists together).
OFFER_KINDS = [
    ("expert_talk", "Expert-led sessions"),
    ("careers_insight", "Careers insight"),
    ("mentoring", "Mentoring"),
    ("networking", "Networking"),
]


class FrequentQuestion(models.Model):
    """One question and answer on a cohort's public page."""

    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="frequent_questions")
    question = models.CharField(max_length=200)
    answer = models.TextField(max_length=2000)
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.question
