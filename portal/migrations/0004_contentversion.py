import secrets

from django.db import migrations, models
from django.utils import timezone


def first_version(apps, schema_editor):
    apps.get_model("portal", "ContentVersion").objects.get_or_create(
        pk=1, defaults={"token": secrets.token_hex(8), "changed_at": timezone.now()}
    )


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0003_city'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContentVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('token', models.CharField(max_length=32)),
                ('changed_at', models.DateTimeField()),
            ],
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
