"""Coordinators' pages: the programme calendar (week list, month view), creating, editing and
cancelling sessions, the register with check-in toggles (open from Session.check_in_opens_at), and
feedback results."""

import calendar
import copy
from datetime import datetime, time, timedelta

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from ftl_portal.confirmation import FINGERPRINT_FIELD, AudienceChanged
from programmes.events import selectors as selectors
from programmes.events.forms import SessionForm
from programmes.events.services import attendance
from programmes.events.services import bookings as booking_services
from programmes.events.services import sessions as services

# The calendar pages step a week or a month either side and turn days into aware datetimes, which
# overflow at the ends of Python's date range (year 1, year 9999): dates this far out are refused.
CALENDAR_YEARS = range(1970, 2200)


def _parse_date(request, name, fmt, default):
    value = request.GET.get(name)
    try:
        day = datetime.strptime(value, fmt).date()
    except (TypeError, ValueError):
        return default
    if day.year not in CALENDAR_YEARS:
        messages.warning(
            request,
            f"The calendar covers {CALENDAR_YEARS[0]} to {CALENDAR_YEARS[-1]}, so it shows the current date instead.",
        )
        return default
    return day


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


@permission_required("events.manage_programme")
def programme_week(request):
    today = timezone.localdate()
    day = _parse_date(request, "week", "%Y-%m-%d", today)
    monday = day - timedelta(days=day.weekday())
    sessions = selectors.sessions_between(
        user=request.user, start=_midnight(monday), end=_midnight(monday + timedelta(days=7))
    )
    days = [{"date": monday + timedelta(days=n), "sessions": []} for n in range(7)]
    for session in sessions:
        days[timezone.localtime(session.starts_at).date().weekday()]["sessions"].append(session)
    context = {
        "days": days,
        "monday": monday,
        "previous": monday - timedelta(days=7),
        "next": monday + timedelta(days=7),
        "this_month": monday.strftime("%Y-%m"),
        "next_session": None,
    }
    if not sessions:
        context["next_session"] = selectors.next_session_from(
            user=request.user, moment=_midnight(monday + timedelta(days=7))
        )
    return render(request, "events/calendar_week.html", context)


@permission_required("events.manage_programme")
def programme_month(request):
    first = _parse_date(request, "month", "%Y-%m", timezone.localdate()).replace(day=1)
    weeks = calendar.Calendar().monthdatescalendar(first.year, first.month)
    start, end = weeks[0][0], weeks[-1][-1] + timedelta(days=1)
    by_day = {}
    for session in selectors.sessions_between(user=request.user, start=_midnight(start), end=_midnight(end)):
        by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    grid = [[{"date": d, "in_month": d.month == first.month, "sessions": by_day.get(d, [])} for d in w] for w in weeks]
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    context = {"grid": grid, "first": first, "previous": previous, "next": following, "today": timezone.localdate()}
    return render(request, "events/calendar_month.html", context)


@permission_required("events.manage_programme")
def session_create(request):
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        session = services.create_session(
            cohort=form.cleaned_data["cohort"],
            created_by=request.user,
            pathways=form.cleaned_data["pathways"],
            **form.session_fields(),
        )
        messages.success(request, f"“{session.title}” is on the programme.")
        return redirect("sessions:manage_detail", pk=session.pk)
    return render(request, "events/form.html", {"form": form})


