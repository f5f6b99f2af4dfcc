"""Self-assessments and certificates of completion."""

from ftl_portal.privacy import ERASE_DELETE, ERASE_KEEP, register
from programmes.completion.models import Certificate, SelfAssessment

register(
    SelfAssessment,
    rows=lambda user: SelfAssessment.objects.filter(participant=user).select_related("cohort"),
    export=lambda s: {
        "cohort": s.cohort.name,
        "stage": s.get_stage_display(),
        "answers": s.answers,
        "submitted": s.submitted_at.isoformat(),
    },
    erase=ERASE_DELETE,
    why="Your answers on how confident you felt before and after the programme.",
    label="Self-assessments",
)
register(
    Certificate,
    rows=lambda user: Certificate.objects.filter(participant=user).select_related("cohort"),
    export=lambda c: {
        "cohort": c.cohort.name,
        "code": c.code,
        "issued": c.issued_at.isoformat(),
        "sessions_attended": c.sessions_attended,
        "mentoring_minutes": c.mentoring_minutes,
    },
    erase=ERASE_KEEP,  # the name on it comes from the account, which is anonymised
    why="Your certificate of completion; kept (without your name) so completion counts stay true.",
    label="Certificates",
)
