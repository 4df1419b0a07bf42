"""The site-wide models leave `home` for `core` (core 0001 moved their tables); state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_models_from_home'),
        ('home', '0003_choosers_from_shared_objects'),
        ('workation', '0004_images_from_core'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='homepage',
                    name='hero_image',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage'),
                ),
                migrations.AlterField(
                    model_name='homepage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.RemoveField(
                    model_name='customrendition',
                    name='image',
                ),
                migrations.AlterUniqueTogether(
                    name='customrendition',
                    unique_together=None,
                ),
                migrations.RemoveField(
                    model_name='footerlink',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='footerlink',
                    name='setting',
                ),
                migrations.RemoveField(
                    model_name='headerlink',
                    name='page',
                ),
                migrations.RemoveField(
                    model_name='headerlink',
                    name='setting',
                ),
                migrations.RemoveField(
                    model_name='navigationsettings',
                    name='site',
                ),
                migrations.RemoveField(
                    model_name='sitesettings',
                    name='site',
                ),
                migrations.DeleteModel(
                    name='CustomImage',
                ),
                migrations.DeleteModel(
                    name='CustomRendition',
                ),
                migrations.DeleteModel(
                    name='FooterLink',
                ),
                migrations.DeleteModel(
                    name='HeaderLink',
                ),
                migrations.DeleteModel(
                    name='NavigationSettings',
                ),
                migrations.DeleteModel(
                    name='SiteSettings',
                ),
            ],
            database_operations=[],
        ),
    ]
