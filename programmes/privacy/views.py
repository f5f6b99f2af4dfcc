from django.contrib import messages
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponseGone
from django.shortcuts import redirect, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from ftl_portal.errors import PortalError
from programmes.privacy import selectors, services
from programmes.privacy.forms import AddressForm, DataRequestForm, EraseAccountForm, ErasureReasonForm
from programmes.privacy.models import RequestKind
from programmes.privacy.services import requests as data_requests


@permission_required("privacy.use_own_data_rights")
def my_data(request):
    if request.method == "POST":
        bundle = services.request_export(requested_by=request.user, person=request.user)
        return redirect("privacy:bundle", bundle.token)
    return render(request, "privacy/my_data.html", {"bundles": selectors.own_bundles(request.user)[:5]})


def bundle(request, token):
    found = selectors.bundle_for(request.user, token)
    template = "privacy/_bundle_status.html" if request.htmx else "privacy/bundle.html"
    return render(request, template, {"bundle": found})


@cache_control(private=True, no_store=True)  # a copy of someone's data: no proxy or browser cache keeps it
def bundle_download(request, token):
    found = selectors.bundle_for(request.user, token)
    try:
        handle = services.download_bundle(bundle=found, actor=request.user)
    except PortalError as refusal:
        return HttpResponseGone(render(request, "privacy/bundle.html", {"bundle": found, "refusal": refusal}).content)
    return FileResponse(handle, as_attachment=True, filename="ftl-portal-your-data.zip")


def prospect_request(request):
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data_requests.email_prospect_link(email=form.cleaned_data["email"])
        return render(request, "privacy/prospect_sent.html")
    return render(request, "privacy/prospect_request.html", {"form": form})


def prospect_link(request, token):
    email = data_requests.address_from_link(token)
    if not email:
        return render(request, "privacy/prospect_link_invalid.html", status=410)
    if request.method == "POST":
        found = services.request_export(requested_by=None, email=email)
        return redirect("privacy:bundle", found.token)
    return render(request, "privacy/prospect_link.html")


@permission_required("privacy.use_own_data_rights")
def erase_account(request):
    form = EraseAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        person = request.user
        try:
            services.erase_person(person=person, actor=person, reason="The person deleted their own account.")
        except PortalError as refusal:
            form.add_error(None, str(refusal))
        else:
            logout(request)
            return render(request, "privacy/erased.html")
    return render(request, "privacy/erase_account.html", {"form": form})


@permission_required("privacy.manage_requests")
def request_list(request):
    form = DataRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        logged = data_requests.log_request(created_by=request.user, **form.cleaned_data)
        messages.success(request, "The request is logged; its deadline is counting.")
        return redirect("privacy:request_detail", logged.pk)
    return render(request, "privacy/requests.html", {"form": form, "requests": selectors.data_requests(request.user)})


@permission_required("privacy.manage_requests")
def request_detail(request, pk):
    found = selectors.data_request(request.user, pk)
    return render(
        request,
        "privacy/request_detail.html",
        {"data_request": found, "form": ErasureReasonForm(), "bundles": found.bundles.all()},
    )


@require_POST
@permission_required("privacy.manage_requests")
def request_export(request, pk):
    found = selectors.data_request(request.user, pk)
    bundle_ = services.request_export(requested_by=request.user, person=found.person, email=found.email, request=found)
    return redirect("privacy:bundle", bundle_.token)


@require_POST
@permission_required("privacy.manage_requests")
def request_erase(request, pk):
    found = selectors.data_request(request.user, pk)
    form = ErasureReasonForm(request.POST)
    if form.is_valid() and found.kind == RequestKind.ERASURE:
        reason = form.cleaned_data["reason"]
        try:
            if found.person:
                services.erase_person(person=found.person, actor=request.user, reason=reason, request=found)
            else:
                services.erase_address(email=found.email, actor=request.user, reason=reason, request=found)
        except PortalError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, "The person's data is erased. The erasure record keeps the counts.")
            return redirect("privacy:request_detail", found.pk)
    elif form.is_valid():
        form.add_error(None, "This is an access request; log an erasure request to erase.")
    return render(
        request,
        "privacy/request_detail.html",
        {"data_request": found, "form": form, "bundles": found.bundles.all()},
        status=400,
    )


@permission_required("privacy.read_access_log")
def access_log(request):
    what = request.GET.get("what", "")
    page = Paginator(selectors.access_events(request.user, what=what), 50).get_page(request.GET.get("page"))
    return render(
        request, "privacy/access_log.html", {"page": page, "what": what, "kinds": selectors.access_kinds(request.user)}
    )
