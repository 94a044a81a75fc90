"""Settings from the environment (prefix ``THIDUA_``), as the public contract lists them."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict


class ConfigError(RuntimeError):
    """A setting that cannot work; the message is one line for the operator."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="THIDUA_", extra="ignore")

    env: Literal["development", "production", "test"] = "development"
    database_url: str = "sqlite:///./var/thidua.db"
    secret_key: str | None = Field(default=None, repr=False)
    data_dir: Path = Path("./var")
    public_base_url: str = "http://127.0.0.1:8000"
    host: str = "127.0.0.1"
    port: int = 8000
    access_token_minutes: int = 8 * 60
    # Uploads are limited before they reach the disk.
    max_upload_bytes: int = 20 * 1024 * 1024
    max_upload_pages: int = 300
    province_name: str = "Lạng Sơn"
    # Print jobs: each process runs a small job runner that picks up queued jobs, and takes
    # back jobs whose process died (no heartbeat for this long).
    job_runner: bool = True
    print_job_stale_seconds: int = 120
    # Share of the council's members who must have voted before a session can be closed with
    # results. The provincial quorum is unconfirmed (each council's quy chế sets it); NĐ 98/2023
    # Art 47 uses two thirds for the central council, hence the default.
    council_quorum: float = Field(default=2 / 3, gt=0, le=1)

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def cookie_secure(self) -> bool:
        return self.public_base_url.startswith("https://")

    def resolved_secret_key(self) -> str:
        """The signing key; in development it is generated once into the data directory."""
        if self.secret_key:
            if len(self.secret_key) < 32:
                raise ConfigError("THIDUA_SECRET_KEY must be at least 32 characters long")
            return self.secret_key
        if self.is_production:
            raise ConfigError(
                "THIDUA_SECRET_KEY is not set: production mode refuses to start without one"
            )
        path = self.data_dir / "secret.key"
        if path.exists():
            return path.read_text().strip()
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            key = secrets.token_urlsafe(48)
            path.write_text(key + "\n")
            path.chmod(0o600)
        except OSError as exc:
            raise ConfigError(f"cannot write the generated secret key to {path}: {exc}") from exc
        return key


@lru_cache
def get_settings() -> Settings:
    """The settings from the environment; a value of the wrong kind is a one-line ConfigError."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"THIDUA_{'_'.join(map(str, e['loc'])).upper()}"
            + ("" if "secret" in str(e["loc"]) else f"={e['input']!r}")
            + f": {e['msg']}"
            for e in exc.errors()
        )
        raise ConfigError(f"invalid setting: {problems}") from None
