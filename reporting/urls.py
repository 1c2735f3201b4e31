from django.urls import path, register_converter

from agencies.models import AGENCY_CODE

from . import activity_views, figure_comments, form_views, spreadsheet_views, views


class AgencyCodeConverter:
    regex = AGENCY_CODE

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(AgencyCodeConverter, "agency")

app_name = "reporting"
urlpatterns = [
    path("", views.year_list, name="years"),
    path("open/", views.year_open, name="year-open"),
    path("<int:year>/", views.year_detail, name="year"),
    path("<int:year>/close/", views.year_status, {"action": "close"}, name="year-close"),
    path("<int:year>/reopen/", views.year_status, {"action": "reopen"}, name="year-reopen"),
    path("<int:year>/add-agencies/", views.year_add_agencies, name="year-add-agencies"),
    path(
        "<int:year>/export/<slug:kind>.<slug:fmt>",
        spreadsheet_views.export_year,
        name="export-year",
    ),
    path("<int:year>/<agency:agency>/", views.submission_detail, name="submission"),
    path("<int:year>/<agency:agency>/template.xlsx", spreadsheet_views.template, name="template"),
    path("<int:year>/<agency:agency>/import/", spreadsheet_views.import_page, name="import"),
    path(
        "<int:year>/<agency:agency>/import/rejected.<slug:fmt>",
        spreadsheet_views.import_rejected,
        name="import-rejected",
    ),
    path(
        "<int:year>/<agency:agency>/import/<int:pk>/confirm/",
        spreadsheet_views.import_confirm,
        name="import-confirm",
    ),
    path(
        "<int:year>/<agency:agency>/export/<slug:kind>.<slug:fmt>",
        spreadsheet_views.export_agency,
        name="export",
    ),
    path("<int:year>/<agency:agency>/edit/", form_views.submission_edit, name="edit"),
    path("<int:year>/<agency:agency>/edit/draft/", form_views.draft_save, name="edit-draft"),
    path(
        "<int:year>/<agency:agency>/edit/goals/<int:number>/nothing-to-report/",
        form_views.nothing_to_report,
        name="nothing-to-report",
    ),
    path(
        "<int:year>/<agency:agency>/figures/<str:code>/comments/",
        figure_comments.comment_add,
        name="figure-comment",
    ),
    path(
        "<int:year>/<agency:agency>/figures/<str:code>/comments/resolve/",
        figure_comments.comment_resolve,
        name="figure-comment-resolve",
    ),
    path("<int:year>/<agency:agency>/history/", views.submission_history, name="history"),
    path("<int:year>/<agency:agency>/activities/", activity_views.activity_list, name="activities"),
    path(
        "<int:year>/<agency:agency>/activities/new/",
        activity_views.activity_edit,
        name="activity-new",
    ),
    path(
        "<int:year>/<agency:agency>/activities/<int:pk>/",
        activity_views.activity_edit,
        name="activity-edit",
    ),
    path(
        "<int:year>/<agency:agency>/activities/<int:pk>/delete/",
        activity_views.activity_delete,
        name="activity-delete",
    ),
    path("<int:year>/<agency:agency>/evidence/", activity_views.evidence_add, name="evidence-add"),
    path(
        "<int:year>/<agency:agency>/evidence/<int:pk>/",
        activity_views.evidence_download,
        name="evidence-download",
    ),
    path(
        "<int:year>/<agency:agency>/evidence/<int:pk>/delete/",
        activity_views.evidence_delete,
        name="evidence-delete",
    ),
    path("<int:year>/<agency:agency>/<slug:action>/", views.submission_action, name="action"),
]
