from django.db import migrations


def forwards(apps, schema_editor):
    from skanse.tenancy import reference

    reference.load(apps.get_model("tenancy", "Region"), apps.get_model("tenancy", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
