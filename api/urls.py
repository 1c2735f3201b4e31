from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import views

urlpatterns = [
    path("api/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/plan/", views.CurrentPlanDetail.as_view(), name="api-plan"),
    path("api/plans/", views.PlanList.as_view(), name="api-plans"),
    path("api/plans/<str:code>/", views.PlanDetail.as_view(), name="api-plan-of"),
    path("api/frameworks/", views.FrameworkList.as_view(), name="api-frameworks"),
    path("api/values/", views.CurrentValues.as_view(), name="api-values"),
    path("api/plans/<str:code>/values/", views.Values.as_view(), name="api-values-of"),
]
