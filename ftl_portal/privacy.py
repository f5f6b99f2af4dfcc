"""The register of personal data: every model that holds some says, in its own app's `privacy.py`,
how a person's rows are found, exported (right of access) and erased (erasure, retention).

The privacy app walks this register, so a new model cannot be forgotten: a test fails for any model
that points at a user, or holds an email address, and is not registered. The register knows no app;
each app's `privacy.py` is imported at start-up (autodiscovery), lowest layer first.

    from ftl_portal.privacy import register

    register(
        Booking,
        rows=lambda user: Booking.objects.filter(participant=user),
        export=lambda booking: {"session": booking.session.title, "status": booking.status},
        erase="delete",            # or "keep" (aggregate value, identity held elsewhere), or a callable
        why="Session bookings, attendance and waitlist places.",
    )
"""

from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import autodiscover_modules

ERASE_DELETE = "delete"
ERASE_KEEP = "keep"  # the rows hold no identity of their own once the user row is anonymised


@dataclass(frozen=True)
class Entry:
    model: Any
    rows: Any  # callable(user) -> queryset of that person's rows
    export: Any  # callable(row) -> JSON-serialisable dict
    erase: Any  # "delete", "keep", or callable(queryset of the person's rows) -> None
    why: str
    label: str
    rows_for_email: Any = None  # callable(email) -> queryset, for someone with no account (a prospect)

    @property
    def key(self):
        return self.model._meta.label


_REGISTER: dict[str, Entry] = {}


def register(model, *, rows, export, erase, why, label=None, rows_for_email=None):
    if not (erase in (ERASE_DELETE, ERASE_KEEP) or callable(erase)):
        raise ValueError(f"{model._meta.label}: erase must be 'delete', 'keep' or a callable")
    entry = Entry(model, rows, export, erase, why, label or str(model._meta.verbose_name_plural), rows_for_email)
    _REGISTER[entry.key] = entry
    return entry


def entries():
    """Every registered model, in registration order (lowest layer first)."""
    return list(_REGISTER.values())


def entry_for(model):
    return _REGISTER.get(model._meta.label)


def autodiscover():
    autodiscover_modules("privacy")
