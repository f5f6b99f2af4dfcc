from ftl_portal.privacy import ERASE_DELETE, register
from programmes.impact.models import FollowUpConsent, FollowUpSurvey

register(
    FollowUpConsent,
    rows=lambda user: FollowUpConsent.objects.filter(participant=user),
    export=lambda c: {
        "cohort": c.cohort.name,
        "consented_at": c.consented_at.isoformat(),
        "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
    },
    erase=ERASE_DELETE,
    why="Consent to be asked, 6 and 12 months after the programme, where the participant went next.",
)

register(
    FollowUpSurvey,
    rows=lambda user: FollowUpSurvey.objects.filter(participant=user),
    export=lambda s: {
        "cohort": s.cohort.name,
        "months": s.months,
        "sent_at": s.sent_at.isoformat(),
        "answered_at": s.answered_at.isoformat() if s.answered_at else None,
        "destination": s.get_destination_display(),
        "region": s.get_region_display(),
        "role": s.role,
        "pathway": s.pathway.name if s.pathway else None,
    },
    erase=ERASE_DELETE,
    why="Follow-up survey answers: destination, region, role and pathway after the programme.",
)
