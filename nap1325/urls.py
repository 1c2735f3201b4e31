from django.contrib import admin
from django.urls import include, path

from agencies.views import home
from dashboards import views as dashboard_views

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("reporting/", include("reporting.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("reports/", include("reports.urls")),
    path("api/values/", dashboard_views.api_values, name="api-values"),
    path("", include("indicators.urls")),
]
