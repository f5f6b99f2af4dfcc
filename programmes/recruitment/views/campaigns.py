"""Coordinator pages for recruitment campaigns: build, preview, test-send, send, watch, control."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import permission_required
from ftl_portal.confirmation import FINGERPRINT_FIELD, AudienceChanged
from ftl_portal.outbox.responses import sandboxed_html
from programmes.recruitment import emails as campaign_emails
from programmes.recruitment import selectors as selectors
from programmes.recruitment.forms import CampaignForm, ScheduleForm
from programmes.recruitment.models import Campaign, CampaignStatus
from programmes.recruitment.services import campaigns as services


@permission_required("recruitment.run_campaigns")
def campaign_list(request):
    return render(request, "recruitment/list.html", {"campaigns": selectors.campaigns_for(user=request.user)})


@permission_required("recruitment.run_campaigns")
def campaign_edit(request, pk=None):
    campaign = selectors.campaign_for(user=request.user, pk=pk) if pk else Campaign(rate_per_minute=600)
    if campaign.pk and campaign.status != CampaignStatus.DRAFT:
        messages.error(request, "Only a draft campaign can be edited.")
        return redirect("campaigns:detail", pk=campaign.pk)
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        campaign = services.save_campaign(form=form, user=request.user)
        messages.success(request, "Campaign saved. Preview it and send yourself a test before sending.")
        return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "recruitment/edit.html", {"form": form, "campaign": campaign})


@permission_required("recruitment.run_campaigns")
def audience_count(request):
    """The live count (htmx) of who a segment would reach, as the form is edited."""
    form = CampaignForm(request.GET)  # bound even when empty: an unbound form has no cleaned_data
    form.is_valid()
    data = form.cleaned_data
    count = selectors.segment(
        cohort=data.get("cohort"),
        partners=data.get("partners") or (),
        levels=data.get("levels") or (),
        pathways=data.get("pathways") or (),
        not_applied=data.get("not_applied", False),
    ).count()
    return render(request, "recruitment/_audience_count.html", {"count": count})


@permission_required("recruitment.run_campaigns")
def campaign_detail(request, pk):
    campaign = selectors.campaign_for(user=request.user, pk=pk)
    context = {
        "campaign": campaign,
        "results": selectors.results(campaign=campaign),
        "audience": selectors.audience_for(campaign=campaign).count(),
    }
    return render(request, "recruitment/detail.html", context)


@permission_required("recruitment.run_campaigns")
def campaign_progress(request, pk):
    campaign = selectors.campaign_for(user=request.user, pk=pk)
    return render(
        request,
        "recruitment/_progress.html",
        {"campaign": campaign, "results": selectors.results(campaign=campaign)},
    )


def _sample(campaign, user):
    first = selectors.audience_for(campaign=campaign).first()
    if first is not None:
        return campaign_emails.sample_recipient(campaign, email=first.email, first_name=first.first_name)
    return campaign_emails.sample_recipient(campaign, email=user.email, first_name=user.get_short_name())


@permission_required("recruitment.run_campaigns")
def campaign_preview(request, pk):
    campaign = selectors.campaign_for(user=request.user, pk=pk)
    errors = services.content_errors(
        subject=campaign.subject, body_text=campaign.body_text, body_html=campaign.body_html
    )
    context = {"campaign": campaign, "errors": errors}
    if not errors:
        sample = _sample(campaign, request.user)
        subject, text, _html, _link = campaign_emails.Layout(campaign).render(sample)
        context.update(sample=sample, subject=subject, text=text)
    return render(request, "recruitment/preview.html", context)


@permission_required("recruitment.run_campaigns")
def campaign_preview_html(request, pk):
    campaign = selectors.campaign_for(user=request.user, pk=pk)
    if services.content_errors(subject=campaign.subject, body_text=campaign.body_text, body_html=campaign.body_html):
        return sandboxed_html("<p>Fix the merge fields first.</p>")
    return sandboxed_html(campaign_emails.Layout(campaign).render(_sample(campaign, request.user))[2])


def _act(request, pk, action, success):
    campaign = selectors.campaign_for(user=request.user, pk=pk)
    try:
        action(campaign)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, success)
    return redirect("campaigns:detail", pk=campaign.pk)


@require_POST
@permission_required("recruitment.run_campaigns")
def campaign_test_send(request, pk):
    return _act(
        request,
        pk,
        lambda c: services.send_test(campaign=c, user=request.user),
        f"A test email is on its way to {request.user.email}.",
    )


def _send_page(request, campaign, form, *, changed=""):
    context = {
        "campaign": campaign,
        "schedule_form": form,
        "changed": changed,
        "errors": services.content_errors(
            subject=campaign.subject, body_text=campaign.body_text, body_html=campaign.body_html
        ),
    }
    if campaign.status == CampaignStatus.DRAFT and not context["errors"]:
        context["confirmation"] = campaign_emails.send_confirmation(
            campaign=campaign, audience=selectors.audience_for(campaign=campaign)
        )
    return render(request, "recruitment/send_confirm.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("recruitment.run_campaigns")
def campaign_send(request, pk):
    """GET: whom the campaign reaches and the email they get. POST: start it, if the audience is
    still the one that page showed."""
    campaign = selectors.campaign_for(user=request.user, pk=pk)
    if request.method != "POST":
        return _send_page(request, campaign, ScheduleForm())
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        return _send_page(request, campaign, form)
    send_at = form.cleaned_data["send_at"]
    try:
        services.start_campaign(campaign=campaign, send_at=send_at, audience=request.POST.get(FINGERPRINT_FIELD, ""))
    except AudienceChanged as exc:
        return _send_page(request, campaign, form, changed=str(exc))
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    else:
        messages.success(request, "Scheduled." if send_at else "Sending has started.")
    return redirect("campaigns:detail", pk=campaign.pk)


@require_POST
@permission_required("recruitment.run_campaigns")
def campaign_pause(request, pk):
    return _act(request, pk, lambda c: services.pause_campaign(campaign=c), "Paused: nothing more goes out.")


@require_POST
@permission_required("recruitment.run_campaigns")
def campaign_resume(request, pk):
    return _act(request, pk, lambda c: services.resume_campaign(campaign=c), "Sending again.")


@require_POST
@permission_required("recruitment.run_campaigns")
def campaign_cancel(request, pk):
    return _act(request, pk, lambda c: services.cancel_campaign(campaign=c), "Cancelled: nothing more goes out.")
