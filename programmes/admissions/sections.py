"""The sections of an application form, each with how to tell whether it is done. Shared by the
forms (word limits), the submit rule in set_state and the student's task list. A cohort's own
questions (models/questions.py) join a built-in section or make sections of their own, before consent."""

from dataclasses import dataclass, field, replace

from programmes.admissions.questions import is_answered, section_slug

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
    status_of: object  # None for a section made of the cohort's questions alone
    questions: tuple = field(default=(), compare=False)


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


def _active_questions(application):
    """The cohort's questions in use, each with this application's answer as `answer_value`;
    read once per application instance."""
    cached = getattr(application, "_active_questions", None)
    if cached is None:
        cached = list(application.cohort.questions.filter(retired_at__isnull=True))
        values = {a.question_id: a.value for a in application.answers.all()} if cached else {}
        for question in cached:
            question.answer_value = values.get(question.pk)
        application._active_questions = cached
    return cached


def sections_for(application):
    """This application's sections in task-list order: the built-in ones carrying the questions
    asked in them, then the cohort's own sections, then consent."""
    grouped = {}
    for question in _active_questions(application):
        grouped.setdefault(section_slug(question), []).append(question)
    own = [
        Section(slug, questions[0].own_section_title, None, tuple(questions))
        for slug, questions in grouped.items()
        if slug not in SECTIONS_BY_SLUG
    ]
    built_in = [replace(s, questions=tuple(grouped.get(s.slug, ()))) for s in SECTIONS]
    return built_in[:-1] + own + built_in[-1:]


def _status(section, application):
    answered = [is_answered(q.answer_value) for q in section.questions]
    required_done = all(done for done, q in zip(answered, section.questions, strict=True) if q.required)
    if section.status_of is None:
        if required_done:  # an own section of optional questions alone is complete, like access needs
            return COMPLETED
        return IN_PROGRESS if any(answered) else NOT_STARTED
    status = section.status_of(application)
    if not section.questions or (status == COMPLETED and required_done):
        return status
    return NOT_STARTED if status == NOT_STARTED and not any(answered) else IN_PROGRESS


def section_statuses(application):
    """[(section, status)] in task-list order."""
    return [(section, _status(section, application)) for section in sections_for(application)]


def incomplete_sections(application):
    return [section for section, status in section_statuses(application) if status != COMPLETED]
