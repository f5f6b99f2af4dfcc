"""Notes and tags staff share on an application. "Shortlisted" is a tag like any other; the queue
filters on it and the interview invitations go to it."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.permissions import may
from ftl_portal.errors import PortalError
from programmes.admissions.identity import identity_pattern
from programmes.admissions.models import ApplicationNote, ApplicationTag
from programmes.admissions.models.notes import normalise_label

NOTE_MAX_CHARS = 4000
TAG_MAX_CHARS = 40


class AnnotationRefused(PortalError):
    """A note or tag the person may not add or remove; the message is for them."""


def _check(*, application, actor):
    if not may(actor, "admissions.annotate_applications", application):
        raise AnnotationRefused("Only coordinators and staff of the applicant's university add notes and tags here.")


def add_note(*, application, author, text):
    _check(application=application, actor=author)
    text = (text or "").strip()
    if not text:
        raise AnnotationRefused("Write the note before adding it.")
    if len(text) > NOTE_MAX_CHARS:
        raise AnnotationRefused(f"A note can be at most {NOTE_MAX_CHARS:,} characters; this one is {len(text):,}.")
    return ApplicationNote.objects.create(application=application, author=author, text=text, created_at=timezone.now())


def delete_note(*, note, actor):
    """Authors take back their own notes; coordinators may remove any."""
    _check(application=note.application, actor=actor)
    if note.author_id != actor.pk and not may(actor, "admissions.review_every_university"):
        raise AnnotationRefused("Only the note's author or a coordinator can remove it.")
    note.delete()


def add_tag(*, application, actor, label):
    """Tag the application; a tag it already has is left as it is."""
    _check(application=application, actor=actor)
    label = normalise_label(label)
    if not label:
        raise AnnotationRefused("Type the tag before adding it.")
    if len(label) > TAG_MAX_CHARS:
        raise AnnotationRefused(f"A tag can be at most {TAG_MAX_CHARS} characters.")
    pattern = identity_pattern(application.student)
    if pattern is not None and pattern.search(label):
        # Tags are listed in the queue's filter, where a blind reviewer would read the name beside its applicant.
        raise AnnotationRefused(
            "A tag is listed in the queue's filter for every reviewer, so it may not name the applicant."
        )
    try:
        with transaction.atomic():
            tag, _ = ApplicationTag.objects.get_or_create(
                application=application, label=label, defaults={"added_by": actor, "added_at": timezone.now()}
            )
    except IntegrityError:  # the same tag added by a colleague a moment ago
        tag = ApplicationTag.objects.get(application=application, label=label)
    return tag


def remove_tag(*, application, actor, label):
    _check(application=application, actor=actor)
    ApplicationTag.objects.filter(application=application, label=normalise_label(label)).delete()
