"""Right of access: a zip of everything the register holds about a person, built by the worker,
stored privately and downloadable until it expires. Reviewers' names are never in it."""

import io
import json
import zipfile
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from accounts.models import AccessEvent
from accounts.services import record_access
from ftl_portal import privacy
from ftl_portal.errors import PortalError
from ftl_portal.outbox.models import OutboxMessage
from programmes.admissions.models import Application
from programmes.privacy.models import BundleStatus, ExportBundle

BUNDLE_LIFETIME = timedelta(days=7)


class ExportRefused(PortalError):
    """A download that is no longer, or never was, available."""


def request_export(*, requested_by, person=None, email="", request=None, now=None):
    """Queue a bundle for a person (an account) or an address (a prospect); the worker builds it."""
    from programmes.privacy import tasks  # tasks import the services: imported here to break the cycle

    now = now or timezone.now()
    if person and not request:
        # A second click (or a double submit) while the first copy is being built gets that copy.
        building = ExportBundle.objects.filter(
            person=person, request=None, status__in=[BundleStatus.QUEUED, BundleStatus.BUILDING]
        ).first()
        if building:
            return building
    bundle = ExportBundle.objects.create(
        person=person,
        email="" if person else email.strip().lower(),
        requested_by=requested_by,
        request=request,
        created_at=now,
        expires_at=now + BUNDLE_LIFETIME,
    )
    transaction.on_commit(lambda: tasks.build_export.delay(bundle.pk))
    return bundle


def _rows(entry, bundle):
    if bundle.person:
        return entry.rows(bundle.person)
    return entry.rows_for_email(bundle.email) if entry.rows_for_email else None


def _access_log(person):
    if not person:
        return []
    events = AccessEvent.objects.filter(subject=person).exclude(actor=person).select_related("actor__partner")
    # The role and university of whoever looked, not their name: enough to know who the data went to.
    return [
        {
            "what": e.what,
            "at": timezone.localtime(e.at).isoformat(),
            "role": e.actor.get_role_display() if e.actor else "Former member of staff",
            "organisation": str(e.actor.partner) if e.actor and e.actor.partner else "Medilink",
        }
        for e in events
    ]


def _eml(message):
    return (
        f"From: {message.from_email}\nTo: {message.to}\nSubject: {message.subject}\n"
        f"Date: {timezone.localtime(message.created_at):%a, %d %b %Y %H:%M:%S %z}\n"
        f"Content-Type: text/plain; charset=utf-8\n\n{message.body_text}"
    )


def _progress(bundle, value, **fields):
    bundle.progress = value
    for name, field_value in fields.items():
        setattr(bundle, name, field_value)
    bundle.save(update_fields=["progress", *fields])


def build_bundle(*, bundle_id):
    bundle = ExportBundle.objects.select_related("person").get(pk=bundle_id)
    if bundle.status == BundleStatus.READY:
        return bundle
    _progress(bundle, 5, status=BundleStatus.BUILDING)
    entries = privacy.entries()
    sections, data, files = [], {}, {}
    for done, entry in enumerate(entries, start=1):
        rows = _rows(entry, bundle)
        if rows is not None:
            exported = [entry.export(row) for row in rows]
            if exported:
                data[entry.key] = exported
                sections.append({"label": entry.label, "why": entry.why, "rows": exported})
            if entry.model is OutboxMessage:
                files.update({f"emails/{m.pk}-{m.created_at:%Y%m%d}.eml": _eml(m) for m in rows})
            if entry.model is Application:
                files.update({f"cv/{a.cohort.slug}.pdf": a.cv for a in rows.exclude(cv="")})
        _progress(bundle, 5 + 85 * done // len(entries))
    data["access_log"] = _access_log(bundle.person)
    index = render_to_string(
        "privacy/export/index.html",
        {"bundle": bundle, "sections": sections, "access_log": data["access_log"], "files": sorted(files)},
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", index)
        archive.writestr("data.json", json.dumps(data, indent=2, cls=DjangoJSONEncoder, ensure_ascii=False))
        for name, content in files.items():
            if isinstance(content, str):
                archive.writestr(name, content)
            else:
                with content.open("rb") as cv:
                    archive.writestr(name, cv.read())
    bundle.file.save("export.zip", ContentFile(buffer.getvalue()), save=False)
    _progress(bundle, 100, status=BundleStatus.READY, file=bundle.file)
    return bundle


def download_bundle(*, bundle, actor, now=None):
    """Open the zip for download and log it; an expired or unfinished bundle is refused."""
    if bundle.status != BundleStatus.READY or not bundle.file:
        raise ExportRefused("This download is not ready yet.")
    if bundle.is_expired(now):
        raise ExportRefused("This download link has expired. Please ask for a new copy of your data.")
    record_access(
        actor=actor if actor and actor.is_authenticated else None,
        what="export",
        subject=bundle.person,
        detail=f"export {bundle.pk}" + ("" if bundle.person else " (mailing-list record)"),
    )
    return bundle.file.open("rb")


def purge_expired(*, now=None):
    """Delete the zip of every bundle past its expiry: a copy nobody can download is not kept."""
    expired = ExportBundle.objects.filter(expires_at__lte=now or timezone.now()).exclude(file="")
    for bundle in expired:
        bundle.file.delete(save=False)
    return expired.update(file="")
