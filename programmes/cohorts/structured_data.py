"""A cohort as a shared link's card: Open Graph tags and schema.org JSON-LD
(EducationalOccupationalProgram), so a careers service's post shows the programme with its dates."""

import json

from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

# Inside <script>, "</script>" or "<!--" in a coordinator's text must not end the element.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def description(cohort):
    text = strip_tags(cohort.summary).strip() or f"{cohort.name}: expert-led sessions, mentoring and networking."
    return Truncator(" ".join(text.split())).chars(300)


def open_graph(*, cohort, url):
    return {
        "og:type": "website",
        "og:site_name": "FTL Portal",
        "og:title": cohort.name,
        "og:description": description(cohort),
        "og:url": url,
        "og:locale": "en_GB",
    }


def program(*, cohort, url, partners, pathways):
    """The schema.org description of a cohort, with its application window and programme dates."""
    return {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": cohort.name,
        "description": description(cohort),
        "url": url,
        "applicationStartDate": cohort.applications_open_at.isoformat(),
        "applicationDeadline": cohort.applications_close_at.isoformat(),
        "startDate": cohort.programme_starts_on.isoformat(),
        "endDate": cohort.programme_ends_on.isoformat(),
        "educationalProgramMode": "blended",
        "isAccessibleForFree": True,
        "occupationalCategory": [p.name for p in pathways],
        "provider": [
            {"@type": "CollegeOrUniversity", "name": p.name, **({"url": p.website} if p.website else {})}
            for p in partners
        ],
        **({"email": cohort.contact_address} if cohort.contact_address else {}),
    }


def json_ld(data):
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308 (escaped above)
