"""Interview slots: the invited applicant's booking page, the coordinator's list of a cohort's slots
with the form that adds more, and the news of free slots to those invited who hold none."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from ftl_portal.confirmation import FINGERPRINT_FIELD, AudienceChanged
from programmes.cohorts import selectors as cohort_selectors
from programmes.events import selectors
from programmes.events.forms import InterviewSlotsForm
from programmes.events.services import interview_news
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
    context = {
        "cohort": cohort,
        "form": form,
        "slots": slots,
        "waiting": selectors.waiting_for_a_slot(user=request.user, cohort=cohort).count(),
        "free": selectors.free_interview_slots(cohort_id=cohort.pk).count(),
    }
    return render(request, "events/interviews/slots.html", context, status=status)


@permission_required("admissions.manage_interviews")
def interview_slots_news(request, cohort_pk):
    """GET: whom the news of free slots reaches and what they read. POST: send it, as that page showed."""
    cohort = cohort_selectors.cohort(user=request.user, pk=cohort_pk)
    changed = ""
    if request.method == "POST":
        try:
            told = interview_news.tell_about_free_slots(
                user=request.user, cohort=cohort, audience=request.POST.get(FINGERPRINT_FIELD, "")
            )
        except AudienceChanged as exc:
            changed = str(exc)
        else:
            if told:
                messages.success(request, f"{told} applicant{'s' if told != 1 else ''} told about the free slots.")
            else:
                messages.info(request, "Everyone listed was told about these slots already; nobody was emailed again.")
            return redirect("sessions:interview_slots", cohort_pk=cohort.pk)
    confirmation, slots = interview_news.news_confirmation(user=request.user, cohort=cohort)
    context = {"cohort": cohort, "confirmation": confirmation, "slots": slots, "changed": changed}
    return render(request, "events/interviews/news_confirm.html", context)
