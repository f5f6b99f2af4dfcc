"""Notes and tags on one application, for the people who share them (never the student)."""

from accounts.permissions import may
from programmes.admissions.identity import NAME_WITHHELD, identity_pattern
from programmes.admissions.models import ApplicationNote, ApplicationTag


def _withheld(notes, tags, student):
    """In a blind pass the notes and tags are shown with the student's name taken out: a colleague who
    has reviewed may have written it."""
    pattern = identity_pattern(student)
    if pattern is None:
        return notes, tags, 0
    for note in notes:
        note.text = pattern.sub(NAME_WITHHELD, note.text)
    shown = [label for label in tags if not pattern.search(label)]
    return notes, shown, len(tags) - len(shown)


def annotations(*, application, user):
    """The notes (oldest first, with their authors) and tags of an application got from
    application_for_review; empty for anyone who may not read them. Two queries. While the reader may
    not see the applicant's name (a blind pass), it is withheld from the notes, and tags naming them are
    left out and counted."""
    return _shown(
        application,
        user,
        lambda: (
            list(ApplicationNote.objects.filter(application=application).select_related("author")),
            list(ApplicationTag.objects.filter(application=application).values_list("label", flat=True)),
        ),
    )


def page_annotations(*, application, user):
    """The same for an application got from review_page.application_page, from the notes and tags it
    read with it: no query."""
    return _shown(application, user, lambda: (list(application.notes_read), list(application.tag_labels)))


def _shown(application, user, read):
    if not may(user, "admissions.annotate_applications", application):
        return {"may_annotate": False, "notes": [], "tags": []}
    notes, tags = read()
    for note in notes:
        note.removable = note.author_id == user.pk or may(user, "admissions.review_every_university")
    blind = not getattr(application, "show_name", True)
    withheld_tags = 0
    if blind:
        notes, tags, withheld_tags = _withheld(notes, tags, application.student)
    return {"may_annotate": True, "blind": blind, "notes": notes, "tags": tags, "withheld_tags": withheld_tags}


def note_of(*, application, pk):
    return ApplicationNote.objects.select_related("application").filter(application=application, pk=pk).first()
