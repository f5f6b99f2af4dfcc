"""Erasure: walk the register and apply each entry's `erase` to the person's rows, in one
transaction. What must outlive the person (counts, audit events, the suppression of their address)
stays without identity; an ErasureRecord says that it happened, by whom, why and how many rows."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from ftl_portal import privacy
from ftl_portal.errors import PortalError
from ftl_portal.outbox.services import queue_templated_email
from mentoring.models import Match, MatchState
from mentoring.services.matches import end_match
from programmes.admissions import read_cache
from programmes.admissions.models import Application, ApplicationState
from programmes.admissions.services.student_applications import withdraw
from programmes.privacy.models import DataRequest, ErasureRecord, RequestStatus
from programmes.recruitment.models import Suppression, SuppressionReason, email_hash

# Offered or confirmed: a place is held, so it is given back (seats released through the signal).
HOLDS_A_PLACE = (ApplicationState.OFFERED, ApplicationState.CONFIRMED)


class ErasureRefused(PortalError):
    """An erasure that cannot go ahead."""


def _leave_the_programme(person):
    for application in Application.objects.filter(student=person, state__in=HOLDS_A_PLACE):
        withdraw(application=application, student=person, reason="Asked for their data to be erased.")
    for match in Match.objects.filter(student=person, state=MatchState.ACTIVE).select_related("mentor", "cohort"):
        end_match(match=match, user=person)
        # The mentor is told the match ended, never who asked to be erased (it would live on in the outbox).
        queue_templated_email(
            key=f"privacy:match-ended:{match.pk}",
            to=match.mentor.email,
            template="privacy/match_ended",
            context={"mentor": match.mentor, "cohort": match.cohort},
            source=f"match:{match.pk}",
        )


def _apply(entry, rows):
    if entry.erase == privacy.ERASE_DELETE:
        rows.delete()
    elif callable(entry.erase):
        entry.erase(rows)


def _erase(*, find, email, actor, reason, request):
    if not reason.strip():
        raise ErasureRefused("Please record why this person's data is being erased.")
    if request is not None:  # locked, so a double click erases once and the second is told so
        request = DataRequest.objects.select_for_update().get(pk=request.pk)
    if request is not None and request.status == RequestStatus.FULFILLED:
        raise ErasureRefused("This request has already been fulfilled: the data it names is erased.")
    entries = privacy.entries()
    # An address erased before keeps only its hash, so it is looked for by that too: a second
    # erasure of it must not suppress it again under its readable address.
    if not Suppression.objects.filter(Q(email__iexact=email) | Q(email_hash=email_hash(email))).exists():
        Suppression.objects.create(email=email.lower(), reason=SuppressionReason.ERASED)
    # Every entry's rows are found before any is erased: later entries find theirs by the address.
    found = {
        entry.key: list(rows.values_list("pk", flat=True)) for entry in entries if (rows := find(entry)) is not None
    }
    for entry in reversed(entries):  # highest layer first, the account itself last
        if entry.key in found:
            _apply(entry, entry.model.objects.filter(pk__in=found[entry.key]))
    # The register erases some set-up rows (a university's or a cohort's contact) with update(),
    # which sends no signal: the set-up's cached reads move here, so none keeps an erased contact.
    read_cache.bump(read_cache.CHOICES)
    record = ErasureRecord.objects.create(
        actor=actor,
        reason=reason.strip()[:300],
        request=request,
        counts={key: len(pks) for key, pks in found.items() if pks},
    )
    if request:
        request.status, request.fulfilled_at = RequestStatus.FULFILLED, timezone.now()
        request.save(update_fields=["status", "fulfilled_at"])
    return record


def erase_person(*, person, actor, reason, request=None):
    """Erase `person` (an account). Returns the ErasureRecord, which holds no identity."""
    with transaction.atomic():
        # Locked, so two erasures of one person (a double click, a timer and a coordinator) run one after the other.
        person = User.objects.select_for_update().get(pk=person.pk)
        if not person.is_active and person.email.endswith("@invalid"):
            raise ErasureRefused("This person's data has already been erased.")
        _leave_the_programme(person)
        return _erase(
            find=lambda entry: entry.rows(person), email=person.email, actor=actor, reason=reason, request=request
        )


def erase_address(*, email, actor, reason, request=None):
    """Erase what is held about an address with no account (a prospect)."""
    email = email.strip().lower()
    with transaction.atomic():
        return _erase(
            find=lambda entry: entry.rows_for_email(email) if entry.rows_for_email else None,
            email=email,
            actor=actor,
            reason=reason,
            request=request,
        )
