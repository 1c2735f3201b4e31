from django.urls import path

from . import preview_views, views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="page"),
    path("introduction/<int:year>/", views.introduction, name="introduction"),
    path("preview/<int:year>/", preview_views.preview, name="preview"),
    path("published/", views.published_list, name="published"),
    path("published/<int:pk>/", views.published_download, name="download"),
]
