from django.urls import include, path

from . import views

urlpatterns = [
    path("plan/", views.plan_browser, name="plan-browser"),
    path("plan/indicators/<str:code>/", views.indicator_detail, name="indicator-detail"),
    path("plan/revisions/", include("revisions.urls")),
    path("plans/", views.plan_list, name="plan-list"),
    path("api/plan/", views.api_plan, name="api-plan"),
    path("api/plans/", views.api_plans, name="api-plans"),
    path("api/plans/<str:code>/", views.api_plan, name="api-plan-of"),
]
