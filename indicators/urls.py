from django.urls import path

from . import views

urlpatterns = [
    path("plan/", views.plan_browser, name="plan-browser"),
    path("plan/indicators/<str:code>/", views.indicator_detail, name="indicator-detail"),
    path("api/plan/", views.api_plan, name="api-plan"),
]
