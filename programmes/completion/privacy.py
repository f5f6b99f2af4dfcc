"""Completion's personal data. Self-assessments are the person's own opinions: exported and deleted.
Certificates are kept on erasure: they hold no name (the PDF takes it from the user row when it is
drawn, and the verify page shows none), so once the user row is anonymised the row is a count for
the impact report, and a certificate the person already handed to an employer still verifies."""

from ftl_portal.privacy import ERASE_DELETE, ERASE_KEEP, register

from .models import Certificate, SelfAssessment

register(
    SelfAssessment,
    rows=lambda user: SelfAssessment.objects.filter(participant=user).select_related("cohort"),
    export=lambda a: {
        "cohort": a.cohort.name,
        "stage": a.stage,
        "answers": a.answers,
        "submitted_at": a.submitted_at.isoformat(),
    },
    erase=ERASE_DELETE,
    why="Self-assessments at the start and end of the programme (1-5 answers per statement).",
)

register(
    Certificate,
    rows=lambda user: Certificate.objects.filter(participant=user).select_related("cohort"),
    export=lambda c: {
        "cohort": c.cohort.name,
        "code": c.code,
        "issued_at": c.issued_at.isoformat(),
        "sessions_attended": c.sessions_attended,
        "mentoring_minutes": c.mentoring_minutes,
        "pathways": c.pathways,
        "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
        "revoked_reason": c.revoked_reason,
    },
    erase=ERASE_KEEP,
    why="Completion certificates: the figures at issue and whether the certificate was revoked.",
)
