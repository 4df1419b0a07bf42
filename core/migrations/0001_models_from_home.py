"""The site-wide models (images, renditions, site settings, navigation) move here from `home`.

Only their app changes, in Django's state and in their content types: the tables keep their
names (`db_table`), so rows, ids, permissions and references stay as they are, and processes of
the previous release keep working against the same tables while a deploy rolls out. A new
database gets the tables from `home` 0001."""

import django.db.models.deletion
import modelcluster.fields
import modelsearch.index
import taggit.managers
import wagtail.images.models
import wagtail.models.media
from django.conf import settings
from django.db import migrations, models


MOVED = (
    "customimage",
    "customrendition",
    "sitesettings",
    "navigationsettings",
    "headerlink",
    "footerlink",
)


def _relabel(apps, schema_editor, source: str, target: str) -> None:
    """Give each moved model's content type (and with it its permissions and every reference
    by content type) the app label `target`. A row of `target` made in the meantime by new code
    running before this migration is dropped first: the old row keeps its id."""
    content_type = apps.get_model("contenttypes", "ContentType")
    rows = content_type.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        if rows.filter(app_label=source, model=model).exists():
            rows.filter(app_label=target, model=model).delete()
            rows.filter(app_label=source, model=model).update(app_label=target)


def move_from_home(apps, schema_editor) -> None:
    _relabel(apps, schema_editor, "home", "core")


def move_back_to_home(apps, schema_editor) -> None:
    _relabel(apps, schema_editor, "core", "home")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('home', '0003_choosers_from_shared_objects'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CustomImage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('file', wagtail.images.models.WagtailImageField(height_field='height', upload_to=wagtail.images.models.get_upload_to, verbose_name='file', width_field='width')),
                        ('description', models.CharField(blank=True, default='', max_length=255, verbose_name='description')),
                        ('width', models.IntegerField(editable=False, verbose_name='width')),
                        ('height', models.IntegerField(editable=False, verbose_name='height')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created at')),
                        ('focal_point_x', models.PositiveIntegerField(blank=True, null=True)),
                        ('focal_point_y', models.PositiveIntegerField(blank=True, null=True)),
                        ('focal_point_width', models.PositiveIntegerField(blank=True, null=True)),
                        ('focal_point_height', models.PositiveIntegerField(blank=True, null=True)),
                        ('file_size', models.PositiveIntegerField(editable=False, null=True)),
                        ('file_hash', models.CharField(blank=True, db_index=True, editable=False, max_length=40)),
                        ('credit', models.CharField(blank=True, max_length=255, verbose_name='credit')),
                        ('description_en', models.CharField(blank=True, help_text='The alt text on English pages; the description is used when empty.', max_length=255, verbose_name='description (English)')),
                        ('collection', models.ForeignKey(default=wagtail.models.media.get_root_collection_id, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.collection', verbose_name='collection')),
                        ('tags', taggit.managers.TaggableManager(blank=True, help_text=None, through='taggit.TaggedItem', to='taggit.Tag', verbose_name='tags')),
                        ('uploaded_by_user', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='uploaded by user')),
                    ],
                    options={
                        'db_table': 'home_customimage',
                        'verbose_name': 'image',
                        'verbose_name_plural': 'images',
                        'abstract': False,
                    },
                    bases=(wagtail.images.models.ImageFileMixin, modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name='NavigationSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'db_table': 'home_navigationsettings',
                        'verbose_name': 'navigation',
                    },
                ),
                migrations.CreateModel(
                    name='HeaderLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('label', models.CharField(blank=True, help_text='Defaults to the page title.', max_length=60, verbose_name='label')),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('setting', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='header_links', to='core.navigationsettings')),
                    ],
                    options={
                        'db_table': 'home_headerlink',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='FooterLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('label', models.CharField(blank=True, help_text='Defaults to the page title.', max_length=60, verbose_name='label')),
                        ('page', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('setting', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='footer_links', to='core.navigationsettings')),
                    ],
                    options={
                        'db_table': 'home_footerlink',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='SiteSettings',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('organisation_name', models.CharField(max_length=200, verbose_name='organisation name')),
                        ('organisation_name_en', models.CharField(max_length=200, verbose_name='organisation name (English)')),
                        ('tagline', models.CharField(blank=True, max_length=200, verbose_name='tagline')),
                        ('tagline_en', models.CharField(blank=True, max_length=200, verbose_name='tagline (English)')),
                        ('email', models.EmailField(max_length=254, verbose_name='contact e-mail')),
                        ('phone', models.CharField(max_length=40, verbose_name='phone')),
                        ('address', models.CharField(max_length=255, verbose_name='address')),
                        ('address_en', models.CharField(blank=True, max_length=255, verbose_name='address (English)')),
                        ('opening_hours', models.CharField(blank=True, max_length=120, verbose_name='office hours')),
                        ('seller_name', models.CharField(max_length=200, verbose_name='seller (販売事業者)')),
                        ('seller_representative', models.CharField(max_length=120, verbose_name='representative (運営責任者)')),
                        ('seller_address', models.CharField(max_length=255, verbose_name='seller address (所在地)')),
                        ('seller_phone', models.CharField(max_length=40, verbose_name='seller phone')),
                        ('seller_email', models.EmailField(max_length=254, verbose_name='seller e-mail')),
                        ('invoice_registration_number', models.CharField(blank=True, help_text='T followed by 13 digits.', max_length=14, verbose_name='qualified-invoice registration number')),
                        ('price_notes', models.TextField(blank=True, verbose_name='prices (販売価格)')),
                        ('extra_charges', models.TextField(blank=True, verbose_name='charges other than the price')),
                        ('payment_methods', models.TextField(blank=True, verbose_name='payment methods and timing')),
                        ('service_timing', models.TextField(blank=True, verbose_name='when the service is provided')),
                        ('cancellation_policy', models.TextField(blank=True, verbose_name='cancellations and refunds')),
                        ('x_url', models.URLField(blank=True, verbose_name='X (Twitter)')),
                        ('instagram_url', models.URLField(blank=True, verbose_name='Instagram')),
                        ('facebook_url', models.URLField(blank=True, verbose_name='Facebook')),
                        ('site', models.OneToOneField(editable=False, on_delete=django.db.models.deletion.CASCADE, to='wagtailcore.site')),
                    ],
                    options={
                        'db_table': 'home_sitesettings',
                        'verbose_name': 'site settings',
                    },
                ),
                migrations.CreateModel(
                    name='CustomRendition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('filter_spec', models.CharField(db_index=True, max_length=255)),
                        ('file', wagtail.images.models.WagtailImageField(height_field='height', storage=wagtail.images.models.get_rendition_storage, upload_to=wagtail.images.models.get_rendition_upload_to, width_field='width')),
                        ('width', models.IntegerField(editable=False)),
                        ('height', models.IntegerField(editable=False)),
                        ('focal_point_key', models.CharField(blank=True, default='', editable=False, max_length=16)),
                        ('image', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='renditions', to='core.customimage')),
                    ],
                    options={
                        'db_table': 'home_customrendition',
                        'unique_together': {('image', 'filter_spec', 'focal_point_key')},
                    },
                    bases=(wagtail.images.models.ImageFileMixin, models.Model),
                ),
            ],
            database_operations=[migrations.RunPython(move_from_home, move_back_to_home)],
        ),
    ]
