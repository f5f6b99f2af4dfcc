"""Who may do what with recruitment campaigns, prospects and suppressions."""

import rules

from accounts.rules import is_coordinator, is_student

# Campaigns, their audiences and sends, the prospect list and the suppression list are Medilink's.
rules.add_perm("recruitment.run_campaigns", is_coordinator)
# A student chooses whether recruitment emails may reach them.
rules.add_perm("recruitment.choose_email_preferences", is_student)
