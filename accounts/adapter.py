from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.core.exceptions import ValidationError
from django.urls import reverse

from ftl_portal.outbox import services as outbox

from .models import Role


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is for students only; every allauth email goes through the outbox."""

    def is_open_for_signup(self, request):
        return True

    def save_user(self, request, user, form, commit=True):
        user.role = Role.STUDENT
        user.partner = None
        return super().save_user(request, user, form, commit=commit)

    def _get_login_attempts_cache_key(self, request, **credentials):
        """The "key" of ACCOUNT_RATE_LIMITS["login_failed"] is the account AND the client's address, so a
        stranger's wrong passwords throttle the stranger, never the owner signing in from elsewhere."""
        account = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{account}:{self.get_client_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        """Too many failures answer 429 with its page (templates/429.html), not the sign-in form again."""
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            raise ImmediateHttpResponse(respond_429(request)) from error

    def get_login_redirect_url(self, request):
        return reverse("dashboard")

    def send_mail(self, template_prefix, email, context):
        context = {**context, "email": email}
        message = self.render_mail(template_prefix, email, context)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []) or []:
            if mimetype == "text/html":
                html = content
        # A code or link makes the content unique; notices without one repeat at most hourly.
        outbox.queue_email(
            key=outbox.content_key(
                f"account:{template_prefix.rsplit('/', 1)[-1]}", email, message.subject, message.body
            ),
            to=email,
            subject=message.subject,
            body=message.body,
            html=html,
            from_email=message.from_email,
            source="account",
        )
