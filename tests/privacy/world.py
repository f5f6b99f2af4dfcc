"""A student who touched every feature, for the export and erasure tests."""

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.services import record_access
from mentoring.models import Goal, MatchFeedback
from programmes.admissions.models import ApplicationEvent, ApplicationState
from programmes.completion.models import SelfAssessment
from programmes.events.models import BookingStatus, CalendarFeed, Feedback
from programmes.recruitment.models import ProspectSource
from tests.factories import StaffFactory, StudentFactory
from tests.factories_applications import CompleteApplicationFactory, pdf_bytes
from tests.factories_campaigns import ProspectFactory
from tests.factories_mentoring import MatchFactory, MeetingFactory
from tests.factories_outbox import OutboxMessageFactory
from tests.factories_reviews import ReviewFactory
from tests.factories_sessions import BookingFactory, SessionFactory

# Their own CV, byte for byte unlike anyone else's, so a scan of the private files can find it.
CV_BYTES = pdf_bytes() + b"%% CV of Zanele\n"


def person_who_touched_everything(full_name="Zanele Okonkwo-Fairbairn", email="zanele.ok@uni.example.ac.uk"):
    student = StudentFactory(full_name=full_name, email=email)
    application = CompleteApplicationFactory(
        student=student,
        state=ApplicationState.SUBMITTED,
        motivation="I want to build insulin pumps, said Zanele.",
        cv=SimpleUploadedFile("my cv.pdf", CV_BYTES, content_type="application/pdf"),
    )
    ApplicationEvent.objects.create(
        application=application, actor=student, from_state="draft", to_state="submitted", reason="Ready"
    )
    reviewer = StaffFactory(full_name="Reviewer Rosalind Quill", partner=application.partner)
    ReviewFactory(application=application, reviewer=reviewer, comment="Strong on devices; Zanele knows pumps.")
    record_access(actor=reviewer, what="application", subject=student, detail=f"application {application.pk}")
    session = SessionFactory(cohort=application.cohort, title="Regulatory affairs talk")
    BookingFactory(session=session, participant=student, status=BookingStatus.ATTENDED)
    Feedback.objects.create(session=session, participant=student, rating=5, comment="Loved it - Zanele")
    CalendarFeed.objects.create(user=student)
    ProspectFactory(email=email, first_name="Zanele", user=student, source=ProspectSource.FORM)
    match = MatchFactory(cohort=application.cohort, student=student, explanation=f"{full_name} likes devices")
    MeetingFactory(match=match, notes="Talked about Zanele's CV", duration_minutes=45)
    Goal.objects.create(match=match, text="Zanele to apply for an RA internship")
    MatchFeedback.objects.create(match=match, respondent=student, stage="day30", rating=4, comment="Zanele: great")
    SelfAssessment.objects.create(
        participant=student,
        cohort=application.cohort,
        stage="start",
        answers={"confidence": 3, "note": "Zanele unsure"},
    )
    OutboxMessageFactory(to=email, subject="Your application to FTL", body_text=f"Dear {full_name}, thank you.")
    return {"student": student, "application": application, "reviewer": reviewer, "match": match}


def someone_else():
    other = StudentFactory(full_name="Other Person Tiberius", email="tiberius@uni.example.ac.uk")
    CompleteApplicationFactory(student=other, motivation="Tiberius's own motivation text.")
    OutboxMessageFactory(to=other.email, subject="Tiberius email", body_text="For Tiberius only.")
    return other
