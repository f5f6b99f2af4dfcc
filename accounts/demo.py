"""Demo accounts, one per role. Idempotent; the password is printed by `make run`."""

from allauth.account.models import EmailAddress

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


def seed(partners):
    users = {}
    for email, name, role, partner_slug in ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=name,
                role=role,
                partner=partners[partner_slug] if partner_slug else None,
                is_demo=True,
            )
        elif user.is_staff or user.is_superuser:
            # Seeded before demo coordinators lost the admin: the portal's rules, not the admin, decide
            # what a coordinator sees, and the admin belongs to platform admins (README, "The Django admin").
            User.objects.filter(pk=user.pk).update(is_staff=False, is_superuser=False)
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        users[email] = user
    return users
