"""Coordinators see the retention schedules, what falls due and what was done, and run them."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from programmes.retention import selectors, services
from programmes.retention.forms import RetentionScheduleForm
from programmes.retention.models import Rule, RunSource


def _summary(counts):
    return "; ".join(f"{Rule(rule).label}: {count}" for rule, count in counts.items()) + "."


@permission_required("retention.manage_retention")
def retention_index(request):
    context = selectors.overview(user=request.user, now=timezone.now())
    context["schedules"] = selectors.schedules(user=request.user)
    context["runs"] = selectors.recent_runs(user=request.user)
    return render(request, "retention/index.html", context)


@require_POST
@permission_required("retention.manage_retention")
def retention_dry_run(request):
    counts = services.apply_schedule(now=timezone.now(), dry_run=True, source=RunSource.COORDINATOR)
    messages.info(request, "Dry run, nothing changed. A run now would do this: " + _summary(counts))
    return redirect("retention_index")


@permission_required("retention.manage_retention")
def retention_run(request):
    """GET states what a run would do and asks to confirm; POST runs every rule now."""
    if request.method == "POST":
        counts = services.apply_schedule(now=timezone.now(), source=RunSource.COORDINATOR)
        messages.success(request, "Retention run done: " + _summary(counts))
        return redirect("retention_index")
    context = selectors.run_confirmation(user=request.user, now=timezone.now())
    return render(request, "retention/run_confirm.html", context)


@permission_required("retention.manage_retention")
def retention_schedule(request, cohort_pk):
    schedule = selectors.schedule_for(user=request.user, cohort_pk=cohort_pk)
    form = RetentionScheduleForm(request.POST or None, instance=schedule)
    if request.method == "POST" and form.is_valid():
        services.save_schedule(schedule=schedule, data=form.cleaned_data)
        messages.success(request, f"Retention schedule of {schedule.cohort.name} saved.")
        return redirect("retention_index")
    defaults = {name: schedule._meta.get_field(name).default for name in schedule.PERIODS}
    return render(request, "retention/schedule_form.html", {"form": form, "schedule": schedule, "defaults": defaults})
