"""The world the role x route matrix walks: the demo data, with a canary string planted in each
person's data, and for every route of the URLconf the object of one tenant (Warwick, and the
mentee.one/mentor@medtech match) that its URL names.

A route with parameters that ROUTE_OBJECTS does not name fails the matrix, so a new page cannot be
left out of it."""

import functools
from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.db import connection
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from accounts.models import Invitation, Role, User
from ftl_portal.outbox.models import OutboxMessage
from mentoring.models import Goal, Match, MatchFeedback, MatchRun, Meeting, PairRule, RuleKind, RunStatus, SurveyStage
from programmes.admissions.models import (
    Answer,
    Application,
    ApplicationExtension,
    ApplicationNote,
    Question,
    QuestionKind,
    Review,
    ReviewAssignment,
)
from programmes.cohorts.models import Cohort, Partner, Pathway
from programmes.completion.models import Certificate
from programmes.events.models import Booking, CalendarFeed, Session, SessionKind
from programmes.events.tokens import check_in_token, release_token
from programmes.impact.models import FollowUpSurvey
from programmes.impact.tokens import follow_up_token
from programmes.messaging.models import CohortMessage
from programmes.privacy.models import DataRequest, ExportBundle
from programmes.recruitment.models import Campaign, CampaignRecipient, ProspectImport, Suppression

# Modules whose pages are not the portal's own: allauth's (the accounts journeys test them) and
# Django's admin (for the few superusers; tests/accounts/test_admin_access.py).
SKIPPED_MODULES = ("allauth.", "django.contrib.")

# Bearer links: whoever holds the token is who it was sent to, so its page may show that person.
BEARER = {
    "sessions:feed",
    "sessions:release",
    "impact:follow_up",
    "impact:withdraw",
    "privacy:bundle",
    "privacy:bundle_download",
}
# The development mailbox shows every email sent; it is routed only in development (DEBUG).
DEVELOPMENT_ONLY = {"mailbox:index", "mailbox:message", "mailbox:html"}

GARBAGE_TOKEN = "not-a-real-token"
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


