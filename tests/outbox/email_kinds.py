"""Every kind of email the portal sends, each made by the code that sends it for real (the app's
emails.py, allauth's adapter, Django's mail API), so the test of their parts sees what a person
gets. KINDS maps a kind to a function that queues one; the test checks the list is complete."""

from datetime import timedelta

from allauth.account.adapter import get_adapter
from django.core.mail import send_mail
from django.utils import timezone

from accounts import emails as account_emails
from ftl_portal.outbox import services as outbox
from mentoring import emails as mentoring_emails
from mentoring.models import MatchFeedback, SurveyStage
from programmes.admissions import emails as admissions_emails
from programmes.admissions.emails import STATE_TEMPLATES
from programmes.admissions.models import InterviewInvitation
from programmes.admissions.services import deadline_reminders, interviews
from programmes.completion import emails as completion_emails
from programmes.events import emails as events_emails
from programmes.events.models import BookingStatus, SessionStatus
from programmes.events.services.interview_news import news_confirmation, tell_about_free_slots
from programmes.impact import emails as impact_emails
from programmes.impact.models import FollowUpSurvey
from programmes.messaging import emails as messaging_emails
from programmes.messaging.models import Audience, CohortMessage
from programmes.privacy.services import requests as privacy_requests
from programmes.recruitment import emails as recruitment_emails
from programmes.recruitment.services import campaigns as campaign_services
from programmes.retention import emails as retention_emails
from tests.factories import ApplicationFactory, CohortFactory, CoordinatorFactory, StudentFactory
from tests.factories_accounts import InvitationFactory
from tests.factories_campaigns import CampaignFactory, ProspectFactory
from tests.factories_interviews import InterviewSlotFactory, interviewing_cohort, invited
from tests.factories_mentoring import MatchFactory
from tests.factories_sessions import BookingFactory, OnlineSessionFactory

ALLAUTH_ACCOUNT = [
    "account_already_exists",
    "email_changed",
    "email_confirm",
    "email_confirmation_signup",
    "email_confirmation",
    "email_deleted",
    "login_code",
    "password_changed",
    "password_reset_code",
    "password_reset_key",
    "password_reset",
    "password_set",
    "unknown_account",
]
ALLAUTH_MFA = ["recovery_codes_generated", "totp_activated", "totp_deactivated", "webauthn_added", "webauthn_removed"]


def _allauth(prefix):
    def queue(site_url):
        user = StudentFactory()
        context = {
            "user": user,
            "code": "K7Q2-X9PM",
            "password_reset_url": f"{site_url}/accounts/password/reset/key/1-set-password/",
            "activate_url": f"{site_url}/accounts/confirm-email/",
            "signup_url": f"{site_url}/accounts/signup/",
            "from_email": "old@example.org",
            "to_email": user.email,
            "deleted_email": "old@example.org",
            "ip": "192.0.2.1",
            "user_agent": "Firefox",
            "timestamp": timezone.now(),
        }
        get_adapter().send_mail(prefix, user.email, context)

    return queue


def _state(state):
    def queue(site_url):
        admissions_emails.queue_state_email(application=ApplicationFactory(state=state), state=state)

    return queue


def _booking(status):
    def queue(site_url):
        booking = BookingFactory(status=status, seated_at=timezone.now())
        events_emails.queue_booking_email(booking)

    return queue


def _session_change(cancelled):
    def queue(site_url):
        booking = BookingFactory(status=BookingStatus.BOOKED, seated_at=timezone.now())
        if cancelled:
            booking.session.status = SessionStatus.CANCELLED
            booking.session.save()
        events_emails.queue_session_change_email(booking)

    return queue


def _reminder(site_url):
    booking = BookingFactory(session=OnlineSessionFactory(), status=BookingStatus.BOOKED, seated_at=timezone.now())
    now = booking.session.starts_at - timedelta(days=7)
    events_emails.queue_reminder_email(booking, offset=events_emails.RELEASE_OFFSET, now=now)
    events_emails.queue_reminder_email(booking, offset=events_emails.JOIN_LINK_OFFSET, now=now)


def _match_survey(site_url):
    match = MatchFactory()
    feedback = MatchFeedback.objects.create(match=match, respondent=match.student, stage=SurveyStage.DAY_30)
    mentoring_emails.queue_survey(feedback=feedback)


def _follow_up(site_url):
    survey = FollowUpSurvey.objects.create(
        participant=StudentFactory(), cohort=CohortFactory(), months=6, sent_at=timezone.now()
    )
    impact_emails.queue_follow_up_email(survey)


