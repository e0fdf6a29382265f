"""Latency of the busiest pages of a large store under concurrent users, on a real server.

    .venv/bin/python bench/web.py                          # 10,000 SKUs, 20 clients, 60 s
    .venv/bin/python bench/web.py --skus 1000 --seconds 10 # a quick look
    .venv/bin/python bench/web.py --db-url postgresql://127.0.0.1:5432/bench_web

Seeds a store with ``--skus`` SKUs (``--days`` days of Business Report rows, daily stock
snapshots for the last 30 days, orders of one SKU in ten, ads with recommendations),
runs the daily review (as the morning job does) and stores the day's restock plan (what
the first Restock request would do otherwise), then starts
uvicorn with ``--workers N`` on the database (``python -m sellerops.web.server``, the way
``sellerops serve`` runs it) and lets
``--clients`` concurrent signed-in clients loop for ``--seconds`` over: Today, Products
(varying search, sort and page), a random product page, the Advertising page with its
recommendations, the Restock plan, and ``/healthz`` (the cost of a request that does
nothing: the baseline). Prints one JSON line of set-up figures, then one line per page:
p50, p95, requests, errors and the ``/healthz`` p50 measured in the same run, and the CPU
the server (all its workers) and the load generator spent per request of the run.
``--without ads`` runs a second mix without that page (one slow page holds every client
that loops over it, so the others are also measured apart). Then ``--single`` seconds of
ONE client (``"clients": 1`` lines): each page's latency without queueing, close to what
a request costs on a quiet machine.

The clients are a minimal keep-alive HTTP/1.1 client on asyncio (``LightClient``): the
load generator runs on the same 2 cores as the server, and a general-purpose client would
take a good part of them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx2 as httpx
from sqlalchemy import Engine, insert, text
from sqlalchemy.engine import make_url

from sellerops.accounts import service as accounts
from sellerops.accounts import tokens
from sellerops.accounts.models import User
from sellerops.ads.models import AdCampaign, AdGroup, AdProductDaily, AdRecommendation, AdTarget
from sellerops.ads.models import AdTargetDaily as TargetDaily
from sellerops.catalog.models import Product, SalesTrafficDaily
from sellerops.core.config import get_settings
from sellerops.core.db import make_engine, unit_of_work
from sellerops.core.migrate import upgrade
from sellerops.core.models import Store
from sellerops.core.stores import create_store
from sellerops.daily import service as daily
from sellerops.inventory import plan_store
from sellerops.inventory.models import InventorySnapshot
from sellerops.service.models import Order, OrderItem
from sellerops.web.security import SESSION_COOKIE, Signer
from sellerops.web.settings import WebSettings, secret_key

AS_OF = date(2026, 11, 20)
SECRET = "bench-secret-key-not-for-production"
CHUNK = 5_000
WORDS = ("steel", "bamboo", "ceramic", "glass", "cotton", "oak", "silicone", "copper")
THINGS = ("bottle", "board", "mug", "bowl", "towel", "tray", "lid", "jar", "spoon", "rack")


def _bulk(session: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        session.execute(insert(model), rows[start : start + CHUNK])


def _units(k: int, back: int) -> int:
    """A deterministic, uneven demand: a few best sellers, a long tail, weekly rhythm."""
    base = 40 if k % 100 == 0 else (8 if k % 10 == 0 else 1 + k % 4)
    return max(
        0,
        base + (back * 7 + k) % 5 - 2 - (2 if (AS_OF - timedelta(days=back)).weekday() == 0 else 0),
    )


def seed_catalog(session: Any, store: Store, skus: int, days: int) -> None:
    """Products, Business Report rows and stock snapshots of ``skus`` SKUs."""
    products, traffic, snaps = [], [], []
    for k in range(skus):
        asin, sku = f"B0B{k:07d}", f"SKU-{k:05d}"
        title = f"{WORDS[k % len(WORDS)]} {THINGS[k // 8 % len(THINGS)]} model {k}"
        products.append({"store_id": store.id, "sku": sku, "asin": asin, "title": title,
                         "price": Decimal(10 + k % 40), "unit_cost": Decimal(4 + k % 10)})  # fmt: skip
        lost = k % 97 == 0  # about 1 % lose the Buy Box on the review day
        for back in range(days - 1, -1, -1):
            units = 1 if lost and back == 0 else _units(k, back)
            sessions = 12 * units + 20 + k % 30
            traffic.append(
                {"store_id": store.id, "day": AS_OF - timedelta(days=back), "child_asin": asin,
                 "sku": sku, "sessions": sessions, "page_views": 2 * sessions,
                 "buy_box_pct": Decimal("0.3" if lost and back == 0 else "1.0"),
                 "units_ordered": units, "ordered_sales": Decimal(units * (10 + k % 40)),
                 "total_order_items": units, "currency": "USD"}
            )  # fmt: skip
        stock = (k * 37) % 400 if k % 13 else 5  # one in 13 about to run out
        for back in range(30):
            snaps.append({"store_id": store.id, "snapshot_date": AS_OF - timedelta(days=back),
                          "sku": sku, "asin": asin,
                          "fulfillable": stock + back * _units(k, back)})  # fmt: skip
        if len(traffic) > 100_000:
            _bulk(session, SalesTrafficDaily, traffic)
            _bulk(session, InventorySnapshot, snaps)
            traffic, snaps = [], []
    _bulk(session, Product, products)
    _bulk(session, SalesTrafficDaily, traffic)
    _bulk(session, InventorySnapshot, snaps)


def seed_orders(session: Any, store: Store, skus: int) -> None:
    """Two weeks of orders for one SKU in ten (the planner's demand where it has them)."""
    orders, items = [], []
    next_id = 1
    for k in range(0, skus, 10):
        for back in range(14):
            day = AS_OF - timedelta(days=back)
            orders.append({"id": next_id, "store_id": store.id,
                           "amazon_order_id": f"111-{k:07d}-{back:07d}",
                           "purchased_at": datetime(day.year, day.month, day.day, 18, tzinfo=UTC),
                           "purchase_day": day, "status": "Shipped"})  # fmt: skip
            items.append({"order_id": next_id, "store_id": store.id, "sku": f"SKU-{k:05d}",
                          "quantity": max(1, _units(k, back)), "item_price": Decimal(20)})  # fmt: skip
            next_id += 1
    _bulk(session, Order, orders)
    _bulk(session, OrderItem, items)


def seed_ads(session: Any, store: Store, skus: int) -> None:
    """One campaign per 100 SKUs, an ad group and two keywords per 10, 28 days of figures,
    and a recommendation per keyword pair for the review day."""
    campaigns = [
        AdCampaign(store_id=store.id, ad_product="SP", name_key=f"camp {c}", name=f"Camp {c}",
                   state="enabled", targeting_type="manual", daily_budget=Decimal(50),
                   currency="USD")
        for c in range(max(1, skus // 100))
    ]  # fmt: skip
    session.add_all(campaigns)
    session.flush()
    groups = [
        AdGroup(store_id=store.id, campaign_id=campaigns[g // 10 % len(campaigns)].id,
                name_key=f"group {g}", name=f"Group {g}", state="enabled",
                default_bid=Decimal("0.80"))
        for g in range(max(1, skus // 10))
    ]  # fmt: skip
    session.add_all(groups)
    session.flush()
    targets = [
        AdTarget(store_id=store.id, campaign_id=g.campaign_id, ad_group_id=g.id,
                 match_type="exact", text_key=f"{WORDS[j]} {THINGS[i % 10]} {i}",
                 text=f"{WORDS[j]} {THINGS[i % 10]} {i}", kind="keyword", state="enabled",
                 bid=Decimal("0.90"))
        for i, g in enumerate(groups) for j in range(2)
    ]  # fmt: skip
    session.add_all(targets)
    session.flush()
    target_days, product_days, recs = [], [], []
    for i, t in enumerate(targets):
        for back in range(28):
            clicks = 3 + (i + back) % 7
            target_days.append(
                {"store_id": store.id, "day": AS_OF - timedelta(days=back), "target_id": t.id,
                 "campaign_id": t.campaign_id, "ad_group_id": t.ad_group_id,
                 "impressions": 40 * clicks, "clicks": clicks,
                 "spend": Decimal(clicks) * Decimal("0.85"), "currency": "USD",
                 "orders": (i + back) % 3, "units": (i + back) % 3,
                 "sales": Decimal((i + back) % 3 * 20)}
            )  # fmt: skip
        recs.append(
            {"store_id": store.id, "review_date": AS_OF, "rec_key": f"bid-{t.id}", "kind": "bid",
             "campaign_id": t.campaign_id, "ad_group_id": t.ad_group_id, "target_id": t.id,
             "current": Decimal("0.90"), "proposed": Decimal("0.70"), "currency": "USD",
             "reason": "acos_high", "params": {"acos": 0.62, "target": 0.3},
             "evidence": {"clicks": 120, "spend": "102.00", "sales": "160.00"},
             "effect": {"spend": -3.1, "sales": -1.2, "profit": 1.4}, "status": "proposed"}
        )  # fmt: skip
    for k in range(0, skus, 5):
        g = groups[k // 10 % len(groups)]
        for back in range(28):
            product_days.append(
                {"store_id": store.id, "day": AS_OF - timedelta(days=back), "ad_group_id": g.id,
                 "asin": f"B0B{k:07d}", "sku": f"SKU-{k:05d}", "campaign_id": g.campaign_id,
                 "impressions": 300, "clicks": 6, "spend": Decimal("5.10"), "currency": "USD",
                 "orders": 1, "units": 1, "sales": Decimal(10 + k % 40)}
            )  # fmt: skip
    _bulk(session, TargetDaily, target_days)
    _bulk(session, AdProductDaily, product_days)
    _bulk(session, AdRecommendation, recs)


def seed(engine: Engine, skus: int, days: int, clients: int) -> dict[str, Any]:
    """The store, its facts, the morning's review and restock plan, and signed-in users."""
    figures: dict[str, Any] = {}
    start = time.perf_counter()
    with unit_of_work(engine) as s:
        store = create_store(session=s, name="Bench US", marketplace="US")
        seed_catalog(s, store, skus, days)
        seed_orders(s, store, skus)
        seed_ads(s, store, skus)
        store_id = store.id
        owner = accounts.create_user(
            session=s, email="bench@example.com", password="bench password 1", is_owner=True
        )
        owner_id = owner.id
    figures["seed_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    with unit_of_work(engine) as s:
        the_store = s.get(Store, store_id)
        assert the_store is not None
        review = daily.run_review(session=s, store=the_store, as_of=AS_OF)
        figures["findings"] = len(review.items)
    figures["review_s"] = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    try:
        with unit_of_work(engine) as s:
            the_store = s.get(Store, store_id)
            assert the_store is not None
            figures["plan_lines"] = plan_store.store_plan(session=s, store=the_store, as_of=AS_OF)
    except Exception as exc:  # the page then computes it on first request, and says so
        figures["plan_error"] = f"{type(exc).__name__}: {exc}"
    figures["restock_plan_s"] = round(time.perf_counter() - start, 1)
    with unit_of_work(engine) as s:
        user = s.get(User, owner_id)
        assert user is not None
        figures["sessions"] = [
            tokens.start_session(session=s, user=user).secret for _ in range(clients)
        ]
        figures["product_ids"] = list(
            s.scalars(text("SELECT id FROM product WHERE store_id = :s").bindparams(s=store_id))
        )
    figures["store_id"] = store_id
    return figures


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(db_url: str, data_dir: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, SELLEROPS_DATABASE_URL=db_url, SELLEROPS_DATA_DIR=str(data_dir),
               SELLEROPS_SECRET_KEY=SECRET)  # fmt: skip
    command = [sys.executable, "-m", "sellerops.web.server", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers), "--log-level", "warning",
               "--no-access-log"]  # fmt: skip
    server = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            sys.exit(f"the server exited with {server.returncode}")
        time.sleep(0.2)
    server.terminate()
    sys.exit("the server did not answer /healthz within 60 s")


def pick(kind: str, base: str, rng: random.Random, product_ids: list[int]) -> str:
    if kind == "products":
        sort = rng.choice(("sales", "units", "sessions", "conversion", "stock", "sku", "title"))
        order = rng.choice(("asc", "desc"))
        if rng.random() < 0.3:
            query = f"{rng.choice(WORDS)}+{rng.choice(THINGS)}"
            return f"{base}/products?q={query}&sort={sort}&order={order}"
        return f"{base}/products?sort={sort}&order={order}&page={rng.randint(1, 200)}"
    if kind == "product":
        return f"{base}/products/{rng.choice(product_ids)}"
    return {"today": f"{base}/today", "ads": f"{base}/ads", "restock": f"{base}/restock",
            "healthz": "/healthz"}[kind]  # fmt: skip


PAGES = ("today", "products", "product", "ads", "restock", "healthz")


class LightClient:
    """A minimal HTTP/1.1 keep-alive GET client on one connection.

    The load generator shares the 2 cores with the server, so it must cost little: a
    general client (httpx) spends about as much CPU per request as a cached page costs the
    server. This one writes a request line and three headers and reads the status line,
    the headers and a Content-Length or chunked body; nothing else.
    """

    def __init__(self, host: str, port: int, cookie: str) -> None:
        self.host, self.port = host, port
        self.head = f"Host: {host}:{port}\r\nCookie: {SESSION_COOKIE}={cookie}\r\n\r\n"
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int]:
        """Status and body size of ``GET path``. A kept-alive connection the server closed
        meanwhile (nothing read back) is opened again once, as any HTTP client does."""
        reused = self.writer is not None
        try:
            return await self._get(path)
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            partial = getattr(exc, "partial", b"")
            if not reused or partial:
                raise
            await self.close()
            return await self._get(path)

    async def _get(self, path: str) -> tuple[int, int]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\n{self.head}".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = dict(
            (k.strip().lower(), v.strip()) for k, _, v in (x.partition(":") for x in lines[1:] if x)
        )
        if "content-length" in headers:
            body = len(await self.reader.readexactly(int(headers["content-length"])))
        elif headers.get("transfer-encoding") == "chunked":
            body = 0
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                body += len(await self.reader.readexactly(size + 2)) - 2
            await self.reader.readuntil(b"\r\n")
        else:
            body = len(await self.reader.read())
            headers["connection"] = "close"
        if headers.get("connection") == "close":
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def client_loop(
    url: str, cookie: str, deadline: float, seed_no: int, product_ids: list[int],
    base: str, pages: tuple[str, ...], times: dict[str, list[float]],
    errors: dict[str, list[str]],
) -> None:  # fmt: skip
    rng = random.Random(seed_no)
    host, port = url.removeprefix("http://").split(":")
    client = LightClient(host, int(port), cookie)
    k = seed_no
    try:
        while time.monotonic() < deadline:
            kind = pages[k % len(pages)]
            k += 1
            start = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(
                    client.get(pick(kind, base, rng, product_ids)), timeout=60
                )
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                errors[kind].append(type(exc).__name__)
                await client.close()
                continue
            if status != 200:
                errors[kind].append(f"{status}")
                continue
            times[kind].append((time.perf_counter() - start) * 1000)
    finally:
        await client.close()


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)] if values else float("nan")


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of ``pid`` and its child processes (uvicorn's workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:  # fields[1]: the parent's pid
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


async def load(
    url: str, figures: dict[str, Any], args: argparse.Namespace, pages: tuple[str, ...],
    seconds: float, server_pid: int, clients: int | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """Every client loops over ``pages`` (each starting elsewhere) until the time is up."""
    signer = Signer(secret_key(WebSettings(secret_key=SECRET), get_settings()))
    base = f"/stores/{figures['store_id']}"
    times: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    deadline = time.monotonic() + seconds
    ids = figures["product_ids"]
    sessions = figures["sessions"][: clients or len(figures["sessions"])]
    server_before, client_before = process_cpu(server_pid), time.process_time()
    await asyncio.gather(
        *(
            client_loop(
                url, signer.sign("session", secret), deadline, n, ids, base, pages, times, errors
            )
            for n, secret in enumerate(sessions)
        )
    )
    requests = sum(len(v) for v in times.values()) + sum(len(v) for v in errors.values())
    server_ms = (process_cpu(server_pid) - server_before) * 1000 / max(1, requests)
    client_ms = (time.process_time() - client_before) * 1000 / max(1, requests)
    baseline = statistics.median(times["healthz"]) if times["healthz"] else float("nan")
    mix = "+".join(p for p in pages if p != "healthz")
    return [
        {"bench": "web", "page": kind, "mix": mix, "skus": args.skus, "clients": len(sessions),
         "seconds": seconds, "requests": len(times[kind]), "errors": len(errors[kind]),
         "p50_ms": round(statistics.median(times[kind]), 1) if times[kind] else None,
         "p95_ms": round(p95(times[kind]), 1), "baseline_healthz_p50_ms": round(baseline, 1),
         "server_cpu_ms_per_request": round(server_ms, 2),
         "client_cpu_ms_per_request": round(client_ms, 2),
         "error_kinds": sorted(set(errors[kind]))[:5]}
        for kind in pages if kind != "healthz"
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skus", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=90, help="days of Business Report rows")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--warmup", type=float, default=10, help="seconds of load not counted")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--db-url", default=None, help="an EMPTY database (default: SQLite)")
    parser.add_argument(
        "--single", type=float, default=15,
        help="then seconds of ONE client (latency without queueing; 0: skip)",
    )  # fmt: skip
    parser.add_argument(
        "--without", action="append", default=[], choices=[p for p in PAGES if p != "healthz"],
        help="after the run over every page, run again without this page (repeatable)",
    )  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sellerops-bench-web-") as tmp:
        db_url = args.db_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        engine = make_engine(db_url)
        upgrade(engine)
        figures = seed(engine, args.skus, args.days, args.clients)
        engine.dispose()
        port = free_port()
        server = start_server(db_url, Path(tmp), port, args.workers)
        try:
            url = f"http://127.0.0.1:{port}"
            pid = server.pid
            asyncio.run(load(url, figures, args, PAGES, args.warmup, pid))  # not counted
            lines = asyncio.run(load(url, figures, args, PAGES, args.seconds, pid))
            for page in args.without:
                mix = tuple(p for p in PAGES if p != page)
                lines += asyncio.run(load(url, figures, args, mix, args.seconds, pid))
            if args.single:  # one client, one request at a time: the cost of a request
                lines += asyncio.run(load(url, figures, args, PAGES, args.single, pid, 1))
        finally:
            server.terminate()
            server.wait(timeout=30)
    setup = {k: v for k, v in figures.items() if k not in ("sessions", "product_ids")}
    dialect = make_url(db_url).get_backend_name()
    print(json.dumps({"bench": "web_setup", "db": dialect, "skus": args.skus, "days": args.days,
                      "workers": args.workers, **setup}))  # fmt: skip
    for line in lines:
        print(json.dumps({"db": dialect, **line}))


if __name__ == "__main__":
    main()
