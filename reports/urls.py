from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="page"),
    path("introduction/<int:year>/", views.introduction, name="introduction"),
    path("published/", views.published_list, name="published"),
    path("published/<int:pk>/", views.published_download, name="download"),
]