def _cohort_message(site_url):
    message = CohortMessage.objects.create(
        cohort=CohortFactory(), audience=Audience.UNIVERSITY, subject="Room change", body="We meet in room 2."
    )
    messaging_emails.queue_cohort_message(message, StudentFactory())


def _campaign(site_url):
    ProspectFactory()
    campaign_services.send_test(campaign=CampaignFactory(), user=CoordinatorFactory())


def _deadline_reminder(site_url):
    application = ApplicationFactory()
    deadline_reminders.queue_deadline_reminder(
        application, window="7d", key="deadline-reminder:kinds:7d", deadline=application.cohort.applications_close_at
    )


def _interview_slots_open(site_url):
    seat = interviewing_cohort()
    invited(seat)
    InterviewSlotFactory(cohort=seat.cohort)
    coordinator = CoordinatorFactory()
    confirmation, _ = news_confirmation(user=coordinator, cohort=seat.cohort)
    tell_about_free_slots(user=coordinator, cohort=seat.cohort, audience=confirmation.audience)


def _match_ended(site_url):
    # Sent from inside the erasure service, with this context and nothing else.
    match = MatchFactory()
    outbox.queue_templated_email(
        key=f"privacy:match-ended:{match.pk}",
        to=match.mentor.email,
        template="privacy/match_ended",
        context={"mentor": match.mentor, "cohort": match.cohort},
    )


def _confirm_interest(site_url):
    recruitment_emails.queue_confirmation(consent=ProspectFactory().consents.get())


KINDS = {
    **{f"account/email/{name}": _allauth(f"account/email/{name}") for name in ALLAUTH_ACCOUNT},
    **{f"mfa/email/{name}": _allauth(f"mfa/email/{name}") for name in ALLAUTH_MFA},
    "django mail API": lambda site_url: send_mail("Server notice", "A note from the portal.", None, ["a@example.org"]),
    "email/accounts/invitation": lambda site_url: account_emails.queue_invitation(
        invitation=InvitationFactory(), token="signed-token"
    ),
    **{f"email/{template}": _state(state) for state, template in STATE_TEMPLATES.items()},
    **{
        f"email/sessions/booking_{status}": _booking(status)
        for status in (BookingStatus.BOOKED, BookingStatus.WAITLISTED, BookingStatus.CANCELLED)
    },
    "email/sessions/booking_promoted": lambda site_url: events_emails.queue_promoted_email(
        BookingFactory(status=BookingStatus.BOOKED, seated_at=timezone.now())
    ),
    "email/sessions/session_updated": _session_change(False),
    "email/sessions/session_cancelled": _session_change(True),
    "email/sessions/reminder": _reminder,
    "email/sessions/feedback_request": lambda site_url: events_emails.queue_feedback_request(
        BookingFactory(status=BookingStatus.ATTENDED)
    ),
    "email/sessions/no_show": lambda site_url: events_emails.queue_no_show_email(
        BookingFactory(status=BookingStatus.NO_SHOW)
    ),
    "email/mentoring/introduction_student": lambda site_url: mentoring_emails.queue_introductions(match=MatchFactory()),
    "email/mentoring/declined": lambda site_url: mentoring_emails.queue_decline_notice(
        match=MatchFactory(), coordinator=CoordinatorFactory()
    ),
    "email/mentoring/survey": _match_survey,
    "email/mentoring/nudge": lambda site_url: mentoring_emails.queue_nudge(
        match=MatchFactory(), since=timezone.localdate(), days=21, have_met=False
    ),
    "email/messaging/message": _cohort_message,
    "email/completion/list": lambda site_url: completion_emails.queue_list_email(
        cohort=CohortFactory(), participant=StudentFactory(), batch="b1", subject="Certificates", body="Well done."
    ),
    "email/impact/follow_up": _follow_up,
    "email/retention/inactivity_warning": lambda site_url: retention_emails.queue_inactivity_warning(
        user=StudentFactory(), inactive_since=timezone.now() - timedelta(days=700), now=timezone.now(), grace_days=30
    ),
    "email/privacy/prospect_link": lambda site_url: privacy_requests.email_prospect_link(email=ProspectFactory().email),
    "email/privacy/match_ended": _match_ended,
    "email/campaigns/confirm_interest": _confirm_interest,
    "email/campaigns/message": _campaign,
    "email/applications/deadline_reminder": _deadline_reminder,
    "email/applications/interview_slots_open": _interview_slots_open,
    "email/applications/interview_invitation": lambda site_url: interviews.queue_invitation_email(
        InterviewInvitation.objects.create(application=ApplicationFactory(state="submitted"))
    ),
}
# Templates one function above sends along with another's: both sides of an introduction.
SENT_TOGETHER = {"email/mentoring/introduction_mentor": "email/mentoring/introduction_student"}
