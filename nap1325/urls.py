from django.contrib import admin
from django.urls import include, path

from agencies.account_views import PasswordResetView, SignInView
from agencies.views import home
from civil.api import ShadowAssessmentList

urlpatterns = [
    path("", home, name="home"),
    path("accounts/login/", SignInView.as_view(), name="login"),
    path("accounts/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Before reporting's own addresses: …/<agency>/budget/ is not one of its workflow steps.
    path("", include("budgets.urls")),
    path("reporting/", include("reporting.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("reports/", include("reports.urls")),
    path("notifications/", include("notifications.urls")),
    path("civil/", include("civil.urls")),
    path(
        "api/shadow-assessments/",
        ShadowAssessmentList.as_view(),
        name="api-shadow-assessments",
    ),
    path("", include("api.urls")),
    path("", include("references.urls")),
    path("", include("indicators.urls")),
]

handler400 = "core.errors.bad_request"
handler403 = "core.errors.permission_denied"
handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
