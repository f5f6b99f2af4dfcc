from django import forms
from django.utils import timezone

from ftl_portal.choice_fields import ModelMultipleChoiceField
from programmes.cohorts.forms import LONDON_TIME_HELP
from programmes.cohorts.models import Cohort, LevelOfStudy, Partner, Pathway
from programmes.recruitment.models import Campaign, SuppressionReason
from programmes.recruitment.services.campaigns import content_errors
from programmes.recruitment.services.merge_fields import MERGE_FIELDS
from programmes.recruitment.services.prospects import ACCOUNT_WORDING, FORM_WORDING

MERGE_HELP = "Merge fields: " + ", ".join("{{ %s }} (%s)" % item for item in MERGE_FIELDS.items())  # noqa: UP031


class RegisterInterestForm(forms.Form):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100, required=False)
    email = forms.EmailField(max_length=254)
    partner = forms.ModelChoiceField(
        Partner.objects.all(), required=False, label="University", empty_label="Another university or none"
    )
    level_of_study = forms.ChoiceField(
        choices=[("", "Prefer not to say")] + list(LevelOfStudy.choices), required=False, label="Level of study"
    )
    pathways = ModelMultipleChoiceField(
        Pathway.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Pathways that interest you",
    )
    consent = forms.BooleanField(
        label=FORM_WORDING,
        help_text="Required: we only email people who ask us to. We will send one email to confirm.",
        error_messages={"required": "Tick the box to ask us to email you, or leave this page."},
    )


class EmailPreferencesForm(forms.Form):
    marketing = forms.BooleanField(required=False, label=ACCOUNT_WORDING)


class CampaignForm(forms.ModelForm):
    levels = forms.MultipleChoiceField(
        choices=LevelOfStudy.choices, required=False, widget=forms.CheckboxSelectMultiple, label="Levels of study"
    )

    class Meta:
        model = Campaign
        fields = [
            "name",
            "cohort",
            "subject",
            "body_text",
            "body_html",
            "partners",
            "levels",
            "pathways",
            "not_applied",
            "rate_per_minute",
        ]
        labels = {
            "body_text": "Text body",
            "body_html": "HTML body (optional)",
            "partners": "Partner universities",
            "pathways": "Pathways",
            "not_applied": "Only people who have not applied to this cohort",
            "rate_per_minute": "Sending rate (messages per minute)",
        }
        help_texts = {
            "subject": "You can use the merge fields listed under the text body.",
            "body_text": MERGE_HELP,
            "body_html": "Simple tags only (p, a, strong, em, ul, li, h2, br). Made from the text when empty.",
            "partners": "None ticked means every university.",
            "pathways": "Anyone with at least one ticked pathway. None ticked means everyone.",
        }
        field_classes = {"partners": ModelMultipleChoiceField, "pathways": ModelMultipleChoiceField}
        widgets = {
            "partners": forms.CheckboxSelectMultiple,
            "pathways": forms.CheckboxSelectMultiple,
            "body_text": forms.Textarea(attrs={"rows": 8}),
            "body_html": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = Cohort.objects.all()
        self.fields["rate_per_minute"].min_value = 1
        self.fields["rate_per_minute"].widget.attrs["min"] = 1

    def clean_rate_per_minute(self):
        rate = self.cleaned_data["rate_per_minute"]
        if not rate or rate < 1:
            raise forms.ValidationError("Send at least one message per minute.")
        return rate

    def clean(self):
        data = super().clean()
        for error in content_errors(
            subject=data.get("subject", ""), body_text=data.get("body_text", ""), body_html=data.get("body_html", "")
        ):
            self.add_error(None, error)
        return data


class ScheduleForm(forms.Form):
    send_at = forms.DateTimeField(
        required=False,
        label="Send at",
        help_text=LONDON_TIME_HELP + " Leave empty to send now.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean_send_at(self):
        send_at = self.cleaned_data["send_at"]
        if send_at and send_at < timezone.now():
            raise forms.ValidationError("That time has passed. Leave it empty to send now.")
        return send_at


class ProspectImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: email, consent_source (required); first_name, last_name, university, "
        "level_of_study, pathways (separated by ;), consent_date (YYYY-MM-DD).",
    )


class SuppressionForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    reason = forms.ChoiceField(
        # No reason is preselected: an unsubscribe entered by mistake cannot be lifted by staff.
        choices=[("", "Choose a reason")] + SuppressionReason.choices,
        help_text="Complained: the mail provider reported a complaint. Bounced: the address does not accept "
        "mail. Unsubscribed: the person asked not to be emailed (by reply, phone or in person).",
    )


class ShareLinkForm(forms.Form):
    label = forms.CharField(max_length=120, help_text="Who shares it, or where, e.g. Warwick careers newsletter.")
    slug = forms.SlugField(
        max_length=50, label="Name in the address", help_text="Lower case and hyphens, e.g. warwick-careers-newsletter."
    )
    partner = forms.ModelChoiceField(
        queryset=Partner.objects.none(), required=False, help_text="The partner university sharing it, if any."
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = cohort.partners.all()

    def clean_slug(self):
        return self.cleaned_data["slug"].lower()
