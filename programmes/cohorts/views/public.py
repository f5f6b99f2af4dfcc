"""The public cohort pages: what a cohort offers, who may apply and by when."""

from django.shortcuts import render

from programmes.cohorts import selectors
from programmes.cohorts.models import LevelOfStudy


def cohort_list(request):
    return render(request, "cohorts/cohort_list.html", {"cohorts": selectors.public_cohorts()})


def cohort_detail(request, slug):
    cohort = selectors.public_cohort(slug=slug)
    levels = [label for value, label in LevelOfStudy.choices if value in cohort.levels_allowed]
    partners = [cp.partner for cp in cohort.cohort_partners.all()]
    return render(request, "cohorts/cohort_detail.html", {"cohort": cohort, "levels": levels, "partners": partners})
