"""The public cohort pages: what a cohort offers, who may apply and by when."""

from django.shortcuts import render

from programmes.cohorts import selectors


def cohort_list(request):
    return render(request, "cohorts/cohort_list.html", {"cohorts": selectors.public_cohorts()})


def cohort_detail(request, slug):
    cohort = selectors.public_cohort(slug=slug, user=request.user)
    return render(request, "cohorts/cohort_detail.html", {"page": selectors.public_page(cohort=cohort)})
