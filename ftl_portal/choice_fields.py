"""A multiple choice of model rows that refuses a number too large for the database as an invalid
choice. Django's own asks the database with pk__in first, and SQLite raises OverflowError (a 500)
on a value beyond 64 bits; a single choice (pk=) is already safe."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

LARGEST = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        key = self.to_field_name or "pk"
        field = self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        if isinstance(field, models.IntegerField):
            for choice in value:
                try:
                    number = int(str(choice))
                except ValueError:
                    continue  # Django's own check names it
                if abs(number) > LARGEST:
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": choice}
                    )
        return super()._check_values(value)
