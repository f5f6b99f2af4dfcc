"""The audience side: register interest (public), one-click unsubscribe (public), campaign apply
links, a student's email preferences, and the coordinators' prospect list, import and export."""

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import permission_required
from ftl_portal.spreadsheets import spreadsheet_safe
from programmes.admissions.models.applications import CAMPAIGN_REF_SESSION_KEY
from programmes.recruitment import emails as campaign_emails
from programmes.recruitment import selectors as selectors
from programmes.recruitment.forms import EmailPreferencesForm, ProspectImportForm, RegisterInterestForm
from programmes.recruitment.models import ImportStatus
from programmes.recruitment.services import prospect_import, prospects


def register_interest(request):
    form = RegisterInterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        prospects.register_interest(
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            partner=data["partner"],
            level_of_study=data["level_of_study"],
            pathways=data["pathways"],
        )
        return redirect("campaigns:register_interest_sent")
    return render(request, "recruitment/register_interest.html", {"form": form})


def register_interest_sent(request):
    return render(request, "recruitment/register_interest_sent.html")


@require_http_methods(["GET", "POST"])
def confirm_interest(request, token):
    """GET shows a button and POST confirms, so a mail scanner opening the link confirms nothing."""
    if request.method == "GET":
        valid = campaign_emails.read_confirm_token(token, prospects.CONFIRM_MAX_AGE) is not None
        return render(request, "recruitment/confirm_interest.html", {"valid": valid}, status=200 if valid else 400)
    prospect = prospects.confirm_interest(token=token)
    if prospect is None:
        return render(request, "recruitment/confirm_interest.html", {"valid": False}, status=400)
    return render(request, "recruitment/confirm_interest.html", {"valid": True, "confirmed": prospect})


@csrf_exempt  # RFC 8058: the mail client's one-click POST carries no cookie and no CSRF token.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    data = campaign_emails.read_unsubscribe_token(token)
    if data is None:
        return render(request, "recruitment/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        prospects.unsubscribe(token=token)
        return render(request, "recruitment/unsubscribe_done.html", {"email": data["e"]})
    return render(request, "recruitment/unsubscribe_confirm.html", {"email": data["e"], "token": token})


def campaign_ref(request, ref):
    """A campaign's personal apply link: remember the ref for the application, go to the cohort."""
    recipient = selectors.recipient_by_ref(ref)
    if recipient is None:
        return render(request, "recruitment/ref_invalid.html", status=404)
    request.session[CAMPAIGN_REF_SESSION_KEY] = recipient.ref
    return redirect("cohort_detail", slug=recipient.campaign.cohort.slug)


@permission_required("recruitment.choose_email_preferences")
def email_preferences(request):
    data = request.POST if request.method == "POST" else None  # an unticked box posts nothing
    form = EmailPreferencesForm(data, initial={"marketing": prospects.marketing_consent_of(request.user)})
    if request.method == "POST" and form.is_valid():
        prospects.set_marketing_consent(user=request.user, consent=form.cleaned_data["marketing"])
        messages.success(request, "Your email preferences are saved.")
        return redirect("campaigns:email_preferences")
    return render(request, "recruitment/email_preferences.html", {"form": form})


@permission_required("recruitment.run_campaigns")
def prospect_list(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(selectors.prospects_for(user=request.user, query=query), 50).get_page(request.GET.get("page"))
    return render(request, "recruitment/prospects.html", {"page": page, "query": query})


EXPORT_COLUMNS = [
    "email",
    "first_name",
    "last_name",
    "university",
    "level_of_study",
    "source",
    "confirmed",
    "suppressed",
]


@permission_required("recruitment.run_campaigns")
def prospect_export(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="prospects.csv"'
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for p in selectors.prospects_for(user=request.user).iterator(chunk_size=2000):
        writer.writerow(
            [
                spreadsheet_safe(v)
                for v in (
                    p.email,
                    p.first_name,
                    p.last_name,
                    p.partner.name if p.partner else "",
                    p.level_of_study,
                    p.source,
                    p.confirmed_at.isoformat() if p.confirmed_at else "",
                    "yes" if p.suppressed else "no",
                )
            ]
        )
    return response


@permission_required("recruitment.run_campaigns")
def prospect_import_upload(request):
    form = ProspectImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            preview = prospect_import.preview_import(user=request.user, upload=form.cleaned_data["file"])
        except prospect_import.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("campaigns:prospect_import_preview", pk=preview.pk)
    return render(request, "recruitment/import_upload.html", {"form": form})


@permission_required("recruitment.run_campaigns")
def prospect_import_preview(request, pk):
    preview = selectors.prospect_import_for(user=request.user, pk=pk)
    problems = preview.problems
    return render(
        request,
        "recruitment/import_preview.html",
        {
            "preview": preview,
            "good": len(preview.rows),
            "problems": problems[:200],
            "problem_count": len(problems),
            "sample": preview.rows[:10],
            "pending": preview.status == ImportStatus.PREVIEW,
        },
    )


@require_POST
@permission_required("recruitment.run_campaigns")
def prospect_import_confirm(request, pk):
    preview = selectors.prospect_import_for(user=request.user, pk=pk)
    if "discard" in request.POST:
        prospect_import.discard_import(prospect_import=preview)
        messages.info(request, "Import discarded: nothing was imported.")
        return redirect("campaigns:prospects")
    try:
        count = prospect_import.confirm_import(prospect_import=preview)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("campaigns:prospect_import_preview", pk=preview.pk)
    messages.success(request, f"{count} prospects imported.")
    return redirect("campaigns:prospects")
