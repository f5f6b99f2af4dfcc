"""Confirm before what cannot be undone: a bulk action that emails people first shows whom it
reaches (each person, the count of emails, one rendered example), and the confirming post carries
a fingerprint of that audience. The service recomputes the fingerprint under its lock: if the
audience changed since the preview nothing is sent and the page says so; if the action was done
already a second post finds nothing to do (and each email's outbox key stops a resend anyway).

Views build a Confirmation and render templates/includes/confirm_audience.html with it."""

import hashlib
from dataclasses import dataclass, field

from ftl_portal.errors import PortalError

FINGERPRINT_FIELD = "audience"


class AudienceChanged(PortalError):
    """The people an action would reach are not the ones the confirmation page showed."""


def fingerprint(items):
    """A short, order-free digest of the audience: any hashable, str()-able items (ids, or tuples
    of an id and what each person gets)."""
    joined = "\x1f".join(sorted(str(item) for item in items))
    return hashlib.sha256(joined.encode()).hexdigest()[:32]


def check_fingerprint(confirmed, items):
    """Refuse unless the posted fingerprint is the audience's now."""
    if not confirmed or confirmed != fingerprint(items):
        raise AudienceChanged(
            "The list changed since you opened this confirmation, so nothing was sent. "
            "Check the list below and confirm again."
        )


@dataclass
class RenderedEmail:
    to: str
    subject: str
    body: str


@dataclass
class Confirmation:
    """What a confirmation page shows. `columns` head the table; each row is a list of cells in
    that order. `emails` are rendered in full: the first is shown open, the others folded."""

    columns: list
    rows: list
    emails: list = field(default_factory=list)
    audience: str = ""
    email_count: int | None = None

    def __post_init__(self):
        if self.email_count is None:
            self.email_count = len(self.emails)

    @property
    def people_label(self):
        """ "1 person", "3 people": for the confirm button."""
        return f"{self.email_count} {'person' if self.email_count == 1 else 'people'}"

    @property
    def unlisted(self):
        """How many the table leaves out (a long audience is counted in full, listed in part)."""
        return max(self.email_count - len(self.rows), 0)

    @property
    def example(self):
        return self.emails[0] if self.emails else None

    @property
    def others(self):
        return self.emails[1:]
