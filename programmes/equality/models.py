"""Equality monitoring answers: optional, one response per student per cohort, in a table of their
own. Only the equality app reads them, and only to count them (selectors.equality_report)."""

from django.conf import settings
from django.db import models

PREFER_NOT = "prefer_not"
PREFER_NOT_LABEL = "Prefer not to say"


class AgeBand(models.TextChoices):
    UNDER_21 = "20_under", "20 and under"
    FROM_21 = "21_24", "21 to 24"
    FROM_25 = "25_29", "25 to 29"
    FROM_30 = "30_over", "30 and over"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class YesNo(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class FirstInFamily(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DONT_KNOW = "dont_know", "Don't know"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class Disability(models.TextChoices):
    NONE = "none", "No known disability"
    DECLARED = "declared", "I have a disability, impairment or long-term condition"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class DisabilityType(models.TextChoices):
    """HESA's types; the answer is optional even when a disability is declared."""

    LEARNING = "learning", "A specific learning difference such as dyslexia, dyspraxia or AD(H)D"
    SOCIAL = "social", "A social or communication impairment such as autism"
    ILLNESS = "illness", "A long-standing illness or health condition"
    MENTAL_HEALTH = "mental_health", "A mental health condition"
    PHYSICAL = "physical", "A physical impairment or mobility issue"
    HEARING = "hearing", "D/deaf or a hearing impairment"
    VISION = "vision", "Blind or a visual impairment"
    OTHER = "other", "A disability, impairment or condition not listed"
    SEVERAL = "several", "Two or more of these"


class Ethnicity(models.TextChoices):
    """The ONS 2021 census's 19 categories; ETHNIC_GROUPS maps each to its group of five."""

    BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    INDIAN = "asian_indian", "Asian or Asian British: Indian"
    PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    OTHER_ASIAN = "asian_other", "Asian or Asian British: any other Asian background"
    AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    OTHER_BLACK = "black_other", "Black, Black British, Caribbean or African: any other Black background"
    WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple ethnic groups: White and Asian"
    WHITE_BLACK_AFRICAN = "mixed_white_black_african", "Mixed or multiple ethnic groups: White and Black African"
    WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        "Mixed or multiple ethnic groups: White and Black Caribbean",
    )
    OTHER_MIXED = "mixed_other", "Mixed or multiple ethnic groups: any other Mixed or multiple background"
    BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    IRISH = "white_irish", "White: Irish"
    TRAVELLER = "white_traveller", "White: Gypsy or Irish Traveller"
    ROMA = "white_roma", "White: Roma"
    OTHER_WHITE = "white_other", "White: any other White background"
    ARAB = "other_arab", "Other ethnic group: Arab"
    ANY_OTHER = "other_any", "Other ethnic group: any other ethnic group"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


class EthnicGroup(models.TextChoices):
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Other ethnic group"
    PREFER_NOT = PREFER_NOT, PREFER_NOT_LABEL


def ethnic_group(ethnicity):
    """The group of five of a detailed category: its value's prefix names it."""
    return PREFER_NOT if ethnicity == PREFER_NOT else ethnicity.split("_", 1)[0]


class EqualityResponse(models.Model):
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey("cohorts.Cohort", on_delete=models.CASCADE, related_name="+")
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, default=PREFER_NOT)
    sex = models.CharField(max_length=20, choices=Sex.choices, default=PREFER_NOT)
    gender_same_as_birth = models.CharField(max_length=20, choices=YesNo.choices, default=PREFER_NOT)
    ethnicity = models.CharField(max_length=40, choices=Ethnicity.choices, default=PREFER_NOT)
    disability = models.CharField(max_length=20, choices=Disability.choices, default=PREFER_NOT)
    disability_type = models.CharField(max_length=20, choices=DisabilityType.choices, blank=True)
    first_in_family = models.CharField(max_length=20, choices=FirstInFamily.choices, default=PREFER_NOT)
    care_experienced = models.CharField(max_length=20, choices=YesNo.choices, default=PREFER_NOT)
    submitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["student", "cohort"], name="one_equality_response_per_cohort")]

    def __str__(self):
        return f"Equality response #{self.pk}"
