from django.db import migrations

from ftl_portal.postgresql_sql import on_postgresql

# A cohort's applications and their states go together: a finished cohort's are confirmed or
# withdrawn, an open cohort's submitted. PostgreSQL takes columns as independent unless told, so it
# estimated a finished cohort's 2,000 confirmed participants among 100,000 applications at 45, and
# the impact report's counts over their bookings and feedback ran as nested loops: 32 ms where 11
# would do (bench/README.md). Statistics on the pair give it their real combinations; ANALYZE builds
# them now rather than at the table's next automatic analyse. SQLite has no such statistics.
CREATE = """
CREATE STATISTICS IF NOT EXISTS application_cohort_state (dependencies, mcv)
    ON cohort_id, state FROM admissions_application;
ANALYZE admissions_application;
"""
DROP = "DROP STATISTICS IF EXISTS application_cohort_state;"


class Migration(migrations.Migration):
    dependencies = [("admissions", "0009_queue_index_orders_by_id")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