def walk_urlconf(patterns=None, prefix="", namespaces=()):
    """(qualified name, route, parameter names, view module) of every pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from walk_urlconf(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif pattern.name:
            name = ":".join((*namespaces, pattern.name))
            yield name, prefix + str(pattern.pattern), list(pattern.pattern.converters), pattern.callback.__module__


def portal_routes():
    return [r for r in walk_urlconf() if not r[3].startswith(SKIPPED_MODULES)]


@dataclass
class World:
    """The demo's people and the tenant's objects, found once."""

    people: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    # canary -> the ids of the people who may read it
    canaries: dict = field(default_factory=dict)


def _person(email):
    return User.objects.get(email=email)


def build_world():
    world = World()
    world.people = {
        "anonymous": None,
        "student": _person("mentee.one@warwick.ac.uk"),
        "student_same_university": _person("mentee.two@warwick.ac.uk"),
        "student_other_university": _person("student@aru.ac.uk"),
        "staff": _person("staff@warwick.ac.uk"),
        # The second Warwick reviewer: in the blind pilot cohort they see a name only once they review it.
        "staff_second_reviewer": _person("reviewer2@warwick.ac.uk"),
        "staff_other_university": _person("staff@aru.ac.uk"),
        "coordinator": _person("coordinator@medilink.test"),
        "mentor": _person("mentor@medtech.test"),
        "mentor_other": _person("priya.shah@medtech.test"),
    }
    student = world.people["student"]
    warwick = Partner.objects.get(slug="warwick")
    pilot, running, finished = (
        Cohort.objects.get(slug=s) for s in ("pilot-2027", "mentoring-demo-2026", "ftl-2026-pilot-finished")
    )
    fill_what_the_demo_lacks(world, pilot=pilot, warwick=warwick)
    # A reviewed Warwick applicant of the open cohort: their review page shows reviewers' comments.
    applicant = (
        Application.objects.filter(cohort=pilot, partner=warwick, reviews__conflict_declared=False)
        .order_by("pk")
        .first()
    )
    match = Match.objects.get(student=student, mentor=world.people["mentor"])
    booking = Booking.objects.filter(participant__applications__partner=warwick).select_related("session").first()
    feed, _ = CalendarFeed.objects.get_or_create(user=student)
    certificate = Certificate.objects.get(participant__email="graduate@warwick.ac.uk")
    survey = FollowUpSurvey.objects.filter(participant__applications__partner=warwick).first()
    campaign = Campaign.objects.first()
    fill_the_tenants_objects(world, student=student, cohort=pilot, running=running, campaign=campaign, match=match)
    world.objects = {
        "partner": warwick,
        "cohort": pilot,
        "running": running,
        "finished": finished,
        "applicant": applicant,
        "match": match,
        "goal": Goal.objects.filter(match=match).first(),
        "match_feedback": MatchFeedback.objects.filter(match=match).first(),
        "booking": booking,
        "feed": feed,
        "certificate": certificate,
        "survey": survey,
        "bundle": ExportBundle.objects.filter(person=student).first(),
        "campaign": campaign,
        "recipient": CampaignRecipient.objects.first(),
        "invitation": Invitation.objects.first(),
        "assignment": ReviewAssignment.objects.filter(application__partner=warwick).first(),
        "outbox": OutboxMessage.objects.filter(to__endswith="@warwick.ac.uk").first(),
        "pathway": Pathway.objects.first(),
        "question": Question.objects.filter(cohort=pilot).first(),
        "extension": ApplicationExtension.objects.first(),
        "suppression": Suppression.objects.first(),
        "prospect_import": ProspectImport.objects.first(),
        "rule": PairRule.objects.first(),
        "run": MatchRun.objects.first(),
        "message": CohortMessage.objects.first(),
        "request": DataRequest.objects.filter(person__partner=warwick).first() or DataRequest.objects.first(),
        "note": ApplicationNote.objects.filter(application__partner=warwick).order_by("pk").first(),
        "interview_slot": Session.objects.filter(cohort=pilot, kind=SessionKind.INTERVIEW).first(),
    }
    missing = [name for name, value in world.objects.items() if value is None]
    assert not missing, f"The demo data has none of: {', '.join(missing)}; seed_demo must show every feature"
    plant_canaries(world)
    return world


def fill_what_the_demo_lacks(world, *, pilot, warwick):
    """A review by the Warwick reviewer, should the demo hold none."""
    if not Review.objects.filter(application__cohort=pilot, application__partner=warwick).exists():
        application = Application.objects.filter(cohort=pilot, partner=warwick, submitted_at__isnull=False).first()
        Review.objects.create(
            application=application,
            reviewer=world.people["staff"],
            scores={},
            weighted_score=4.0,
            recommendation="offer",
        )


def fill_the_tenants_objects(world, *, student, cohort, running, campaign, match):
    """Objects of the tenant that seed_demo does not make, made here as the portal would hold them."""
    coordinator, mentor_other = world.people["coordinator"], world.people["mentor_other"]
    later = timezone.now() + timedelta(days=7)
    MatchFeedback.objects.get_or_create(match=match, respondent=student, stage=SurveyStage.END)
    ExportBundle.objects.get_or_create(person=student, defaults={"requested_by": student, "expires_at": later})
    CampaignRecipient.objects.get_or_create(campaign=campaign, email="prospect.canary@example.org")
    Invitation.objects.get_or_create(
        email="new.staff@warwick.ac.uk",
        defaults={"role": Role.STAFF, "partner": student.partner, "invited_by": coordinator, "expires_at": later},
    )
    ApplicationExtension.objects.get_or_create(
        cohort=cohort,
        student=world.people["student_same_university"],
        defaults={"until": later, "granted_by": coordinator},
    )
    ProspectImport.objects.get_or_create(filename="warwick-fair.csv", defaults={"created_by": coordinator})
    PairRule.objects.get_or_create(
        cohort=running,
        student=student,
        mentor=mentor_other,
        defaults={"kind": RuleKind.FORBID, "created_by": coordinator},
    )
    if not MatchRun.objects.exists():
        MatchRun.objects.create(cohort=running, status=RunStatus.QUEUED, created_by=coordinator)


def plant_canaries(world):
    """A unique word in each student's name and answers, each reviewer's private comment and each
    mentoring meeting's notes, mapped to who may read it."""
    coordinators = set(User.objects.filter(role=Role.COORDINATOR).values_list("pk", flat=True))
    staff_by_partner = {}
    for pk, partner_id in User.objects.filter(role=Role.STAFF).values_list("pk", "partner_id"):
        staff_by_partner.setdefault(partner_id, set()).add(pk)
    mentors_of = {}
    for student_id, mentor_id in Match.objects.values_list("student_id", "mentor_id"):
        mentors_of.setdefault(student_id, set()).add(mentor_id)
    reviewers_of = {}
    for application_id, reviewer_id in Review.objects.values_list("application_id", "reviewer_id"):
        reviewers_of.setdefault(application_id, set()).add(reviewer_id)

    for student in User.objects.filter(role=Role.STUDENT, is_active=True):
        applications = list(Application.objects.filter(student=student).select_related("cohort"))
        staff = set()
        name_staff = set()
        for application in applications:
            university_staff = staff_by_partner.get(application.partner_id, set())
            staff |= university_staff
            # In a blind first review only those who reviewed it may see the name.
            if application.cohort.blind_first_review:
                name_staff |= university_staff & reviewers_of.get(application.pk, set())
            else:
                name_staff |= university_staff
        name = f"Zq{student.pk}namecanary"
        User.objects.filter(pk=student.pk).update(full_name=f"Ann {name}")
        world.canaries[name] = {student.pk} | coordinators | name_staff | mentors_of.get(student.pk, set())
        answer = f"Zq{student.pk}answercanary"
        Application.objects.filter(student=student).update(motivation=f"I care about devices. {answer}")
        world.canaries[answer] = {student.pk} | coordinators | staff
        replies = Answer.objects.filter(application__student=student, question__kind__in=TEXT_KINDS)
        for reply in replies.select_related("question", "application__cohort"):
            own = f"Zq{reply.pk}questioncanary"
            Answer.objects.filter(pk=reply.pk).update(value=f"My answer {own}")
            # An answer that could identify the student is hidden like the name in a blind pass.
            blind = reply.question.identifying and reply.application.cohort.blind_first_review
            world.canaries[own] = {student.pk} | coordinators | (name_staff if blind else staff)

    for review in Review.objects.select_related("application"):
        comment = f"Zq{review.pk}commentcanary"
        Review.objects.filter(pk=review.pk).update(comment=comment)
        world.canaries[comment] = coordinators | staff_by_partner.get(review.application.partner_id, set())

    for meeting in Meeting.objects.select_related("match"):
        notes = f"Zq{meeting.pk}notescanary"
        Meeting.objects.filter(pk=meeting.pk).update(notes=notes)
        world.canaries[notes] = {meeting.match.student_id, meeting.match.mentor_id}


