"""The hash chain, step 2: chain the rows that already exist, in id order, so
verify_access_log passes on an upgraded database; then set the chain head."""

from django.db import migrations

from vangnet.audit.chain import GENESIS, HEAD_ID, row_hash
from vangnet.audit.migration_ops import RefuseReverse

BATCH = 1000


def chain_existing_rows(apps, schema_editor):
    AccessLog = apps.get_model("audit", "AccessLog")
    Head = apps.get_model("audit", "AccessLogChainHead")
    db = schema_editor.connection.alias
    seq, prev, last_id = 0, GENESIS, 0
    while True:
        batch = list(AccessLog.objects.using(db).filter(id__gt=last_id).order_by("id")[:BATCH])
        if not batch:
            break
        for row in batch:
            seq += 1
            row.seq, row.prev_hash = seq, prev
            row.hash = prev = row_hash(row)
        AccessLog.objects.using(db).bulk_update(batch, ["seq", "prev_hash", "hash"])
        last_id = batch[-1].id
    Head.objects.using(db).update_or_create(id=HEAD_ID, defaults={"seq": seq, "hash": prev})


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_hash_chain_fields")]

    operations = [
        RefuseReverse(),
        migrations.RunPython(chain_existing_rows),
    ]
