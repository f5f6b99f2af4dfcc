"""The coordinator's question builder: one form for adding or changing a question of a cohort."""

from django import forms

from programmes.admissions.models import QuestionKind
from programmes.admissions.models.questions import CHOICE_KINDS
from programmes.admissions.questions import BUILT_IN_SECTIONS_FOR_QUESTIONS, own_section_slug
from programmes.admissions.sections import SECTIONS, SECTIONS_BY_SLUG

OWN_SECTION = "own"
MAX_WORD_LIMIT = 2000
MAX_CHOICE_LENGTH = 200
BUILT_IN_TITLES = {section.title.casefold() for section in SECTIONS}


class QuestionForm(forms.Form):
    label = forms.CharField(
        max_length=300,
        label="Question",
        error_messages={"required": "Write the question the student will answer."},
    )
    help_text = forms.CharField(max_length=500, required=False, label="Hint (optional)")
    kind = forms.ChoiceField(
        choices=QuestionKind.choices,
        label="Type of answer",
        error_messages={"required": "Choose the type of answer."},
    )
    section = forms.ChoiceField(
        label="Section",
        choices=[(slug, SECTIONS_BY_SLUG[slug].title) for slug in BUILT_IN_SECTIONS_FOR_QUESTIONS]
        + [(OWN_SECTION, "A section of its own")],
        error_messages={"required": "Choose the section the question appears in."},
    )
    own_section_title = forms.CharField(
        max_length=80,
        required=False,
        label="Title of its own section",
        help_text="Questions with the same title share a section, shown before consent in the task list.",
    )
    required = forms.BooleanField(required=False, initial=True, label="Students must answer it")
    word_limit = forms.IntegerField(
        required=False,
        label="Word limit (long text only)",
        error_messages={"invalid": "Enter the word limit as a whole number, such as 250."},
    )
    choices = forms.CharField(
        required=False,
        label="Options, one per line (single or multiple choice only)",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    identifying = forms.BooleanField(
        required=False,
        label="Its answer could tell reviewers who the student is: hide it in a blind first review",
    )

    def __init__(self, *args, section_titles=(), **kwargs):
        """`section_titles`: the titles of the cohort's own sections, so a title that differs from one
        only in case or punctuation joins that section under its spelling."""
        super().__init__(*args, **kwargs)
        self.section_titles = {own_section_slug(t): t for t in section_titles if t}

    @classmethod
    def initial_for(cls, question):
        return {
            "label": question.label,
            "help_text": question.help_text,
            "kind": question.kind,
            "section": question.section or OWN_SECTION,
            "own_section_title": question.own_section_title,
            "required": question.required,
            "word_limit": question.word_limit,
            "choices": "\n".join(question.choices),
            "identifying": question.identifying,
        }

    def clean_label(self):
        return self.cleaned_data["label"].strip()

    def _clean_section(self, cleaned):
        title = cleaned.get("own_section_title", "").strip()
        if cleaned.get("section") != OWN_SECTION:
            cleaned["own_section_title"] = ""
        elif not title:
            self.add_error("own_section_title", "Give its own section a title, such as “Placement preferences”.")
        elif title.casefold() in BUILT_IN_TITLES:
            self.add_error("own_section_title", f"“{title}” is a built-in section: choose it under Section instead.")
        else:
            cleaned["own_section_title"] = self.section_titles.get(own_section_slug(title), title)

    def _clean_word_limit(self, cleaned):
        limit = cleaned.get("word_limit")
        if cleaned.get("kind") != QuestionKind.LONG_TEXT:
            if limit is not None:
                self.add_error("word_limit", "Only a long text answer has a word limit: clear it or choose long text.")
        elif limit is None:
            self.add_error("word_limit", "Give a long text answer a word limit, such as 250.")
        elif limit <= 0:
            self.add_error("word_limit", "The word limit must be at least 1.")
        elif limit > MAX_WORD_LIMIT:
            self.add_error("word_limit", f"The word limit can be at most {MAX_WORD_LIMIT}.")

    def _clean_choices(self, cleaned):
        options = [line.strip() for line in cleaned.get("choices", "").splitlines() if line.strip()]
        cleaned["choices"] = options
        if cleaned.get("kind") not in CHOICE_KINDS:
            if options:
                self.add_error(
                    "choices", "Only a choice question has options: clear them or choose single or multiple choice."
                )
            return
        seen = set()
        for option in options:
            if option.casefold() in seen:
                self.add_error("choices", f"Each option must be different: “{option}” appears more than once.")
                return
            seen.add(option.casefold())
        if len(options) < 2:
            self.add_error("choices", "Give at least two options, one per line.")
        elif any(len(option) > MAX_CHOICE_LENGTH for option in options):
            self.add_error("choices", f"Keep each option to {MAX_CHOICE_LENGTH} characters or fewer.")

    def clean(self):
        cleaned = super().clean()
        self._clean_section(cleaned)
        self._clean_word_limit(cleaned)
        self._clean_choices(cleaned)
        if cleaned.get("section") == OWN_SECTION:
            cleaned["section"] = ""
        return cleaned

    def question_fields(self):
        return {name: self.cleaned_data[name] for name in self.fields}
