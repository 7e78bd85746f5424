"""Constraints of the place-keyed identity, once 0005 has split and merged the rows to fit them."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0005_rekey_places"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='person',
            constraint=models.UniqueConstraint(fields=('name', 'role', 'place'), name='person_unique_name_role_place'),
        ),
        migrations.AddConstraint(
            model_name='person',
            constraint=models.UniqueConstraint(condition=models.Q(('place__isnull', True)), fields=('name', 'role'), name='person_unique_name_role_no_place'),
        ),
        migrations.AddConstraint(
            model_name='proposal',
            constraint=models.UniqueConstraint(condition=models.Q(models.Q(('number_normalized', ''), _negated=True), ('is_draft', False)), fields=('session', 'number_normalized'), name='proposal_unique_session_number'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.UniqueConstraint(condition=models.Q(('meeting__isnull', False), ('place__isnull', False), ('term__isnull', False)), fields=('body', 'place', 'term', 'meeting'), name='session_unique_place_term_meeting'),
        ),
        migrations.AddConstraint(
            model_name='session',
            constraint=models.UniqueConstraint(condition=models.Q(models.Q(('term__isnull', True), ('meeting__isnull', True), _connector='OR'), ('place__isnull', False)), fields=('body', 'place', 'name'), name='session_unique_place_name_unparsed'),
        ),
    ]
