"""Personal data held by accounts: the person's own row, invitations to them, the access log, and
allauth's email addresses and MFA authenticators."""

from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.db.models import Q

from accounts.models import AccessEvent, Invitation, User
from ftl_portal.privacy import ERASE_DELETE, register


def _end_sessions(user):
    # Sessions store the user id inside the encoded data, so each is decoded to find theirs.
    # Deleted through the session engine, so a copy in Redis (ftl_portal/sessions.py) goes too.
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    for session in Session.objects.all():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store.delete(session.session_key)


def _anonymise_users(users):
    for user in users:
        _end_sessions(user)
        user.email = f"erased-{user.pk}@invalid"
        user.full_name = "Erased person"
        user.password = make_password(None)
        user.is_active = False
        user.save(update_fields=["email", "full_name", "password", "is_active"])


register(
    User,
    rows=lambda user: User.objects.filter(pk=user.pk),
    export=lambda u: {
        "email": u.email,
        "full_name": u.full_name,
        "role": u.get_role_display(),
        "joined": u.date_joined.isoformat(),
    },
    erase=_anonymise_users,
    why="Your account: how you sign in and what you may see. Kept without your name or address after erasure, "
    "so counts and audit trails stay whole.",
    label="Your account",
)
register(
    Invitation,
    rows=lambda user: Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_user=user)),
    export=lambda i: {
        "email": i.email,
        "role": i.get_role_display(),
        "sent": i.created_at.isoformat(),
        "status": i.status,
    },
    erase=ERASE_DELETE,
    why="The invitation a coordinator sent you to join the portal.",
    label="Invitations",
)
register(
    AccessEvent,
    rows=lambda user: AccessEvent.objects.filter(Q(subject=user) | Q(actor=user)),
    export=lambda e: {
        "what": e.what,
        "at": e.at.isoformat(),
        "opened_by_role": e.actor.get_role_display() if e.actor else "",
        "opened_by_university": str(e.actor.partner) if e.actor and e.actor.partner else "Medilink",
    },
    # The event keeps pointing at the anonymised account: the count of who looked stays, the identity goes.
    erase=lambda rows: rows.update(detail=""),
    why="Who opened your application, CV or data, kept so you and coordinators can see it. The event stays "
    "after erasure with the person removed.",
    label="Access log",
)
register(
    EmailAddress,
    rows=lambda user: EmailAddress.objects.filter(user=user),
    export=lambda a: {"email": a.email, "verified": a.verified, "primary": a.primary},
    erase=ERASE_DELETE,
    why="Your verified email addresses, used to sign in.",
    label="Email addresses",
)
register(
    Authenticator,
    rows=lambda user: Authenticator.objects.filter(user=user),
    export=lambda a: {"type": a.type, "created": a.created_at.isoformat()},
    erase=ERASE_DELETE,
    why="Your two-factor authentication methods (the secrets themselves are never exported).",
    label="Two-factor authentication",
)
