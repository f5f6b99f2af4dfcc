"""Notes and tags on one application, for the people who share them (never the student)."""

from accounts.permissions import may
from programmes.admissions.models import ApplicationNote, ApplicationTag


def annotations(*, application, user):
    """The notes (oldest first, with their authors) and tags of an application got from
    application_for_review; empty for anyone who may not read them. Two queries."""
    if not may(user, "admissions.annotate_applications", application):
        return {"may_annotate": False, "notes": [], "tags": []}
    notes = list(ApplicationNote.objects.filter(application=application).select_related("author"))
    for note in notes:
        note.removable = note.author_id == user.pk or may(user, "admissions.review_every_university")
    return {
        "may_annotate": True,
        "notes": notes,
        "tags": list(ApplicationTag.objects.filter(application=application).values_list("label", flat=True)),
    }


def note_of(*, application, pk):
    return ApplicationNote.objects.select_related("application").filter(application=application, pk=pk).first()
