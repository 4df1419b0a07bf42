"""Image foreign keys now name `core.CustomImage` (the model moved from `home`; same table)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0001_models_from_home'),
        ('workation', '0003_choosers_from_shared_objects'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='areaindexpage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='areapage',
                    name='hero_image',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage'),
                ),
                migrations.AlterField(
                    model_name='areapage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='consultationformpage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='experiencepage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='infopage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='listingindexpage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='modelplanpage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='officepage',
                    name='floor_plan',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='floor plan'),
                ),
                migrations.AlterField(
                    model_name='officepage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='partnerindexpage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='partnerpage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='planindexpage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='staypage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='storyindexpage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
                migrations.AlterField(
                    model_name='storypage',
                    name='listing_image',
                    field=models.ForeignKey(blank=True, help_text='Shown on cards and as the image when the page is shared (1200×630 crop).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.customimage', verbose_name='listing image'),
                ),
            ],
            database_operations=[],
        ),
    ]
