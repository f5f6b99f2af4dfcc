"""The public career pathways pages."""

from django.shortcuts import render

from ..selectors import setup as selectors


def pathway_list(request):
    return render(request, "programmes/pathways/list.html", {"pathways": selectors.public_pathways()})


def pathway_detail(request, slug):
    return render(request, "programmes/pathways/detail.html", {"pathway": selectors.pathway(slug=slug)})
