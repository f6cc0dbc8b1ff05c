"""The workspace's guard, in front of every request: only GET and HEAD, no request body, bounded URL and
header sizes, a Host header naming this server when no token is set (a web page elsewhere cannot reach
it by DNS rebinding), the token when one is set (a header, or once in `?token=`, which becomes a
same-site cookie), an answer within REQUEST_SECONDS, and on every response a Content-Security-Policy
that allows no script at all and nothing from other origins."""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, urlencode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

REQUEST_SECONDS = 15.0  # a request not answered by then gets 503 (each query also stops after 5 s)
MAX_URL = 4096  # bytes of path + query; longer requests get 414
MAX_HEADERS = 16_384  # bytes of all request headers together; more gets 431
COOKIE = "lagebild_token"
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
LOCAL_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}


class Guard:
    def __init__(self, app: ASGIApp, token: str | None = None, hosts: set[str] | None = None) -> None:
        self.app, self.token = app, token
        self.hosts = {h.lower() for h in (hosts or set())} | LOCAL_NAMES

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            if scope["type"] == "lifespan":
                await self.app(scope, receive, send)
            return  # no websockets
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        problem = self._refusal(scope, headers)
        if problem is not None:
            status, text = problem
            await _plain(send_secured, status, text)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        if self.token and "token=" in query:  # the link with the token: keep it in a cookie, drop it from the URL
            rest = urlencode([(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "token"])
            location = scope.get("path", "/") + (f"?{rest}" if rest else "")
            cookie = f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
            await _plain(send_secured, 303, "see other", [(b"location", location.encode("utf-8", "replace")),
                                                          (b"set-cookie", cookie.encode())])
            return
        started = False

        async def send_tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send_secured(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, send_tracked), REQUEST_SECONDS)
        except TimeoutError:
            if not started:
                await _plain(send_secured, 503, "the request took too long")

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        if scope.get("method") not in ("GET", "HEAD"):
            return 405, "only GET and HEAD are served"
        if headers.get("content-length", "0") not in ("", "0") or "transfer-encoding" in headers:
            return 413, "requests carry no body"
        if len(scope.get("raw_path", b"")) + len(scope.get("query_string", b"")) > MAX_URL:
            return 414, "URL too long"
        if sum(len(k) + len(v) for k, v in headers.items()) > MAX_HEADERS:
            return 431, "request headers too large"
        host = headers.get("host", "").lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if not self.token and name not in self.hosts:  # with a token, a rebound page still lacks the token
            return 400, "unknown Host header"
        if self.token and not self._authorised(headers, scope):
            return 401, "a token is required: open the link with ?token=... or send 'Authorization: Bearer ...'"
        return None

    def _authorised(self, headers: dict[str, str], scope: Scope) -> bool:
        assert self.token is not None
        given = []
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given.append(auth[7:].strip())
        for part in headers.get("cookie", "").split(";"):
            key, _, value = part.strip().partition("=")
            if key == COOKIE:
                given.append(value)
        given += [v for k, v in parse_qsl(scope.get("query_string", b"").decode("latin-1")) if k == "token"]
        return any(hmac.compare_digest(g.encode(), self.token.encode()) for g in given)


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = (text + "\n").encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})