@permission_required("events.manage_programme")
def session_edit(request, pk):
    session = selectors.session_for_coordinator(user=request.user, pk=pk)
    if session.is_cancelled:
        messages.error(request, "A cancelled session cannot be edited.")
        return redirect("sessions:manage_detail", pk=pk)
    # The form edits a copy: a valid ModelForm writes its values onto its instance, and the
    # session itself must stay as saved to tell whether the edit moves it.
    form = SessionForm(request.POST or None, instance=copy.copy(session))
    if request.method == "POST" and form.is_valid():
        fields = form.session_fields()
        audience = request.POST.get(FINGERPRINT_FIELD)
        try:
            services.refuse_edit(session, fields)
        except booking_services.BookingRefused as exc:
            form.add_error(None, str(exc))
            return render(request, "events/form.html", {"form": form, "session": session})
        promoted, page = None, "events/change_confirm.html"
        if services.moves(session, fields):
            # A move tells every seat holder: it asks first (whom, and what they read).
            confirmation = services.change_confirmation(session, fields=fields)
        elif services.promotions(session, fields):
            # A raised capacity seats people from the waitlist and emails each: it asks first too.
            confirmation, page = services.promotion_confirmation(session, fields), "events/promotion_confirm.html"
            promoted = audience or ""
        else:
            confirmation = None
        if confirmation is not None and audience is None and confirmation.rows:
            return render(request, page, {"session": session, "form": form, "confirmation": confirmation})
        try:
            session = services.update_session(
                session=session, pathways=form.cleaned_data["pathways"], audience=audience, promoted=promoted, **fields
            )
        except AudienceChanged as exc:
            context = {"session": session, "form": form, "confirmation": confirmation, "changed": str(exc)}
            return render(request, page, context)
        except booking_services.BookingRefused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Session saved. Booked participants get the updated invite if it moved.")
            return redirect("sessions:manage_detail", pk=pk)
    return render(request, "events/form.html", {"form": form, "session": session})


@permission_required("events.manage_programme")
def session_cancel(request, pk):
    """GET: whom the cancellation tells and what they read. POST: cancel, as that page showed."""
    session = selectors.session_for_coordinator(user=request.user, pk=pk)
    changed = ""
    if request.method == "POST" and session.is_cancelled:
        messages.info(request, "The session was already cancelled; nobody was told again.")
        return redirect("sessions:manage_detail", pk=pk)
    if request.method == "POST":
        try:
            services.cancel_session(session=session, audience=request.POST.get(FINGERPRINT_FIELD, ""))
        except AudienceChanged as exc:
            changed = str(exc)
        else:
            messages.success(request, "The session is cancelled; everyone booked or waiting has been told.")
            return redirect("sessions:manage_detail", pk=pk)
    context = {
        "session": session,
        "confirmation": services.change_confirmation(session, cancelling=True),
        "changed": changed,
    }
    return render(request, "events/cancel_confirm.html", context)


@permission_required("events.manage_programme")
def session_manage_detail(request, pk):
    session = selectors.session_for_coordinator(user=request.user, pk=pk)
    summary, spread, entries = selectors.feedback_for(user=request.user, session=session)
    context = {
        "session": session,
        "summary": summary,
        "spread": [
            {"rating": r, "count": n, "width": n * 200 // max(summary["count"], 1), "y": i * 24, "text_y": i * 24 + 12}
            for i, (r, n) in enumerate(spread.items())
        ],
        "entries": entries,
    }
    return render(request, "events/manage_detail.html", context)


@permission_required("events.manage_programme")
def session_register(request, pk):
    session = selectors.session_for_coordinator(user=request.user, pk=pk)
    seated, waiting = selectors.register_for(user=request.user, session=session)
    return render(request, "events/register.html", {"session": session, "seated": seated, "waiting": waiting})


@permission_required("events.manage_programme")
def register_access_note(request, pk, booking_pk):
    session = selectors.session_for_coordinator(user=request.user, pk=pk)
    booking, application_note = selectors.access_notes_for(user=request.user, session=session, pk=booking_pk)
    return render(
        request,
        "events/access_note.html",
        {"session": session, "booking": booking, "application_note": application_note},
    )


@require_POST
@permission_required("events.manage_programme")
def register_check_in(request, pk, booking_pk):
    session = selectors.session_for_coordinator(user=request.user, pk=pk)
    booking = selectors.booking_on_register(user=request.user, session=session, pk=booking_pk)
    refusal = None
    try:
        booking = attendance.set_attendance(booking=booking, status=request.POST.get("status", ""))
    except attendance.CheckInRefused as exc:
        refusal = str(exc)
        if not request.htmx:
            messages.error(request, refusal)
    if request.htmx:
        return render(request, "events/_check_in.html", {"session": session, "booking": booking, "refusal": refusal})
    return redirect("sessions:register", pk=pk)
