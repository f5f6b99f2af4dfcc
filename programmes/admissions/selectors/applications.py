"""Reads for the apply journey, each scoped to the person asking (outside it: Http404)."""

import io

import pypdf
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from accounts.models import Role
from accounts.permissions import require_or_404
from ftl_portal.errors import PortalError
from programmes.admissions.models import Application, Review
from programmes.admissions.models import ApplicationState as S
from programmes.cohorts.models import Cohort, CohortStatus


class CvCopyRefused(PortalError):
    pass


def own_application(*, user, pk):
    """A student's own application; anyone else's is a 404."""
    applications = Application.objects.select_related("cohort", "partner", "student").prefetch_related("pathways")
    return get_object_or_404(applications, pk=pk, student=user)


def own_application_for_cohort(*, user, cohort):
    return Application.objects.filter(cohort=cohort, student=user).first()


def application_with_cv(*, user, pk):
    """The application whose CV this person may download: the student's own, a submitted one of
    their own university for staff (unless they declared a conflict of interest with it), any
    submitted one for coordinators."""
    applications = Application.objects.select_related("student", "cohort").exclude(cv="")
    if user.role == Role.STUDENT:
        applications = applications.filter(student=user)
    elif user.role == Role.STAFF:
        applications = applications.filter(partner_id=user.partner_id).exclude(state=S.DRAFT)
    elif user.role == Role.COORDINATOR:
        applications = applications.exclude(state=S.DRAFT)
    else:
        raise Http404
    application = get_object_or_404(applications, pk=pk)
    if user.role != Role.STUDENT:
        require_or_404(user, "admissions.review_applications", application)
    return application


def reviewer_copy_of_cv(*, application):
    """The CV's pages in a new PDF, without the document details a PDF carries beside its text
    (author, title, subject, creator, producer, keywords, the XMP stream): a writer made from scratch
    takes only the pages, so no leftover of the original's information dictionary is written."""
    with application.cv.open("rb") as cv:
        try:
            reader = pypdf.PdfReader(cv)
            writer = pypdf.PdfWriter()
            for page in reader.pages:
                writer.add_page(page)
            for page in writer.pages:
                page.pop("/Metadata", None)
                page.pop("/PieceInfo", None)
            writer.xmp_metadata = None
            writer.metadata = None
            buffer = io.BytesIO()
            writer.write(buffer)
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds; the original is never the fallback
            raise CvCopyRefused(
                "This CV could not be copied without its document details, so it is not served. "
                f"Ask the programme team at {settings.FTL_CONTACT_EMAIL} to get a new copy from the student."
            ) from exc
    return buffer.getvalue()


def student_applications(*, user):
    """The student's applications, newest first, and the open cohorts they have not applied to."""
    applications = list(
        Application.objects.filter(student=user)
        .select_related("cohort", "partner", "interview_invitation")
        .order_by("-created_at")
    )
    applied = {a.cohort_id for a in applications}
    now = timezone.now()
    open_cohorts = [
        c for c in Cohort.objects.filter(status=CohortStatus.OPEN, applications_close_at__gt=now) if c.pk not in applied
    ]
    return applications, open_cohorts


def feedback_for_applicant(*, application):
    """What the reviewers wrote for an unsuccessful applicant: only where the cohort gives feedback,
    and only once the decision is released (the application is then rejected, not before)."""
    if not application.cohort.gives_feedback or application.state != S.REJECTED:
        return []
    return list(
        Review.objects.filter(application=application, conflict_declared=False)
        .exclude(applicant_feedback="")
        .order_by("submitted_at", "pk")
        .values_list("applicant_feedback", flat=True)
    )
