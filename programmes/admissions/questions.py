"""What a coordinator's question means to the rest of the portal: whether an answer counts as given,
how it reads on a page or in a CSV, and which section it sits in."""

import datetime
import hashlib

from django.utils.dateformat import format as format_date
from django.utils.text import slugify

from programmes.admissions.models.questions import QuestionKind

# The built-in sections a coordinator may add a question to. Not the CV (a file upload of its own),
# access needs (special-category data reviewers never see) or consent (the last step).
BUILT_IN_SECTIONS_FOR_QUESTIONS = ["about", "pathways", "motivation", "career-goals", "availability"]
OWN_SECTION_PREFIX = "more-"


def own_section_slug(title):
    """A title with no letters a URL can carry ("Стажування") gets a slug from its hash, so two such
    titles do not fall into one section."""
    slug = slugify(title) or hashlib.sha256(title.casefold().encode()).hexdigest()[:10]
    return OWN_SECTION_PREFIX + slug


def section_slug(question):
    return question.section or own_section_slug(question.own_section_title)


def is_answered(value):
    return value not in (None, "", [])


def answer_text(question, value):
    """The answer as a person reads it; "" when there is none."""
    if not is_answered(value):
        return ""
    if question.kind == QuestionKind.YES_NO:
        return "Yes" if value else "No"
    if question.kind == QuestionKind.MULTIPLE_CHOICE:
        return "; ".join(value)
    if question.kind == QuestionKind.DATE:
        return format_date(datetime.date.fromisoformat(value), "j F Y")
    return str(value)
