"""Which dashboard a person lands on, and what it shows. Each role's context comes from selectors
that take the user."""

from .models import Role

TEMPLATES = {
    Role.STUDENT: "accounts/dashboard_student.html",
    Role.STAFF: "accounts/dashboard_staff.html",
    Role.COORDINATOR: "accounts/dashboard_coordinator.html",
    Role.MENTOR: "accounts/dashboard_mentor.html",
}


def for_user(user):
    return TEMPLATES[user.role], {}
