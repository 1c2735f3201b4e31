from django.contrib import admin
from django.urls import include, path

from agencies.views import home

urlpatterns = [
    path("", home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("reporting/", include("reporting.urls")),
    path("", include("indicators.urls")),
]
