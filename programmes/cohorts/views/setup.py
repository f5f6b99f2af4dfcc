"""Coordinators set up the programme: partners, cohorts, pathways and deadline extensions."""

from django.contrib import messages
from django.shortcuts import redirect, render

from accounts.permissions import permission_required
from programmes.cohorts import selectors as selectors
from programmes.cohorts import services as services
from programmes.cohorts.forms import (
    CohortForm,
    PartnerForm,
    PathwayForm,
    PublicPageForm,
    QuestionFormSet,
    QuotaForm,
    RubricFormSet,
    rubric_initial,
)
from programmes.cohorts.models.cohorts import default_rubric


@permission_required("cohorts.set_up_programme")
def setup_index(request):
    return render(
        request,
        "cohorts/setup/index.html",
        {
            "partners": selectors.partners(user=request.user),
            "cohorts": selectors.cohorts(user=request.user),
            "pathways": selectors.pathways(),
        },
    )


def _edit_one(request, *, form_class, instance, save, what):
    """A single-form edit page: partners and pathways."""
    form = form_class(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except services.SetupError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{saved.name} saved.")
            return redirect("setup_index")
    heading = f"Edit {instance.name}" if instance else f"Add a {what}"
    return render(request, "cohorts/setup/object_form.html", {"form": form, "heading": heading, "what": what})


@permission_required("cohorts.set_up_programme")
def setup_partner_edit(request, pk=None):
    partner = selectors.partner(user=request.user, pk=pk) if pk else None
    return _edit_one(
        request,
        form_class=PartnerForm,
        instance=partner,
        save=lambda data: services.save_partner(partner=partner, data=data),
        what="partner university",
    )


@permission_required("cohorts.set_up_programme")
def setup_cohort_edit(request, pk=None):
    cohort = selectors.cohort(user=request.user, pk=pk) if pk else None
    data = request.POST or None
    # "Add criterion" posts the page as it is, with one more (empty) rubric row and nothing saved.
    adding = request.method == "POST" and "add_criterion" in request.POST
    if adding:
        data = request.POST.copy()
        data["rubric-TOTAL_FORMS"] = str(_number(data.get("rubric-TOTAL_FORMS")) + 1)
    form = CohortForm(data, instance=cohort, prefix="cohort")
    quota_form = QuotaForm(
        data,
        partners=selectors.partners(user=request.user),
        quotas=selectors.cohort_quotas(cohort=cohort) if cohort else {},
        prefix="quota",
    )
    rubric = RubricFormSet(data, initial=rubric_initial(cohort.rubric if cohort else default_rubric()), prefix="rubric")
    if request.method == "POST" and not adding and form.is_valid() and quota_form.is_valid() and rubric.is_valid():
        fields = {name: form.cleaned_data[name] for name in CohortForm.Meta.fields}
        try:
            cohort = services.save_cohort(
                cohort=cohort, data=fields, quotas=quota_form.quotas(), rubric=rubric.criteria()
            )
        except services.SetupError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{cohort.name} saved.")
            return redirect("setup_index")
    return render(
        request,
        "cohorts/setup/cohort_form.html",
        {"form": form, "quota_form": quota_form, "rubric": rubric, "cohort": cohort, "adding": adding},
    )


def _number(value):
    try:
        return min(max(int(value), 0), 50)
    except (TypeError, ValueError):
        return 0


@permission_required("cohorts.set_up_programme")
def setup_pathway_edit(request, pk=None):
    pathway = selectors.pathway_for_editing(user=request.user, pk=pk) if pk else None
    return _edit_one(
        request,
        form_class=PathwayForm,
        instance=pathway,
        save=lambda data: services.save_pathway(pathway=pathway, data=data),
        what="career pathway",
    )


@permission_required("cohorts.set_up_programme")
def setup_public_page(request, pk):
    """The cohort's public page content: contact, decisions date, what you get, questions."""
    cohort = selectors.cohort(user=request.user, pk=pk)
    data = request.POST or None
    form = PublicPageForm(data, instance=cohort, prefix="page")
    questions = QuestionFormSet(data, queryset=cohort.frequent_questions.all(), prefix="faq")
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        services.save_public_page(
            cohort=cohort,
            contact_email=form.cleaned_data["contact_email"],
            decisions_by=form.cleaned_data["decisions_by"],
            offer=form.offer(),
            questions=questions,
        )
        messages.success(request, f"The public page of {cohort.name} is saved.")
        return redirect("setup_public_page", pk=cohort.pk)
    return render(
        request, "cohorts/setup/public_page_form.html", {"form": form, "questions": questions, "cohort": cohort}
    )
