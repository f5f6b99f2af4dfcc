"""Coordinators shape a cohort's application form with questions of their own."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from programmes.admissions.forms.questions import QuestionForm
from programmes.admissions.selectors import questions as selectors
from programmes.admissions.services import questions as services
from programmes.cohorts import selectors as cohort_selectors


@permission_required("admissions.build_questions")
def setup_questions(request, pk):
    cohort = cohort_selectors.cohort(user=request.user, pk=pk)
    form = QuestionForm(request.POST or None, section_titles=selectors.own_section_titles(cohort=cohort))
    if request.method == "POST" and form.is_valid():
        question = services.add_question(cohort=cohort, fields=form.question_fields())
        messages.success(request, f"“{question.label}” is added to the application form.")
        return redirect("setup_questions", pk=cohort.pk)
    return render(
        request,
        "admissions/questions.html",
        {"cohort": cohort, "form": form, "questions": selectors.questions(user=request.user, cohort=cohort)},
        status=400 if request.method == "POST" else 200,
    )


@permission_required("admissions.build_questions")
def setup_question_edit(request, pk, question_pk):
    cohort = cohort_selectors.cohort(user=request.user, pk=pk)
    question = selectors.question(user=request.user, cohort=cohort, pk=question_pk)
    form = QuestionForm(
        request.POST or None,
        initial=QuestionForm.initial_for(question),
        section_titles=selectors.own_section_titles(cohort=cohort, excluding=question),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_question(question=question, fields=form.question_fields())
        except services.QuestionLocked as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"“{form.cleaned_data['label']}” is saved.")
        return redirect("setup_questions", pk=cohort.pk)
    return render(
        request,
        "admissions/question_edit.html",
        {"cohort": cohort, "form": form, "question": question},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@permission_required("admissions.build_questions")
def setup_question_retire(request, pk, question_pk):
    cohort = cohort_selectors.cohort(user=request.user, pk=pk)
    question = selectors.question(user=request.user, cohort=cohort, pk=question_pk)
    services.retire_question(question=question)
    messages.success(request, f"“{question.label}” is retired: new applicants will not see it.")
    return redirect("setup_questions", pk=cohort.pk)


@require_POST
@permission_required("admissions.build_questions")
def setup_question_move(request, pk, question_pk):
    cohort = cohort_selectors.cohort(user=request.user, pk=pk)
    question = selectors.question(user=request.user, cohort=cohort, pk=question_pk)
    up = request.POST.get("direction") != "down"
    try:
        services.move_question(question=question, up=up)
    except services.QuestionNotMoved as exc:
        messages.info(request, str(exc))
    else:
        messages.success(request, f"“{question.label}” moved {'up' if up else 'down'} in its section.")
    return redirect(f"{reverse('setup_questions', args=[cohort.pk])}#question-{question.pk}")
