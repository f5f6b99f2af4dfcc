"""Coordinators: cohorts, matching runs (start, progress, review, publish), pins and forbids."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required

from .. import review, selectors
from ..forms import PairRuleForm, RunForm, WhyNotForm
from ..models import RunStatus
from ..review import describe_run
from ..services import publishing, runs


@permission_required("mentoring.run_matching")
def cohort_list(request):
    return render(request, "mentoring/cohort_list.html", {"cohorts": selectors.cohorts_for(user=request.user)})


@permission_required("mentoring.run_matching")
def cohort_detail(request, slug):
    cohort = selectors.cohort_for(user=request.user, slug=slug)
    form = RunForm(request.POST or None, cohort=cohort)
    if request.method == "POST" and form.is_valid():
        run = runs.start_run(cohort=cohort, user=request.user, **form.settings())
        messages.success(request, "The matching run has started.")
        return redirect("mentoring:run_detail", pk=run.pk)
    context = {
        "cohort": cohort,
        "form": form,
        "rule_form": PairRuleForm(cohort=cohort),
        **selectors.cohort_overview(user=request.user, cohort=cohort),
    }
    return render(request, "mentoring/cohort_detail.html", context)


@permission_required("mentoring.run_matching")
def run_detail(request, pk):
    run = selectors.run_for(user=request.user, pk=pk)
    context = {"run": run, "cohort": run.cohort, "rerun_form": RunForm.initial_from(run)}
    if run.result:
        context["review"] = describe_run(run)
    return render(request, "mentoring/run_detail.html", context)


@permission_required("mentoring.run_matching")
def run_why_not(request, pk):
    """Why is this student not with that mentor, and what would forcing it cost?"""
    run = selectors.run_for(user=request.user, pk=pk)
    if not run.result:
        return redirect("mentoring:run_detail", pk=run.pk)
    form = WhyNotForm(request.GET or None, run=run)
    answer = None
    if form.is_valid():
        answer = review.why_not(run, student=form.cleaned_data["student"], mentor=form.cleaned_data["mentor"])
    return render(
        request, "mentoring/run_why_not.html", {"run": run, "cohort": run.cohort, "form": form, "answer": answer}
    )


@permission_required("mentoring.run_matching")
def run_progress(request, pk):
    run = selectors.run_for(user=request.user, pk=pk)
    response = render(request, "mentoring/_run_progress.html", {"run": run})
    if run.is_finished:
        response["HX-Refresh"] = "true"
    return response


@permission_required("mentoring.run_matching")
def run_publish(request, pk):
    """GET: whom publishing affects, for confirmation; POST: publish exactly that, once."""
    run = selectors.run_for(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            _, created = publishing.publish_run(
                run=run,
                user=request.user,
                fingerprint=request.POST.get("fingerprint", ""),
                accept_overrides=request.POST.get("accept_overrides") == "yes",
            )
        except runs.RunRefused as exc:
            messages.error(request, str(exc))
            run.refresh_from_db()
            if run.status != RunStatus.DONE:
                return redirect("mentoring:run_detail", pk=run.pk)
        else:
            messages.success(request, f"Published: {len(created)} new matches; introductions are on their way.")
            return redirect("mentoring:run_detail", pk=run.pk)
    elif run.status != RunStatus.DONE:
        return redirect("mentoring:run_detail", pk=run.pk)
    context = {"run": run, "cohort": run.cohort, **publishing.preview(run=run)}
    return render(request, "mentoring/run_publish.html", context)


@require_POST
@permission_required("mentoring.run_matching")
def rule_add(request, slug):
    cohort = selectors.cohort_for(user=request.user, slug=slug)
    form = PairRuleForm(request.POST, cohort=cohort)
    back = request.POST.get("run")
    if form.is_valid():
        rule = runs.set_pair_rule(cohort=cohort, user=request.user, **form.cleaned_data)
        messages.success(request, f"{rule.get_kind_display()}: {rule.student} with {rule.mentor}. Re-run to apply.")
    else:
        messages.error(request, "Choose a student, a mentor and pin or forbid.")
    if back and back.isdigit():
        return redirect("mentoring:run_detail", pk=int(back))
    return redirect("mentoring:cohort", slug=cohort.slug)


@require_POST
@permission_required("mentoring.run_matching")
def rule_remove(request, pk):
    rule = selectors.pair_rule_for(user=request.user, pk=pk)
    runs.remove_pair_rule(rule=rule)
    messages.success(request, "The pin or forbid is removed. Re-run to apply.")
    return redirect("mentoring:cohort", slug=rule.cohort.slug)
