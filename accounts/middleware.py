from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.middleware import get_user
from django.shortcuts import redirect
from django.urls import reverse

from .models import ROLES_NEEDING_MFA

# Paths a person without MFA may still reach: setting MFA up (allauth asks for the password again
# first), signing out, assets and the public pages.
MFA_SETUP_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
    "/accounts/logout/",
    "/static/",
    "/mailbox/",
    "/privacy/",
)


def has_mfa(user):
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


# Once a session's user is found to have TOTP, the session remembers it (by user id), so the
# Authenticator query runs once per session rather than on every page. Removing an authenticator
# clears it (forget_mfa, connected in AccountsConfig.ready), so this session checks again.
MFA_CONFIRMED_SESSION_KEY = "ftl_mfa_confirmed_for"


def session_has_mfa(request):
    if request.session.get(MFA_CONFIRMED_SESSION_KEY) == request.user.pk:
        return True
    if has_mfa(request.user):
        request.session[MFA_CONFIRMED_SESSION_KEY] = request.user.pk
        return True
    return False


def forget_mfa(sender, request, **kwargs):
    """allauth's authenticator_removed: the next page checks the database again."""
    request.session.pop(MFA_CONFIRMED_SESSION_KEY, None)


class SignedInUserMiddleware:
    """request.user as the user itself, not Django's lazy proxy: the next middleware asks who it is on
    every request anyway, and each of the hundred-odd later reads through the proxy (the permissions,
    the selectors, the templates) cost 1.5 µs, 0.15 ms of a review queue page. The same object, cached
    on the request, that the proxy would have loaded: still one query, and none without a session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = get_user(request)
        return self.get_response(request)


class RequireMFAMiddleware:
    """Staff, coordinators and anyone with Django admin access set up two-factor authentication before
    they reach any page of theirs. Demo accounts may skip it while FTL_DEMO_MFA_OPTIONAL is on, which
    production never allows."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and (user.role in ROLES_NEEDING_MFA or user.is_staff or user.is_superuser)
            and not (user.is_demo and settings.FTL_DEMO_MFA_OPTIONAL)
            and not request.path.startswith(MFA_SETUP_PREFIXES)
            and not session_has_mfa(request)
        ):
            return redirect(f"{reverse('mfa_activate_totp')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
