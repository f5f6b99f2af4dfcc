"""The student's side of a cohort's questions: one form field per question, added to the form of the
section it is asked in, and its value as stored in an Answer (text, a list, true/false or an ISO date)."""

import datetime

from django import forms

from programmes.admissions.models import QuestionKind
from programmes.admissions.sections import word_count

SHORT_TEXT_MAX = 200
YES_NO_CHOICES = [("yes", "Yes"), ("no", "No")]


def _label(question):
    return question.label if question.required else f"{question.label} (optional)"


def question_field(question):
    """Every field is optional to the form, so a half-finished section still saves as the student
    goes; whether a required question is answered decides the section's status instead."""
    common = {"label": _label(question), "help_text": question.help_text, "required": False}
    kind = question.kind
    if kind == QuestionKind.LONG_TEXT:
        limit = question.word_limit
        common["help_text"] = " ".join(filter(None, [question.help_text, f"At most {limit} words."]))
        widget = forms.Textarea(attrs={"rows": 6, "data-word-limit": limit})
        return forms.CharField(max_length=limit * 20, widget=widget, **common)
    if kind == QuestionKind.SINGLE_CHOICE:
        return forms.ChoiceField(choices=[(c, c) for c in question.choices], widget=forms.RadioSelect, **common)
    if kind == QuestionKind.MULTIPLE_CHOICE:
        choices = [(c, c) for c in question.choices]
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
    if kind == QuestionKind.YES_NO:
        return forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common)
    if kind == QuestionKind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **common)
    return forms.CharField(max_length=SHORT_TEXT_MAX, **common)


def initial_value(question, value):
    if value is None:
        return None
    if question.kind == QuestionKind.YES_NO:
        return "yes" if value else "no"
    if question.kind == QuestionKind.DATE:
        return datetime.date.fromisoformat(value)
    return value


def stored_value(question, cleaned):
    if question.kind == QuestionKind.YES_NO:
        return {"yes": True, "no": False}.get(cleaned)
    if question.kind == QuestionKind.DATE:
        return cleaned.isoformat() if cleaned else None
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return list(cleaned)
    return (cleaned or "").strip()


class QuestionFieldsMixin:
    """Adds the section's questions to a section form; `question_answers()` hands back
    {question: stored value} to save, apart from the section's own answers."""

    def add_questions(self, questions):
        self.questions = list(questions)
        for question in self.questions:
            self.fields[question.field_name] = question_field(question)
            if not self.is_bound:
                self.initial[question.field_name] = initial_value(question, question.answer_value)

    def clean(self):
        cleaned = super().clean()
        for question in self.questions:
            if question.kind == QuestionKind.LONG_TEXT:
                words = word_count(cleaned.get(question.field_name))
                if words > question.word_limit:
                    self.add_error(question.field_name, f"Use at most {question.word_limit} words; you have {words}.")
        return cleaned

    def question_answers(self):
        return {q: stored_value(q, self.cleaned_data.get(q.field_name)) for q in self.questions}

    def word_limit_fields(self):
        return [q.field_name for q in self.questions if q.kind == QuestionKind.LONG_TEXT]