def route_kwargs(world):
    """For each route with parameters, the tenant's object its URL names."""
    o = world.objects
    applicant, booking, match = o["applicant"], o["booking"], o["match"]
    app_pk, session_pk = {"pk": applicant.pk}, {"pk": booking.session_id}
    cohort_pk = {"pk": o["cohort"].pk}
    return {
        "invitation_revoke": {"pk": o["invitation"].pk},
        "invitation_accept": {"token": GARBAGE_TOKEN},
        "outbox:detail": {"pk": o["outbox"].pk},
        "outbox:html": {"pk": o["outbox"].pk},
        "outbox:resend": {"pk": o["outbox"].pk},
        "setup_partner_edit": {"pk": o["partner"].pk},
        "partner_mark": {"slug": o["partner"].slug},
        "setup_cohort_edit": cohort_pk,
        "setup_public_page": cohort_pk,
        "setup_pathway_edit": {"pk": o["pathway"].pk},
        "cohort_detail": {"slug": o["cohort"].slug},
        "pathway_detail": {"slug": o["pathway"].slug},
        "application_start": {"slug": o["cohort"].slug},
        "application_tasks": app_pk,
        "application_section": {"pk": applicant.pk, "section": "motivation"},
        "application_check": app_pk,
        "application_submit": app_pk,
        "application_withdraw": app_pk,
        "application_respond": app_pk,
        "application_cv": app_pk,
        "review_application": app_pk,
        "review_submit": app_pk,
        "review_conflict": app_pk,
        "decision_stage": app_pk,
        "decision_unstage": app_pk,
        "decision_release": cohort_pk,
        "setup_extensions": cohort_pk,
        "setup_questions": cohort_pk,
        "setup_question_edit": {"pk": o["cohort"].pk, "question_pk": o["question"].pk},
        "setup_question_retire": {"pk": o["cohort"].pk, "question_pk": o["question"].pk},
        "setup_question_move": {"pk": o["cohort"].pk, "question_pk": o["question"].pk},
        "setup_extension_revoke": {"pk": o["extension"].cohort_id, "extension_pk": o["extension"].pk},
        "sessions:detail": session_pk,
        "sessions:book": session_pk,
        "sessions:access_needs": session_pk,
        "sessions:cancel_booking": session_pk,
        "sessions:invite": session_pk,
        "sessions:feedback": session_pk,
        "sessions:feed": {"token": o["feed"].token},
        "sessions:release": {"token": release_token(booking)},
        "sessions:self_check_in": {"token": check_in_token(booking.session, now=timezone.now())},
        "sessions:manage_detail": session_pk,
        "sessions:edit": session_pk,
        "sessions:cancel": session_pk,
        "sessions:register": session_pk,
        "sessions:check_in_code": session_pk,
        "sessions:access_note": {"pk": booking.session_id, "booking_pk": booking.pk},
        "sessions:check_in": {"pk": booking.session_id, "booking_pk": booking.pk},
        "campaigns:confirm_interest": {"token": GARBAGE_TOKEN},
        "campaigns:unsubscribe": {"token": GARBAGE_TOKEN},
        "campaigns:ref": {"ref": o["recipient"].ref},
        "campaigns:share_link": {"slug": "warwick-careers-newsletter"},
        "campaigns:share_links": cohort_pk,
        **{f"campaigns:{name}": {"pk": o["campaign"].pk} for name in CAMPAIGN_PAGES},
        "campaigns:suppression_lift": {"pk": o["suppression"].pk},
        "campaigns:prospect_import_preview": {"pk": o["prospect_import"].pk},
        "campaigns:import_confirm": {"pk": o["prospect_import"].pk},
        "mentoring:excluded_person_remove": {"pk": world.people["student"].pk},
        **{f"mentoring:{name}": {"pk": match.pk} for name in MATCH_PAGES},
        "mentoring:goal_met": {"pk": match.pk, "goal_pk": o["goal"].pk},
        "mentoring:goal_remove": {"pk": match.pk, "goal_pk": o["goal"].pk},
        "mentoring:feedback": {"pk": o["match_feedback"].pk},
        "mentoring:cohort": {"slug": o["running"].slug},
        "mentoring:rule_add": {"slug": o["running"].slug},
        "mentoring:rule_remove": {"pk": o["rule"].pk},
        "mentoring:run_detail": {"pk": o["run"].pk},
        "mentoring:run_progress": {"pk": o["run"].pk},
        "mentoring:run_publish": {"pk": o["run"].pk},
        "mentoring:run_why_not": {"pk": o["run"].pk},
        "retention_schedule": {"cohort_pk": o["finished"].pk},
        "messaging:preview": {"pk": o["message"].pk},
        "messaging:send": {"pk": o["message"].pk},
        "equality:questionnaire": {"cohort_id": o["cohort"].pk},
        "equality:withdraw": {"cohort_id": o["cohort"].pk},
        "equality:report": {"cohort_id": o["finished"].pk},
        "impact:report": {"slug": o["finished"].slug},
        "impact:download": {"slug": o["finished"].slug},
        "impact:follow_up": {"token": follow_up_token(o["survey"])},
        "impact:withdraw": {"token": follow_up_token(o["survey"])},
        "impact:consent": {"cohort_pk": o["finished"].pk},
        "privacy:prospect_link": {"token": GARBAGE_TOKEN},
        "privacy:bundle": {"token": o["bundle"].token},
        "privacy:bundle_download": {"token": o["bundle"].token},
        "privacy:request_detail": {"pk": o["request"].pk},
        "privacy:request_export": {"pk": o["request"].pk},
        "privacy:request_erase": {"pk": o["request"].pk},
        "completion:cohort": {"pk": o["finished"].pk},
        "completion:criteria": {"pk": o["finished"].pk},
        "completion:check": {"pk": o["finished"].pk},
        "completion:email_list": {"pk": o["finished"].pk},
        "completion:assessment": {"pk": o["finished"].pk, "stage": "end"},
        "completion:certificate_pdf": {"pk": o["certificate"].pk},
        "completion:certificate_revoke": {"pk": o["certificate"].pk},
        "completion:verify": {"code": o["certificate"].code},
        "application_note_add": app_pk,
        "application_note_delete": {"pk": o["note"].application_id, "note_pk": o["note"].pk},
        "application_tag_add": app_pk,
        "application_tag_remove": app_pk,
        "assignment_reassign": {"pk": o["assignment"].pk},
        "assignment_remove": {"pk": o["assignment"].pk},
        "reviewer_profile": {"pk": world.people["staff"].pk},
        "interview_setup": cohort_pk,
        "interview_invite": cohort_pk,
        "interview_score": app_pk,
        "sessions:interview": {"cohort_pk": o["cohort"].pk},
        "sessions:interview_book": {"cohort_pk": o["cohort"].pk, "pk": o["interview_slot"].pk},
        "sessions:interview_cancel": {"cohort_pk": o["cohort"].pk},
        "sessions:interview_slots": {"cohort_pk": o["cohort"].pk},
        "sessions:interview_slots_news": {"cohort_pk": o["cohort"].pk},
        "mailbox:message": {"pk": o["outbox"].pk},
        "mailbox:html": {"pk": o["outbox"].pk},
    }


