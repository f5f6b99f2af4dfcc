FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 FTL_VAR_DIR=/app/var
WORKDIR /app
COPY pyproject.toml ./
RUN pip install --no-cache-dir . && rm -rf build
COPY . .
# Collected in production mode so WhiteNoise's manifest (hashed names) exists; the URLs are only
# placeholders that settings require, nothing connects at build time.
RUN DJANGO_ENV=production DJANGO_SECRET_KEY=collectstatic DJANGO_ALLOWED_HOSTS=build \
    DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost/0 \
    python manage.py collectstatic --noinput
RUN useradd --create-home ftl && mkdir -p /app/var && chown -R ftl /app/var
USER ftl
EXPOSE 8000
CMD ["gunicorn", "ftl_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
