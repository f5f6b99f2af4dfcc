from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from ftl_portal import health

# The admin logs in through allauth, so its rate limits and MFA cover the admin too.
admin.autodiscover()
admin.site.login = secure_admin_login(admin.site.login)

handler500 = "ftl_portal.outages.server_error"

urlpatterns = [
    path("", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("outbox/", include("ftl_portal.outbox.urls")),
    path("", include("programmes.cohorts.urls")),
    path("", include("programmes.admissions.urls")),
    path("", include("programmes.events.urls")),
    path("", include("programmes.recruitment.urls")),
    path("mentoring/", include("mentoring.urls")),
    path("", include("programmes.retention.urls")),
    path("messages/", include("programmes.messaging.urls")),
    path("equality/", include("programmes.equality.urls")),
    path("", include("programmes.impact.urls")),
    path("privacy/", include("programmes.privacy.urls")),
    path("", include("programmes.completion.urls")),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path("admin/", admin.site.urls),
    # A trivial view (liveness, and the benchmarks' baseline), and readiness: the database and the broker.
    path("healthz", health.healthz, name="healthz"),
    path("healthz/ready", health.ready, name="healthz_ready"),
]

if settings.FTL_MAILBOX_ENABLED:
    urlpatterns.append(path("mailbox/", include("ftl_portal.outbox.mailbox_urls")))
