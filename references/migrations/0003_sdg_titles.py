"""The SDG items' English titles as published, each with where it was read (the fixture is the one
source; loading it again updates the stored items)."""

from importlib import import_module

from django.db import migrations

load_frameworks = import_module("references.migrations.0002_frameworks_and_sheets").load_frameworks


class Migration(migrations.Migration):
    dependencies = [("references", "0002_frameworks_and_sheets")]

    operations = [migrations.RunPython(load_frameworks, migrations.RunPython.noop)]
