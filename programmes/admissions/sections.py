"""The sections of an application form, each with how to tell whether it is done. Shared by the
forms (word limits), the submit rule in set_state and the student's task list."""

from dataclasses import dataclass

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
STATUS_LABELS = {NOT_STARTED: "Not started", IN_PROGRESS: "In progress", COMPLETED: "Completed"}

MAX_PATHWAYS = 3


@dataclass(frozen=True)
class TextLimit:
    min_words: int
    max_words: int


TEXT_LIMITS = {
    "motivation": TextLimit(min_words=20, max_words=300),
    "career_goals": TextLimit(min_words=10, max_words=200),
    "availability": TextLimit(min_words=1, max_words=100),
}


def word_count(text):
    return len((text or "").split())


def _text_status(application, field):
    words = word_count(getattr(application, field))
    if not words:
        return NOT_STARTED
    limit = TEXT_LIMITS[field]
    return COMPLETED if limit.min_words <= words <= limit.max_words else IN_PROGRESS


def _about_status(application):
    filled = [bool(application.course.strip()), bool(application.level_of_study), application.year_of_study is not None]
    if all(filled):
        return COMPLETED
    return IN_PROGRESS if any(filled) else NOT_STARTED


def _pathways_status(application):
    return COMPLETED if application.pathways.all() else NOT_STARTED


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    status_of: object


SECTIONS = [
    Section("about", "About you and your course", _about_status),
    Section("pathways", "Pathways", _pathways_status),
    Section("motivation", "Motivation", lambda a: _text_status(a, "motivation")),
    Section("career-goals", "Career goals", lambda a: _text_status(a, "career_goals")),
    Section("availability", "Availability", lambda a: _text_status(a, "availability")),
    Section("cv", "CV", lambda a: COMPLETED if a.cv else NOT_STARTED),
    # Optional: complete whether or not the student writes anything.
    Section("access-needs", "Access needs (optional)", lambda a: COMPLETED),
    Section("consent", "Consent", lambda a: COMPLETED if a.consent_given_at else NOT_STARTED),
]
SECTIONS_BY_SLUG = {section.slug: section for section in SECTIONS}


def section_statuses(application):
    """[(section, status)] in task-list order."""
    return [(section, section.status_of(application)) for section in SECTIONS]


def incomplete_sections(application):
    return [section for section, status in section_statuses(application) if status != COMPLETED]
