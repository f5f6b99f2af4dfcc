"""Students' pages: the programme schedule, a session with its book/cancel button, the invite
download, feedback, the personal calendar feed, and the one-click seat release from a reminder."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from programmes.events import invites
from programmes.events import selectors as selectors
from programmes.events.forms import AccessNeedsForm, FeedbackForm
from programmes.events.models import BookingStatus
from programmes.events.services import bookings as services


@permission_required("events.book_sessions")
def schedule(request):
    sessions = selectors.upcoming_for_student(user=request.user)
    rows = [{"session": s, "booking": selectors.own_booking(s)} for s in sessions]
    return render(request, "events/schedule.html", {"rows": rows})


@permission_required("events.book_sessions")
def session_detail(request, pk):
    session = selectors.session_for_student(user=request.user, pk=pk)
    booking = selectors.own_booking(session)
    can_give_feedback = selectors.feedback_due_for_student(user=request.user).filter(session=session).exists()
    context = {
        "session": session,
        "booking": booking,
        "has_seat": bool(booking and booking.has_seat),
        "waitlist_position": selectors.waitlist_position(booking)
        if booking and booking.status == BookingStatus.WAITLISTED
        else None,
        "feedback_form": FeedbackForm() if can_give_feedback else None,
        "access_needs_form": AccessNeedsForm(instance=booking)
        if booking and booking.status in (BookingStatus.BOOKED, BookingStatus.WAITLISTED)
        else None,
    }
    return render(request, "events/detail.html", context)


@require_POST
@permission_required("events.book_sessions")
def book(request, pk):
    session = selectors.session_for_student(user=request.user, pk=pk)
    try:
        booking = services.book(session=session, participant=request.user)
    except services.BookingRefused as exc:
        messages.error(request, str(exc))
    else:
        if booking.status == BookingStatus.WAITLISTED:
            messages.info(request, "The session is full: you are on the waitlist and will be emailed if a seat frees.")
        else:
            messages.success(request, "Your seat is booked. The calendar invite is on its way by email.")
    return redirect("sessions:detail", pk=pk)


@require_POST
@permission_required("events.book_sessions")
def access_needs(request, pk):
    session = selectors.session_for_student(user=request.user, pk=pk)
    booking = selectors.own_booking(session)
    if booking is None:
        raise Http404("You have no booking for this session.")
    form = AccessNeedsForm(request.POST, instance=booking)
    if not form.is_valid():
        messages.error(request, "Keep your access needs to 2,000 characters.")
        return redirect("sessions:detail", pk=pk)
    try:
        services.set_access_needs(booking=booking, access_needs=form.cleaned_data["access_needs"])
    except services.BookingRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your access needs for this session are saved.")
    return redirect("sessions:detail", pk=pk)


@require_POST
@permission_required("events.book_sessions")
def cancel(request, pk):
    session = selectors.session_for_student(user=request.user, pk=pk)
    booking = selectors.own_booking(session)
    if booking is None:
        raise Http404("You have no booking for this session.")
    try:
        services.cancel_booking(booking=booking)
    except services.BookingRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your booking is cancelled.")
    return redirect("sessions:detail", pk=pk)


@permission_required("events.book_sessions")
def invite_download(request, pk):
    booking = selectors.seated_booking_for(user=request.user, session_pk=pk)
    response = HttpResponse(invites.booking_invite(booking), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ftl-session-{pk}.ics"'
    return response


@require_POST
@permission_required("events.book_sessions")
def feedback(request, pk):
    session = selectors.session_for_student(user=request.user, pk=pk)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a rating from 1 to 5.")
        return redirect("sessions:detail", pk=pk)
    try:
        services.give_feedback(session=session, participant=request.user, **form.cleaned_data)
    except services.BookingRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Thank you for your feedback.")
    return redirect("sessions:detail", pk=pk)


@permission_required("events.book_sessions")
def feed_settings(request):
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_feed(user=request.user)
            messages.success(request, "Your calendar link is switched off.")
        else:
            services.regenerate_feed(user=request.user)
            messages.success(request, "Your new calendar link is ready; any old link has stopped working.")
        return redirect("sessions:feed_settings")
    return render(request, "events/feed_settings.html", {"feed": selectors.feed_for(user=request.user)})


def feed(request, token):
    user, bookings = selectors.feed_bookings(token=token)
    body = invites.feed(bookings, name=f"FTL sessions · {user.get_full_name()}")
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    return response


def release(request, token):
    """No login: the signed link is the authority. GET only shows what will happen."""
    booking = selectors.booking_for_release(token=token)
    if request.method == "POST" and booking is not None:
        try:
            services.release_seat(token=token)
        except services.BookingRefused as exc:
            return render(request, "events/release.html", {"error": str(exc)}, status=410)
        return render(request, "events/release.html", {"released": booking.session})
    if booking is None:
        error = "This link is not valid, or the seat has already been released."
        return render(request, "events/release.html", {"error": error}, status=410)
    return render(request, "events/release.html", {"booking": booking, "token": token})
