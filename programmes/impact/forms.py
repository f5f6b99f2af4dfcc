from django import forms

from programmes.cohorts.models import Pathway
from programmes.impact.models import Destination, Region


class FollowUpSurveyForm(forms.Form):
    destination = forms.ChoiceField(
        label="What are you doing now?", choices=Destination.choices, widget=forms.RadioSelect
    )
    region = forms.ChoiceField(label="Where are you based?", choices=Region.choices, widget=forms.RadioSelect)
    role = forms.CharField(label="Your role or course", max_length=200, required=False)
    pathway = forms.ModelChoiceField(
        label="The pathway it is closest to",
        queryset=Pathway.objects.order_by("ordering", "name"),
        required=False,
        empty_label="None of them",
    )
