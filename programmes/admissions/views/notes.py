"""Notes and tags on an application's review page. Each form posts with htmx and gets the panel back;
without JavaScript it posts and returns to the page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from programmes.admissions.selectors import notes as note_selectors
from programmes.admissions.selectors import reviews as review_selectors
from programmes.admissions.services import notes as services


def _respond(request, application, *, refusal=None, done=""):
    if request.htmx:
        context = {
            "application": application,
            "annotations": note_selectors.annotations(application=application, user=request.user),
            "refusal": refusal,
            "done": done,
        }
        return render(request, "admissions/notes/_panel.html", context)
    if refusal:
        messages.error(request, refusal)
    elif done:
        messages.success(request, done)
    return redirect("review_application", pk=application.pk)


def _act(request, pk, action, done):
    application = review_selectors.application_for_review(user=request.user, pk=pk)
    try:
        action(application)
    except services.AnnotationRefused as exc:
        return _respond(request, application, refusal=str(exc))
    return _respond(request, application, done=done)


@require_POST
@permission_required("admissions.annotate_applications")
def note_add(request, pk):
    text = request.POST.get("text", "")
    return _act(request, pk, lambda a: services.add_note(application=a, author=request.user, text=text), "Note added.")


@require_POST
@permission_required("admissions.annotate_applications")
def note_delete(request, pk, note_pk):
    def delete(application):
        note = note_selectors.note_of(application=application, pk=note_pk)
        if note is None:
            raise Http404
        services.delete_note(note=note, actor=request.user)

    return _act(request, pk, delete, "Note removed.")


@require_POST
@permission_required("admissions.annotate_applications")
def tag_add(request, pk):
    label = request.POST.get("label", "")
    return _act(request, pk, lambda a: services.add_tag(application=a, actor=request.user, label=label), "Tag added.")


@require_POST
@permission_required("admissions.annotate_applications")
def tag_remove(request, pk):
    label = request.POST.get("label", "")
    return _act(
        request, pk, lambda a: services.remove_tag(application=a, actor=request.user, label=label), "Tag removed."
    )
