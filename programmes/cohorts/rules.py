"""Who may do what with partners, pathways and cohorts: asked by views, services and templates."""

import rules

from accounts.rules import is_coordinator

# Partners, cohorts, quotas, rubrics and pathways are Medilink's to set up.
rules.add_perm("cohorts.set_up_programme", is_coordinator)
