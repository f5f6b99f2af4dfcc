import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.timezone import localtime

from programmes.recruitment.models import ConsentRecord, Prospect, ProspectImport, Suppression
from programmes.recruitment.services import prospect_import
from tests.factories import CoordinatorFactory, PartnerFactory, PathwayFactory
from tests.factories_campaigns import ProspectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client):
    client.force_login(CoordinatorFactory())
    return client


def upload(client, content, name="people.csv"):
    return client.post(
        reverse("campaigns:prospect_import"), {"file": SimpleUploadedFile(name, content, "text/csv")}, follow=True
    )


def test_preview_lists_each_rows_problems_and_imports_nothing_until_confirmed(coordinator_client):
    partner = PartnerFactory(slug="warwick", name="University of Warwick")
    pathway = PathwayFactory(slug="regulatory", name="Regulatory affairs")
    ProspectFactory(email="known@example.org")
    Suppression.objects.create(email="gone@example.org", reason="unsubscribed")
    content = (
        b"Email,First Name,consent_source,university,level_of_study,pathways,consent_date\n"
        b"ok@example.org,Ok,Warwick fair 2026,warwick,ug,Regulatory affairs,2026-10-01\n"
        b"not-an-email,Bad,Fair,,,,\n"
        b"ok@example.org,Again,Fair,,,,\n"
        b"known@example.org,Known,Fair,,,,\n"
        b"gone@example.org,Gone,Fair,,,,\n"
        b"nosource@example.org,No,,,,,\n"
        b"\n"
    )
    page = upload(coordinator_client, content).content.decode()
    assert "<strong>1</strong> row ready to import" in page
    for problem in (
        "bad email address",
        "duplicate in this file",
        "already a prospect",
        "unsubscribed or suppressed",
        "missing consent source",
    ):
        assert problem in page
    assert Prospect.objects.count() == 1

    preview = ProspectImport.objects.get()
    response = coordinator_client.post(reverse("campaigns:import_confirm", args=[preview.pk]), follow=True)
    assert "1 prospects imported" in response.content.decode()
    imported = Prospect.objects.get(email="ok@example.org")
    assert imported.partner == partner and list(imported.pathways.all()) == [pathway]
    consent = ConsentRecord.objects.get(prospect=imported)
    assert consent.source == "Import: Warwick fair 2026"
    assert localtime(consent.given_at).date().isoformat() == "2026-10-01"
    again = coordinator_client.post(reverse("campaigns:import_confirm", args=[preview.pk]), follow=True)
    assert "already been confirmed" in again.content.decode()
    assert Prospect.objects.count() == 2


def test_wrong_columns_get_a_clear_message(coordinator_client):
    page = upload(coordinator_client, b"name,mail\nAda,ada@example.org\n").content.decode()
    assert "The file has no email, consent_source column" in page
    assert "Found columns: name, mail" in page
    assert not ProspectImport.objects.exists()


def test_binary_and_empty_files_are_refused(coordinator_client):
    assert "binary data" in upload(coordinator_client, b"PK\x03\x04\x00\x00junk").content.decode()
    assert (
        "The file is empty" in upload(coordinator_client, b"").content.decode() or ProspectImport.objects.count() == 0
    )
    assert "no rows" in upload(coordinator_client, b"email,consent_source\n").content.decode()


def test_utf8_bom_and_latin1_are_decoded(coordinator_client):
    bom = "\ufeffemail,first_name,consent_source\nzoe@example.org,Zoë,Fair\n".encode()
    assert "<strong>1</strong> row ready" in upload(coordinator_client, bom).content.decode()
    assert ProspectImport.objects.last().rows[0]["first_name"] == "Zoë"
    latin = "email,first_name,consent_source\nrene@example.org,René,Salon étudiant\n".encode("latin-1")
    page = upload(coordinator_client, latin).content.decode()
    assert "was not UTF-8" in page
    assert ProspectImport.objects.order_by("-pk").first().rows[0]["first_name"] == "René"


def test_a_failing_confirm_leaves_nothing_half_imported(coordinator_client, monkeypatch):
    rows = "".join(f"p{i}@example.org,Fair\n" for i in range(50))
    upload(coordinator_client, ("email,consent_source\n" + rows).encode())
    preview = ProspectImport.objects.get()

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(ConsentRecord.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        prospect_import.confirm_import(prospect_import=preview)
    assert Prospect.objects.count() == 0
    assert ProspectImport.objects.get().status == "preview"


def test_fifty_thousand_rows_preview_and_import(coordinator_client, django_assert_max_num_queries):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["email", "first_name", "consent_source"])
    writer.writerows([f"person{i}@example.org", f"P{i}", "Open day"] for i in range(50_000))
    rows, problems, _ = prospect_import.parse(buffer.getvalue().encode())
    assert len(rows) == 50_000 and problems == []
    preview = ProspectImport.objects.create(filename="big.csv", rows=rows)
    with django_assert_max_num_queries(1000):  # batched: one query per row would be 100,000+
        assert prospect_import.confirm_import(prospect_import=preview) == 50_000
    assert Prospect.objects.count() == 50_000 and ConsentRecord.objects.count() == 50_000


def test_export_neutralises_formula_injection(coordinator_client):
    ProspectFactory(email="x@example.org", first_name="=cmd|' /C calc'!A0", last_name="+SUM(1)")
    ProspectFactory(email="y@example.org", first_name="@HYPERLINK", last_name="-2")
    response = coordinator_client.get(reverse("campaigns:prospect_export"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells and "'+SUM(1)" in cells and "'@HYPERLINK" in cells and "'-2" in cells
    assert not any(cell[:1] in "=+-@" for cell in cells if cell)


def test_a_formula_in_an_imported_cell_is_kept_as_text_and_exported_safely(coordinator_client):
    upload(coordinator_client, b"email,first_name,consent_source\nf@example.org,=1+2,Fair\n")
    coordinator_client.post(reverse("campaigns:import_confirm", args=[ProspectImport.objects.get().pk]))
    exported = coordinator_client.get(reverse("campaigns:prospect_export")).content.decode()
    assert "'=1+2" in exported


def test_prospect_list_query_count_is_flat(coordinator_client, django_assert_num_queries):
    ProspectFactory()
    url = reverse("campaigns:prospects")
    coordinator_client.get(url)
    with django_assert_num_queries(4) as one:
        coordinator_client.get(url)
    ProspectFactory.create_batch(49)
    with django_assert_num_queries(len(one.captured_queries)):
        coordinator_client.get(url)
