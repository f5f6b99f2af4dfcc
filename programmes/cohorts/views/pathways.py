"""The public career pathways pages."""

from django.shortcuts import render

from programmes.cohorts import selectors as selectors


def pathway_list(request):
    return render(request, "cohorts/pathways/list.html", {"pathways": selectors.pathways()})


def pathway_detail(request, slug):
    return render(request, "cohorts/pathways/detail.html", {"pathway": selectors.pathway(slug=slug)})
