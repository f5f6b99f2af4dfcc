"""Personal data held by retention: only the inactivity warnings (whom, and when) point at a person.
The schedules and the run log hold periods and counts, no identity, so they are not registered."""

from ftl_portal.privacy import ERASE_DELETE, register
from programmes.retention.models import InactivityWarning

register(
    InactivityWarning,
    rows=lambda user: InactivityWarning.objects.filter(user=user),
    export=lambda warning: {
        "inactive_since": warning.inactive_since.isoformat(),
        "warned_at": warning.warned_at.isoformat(),
    },
    erase=ERASE_DELETE,
    why="When we warned you that your unused account would be deleted.",
)
