from django.db import models


class QualificationLevel(models.TextChoices):
    LEVEL_3 = "3", "Level 3: A levels and T Levels"
    LEVEL_4_5 = "4-5", "Level 4/5: Higher Technical Qualifications (HTQs)"
    LEVEL_6 = "6", "Level 6: bachelor's degree"
    LEVEL_7 = "7", "Level 7: master's degree"
    LEVEL_8 = "8", "Level 8: doctorate"


class LevelOfStudy(models.TextChoices):
    HTQ = "htq", "Level 4/5 Higher Technical Qualification"
    UNDERGRADUATE = "ug", "Undergraduate (level 6)"
    MASTERS = "pgt", "Master's (level 7)"
    DOCTORAL = "pgr", "Doctoral (level 8)"
    EARLY_CAREER = "ecr", "Early-career researcher"


class Partner(models.Model):
    """A partner university."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    slug = models.SlugField(unique=True)
    email_domains = models.JSONField(
        default=list, blank=True, help_text="Student email domains, e.g. warwick.ac.uk (subdomains count too)."
    )
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)
    website = models.URLField(blank=True, help_text="Shown with the partner on the public pages.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    def owns_email(self, email):
        domain = email.rsplit("@", 1)[-1].lower()
        return any(domain == d or domain.endswith("." + d) for d in (x.lower() for x in self.email_domains))


class Pathway(models.Model):
    """A career pathway (regulatory affairs, commercialisation, ...), shared by applications,
    sessions and mentor matching."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    summary = models.TextField(blank=True)
    ordering = models.PositiveSmallIntegerField(default=0)
    roles = models.JSONField(
        default=list, blank=True, help_text="Roles this pathway leads to, e.g. Regulatory affairs officer."
    )
    qualification_levels = models.JSONField(
        default=list, blank=True, help_text="Qualification levels on the way (QualificationLevel values)."
    )

    class Meta:
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name

    def get_qualification_levels_display(self):
        labels = dict(QualificationLevel.choices)
        return [labels[level] for level in QualificationLevel.values if level in self.qualification_levels]
