from django.db import migrations

from ftl_portal.postgresql_sql import on_postgresql

# The review queue searches students by any part of their name (icontains, which Django writes as
# UPPER(full_name) LIKE UPPER('%…%')). A trigram index on that expression lets PostgreSQL find the
# matching students without reading every account; SQLite, the embedded default, has no such index
# and scans its few rows.
CREATE = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS user_full_name_search ON accounts_user USING gin (UPPER(full_name) gin_trgm_ops);
"""
DROP = "DROP INDEX IF EXISTS user_full_name_search;"


class Migration(migrations.Migration):
    dependencies = [
        ("admissions", "0001_initial"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
