"""The student's forms: the eligibility check and one form per application section."""

import pypdf
from django import forms

from ftl_portal.choice_fields import ModelMultipleChoiceField
from programmes.admissions.models import Application
from programmes.admissions.sections import MAX_PATHWAYS, SECTIONS, TEXT_LIMITS, word_count
from programmes.cohorts.models import LevelOfStudy, Partner, Pathway

MAX_CV_BYTES = 5 * 1024 * 1024


class EligibilityForm(forms.Form):
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        required=False,
        label="Your university",
        empty_label="My university is not listed",
    )
    # No level preselected: a student who skims past the field must not apply at the wrong level.
    level_of_study = forms.ChoiceField(choices=[("", "Choose…"), *LevelOfStudy.choices], label="Your level of study")

    def __init__(self, *args, cohort, email_partner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = cohort.partners.all()
        if email_partner is not None:
            # A university email settles the question; staff review only their own students.
            self.fields["partner"].initial = email_partner
            self.fields["partner"].disabled = True
            self.fields["partner"].help_text = f"Your email address is one of {email_partner.name}'s."


class SectionForm(forms.Form):
    """The form of one section of sections.SECTIONS: it reads its initial answers from the
    application and hands back the answers to save."""

    section = None  # the slug in sections.SECTIONS
    word_limit_field = None

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    @classmethod
    def initial_for(cls, application):
        return {name: getattr(application, name) for name in cls.base_fields}

    def answers(self):
        return dict(self.cleaned_data)


class AboutForm(SectionForm):
    section = "about"
    course = forms.CharField(max_length=200, required=False, label="Course you are studying")
    level_of_study = forms.ChoiceField(required=False, label="Level of study")
    year_of_study = forms.IntegerField(min_value=1, max_value=8, required=False, label="Year of study")

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, application=application, **kwargs)
        allowed = set(application.cohort.levels_allowed)
        self.fields["level_of_study"].choices = [("", "Choose…")] + [
            (value, label) for value, label in LevelOfStudy.choices if value in allowed
        ]

    def clean_course(self):
        return self.cleaned_data["course"].strip()


class PathwaysForm(SectionForm):
    section = "pathways"
    pathways = ModelMultipleChoiceField(
        queryset=Pathway.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=f"Which pathways interest you most? Choose up to {MAX_PATHWAYS}.",
    )

    @classmethod
    def initial_for(cls, application):
        return {"pathways": list(application.pathways.all())}

    def clean_pathways(self):
        chosen = self.cleaned_data["pathways"]
        if len(chosen) > MAX_PATHWAYS:
            raise forms.ValidationError(f"Choose at most {MAX_PATHWAYS} pathways.")
        return list(chosen)


def text_section_form(section, field, label, help_text):
    limit = TEXT_LIMITS[field]

    class TextSectionForm(SectionForm):
        def clean(self):
            cleaned = super().clean()
            words = word_count(cleaned.get(field, ""))
            if words > limit.max_words:
                self.add_error(field, f"Use at most {limit.max_words} words; you have {words}.")
            return cleaned

    TextSectionForm.base_fields[field] = forms.CharField(
        required=False,
        max_length=limit.max_words * 20,
        label=label,
        help_text=f"{help_text} Between {limit.min_words} and {limit.max_words} words.",
        widget=forms.Textarea(attrs={"rows": 8, "data-word-limit": limit.max_words}),
    )
    TextSectionForm.section = section
    TextSectionForm.word_limit_field = field
    return TextSectionForm


def check_pdf(upload):
    """Refuse anything that is not a readable PDF of at most 5 MB, whatever its name says."""
    if upload.size > MAX_CV_BYTES:
        raise forms.ValidationError("Your CV must be 5 MB or smaller. Save it as a smaller PDF and try again.")
    upload.seek(0)
    if upload.read(5) != b"%PDF-":
        raise forms.ValidationError("Your CV must be a PDF file. Export it as PDF from your word processor.")
    upload.seek(0)
    try:
        pages = len(pypdf.PdfReader(upload).pages)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds for a broken file
        raise forms.ValidationError("This PDF could not be read. Save it again as PDF and re-upload it.") from exc
    if pages < 1:
        raise forms.ValidationError("This PDF has no pages.")
    upload.seek(0)
    return upload


class CvForm(SectionForm):
    section = "cv"
    cv = forms.FileField(
        label="Your CV (PDF, at most 5 MB)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    @classmethod
    def initial_for(cls, application):
        return {}  # a file input never shows the stored file

    def clean_cv(self):
        return check_pdf(self.cleaned_data["cv"])


ACCESS_NEEDS_HELP = Application._meta.get_field("access_needs").help_text


class AccessNeedsForm(SectionForm):
    section = "access-needs"
    access_needs = forms.CharField(
        required=False,
        max_length=2000,
        label="Access needs or reasonable adjustments (optional)",
        help_text=ACCESS_NEEDS_HELP + " Leave it empty if there is nothing we need to know.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def clean_access_needs(self):
        return self.cleaned_data["access_needs"].strip()


class ConsentForm(SectionForm):
    section = "consent"
    consent = forms.BooleanField(
        required=False,
        label="I agree that the FTL programme team and my university's staff may use my answers and CV to "
        "assess my application, as described in the privacy notice.",
    )

    @classmethod
    def initial_for(cls, application):
        return {"consent": bool(application.consent_given_at)}


_SECTION_FORMS = [
    AboutForm,
    PathwaysForm,
    text_section_form(
        "motivation",
        "motivation",
        "Why do you want to join the Future Talent Laboratory?",
        "What draws you to medtech?",
    ),
    text_section_form(
        "career-goals", "career_goals", "What are your career goals?", "Where would you like to be in five years?"
    ),
    text_section_form(
        "availability",
        "availability",
        "When are you available for sessions?",
        "Days and times, and any dates you are away.",
    ),
    CvForm,
    AccessNeedsForm,
    ConsentForm,
]
# Keyed by the sections' own slugs: a section without its form (or a form for no section) fails at import.
SECTION_FORMS = {form.section: form for form in _SECTION_FORMS}
if list(SECTION_FORMS) != [section.slug for section in SECTIONS]:
    raise ImportError("SECTION_FORMS must give one form per section of sections.SECTIONS, in order")


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        required=False,
        max_length=1000,
        label="Why are you withdrawing? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
