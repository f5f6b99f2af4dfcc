from django.urls import path

from programmes.recruitment.views import campaigns, prospects, share_links, suppressions

app_name = "campaigns"

urlpatterns = [
    path("register-interest/", prospects.register_interest, name="register_interest"),
    path("register-interest/sent/", prospects.register_interest_sent, name="register_interest_sent"),
    path("register-interest/confirm/<str:token>/", prospects.confirm_interest, name="confirm_interest"),
    path("unsubscribe/<str:token>/", prospects.unsubscribe, name="unsubscribe"),
    path("r/<str:ref>/", prospects.campaign_ref, name="ref"),
    path("join/<slug:slug>/", share_links.share_link_follow, name="share_link"),
    path("campaigns/cohorts/<int:pk>/share-links/", share_links.share_link_list, name="share_links"),
    path("email-preferences/", prospects.email_preferences, name="email_preferences"),
    path("campaigns/", campaigns.campaign_list, name="list"),
    path("campaigns/new/", campaigns.campaign_edit, name="create"),
    path("campaigns/audience-count/", campaigns.audience_count, name="audience_count"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="detail"),
    path("campaigns/<int:pk>/edit/", campaigns.campaign_edit, name="edit"),
    path("campaigns/<int:pk>/progress/", campaigns.campaign_progress, name="progress"),
    path("campaigns/<int:pk>/preview/", campaigns.campaign_preview, name="preview"),
    path("campaigns/<int:pk>/preview.html", campaigns.campaign_preview_html, name="preview_html"),
    path("campaigns/<int:pk>/test-send/", campaigns.campaign_test_send, name="test_send"),
    path("campaigns/<int:pk>/send/", campaigns.campaign_send, name="send"),
    path("campaigns/<int:pk>/pause/", campaigns.campaign_pause, name="pause"),
    path("campaigns/<int:pk>/resume/", campaigns.campaign_resume, name="resume"),
    path("campaigns/<int:pk>/cancel/", campaigns.campaign_cancel, name="cancel"),
    path("campaigns/prospects/", prospects.prospect_list, name="prospects"),
    path("campaigns/suppressions/", suppressions.suppression_list, name="suppressions"),
    path("campaigns/suppressions/<int:pk>/lift/", suppressions.suppression_lift, name="suppression_lift"),
    path("campaigns/prospects/export.csv", prospects.prospect_export, name="prospect_export"),
    path("campaigns/prospects/import/", prospects.prospect_import_upload, name="prospect_import"),
    path("campaigns/prospects/import/<int:pk>/", prospects.prospect_import_preview, name="prospect_import_preview"),
    path(
        "campaigns/prospects/import/<int:pk>/confirm/",
        prospects.prospect_import_confirm,
        name="import_confirm",
    ),
]
