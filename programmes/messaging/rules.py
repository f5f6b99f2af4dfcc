"""Who may message the cohort: coordinators, who run it."""

import rules

from accounts.rules import is_coordinator

# Coordinators email participants by status: a session's booked, attended or no-shows, one
# university's confirmed participants, mentees with no meeting yet.
rules.add_perm("messaging.message_cohort", is_coordinator)
