from django.urls import path

# The agency code converter is registered by reporting's addresses.
import reporting.urls  # noqa: F401

from . import api, dashboard, views

app_name = "budgets"
urlpatterns = [
    path("reporting/<int:year>/<agency:agency>/budget/", views.budget_page, name="entry"),
    path(
        "reporting/<int:year>/<agency:agency>/budget/<int:pk>/",
        views.budget_edit,
        name="edit",
    ),
    path(
        "reporting/<int:year>/<agency:agency>/budget/<int:pk>/delete/",
        views.budget_delete,
        name="delete",
    ),
    path("dashboards/budget/", dashboard.budget_dashboard, name="dashboard"),
    path("api/budgets/", api.BudgetList.as_view(), name="api"),
]
