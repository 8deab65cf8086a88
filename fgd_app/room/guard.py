"""The room's defences that need no database: CSRF tokens per form and rate limits per device and address."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time


class CsrfTokens:
    """Per-form tokens: HMAC(key, subject + form); the key lives only in this server's memory."""

    def __init__(self) -> None:
        self._key = secrets.token_bytes(32)

    def make(self, subject: str, form: str) -> str:
        return hmac.new(self._key, f"{subject}\x00{form}".encode(), hashlib.sha256).hexdigest()[:32]

    def check(self, subject: str, form: str, token: str | None) -> bool:
        return bool(token) and hmac.compare_digest(self.make(subject, form), str(token))


class RateLimiter:
    """A token bucket per key: ``rate`` actions per ``per`` seconds, up to ``burst`` at once."""

    def __init__(self, rate: float, per: float, burst: int, max_keys: int = 10_000):
        self.rate, self.per, self.burst, self.max_keys = rate, per, burst, max_keys
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Take one action for ``key``; return False when it has none left (the request is refused)."""
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate / self.per)
            if len(self._buckets) >= self.max_keys and key not in self._buckets:
                self._buckets.clear()  # a flood of addresses: start over rather than grow without bound
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                return False
            self._buckets[key] = (tokens - 1, now)
            return True
