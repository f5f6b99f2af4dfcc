from django import forms

from programmes.retention.models import RetentionSchedule


class RetentionScheduleForm(forms.ModelForm):
    class Meta:
        model = RetentionSchedule
        fields = RetentionSchedule.PERIODS
