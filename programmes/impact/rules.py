"""Who may read the impact report: coordinators (every university), university staff (their own,
scoped in impact.selectors), and who may answer follow-up: a participant with a certificate."""

import rules

from accounts.rules import is_coordinator, is_student, is_university_staff

rules.add_perm("impact.read_report", is_coordinator | is_university_staff)
# A student gives or withdraws consent to follow-up on their own dashboard (services check the certificate).
rules.add_perm("impact.manage_follow_up_consent", is_student)
