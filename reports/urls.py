from django.urls import path

from . import preview_views
from .views import jobs, page, published

app_name = "reports"
urlpatterns = [
    path("", page.report_page, name="page"),
    path("introduction/<int:year>/", page.text, {"kind": "introduction"}, name="introduction"),
    path("conclusions/<int:year>/", page.text, {"kind": "conclusions"}, name="conclusions"),
    path("preview/<int:year>/", preview_views.preview, name="preview"),
    path("jobs/<int:pk>/", jobs.job, name="job"),
    path("jobs/<int:pk>/download/", jobs.job_download, name="job-download"),
    path("publish/", published.publish, name="publish"),
    path("published/", published.published_list, name="published"),
    # A file of a published version (the ids of the files published before versions existed
    # are kept, so their links still work).
    path("published/<int:pk>/", published.published_download, name="download"),
    path("versions/<int:pk>/withdraw/", published.withdraw, name="withdraw"),
]
