from django.urls import include, path

from . import plan_views, views

urlpatterns = [
    path("plan/", views.plan_browser, name="plan-browser"),
    path("plan/indicators/<str:code>/", views.indicator_detail, name="indicator-detail"),
    path("plan/revisions/", include("revisions.urls")),
    path("plan/workbook.xlsx", plan_views.workbook, name="plan-workbook"),
    path("plan/current/", plan_views.make_current, name="plan-make-current"),
    path("plans/", views.plan_list, name="plan-list"),
    # Not under plans/: an address there names a plan by its code.
    path("plan-imports/template.xlsx", plan_views.template, name="plan-template"),
    path("plan-imports/", plan_views.import_page, name="plan-import"),
    path("plan-imports/<int:pk>/confirm/", plan_views.import_confirm, name="plan-import-confirm"),
]
