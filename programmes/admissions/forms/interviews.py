from django import forms
from django.utils.text import slugify

from programmes.admissions.forms.reviews import SCORE_CHOICES


class InterviewRubricForm(forms.Form):
    criteria = forms.CharField(
        label="Interview criteria",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text="One criterion a line, with its weight after a bar: Communication | 2. A missing weight counts 1.",
    )

    def clean_criteria(self):
        rubric, keys = [], set()
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            label, _, weight = (part.strip() for part in line.partition("|"))
            key = slugify(label).replace("-", "_")[:40]
            if not key:
                raise forms.ValidationError(f"Line {number} has no criterion before the bar.")
            if key in keys:
                raise forms.ValidationError(f"“{label}” is listed twice.")
            try:
                weight = int(weight or 1)
            except ValueError:
                raise forms.ValidationError(f"The weight on line {number} must be a whole number.") from None
            if not 1 <= weight <= 10:
                raise forms.ValidationError(f"The weight on line {number} must be from 1 to 10.")
            keys.add(key)
            rubric.append({"key": key, "label": label[:100], "weight": weight})
        if not rubric:
            raise forms.ValidationError("List at least one criterion.")
        return rubric

    @staticmethod
    def initial_text(rubric):
        return "\n".join(f"{c['label']} | {c['weight']}" for c in rubric)


class InterviewScoreForm(forms.Form):
    comment = forms.CharField(
        label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args, rubric, **kwargs):
        super().__init__(*args, **kwargs)
        self.rubric = rubric
        scales = {
            f"interview_{c['key']}": forms.TypedChoiceField(
                label=f"{c['label']} (weight {c['weight']})",
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "form-check-inline"}),
                help_text="1 = weak, 5 = outstanding",
            )
            for c in rubric
        }
        self.fields = {**scales, **self.fields}

    def scores(self):
        return {c["key"]: self.cleaned_data[f"interview_{c['key']}"] for c in self.rubric}
