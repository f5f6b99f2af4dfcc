from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.templatetags.static import static
from django.urls import reverse

# Wordmarks shipped in static/brand/, by partner slug; a coordinator's upload replaces one.
BUILT_IN_MARKS = {"warwick", "aru"}
MARK_MAX_BYTES = 256 * 1024
MARK_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}


def validate_mark_size(file):
    if file.size > MARK_MAX_BYTES:
        raise ValidationError("A mark must be 256 KB or smaller.")


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
    # Raster only: an uploaded SVG could carry script, and marks are served from our own origin.
    mark = models.ImageField(
        upload_to="partner-marks/",
        blank=True,
        validators=[FileExtensionValidator(list(MARK_TYPES)), validate_mark_size],
        help_text="Replaces the built-in wordmark on public pages: PNG, JPEG or WebP, up to 256 KB, about 5:1.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.short_name or self.name

    @property
    def mark_url(self):
        """The partner's mark: the coordinator's upload, else the built-in wordmark, else none."""
        if self.mark:
            return reverse("partner_mark", args=[self.slug]) + f"?v={self.mark.name.rsplit('/', 1)[-1]}"
        if self.slug in BUILT_IN_MARKS:
            return static(f"brand/{self.slug}.svg")
        return ""

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
