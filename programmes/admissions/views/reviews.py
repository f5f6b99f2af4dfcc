import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_POST

from accounts.permissions import may, permission_required
from accounts.services import record_access
from ftl_portal.spreadsheets import spreadsheet_safe
from programmes.admissions.forms.reviews import (
    ConflictForm,
    QueueFilterForm,
    ReviewForm,
    StageDecisionForm,
    unbound_review_fields,
    unfiltered_bar,
)
from programmes.admissions.identity import applicant_label
from programmes.admissions.models import ApplicationState, Decision
from programmes.admissions.rubrics import rubric_of
from programmes.admissions.selectors import assignments as assignment_selectors
from programmes.admissions.selectors import calibration as calibration_selectors
from programmes.admissions.selectors import questions as question_selectors
from programmes.admissions.selectors import reviews as selectors
from programmes.admissions.selectors.interviews import interview_figures
from programmes.admissions.selectors.review_page import application_page
from programmes.admissions.services import reviews as services
from programmes.admissions.views.cells import escaped_cells, pk_url, short_datetimes
from programmes.cohorts.models import LevelOfStudy

PAGE_SIZE = 25
LEVEL_LABELS = dict(LevelOfStudy.choices)
STATE_LABELS = dict(ApplicationState.choices)
DECISION_LABELS = dict(Decision.choices)


def _filter_form(request, choices=None):
    choices = choices or selectors.filter_choices(user=request.user)
    return QueueFilterForm(
        request.GET or None, choices=choices, show_partner=may(request.user, "admissions.review_every_university")
    )


def _queue_rows(applications, *, user):
    """The queue's table rows, from the selector's plain values, as one piece of HTML. Worked out
    here in one pass (views/cells.py), and each row built once as Django's admin builds its change
    list's cells: the same lookups, filters and {% url %} tags per cell cost the template more than all
    the queries behind the page, and its eleven cells a row through the template a tenth of its Python."""
    url_of, short_datetime = pk_url("review_application"), short_datetimes()
    may_score, sees_universities = (
        may(user, "admissions.score_applications"),
        may(user, "admissions.review_every_university"),
    )
    rows = []
    for a in applications:
        if a["reviewed_by_me"]:
            mine = "Reviewed"
        elif a["conflict_by_me"]:
            mine = "Conflict declared"
        else:
            mine = "To review" if may_score else "—"
        # Who it is stays (the reader declared the conflict because they know them); what they wrote,
        # what they study and where the decision stands do not.
        withheld = a["conflict_by_me"] and not sees_universities
        rows.append(
            _queue_row(
                {
                    "url": url_of(a["pk"]),
                    "name": applicant_label(
                        show_name=a["show_name"], name=a["student__full_name"] or a["student__email"], pk=a["pk"]
                    ),
                    "university": (a["partner__short_name"] or a["partner__name"]) if sees_universities else "",
                    "course": "—" if withheld else a["course"],
                    "level": "" if withheld else LEVEL_LABELS.get(a["level_of_study"], a["level_of_study"]),
                    "pathways": "—" if withheld else ", ".join(a["pathway_names"]) or "—",
                    "state": STATE_LABELS.get(a["state"], a["state"]),
                    "staged": "" if withheld else DECISION_LABELS.get(a["staged_decision__decision"], ""),
                    "submitted": short_datetime(a["submitted_at"]),
                    "review_count": a["review_count"],
                    "mean": f"{a['mean_score']:.2f}" if a["show_scores"] and a["mean_score"] is not None else "",
                    "mean_missing": "—" if a["show_scores"] else "after your review",
                    "mine": mine,
                }
            )
        )
    return SafeString("\n".join(rows))


def _queue_row(values):
    c = escaped_cells(values)
    university = f"<td>{c['university']}</td>" if c["university"] else ""
    staged = f'<br><span class="badge text-bg-warning">Staged: {c["staged"]}</span>' if c["staged"] else ""
    mean = c["mean"] or f'<span class="text-body-secondary">{c["mean_missing"]}</span>'
    return (
        f'<tr><td><a href="{c["url"]}">{c["name"]}</a></td>{university}'
        f'<td>{c["course"]}<br><span class="small text-body-secondary">{c["level"]}</span></td>'
        f"<td>{c['pathways']}</td><td>{c['state']}{staged}</td><td>{c['submitted']}</td>"
        f"<td>{c['review_count']}</td><td>{mean}</td><td>{c['mine']}</td></tr>"
    )


def _filters_and_bar(request, choices):
    """The filters asked for and the filter bar that shows them; with none asked for, the bar is the
    one kept for these choices (unfiltered_bar) and no form is built."""
    if request.GET:
        form = _filter_form(request, choices)
        return form.filters(), form.filter_bar()
    show_partner = may(request.user, "admissions.review_every_university")
    return selectors.QueueFilters(), unfiltered_bar(choices, show_partner=show_partner)


@permission_required("admissions.review_applications")
def queue(request):
    reads = selectors.queue_reads(user=request.user)
    (filters, filter_bar), counts = _filters_and_bar(request, reads["choices"]), reads["counts"]
    page = selectors.queue_page(
        user=request.user,
        filters=filters,
        number=request.GET.get("page"),
        per_page=PAGE_SIZE,
        unfiltered_count=counts["total"],
    )
    return render(
        request,
        "admissions/reviews/queue.html",
        {
            "filter_bar": filter_bar,
            "page": page,
            "rows": _queue_rows(page.object_list, user=request.user),
            "counts": counts,
        },
    )


