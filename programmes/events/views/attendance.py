"""Attendance pages: the room's self check-in code (coordinators put it on the screen), the
participant's confirm page behind it, and the cohort attendance report with its CSV."""

import csv

import qrcode
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from qrcode.image.svg import SvgPathImage

from accounts.permissions import permission_required
from ftl_portal.spreadsheets import spreadsheet_safe
from programmes.events import selectors
from programmes.events.services import attendance as services
from programmes.events.tokens import CHECK_IN_CODE_LIFETIME, check_in_token


def _code_context(session):
    now = timezone.now()
    url = settings.SITE_URL + reverse("sessions:self_check_in", args=[check_in_token(session, now=now)])
    svg = qrcode.make(url, image_factory=SvgPathImage, box_size=12).to_string(encoding="unicode")
    return {
        "session": session,
        "check_in_url": url,
        # Our own SVG, made from our own URL: nothing a person typed goes into it.
        "qr_svg": mark_safe(svg[svg.index("<svg") :]),  # noqa: S308
        "is_open": session.check_in_opens_at <= now <= session.ends_at and not session.is_cancelled,
        "lifetime": CHECK_IN_CODE_LIFETIME,
    }


@permission_required("events.manage_programme")
def check_in_code(request, pk):
    """The room's screen: a QR code of a short-lived check-in link, refreshed every minute."""
    session = selectors.session_for_coordinator(user=request.user, pk=pk)
    context = _code_context(session)
    template = "events/_check_in_code.html" if request.htmx else "events/check_in_code.html"
    return render(request, template, context)


@permission_required("events.book_sessions")
def self_check_in(request, token):
    """Where the code leads: a signed-in participant confirms they are in the room."""
    act = services.self_check_in if request.method == "POST" else services.seat_for_check_in_code
    try:
        booking = act(token=token, participant=request.user)
    except services.CheckInRefused as exc:
        return render(request, "events/self_check_in.html", {"refusal": str(exc)}, status=400)
    if request.method == "POST":
        messages.success(request, f"You are checked in to “{booking.session.title}”. Enjoy the session.")
        return redirect("sessions:detail", pk=booking.session_id)
    return render(request, "events/self_check_in.html", {"booking": booking})


def _report_cohort(request):
    cohorts = list(selectors.cohorts_with_sessions(user=request.user))
    chosen = request.GET.get("cohort")
    if chosen:
        cohort = next((c for c in cohorts if str(c.pk) == chosen), None)
        if cohort is None:
            raise Http404("No such cohort.")
        return cohorts, cohort
    return cohorts, (cohorts[0] if cohorts else None)


@permission_required("events.manage_programme")
def attendance_report(request):
    cohorts, cohort = _report_cohort(request)
    report = selectors.attendance_report(user=request.user, cohort=cohort) if cohort else None
    return render(request, "events/attendance_report.html", {"cohorts": cohorts, "cohort": cohort, "report": report})


def _percent(rate):
    return "" if rate is None else f"{rate}%"


@permission_required("events.manage_programme")
def attendance_report_csv(request):
    cohorts, cohort = _report_cohort(request)
    if cohort is None:
        raise Http404("No cohort has sessions yet.")
    report = selectors.attendance_report(user=request.user, cohort=cohort)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="attendance-{cohort.slug or cohort.pk}.csv"'
    rows = []
    rows.append(["Scope", "Name", "Email", "University", "Date", "Seated bookings", "Attended", "Attendance rate"])
    for s in report["sessions"]:
        day = timezone.localtime(s.starts_at).strftime("%Y-%m-%d %H:%M")
        rows.append(["Session", s.title, "", "", day, s.seated, s.attended, _percent(s.rate)])
    for u in report["universities"]:
        rows.append(["University", u["name"], "", u["name"], "", u["seated"], u["attended"], _percent(u["rate"])])
    for p in report["participants"]:
        row = [p["participant__full_name"], p["participant__email"], p["university"], ""]
        rows.append(["Participant", *row, p["seated"], p["attended"], _percent(p["rate"])])
    overall = report["overall"]
    rows.append(["Cohort", cohort.name, "", "", "", overall["seated"], overall["attended"], _percent(overall["rate"])])
    csv.writer(response).writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return response
