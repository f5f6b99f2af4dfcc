"""Demo accounts, one per role. Idempotent; the password is printed by `make run`."""

import functools

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import get_hasher, make_password

from .models import Role, User

DEMO_PASSWORD = "ftl-demo-2026"

ACCOUNTS = [
    ("student@warwick.ac.uk", "Sam Student", Role.STUDENT, None),
    ("student@aru.ac.uk", "Asha Patel", Role.STUDENT, None),
    ("staff@warwick.ac.uk", "Wendy Reviewer", Role.STAFF, "warwick"),
    ("staff@aru.ac.uk", "Alan Reviewer", Role.STAFF, "aru"),
    ("coordinator@medilink.test", "Cora Coordinator", Role.COORDINATOR, None),
    ("mentor@medtech.test", "Mo Mentor", Role.MENTOR, None),
]


def demo_password_hash():
    """DEMO_PASSWORD hashed once per process (and password hasher) for every demo account. Hashing is
    deliberately slow, a third of a second each: a hash per account was 6 s of the 10 s a fresh
    `make run` spent seeding. The password is public, so a salt per account would protect nothing."""
    return _hashed_with(get_hasher().algorithm)


@functools.cache
def _hashed_with(algorithm):
    return make_password(DEMO_PASSWORD, hasher=algorithm)


def create_demo_user(email, **fields):
    user = User.objects.create_user(email=email, is_demo=True, **fields)
    user.password = demo_password_hash()
    user.save(update_fields=["password"])
    return user


def seed(partners):
    users = {}
    for email, name, role, partner_slug in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = create_demo_user(
                email, full_name=name, role=role, partner=partners[partner_slug] if partner_slug else None
            )
        elif user.is_staff or user.is_superuser:
            # Seeded before demo coordinators lost the admin: the portal's rules, not the admin, decide
            # what a coordinator sees, and the admin belongs to platform admins (README, "The Django admin").
            User.objects.filter(pk=user.pk).update(is_staff=False, is_superuser=False)
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        users[email] = user
    return users
