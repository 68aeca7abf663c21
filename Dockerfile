# maturity-bot as a container image: the wheel, a non-root user, the database on a volume, the token from
# the environment, and `maturity-bot check` as the health check.
#
# No Docker daemon runs on the project's machines, so every step here is one CI runs without Docker:
# tests/test_packaging.py builds this wheel the same way (pip wheel --no-deps from the sources), installs it
# into a fresh virtual environment outside the checkout, and runs `maturity-bot questions check`, `demo`,
# `check`, `backup` and `run` (stopped with SIGTERM, as `docker stop` does) from there.
#
#   docker build -t maturity-bot .
#   docker run -d --name maturity-bot -e TELEGRAM_BOT_TOKEN=123456789:AA... -v maturity-data:/data maturity-bot

FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY questions ./questions
COPY bot ./bot
RUN pip wheel --no-deps --no-cache-dir -w /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/maturity-bot/bin:$PATH \
    MATURITY_DB=/data/maturity.db
COPY --from=build /wheels /wheels
RUN python -m venv /opt/maturity-bot \
    && /opt/maturity-bot/bin/pip install --no-cache-dir /wheels/*.whl \
    && rm -rf /wheels \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin maturity \
    && mkdir -p /data \
    && chown maturity /data
USER maturity
WORKDIR /data
VOLUME ["/data"]
# the webhook's port (MATURITY_WEBHOOK_URL set); long polling needs no port
EXPOSE 8443
# healthy unless check finds an error (exit 2); warnings (exit 1) need a look, not a restart
HEALTHCHECK --interval=60s --timeout=30s --start-period=30s --retries=3 \
    CMD maturity-bot check > /dev/null; [ $? -lt 2 ]
# SIGTERM (docker stop) makes the bot finish what it took, confirm it to Telegram and close the database
CMD ["maturity-bot", "run"]
