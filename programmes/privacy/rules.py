import rules

from accounts.rules import is_coordinator

# Coordinators log requests that arrive by email or post, prepare copies and erase on request.
rules.add_perm("privacy.manage_requests", is_coordinator)
# Coordinators see who opened whose application, CV or data.
rules.add_perm("privacy.read_access_log", is_coordinator)
# Everyone with an account may download their data and delete their account.
rules.add_perm("privacy.use_own_data_rights", rules.is_authenticated)
