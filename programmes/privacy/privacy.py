"""The privacy app's own records about a person: their requests and export bundles."""

from django.db import transaction
from django.db.models import Q

from ftl_portal.privacy import ERASE_KEEP, register
from programmes.privacy.models import DataRequest, ErasureRecord, ExportBundle


def _delete_bundles(bundles):
    for bundle in bundles.exclude(file=""):
        storage, name = bundle.file.storage, bundle.file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    bundles.delete()


register(
    DataRequest,
    rows=lambda user: DataRequest.objects.filter(Q(person=user) | Q(email__iexact=user.email)),
    export=lambda r: {"kind": r.get_kind_display(), "received": r.received_on.isoformat(), "status": r.status},
    erase=lambda rows: rows.update(email="", notes=""),
    why="Requests you made about your data; kept without your identity to show they were answered in time.",
    label="Your data requests",
    rows_for_email=lambda email: DataRequest.objects.filter(email__iexact=email),
)
register(
    ExportBundle,
    rows=lambda user: ExportBundle.objects.filter(Q(person=user) | Q(email__iexact=user.email)),
    export=lambda b: {"created": b.created_at.isoformat(), "status": b.status},
    erase=_delete_bundles,
    why="Copies of your data you downloaded; deleted with the file on erasure.",
    label="Data downloads",
    rows_for_email=lambda email: ExportBundle.objects.filter(email__iexact=email),
)
register(
    ErasureRecord,
    rows=lambda user: ErasureRecord.objects.filter(actor=user),
    export=lambda r: {"at": r.at.isoformat(), "reason": r.reason},
    erase=ERASE_KEEP,  # the record holds no identity; the actor is the anonymised account
    why="Erasures you carried out as a coordinator.",
    label="Erasures carried out",
)
