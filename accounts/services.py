"""Writes for accounts: invitations and their acceptance."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from ftl_portal.errors import PortalError

from . import emails
from .models import AccessEvent, Invitation, Role, User

INVITATION_SALT = "ftl.invitation"
INVITATION_VALID_DAYS = 7


class InvitationError(PortalError):
    """An invitation link that cannot be used; the message is shown to the person."""


def invitation_token(invitation):
    return signing.dumps({"id": invitation.pk, "nonce": invitation.nonce}, salt=INVITATION_SALT)


@transaction.atomic
def invite(*, email, role, invited_by, full_name="", partner=None, valid_days=INVITATION_VALID_DAYS):
    email = email.strip().lower()
    if role == Role.STUDENT:
        raise ValueError("Students sign themselves up; they are not invited.")
    if role == Role.STAFF and partner is None:
        raise ValueError("University staff belong to a partner university.")
    # Only the newest link for an address works: re-inviting withdraws the earlier ones.
    Invitation.objects.filter(email=email, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    invitation = Invitation.objects.create(
        email=email,
        full_name=full_name,
        role=role,
        partner=partner if role == Role.STAFF else None,
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=valid_days),
    )
    emails.queue_invitation(invitation=invitation, token=invitation_token(invitation))
    return invitation


def invitation_from_token(token):
    """The invitation a link names, or InvitationError saying plainly why it cannot be used."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
        invitation = Invitation.objects.get(pk=data["id"], nonce=data["nonce"])
    except (signing.BadSignature, KeyError, TypeError, Invitation.DoesNotExist) as exc:
        raise InvitationError("This invitation link is not valid. Check that you copied the whole link.") from exc
    if invitation.accepted_at:
        raise InvitationError("This invitation has already been used. Sign in with the account it created.")
    if invitation.revoked_at:
        raise InvitationError(
            "This invitation was withdrawn. "
            f"Ask the programme coordinators at {settings.FTL_CONTACT_EMAIL} for a new one."
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            "This invitation has expired. "
            f"Ask the programme coordinators at {settings.FTL_CONTACT_EMAIL} to send a new one."
        )
    return invitation


def accept_invitation(*, token, full_name, password):
    """Create the invited person's account with a verified email. Works once: the row is locked and
    re-checked inside the transaction, so two clicks make one account."""
    with transaction.atomic():
        invitation = invitation_from_token(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise InvitationError("This invitation has already been used. Sign in with the account it created.")
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationError("An account with this email address exists already. Sign in instead.")
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            full_name=full_name.strip(),
            role=invitation.role,
            partner=invitation.partner,
        )
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        invitation.accepted_at = timezone.now()
        invitation.accepted_user = user
        invitation.save(update_fields=["accepted_at", "accepted_user"])
    return user


def revoke_invitation(*, invitation):
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(revoked_at=timezone.now())


def record_access(*, actor, what, subject=None, detail=""):
    """Log that `actor` opened `what` (about `subject`, if it is about one person)."""
    return AccessEvent.objects.create(actor=actor, subject=subject, what=what, detail=detail[:200])
