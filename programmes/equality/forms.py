from django import forms

from programmes.equality.models import EqualityResponse


class QuestionnaireForm(forms.ModelForm):
    class Meta:
        model = EqualityResponse
        fields = [
            "age_band",
            "sex",
            "gender_same_as_birth",
            "ethnicity",
            "disability",
            "disability_type",
            "first_in_family",
            "care_experienced",
        ]
        labels = {
            "age_band": "Your age on 1 September of this year",
            "sex": "Your sex",
            "gender_same_as_birth": "Is the gender you identify with the same as the sex you were assigned at birth?",
            "ethnicity": "Your ethnic group",
            "disability": "Do you have a disability, impairment or long-term condition?",
            "disability_type": "If so, which kind? (optional)",
            "first_in_family": "Are you the first in your immediate family to go to university?",
            "care_experienced": "Have you ever been in care (care experienced)?",
        }
        widgets = {name: forms.RadioSelect for name in fields if name not in ("ethnicity", "disability_type")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disability_type"].choices = [
            ("", "I'd rather not say which"),
            *self.fields["disability_type"].choices[1:],
        ]
