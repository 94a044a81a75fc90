# thidua: slim Python image with pango and a Times New Roman metric twin (Liberation Serif).
# Installed in editable mode: migrations/ and templates/ are read from /srv/thidua.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    THIDUA_ENV=production \
    THIDUA_HOST=0.0.0.0 \
    THIDUA_PORT=8000 \
    THIDUA_DATA_DIR=/var/lib/thidua

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-liberation2 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/thidua
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY templates ./templates
RUN pip install -e . \
 && useradd --system --home /var/lib/thidua thidua \
 && mkdir -p /var/lib/thidua && chown thidua /var/lib/thidua

USER thidua
EXPOSE 8000
VOLUME ["/var/lib/thidua"]
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"

# THIDUA_SECRET_KEY and THIDUA_DATABASE_URL must be given at run time; production refuses to
# start without a secret key.
CMD ["sh", "-c", "thidua check && thidua migrate && exec thidua serve"]
