from django.urls import path

from . import views

app_name = "references"
urlpatterns = [
    path("plan/reference-sheets.docx", views.sheets_docx, name="docx"),
    path("plan/indicators/<str:code>/reference/", views.sheet, name="sheet"),
    path("plan/indicators/<str:code>/reference/edit/", views.edit, name="edit"),
    path("plan/indicators/<str:code>/frameworks/", views.links, name="links"),
    path("plan/indicators/<str:code>/frameworks/<int:pk>/remove/", views.unlink, name="unlink"),
    path("plan/indicators/<str:code>/frameworks/<int:pk>/confirm/", views.confirm, name="confirm"),
]
