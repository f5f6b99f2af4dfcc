from django import template

from .. import selectors, services
from ..models import AssessmentStage

register = template.Library()


@register.simple_tag
def completion_panels(user):
    """For a participant's dashboard: per cohort with a confirmed place, the progress towards
    completion, what is left, the self-assessments open to them and the certificate."""
    panels = []
    for cohort in selectors.participations_of(user=user):
        progress = selectors.own_progress(user=user, cohort=cohort)
        if progress is None:
            continue
        stages = [
            {
                "stage": stage,
                "label": AssessmentStage(stage).label,
                "done": stage in progress.stages,
                "open": services.stage_is_open(cohort=cohort, stage=stage),
            }
            for stage in AssessmentStage.values
        ]
        panels.append({"cohort": cohort, "progress": progress, "stages": stages})
    return panels
