"""CSV import of prospects in two steps: parse into a preview that lists each row's problems, then
import the good rows in one transaction when the coordinator confirms. A bad file stops at the
first step with a clear message; nothing reaches Prospect before the confirmation."""

import csv
import io
import re
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ftl_portal.errors import PortalError
from programmes.cohorts.models import LevelOfStudy, Partner, Pathway
from programmes.recruitment.models import (
    ConsentRecord,
    ImportStatus,
    Prospect,
    ProspectImport,
    ProspectSource,
    Suppression,
)

REQUIRED_COLUMNS = ["email", "consent_source"]
OPTIONAL_COLUMNS = ["first_name", "last_name", "university", "level_of_study", "pathways", "consent_date"]
MAX_BYTES = 10 * 1024 * 1024
EMAIL = re.compile(r"^[^@\s,;<>\"']+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
IMPORT_WORDING = "Consent collected outside the portal and evidenced by: {source}"


class ImportFileError(PortalError):
    """The file as a whole cannot be read; the message says why and what to do."""


def decode(raw):
    """Text of an uploaded file, and a notice when it was not UTF-8. A UTF-8 byte-order mark (as
    Excel writes) is dropped; Windows-1252/Latin-1 files are read as such and say so."""
    if b"\x00" in raw:  # anywhere, not only at the start: PostgreSQL text cannot hold it
        raise ImportFileError(
            "This does not look like a CSV text file (it contains binary data). "
            "In your spreadsheet choose Save As → “CSV UTF-8 (comma delimited)”."
        )
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        pass
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return text, (
        "The file was not UTF-8, so it was read as Windows-1252 (Latin-1). "
        "Check that names with accents look right before you confirm."
    )


def _lookup(model, *fields):
    table = {}
    for obj in model.objects.all():
        for field in fields:
            value = getattr(obj, field)
            if value:
                table[str(value).strip().lower()] = obj.pk
    return table


def _existing(emails, model):
    found = set()
    for start in range(0, len(emails), 2000):
        found.update(model.objects.filter(email__in=emails[start : start + 2000]).values_list("email", flat=True))
    return found


def _parse_date(value):
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return timezone.make_aware(datetime.strptime(value, pattern)).isoformat()
        except ValueError:
            continue
    return None


def _header(reader):
    header = next(reader, None)
    if not header:
        raise ImportFileError("The file is empty. The first line must name the columns.")
    columns = [cell.strip().lower().replace(" ", "_") for cell in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ImportFileError(
            f"The file has no {', '.join(missing)} column. Found columns: {', '.join(columns) or 'none'}. "
            f"Required: {', '.join(REQUIRED_COLUMNS)}; optional: {', '.join(OPTIONAL_COLUMNS)}."
        )
    return columns


def parse(raw):
    """(rows, problems, notice) of a CSV file's bytes. Raises ImportFileError for a bad file."""
    if len(raw) > MAX_BYTES:
        raise ImportFileError("The file is larger than 10 MB. Split it into smaller files.")
    text, notice = decode(raw)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = _header(reader)
        records = [(number, dict(zip(columns, row, strict=False))) for number, row in enumerate(reader, start=2)]
    except csv.Error as exc:
        raise ImportFileError(f"The file is not valid CSV near line {reader.line_num}: {exc}.") from exc
    ignored = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if ignored:
        notice = " ".join([notice, f"Columns ignored: {', '.join(ignored)}."]).strip()

    partners = _lookup(Partner, "slug", "name", "short_name")
    pathways = _lookup(Pathway, "slug", "name")
    levels = {code: code for code, _ in LevelOfStudy.choices} | {
        label.lower(): code for code, label in LevelOfStudy.choices
    }
    emails = [(values.get("email") or "").strip().lower() for _, values in records]
    existing = _existing(emails, Prospect)
    suppressed = _existing(emails, Suppression)

    rows, problems, seen = [], [], set()
    for (number, values), email in zip(records, emails, strict=True):
        if not any((v or "").strip() for v in values.values()):
            continue
        issues, row = [], {"email": email}
        if not EMAIL.match(email) or len(email) > 254:
            issues.append("bad email address")
        elif email in seen:
            issues.append("duplicate in this file")
        elif email in existing:
            issues.append("already a prospect")
        elif email in suppressed:
            issues.append("unsubscribed or suppressed: never imported")
        seen.add(email)
        row["consent_source"] = (values.get("consent_source") or "").strip()[:255]
        if not row["consent_source"]:
            issues.append("missing consent source")
        university = (values.get("university") or "").strip()
        row["partner"] = partners.get(university.lower()) if university else None
        if university and row["partner"] is None:
            issues.append(f"unknown university “{university[:60]}”")
        level = (values.get("level_of_study") or "").strip()
        row["level"] = levels.get(level.lower(), "") if level else ""
        if level and not row["level"]:
            issues.append(f"unknown level of study “{level[:60]}”")
        names = [n.strip() for n in (values.get("pathways") or "").split(";") if n.strip()]
        row["pathways"] = [pathways[n.lower()] for n in names if n.lower() in pathways]
        if len(row["pathways"]) != len(names):
            issues.append("unknown pathway")
        consent_date = (values.get("consent_date") or "").strip()
        row["consent_date"] = _parse_date(consent_date) if consent_date else None
        if consent_date and row["consent_date"] is None:
            issues.append("consent date is not YYYY-MM-DD")
        row["first_name"] = (values.get("first_name") or "").strip()[:100]
        row["last_name"] = (values.get("last_name") or "").strip()[:100]
        if issues:
            problems.append({"line": number, "email": email[:120], "problems": issues})
        else:
            rows.append(row)
    if not rows and not problems:
        raise ImportFileError("The file has a header but no rows.")
    return rows, problems, notice


def preview_import(*, user, upload):
    rows, problems, notice = parse(upload.read(MAX_BYTES + 1))
    return ProspectImport.objects.create(
        filename=upload.name[:255], rows=rows, problems=problems, notice=notice, created_by=user
    )


def confirm_import(*, prospect_import):
    """Import the previewed rows, all or nothing. Anyone who became a prospect (or was suppressed)
    since the preview is skipped, so confirming twice or racing a sign-up never duplicates."""
    now = timezone.now()
    with transaction.atomic():
        locked = ProspectImport.objects.select_for_update().get(pk=prospect_import.pk)
        if locked.status != ImportStatus.PREVIEW:
            raise ValidationError("This import has already been confirmed or discarded.")
        emails = [row["email"] for row in locked.rows]
        taken = _existing(emails, Prospect) | _existing(emails, Suppression)
        rows = [row for row in locked.rows if row["email"] not in taken]
        prospects = Prospect.objects.bulk_create(
            [
                Prospect(
                    email=row["email"],
                    first_name=row["first_name"],
                    last_name=row["last_name"],
                    partner_id=row["partner"],
                    level_of_study=row["level"],
                    source=ProspectSource.IMPORT,
                    confirmed_at=now,
                    created_at=now,
                )
                for row in rows
            ],
            batch_size=1000,
        )
        ConsentRecord.objects.bulk_create(
            [
                ConsentRecord(
                    prospect_id=prospect.pk,
                    wording=IMPORT_WORDING.format(source=row["consent_source"]),
                    source=f"Import: {row['consent_source']}"[:255],
                    given_at=datetime.fromisoformat(row["consent_date"]) if row["consent_date"] else now,
                    confirmed_at=now,
                )
                for prospect, row in zip(prospects, rows, strict=True)
            ],
            batch_size=1000,
        )
        Through = Prospect.pathways.through
        Through.objects.bulk_create(
            [
                Through(prospect_id=prospect.pk, pathway_id=pathway_id)
                for prospect, row in zip(prospects, rows, strict=True)
                for pathway_id in row["pathways"]
            ],
            batch_size=2000,
        )
        ProspectImport.objects.filter(pk=locked.pk).update(status=ImportStatus.IMPORTED, imported_count=len(rows))
    return len(rows)


def discard_import(*, prospect_import):
    return ProspectImport.objects.filter(pk=prospect_import.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.DISCARDED, rows=[]
    )