@permission_required("admissions.review_applications")
def export(request):
    form = _filter_form(request)
    applications = selectors.attach_review_figures(
        applications=selectors.for_display(selectors.review_queue(user=request.user, filters=form.filters())),
        user=request.user,
    )
    questions, answers = question_selectors.answer_columns(applications=applications)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="applications-{timezone.localdate():%Y-%m-%d}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "Application",
            "Student",
            "University",
            "Cohort",
            "Course",
            "Level",
            "Pathways",
            "Status",
            "Submitted",
            "Reviews",
            "Weighted mean",
            "Median",
            "Staged decision",
            *(f"{q.cohort.name}: {q.label}" for q in questions),
            "Interview scores",
            "Interview mean",
        ]
    )
    interviews = interview_figures(application_ids=[a.pk for a in applications])
    for a in applications:
        if a.conflict_by_me:  # a declared conflict takes the application's content out of the reader's hands
            continue
        interview_count, interview_mean = interviews.get(a.pk, (0, ""))
        staged = getattr(a, "staged_decision", None)
        row = [
            a.pk,
            a.student.get_full_name() if a.show_name else "(hidden until you review)",
            a.partner.name,
            a.cohort.name,
            a.course,
            a.get_level_of_study_display(),
            "; ".join(i.name for i in a.pathways.all()),
            a.get_state_display(),
            timezone.localtime(a.submitted_at).strftime("%Y-%m-%d %H:%M %Z"),
            a.review_count,
            a.mean_score if a.show_scores else "",
            a.median_score if a.show_scores else "",
            staged.get_decision_display() if staged else "",
            *(answers[a.pk].get(q.pk, "") for q in questions),
            interview_count,
            interview_mean if a.show_scores else "",
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


def _application_page(request, application, *, review_form=None, status=200):
    """The review page of an application got from application_page."""
    panel = selectors.review_panel(application=application, user=request.user)
    staged = getattr(application, "staged_decision", None)
    if not panel["may_review"]:
        review_fields = ""
    elif review_form is not None:
        review_fields = review_form.fields_html()
    else:
        review_fields = unbound_review_fields(rubric=panel["rubric"], gives_feedback=application.cohort.gives_feedback)
    context = {
        "application": application,
        "panel": panel,
        "review_fields": review_fields,
        "conflict_form": ConflictForm(),
        "stage_form": StageDecisionForm(initial={"decision": getattr(staged, "decision", None)}),
        "question_answers": question_selectors.answers_for_review(application=application),
    }
    return render(request, "admissions/reviews/application.html", context, status=status)


@permission_required("admissions.review_applications")
def application_detail(request, pk):
    try:
        application = application_page(user=request.user, pk=pk)
    except selectors.ConflictDeclared as exc:
        return render(request, "portal_error.html", {"message": str(exc)}, status=403)
    record_access(actor=request.user, what="application", subject=application.student, detail=f"application {pk}")
    return _application_page(request, application)


@require_POST
@permission_required("admissions.score_applications")
def review_submit(request, pk):
    application = selectors.application_for_review(user=request.user, pk=pk)
    form = ReviewForm(
        request.POST, rubric=rubric_of(application.cohort), gives_feedback=application.cohort.gives_feedback
    )
    if not form.is_valid():
        messages.error(request, "Your review is not saved: give every criterion a score from 1 to 5.")
        return _application_page(request, application_page(user=request.user, pk=pk), review_form=form, status=400)
    try:
        services.submit_review(
            application=application,
            reviewer=request.user,
            scores=form.scores(),
            comment=form.cleaned_data["comment"],
            recommendation=form.cleaned_data["recommendation"],
            applicant_feedback=form.cleaned_data.get("applicant_feedback", ""),
        )
    except services.ReviewRefused as exc:
        messages.error(request, str(exc))
        return redirect("review_application", pk=application.pk)
    if request.POST.get("then") == "next":
        return _save_and_next(request, application)
    messages.success(request, "Your review is saved. You can now see the other reviews.")
    return redirect("review_application", pk=application.pk)


def _save_and_next(request, application):
    """After a saved review, the next application of the reviewer's queue (assigned ones first)."""
    following = assignment_selectors.next_to_review(user=request.user, after=application.pk)
    if following is None:
        messages.success(request, f"Review of application #{application.pk} saved. Nothing is left for you to review.")
        return redirect("my_assignments")
    messages.success(request, f"Review of application #{application.pk} saved. Here is the next one.")
    return redirect("review_application", pk=following)


@require_POST
@permission_required("admissions.score_applications")
def review_conflict(request, pk):
    application = selectors.application_for_review(user=request.user, pk=pk)
    form = ConflictForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.declare_conflict(application=application, reviewer=request.user, reason=reason)
    except services.ReviewRefused as exc:
        messages.error(request, str(exc))
        return redirect("review_application", pk=application.pk)
    messages.success(request, "Conflict of interest recorded: this application has left your review list.")
    return redirect("review_queue")


@permission_required("admissions.review_applications")
def calibration(request):
    form = _filter_form(request)
    cohort = form.filters().cohort
    result = calibration_selectors.calibration(user=request.user, cohort_id=cohort)
    return render(request, "admissions/reviews/calibration.html", {"form": form, **result})
