"""Who may see and change how long personal data is kept."""

import rules

from accounts.rules import is_coordinator

# Medilink's coordinators set the retention schedules and run them by hand.
rules.add_perm("retention.manage_retention", is_coordinator)
