from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("goals/<int:number>/", views.goal_detail, name="goal"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator"),
    path("agencies/<str:code>/", views.agency_detail, name="agency"),
    path("assess/<int:year>/<str:kind>/<int:pk>/", views.assess, name="assess"),
]
