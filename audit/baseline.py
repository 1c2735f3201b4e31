"""The first version of records that were loaded without one.

Fixtures (the plan, the agencies, the 2022 data) are loaded raw, so django-simple-history records
nothing for them; the first change made later would then have no "before". `record_baseline()`
gives every record that has no history a first version, so that old and new values exist from
the first change on. It runs after every `migrate` and after `setup_demo` loads data; each run
only adds what is missing (one query per model, plus the inserts).
"""

from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import registered_models
from simple_history.utils import get_history_manager_for_model


def record_baseline(**kwargs):
    created = 0
    for model in registered_models.values():
        try:
            history = get_history_manager_for_model(model)
        except NotHistoricalModelError:
            continue  # the table behind a many-to-many field: recorded with its owner
        missing = list(model._default_manager.exclude(pk__in=history.values("id")))
        if missing:
            history.bulk_history_create(missing, batch_size=500)
            created += len(missing)
    return created
