"""Who a person is, as `rules` predicates: every app's rules.py builds its permissions from these."""

import rules

from accounts.models import Role


@rules.predicate
def is_student(user):
    return user.is_authenticated and user.role == Role.STUDENT


@rules.predicate
def is_university_staff(user):
    return user.is_authenticated and user.role == Role.STAFF


@rules.predicate
def is_coordinator(user):
    return user.is_authenticated and user.role == Role.COORDINATOR


@rules.predicate
def is_mentor(user):
    return user.is_authenticated and user.role == Role.MENTOR


is_reviewer = is_university_staff | is_coordinator


# Coordinators invite university staff, mentors and other coordinators, and revoke invitations.
rules.add_perm("accounts.invite_people", is_coordinator)
