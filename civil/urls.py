from django.urls import path

from . import organisation_views, views

app_name = "civil"
urlpatterns = [
    path("", views.index, name="index"),
    path("indicators/<str:code>/<int:year>/", views.indicator_year, name="indicator"),
    path("assessments/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("assessments/<int:pk>/publish/", views.publish, name="publish"),
    path("assessments/<int:pk>/hide/", views.hide, name="hide"),
    path("assessments/<int:pk>/answer/", views.answer, name="answer"),
    path("moderation/", views.moderation, name="moderation"),
    path("organisations/", organisation_views.organisations, name="organisations"),
    path("organisations/<int:pk>/", organisation_views.organisation, name="organisation"),
    path("members/<int:pk>/remove/", organisation_views.remove_member, name="remove-member"),
]
