from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import may
from programmes.admissions import attribution
from programmes.admissions.selectors import applications as selectors
from programmes.admissions.services.applications import submission_deadline
from programmes.admissions.tracker import tracker

register = template.Library()


@register.inclusion_tag("admissions/applications/_student_panel.html")
def student_application_panel(user):
    applications, open_cohorts = selectors.student_applications(user=user)
    now = timezone.now()
    for application in applications:
        application.deadline = submission_deadline(cohort=application.cohort, student=user)
        application.steps = tracker(application, now=now)
        application.feedback = selectors.feedback_for_applicant(application=application)
    return {"applications": applications, "open_cohorts": open_cohorts, "now": now}


@register.inclusion_tag("admissions/applications/_apply_box.html", takes_context=True)
def cohort_apply_box(context, cohort):
    """A public cohort page's call to action: the student's own application, or how to start one."""
    user = context["user"]
    application = None
    if may(user, "admissions.apply"):
        application = selectors.own_application_for_cohort(user=user, cohort=cohort)
    start_url = reverse("application_start", args=[cohort.slug])
    via = attribution.via_of(context.get("request"))
    if via:
        # A share link's signed source rides along to the application, through sign-up if need be.
        start_url += "?" + urlencode({attribution.VIA_PARAM: via})
    return {"user": user, "cohort": cohort, "application": application, "start_url": start_url}
