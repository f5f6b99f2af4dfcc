"""Who may do what with completion: a participant follows their own progress, answers the
self-assessment and downloads their certificate; coordinators set criteria, watch progress and
issue or revoke certificates."""

import rules

from accounts.rules import is_coordinator, is_student

rules.add_perm("completion.track_own_progress", is_student)
rules.add_perm("completion.manage_completion", is_coordinator)