CAMPAIGN_PAGES = (
    "detail",
    "edit",
    "progress",
    "preview",
    "preview_html",
    "test_send",
    "send",
    "pause",
    "resume",
    "cancel",
)
MATCH_PAGES = ("match_detail", "match_decline", "match_end", "meeting_add", "goal_add", "goals_confirm")

# Routes whose object is shared by the whole cohort or is the reader's own by design (a session any
# participant may book, a cohort's questionnaire): a stranger's POST to them may rightly write.
SHARED = {
    "cohort_detail",
    "pathway_detail",
    "application_start",
    "sessions:detail",
    "sessions:book",
    "sessions:access_needs",
    "sessions:cancel_booking",
    "sessions:invite",
    "sessions:feedback",
    "sessions:self_check_in",
    "campaigns:confirm_interest",
    "campaigns:unsubscribe",
    "campaigns:ref",
    "campaigns:share_link",
    "invitation_accept",
    "equality:questionnaire",
    "equality:withdraw",
    "impact:consent",
    "completion:assessment",
    "completion:verify",
    "privacy:prospect_link",
    "mentoring:excluded_person_remove",
    *BEARER,
    *DEVELOPMENT_ONLY,
}


@functools.cache  # the same text for every call: built once, not for each of the fuzz's thousands
def _fingerprint_sql():
    parts = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        table = connection.ops.quote_name(meta.db_table)
        parts.append(f"SELECT '{meta.label}', COUNT(*) FROM {table}")
        for column in ("state", "status"):
            if any(f.column == column for f in meta.concrete_fields):
                parts.append(f"SELECT '{meta.label}:' || {column}, COUNT(*) FROM {table} GROUP BY {column}")
    return " UNION ALL ".join(parts)


def fingerprint():
    """Every table's row count and its rows per state, in one query: what a write would change."""
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return dict(cursor.fetchall())
