"""Who may answer the equality questionnaire and who may read its aggregate reports."""

import rules

from accounts.rules import is_coordinator, is_student

# A student answers (or changes, or withdraws) their own optional questionnaire.
rules.add_perm("equality.answer_questionnaire", is_student)
# Only Medilink coordinators read the reports, and only as rounded, suppressed totals.
rules.add_perm("equality.read_reports", is_coordinator)
