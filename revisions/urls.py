from django.urls import path

from . import views

app_name = "revisions"
urlpatterns = [
    path("new/", views.revision_new, name="new"),
    path("<int:pk>/", views.revision_draft, name="draft"),
    path("<int:pk>/changes/<slug:kind>/", views.change_new, name="change-new"),
    path("<int:pk>/changes/<int:change_pk>/delete/", views.change_delete, name="change-delete"),
    path("<int:pk>/apply/", views.revision_apply, name="apply"),
    path("<int:pk>/delete/", views.revision_delete, name="delete"),
]
