"""Text escaped for HTML once, in Python, for the hottest pages' long tables and lists.

Django's escape() first looks for a lazy string among its arguments (keep_lazy), which makes it cost
7 µs a value where html.escape costs 0.4: on a 25-row review queue that was a tenth of the page.
The template prints a value escaped here as it is (it is a SafeString), so nothing is escaped twice.
"""

import html

from django.utils.safestring import SafeString


def escaped(value):
    """str(value) escaped as Django's escape() does it (quotes too), marked safe."""
    return SafeString(html.escape(str(value)))


def options(choices, current):
    """<option> elements for (value, label) choices, the one equal to current selected."""
    return SafeString(
        "".join(
            f'<option value="{escaped(value)}"{" selected" if str(value) == current else ""}>{escaped(label)}</option>'
            for value, label in choices
        )
    )
