"""Interview slots: the invited applicant's booking page, and the coordinator's list of a cohort's
slots with the form that adds more."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from programmes.cohorts import selectors as cohort_selectors
from programmes.events import selectors
from programmes.events.forms import InterviewSlotsForm
from programmes.events.services import interviews as services


@permission_required("events.book_interviews")
def interview(request, cohort_pk):
    context = selectors.interview_slots_for_student(user=request.user, cohort_id=cohort_pk)
    return render(request, "events/interviews/book.html", context)


@require_POST
@permission_required("events.book_interviews")
def interview_book(request, cohort_pk, pk):
    slot = selectors.interview_slot_for_student(user=request.user, cohort_id=cohort_pk, pk=pk)
    try:
        services.book_interview(session=slot, student=request.user)
    except services.BookingRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your interview is booked. The calendar invite is on its way by email.")
    return redirect("sessions:interview", cohort_pk=cohort_pk)


@require_POST
@permission_required("events.book_interviews")
def interview_cancel(request, cohort_pk):
    held = selectors.interview_slots_for_student(user=request.user, cohort_id=cohort_pk)["held"]
    if held is None:
        messages.info(request, "You have no interview slot to cancel.")
        return redirect("sessions:interview", cohort_pk=cohort_pk)
    try:
        services.cancel_interview(booking=held)
    except services.BookingRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "Your interview slot is cancelled. You can choose another below.")
    return redirect("sessions:interview", cohort_pk=cohort_pk)


@permission_required("admissions.manage_interviews")
def interview_slots(request, cohort_pk):
    cohort = cohort_selectors.cohort(user=request.user, pk=cohort_pk)
    form = InterviewSlotsForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                made = services.create_slots(cohort=cohort, actor=request.user, **form.cleaned_data)
            except services.BookingRefused as exc:
                messages.error(request, str(exc))
            else:
                messages.success(request, f"{len(made)} interview slot{'s' if len(made) != 1 else ''} added.")
                return redirect("sessions:interview_slots", cohort_pk=cohort.pk)
        status = 400
    slots = selectors.interview_slots_for_coordinator(user=request.user, cohort=cohort)
    return render(
        request, "events/interviews/slots.html", {"cohort": cohort, "form": form, "slots": slots}, status=status
    )
