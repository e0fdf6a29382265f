"""The operator-maintained sheets Amazon has no report for, as documented CSV templates.

Each template is a CSV file with a header row and one example row. English headers are the
reference; every column also has a Chinese header, and the importer accepts either (and
the other spellings in ``aliases``), in any order. ``sellerops template NAME`` writes one;
the families in ``ingest.reports.sheet_*`` read them back, recognised by their headers.

The field definitions here are the single source: the CLI writes them, the importer's
columns are built from them (:func:`columns`); the README's table describes them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sellerops.ingest.registry import Column, Kind

LANGS = ("en", "zh")


@dataclass(frozen=True, slots=True)
class Field:
    key: str
    en: str
    zh: str
    example: str
    kind: Kind = "text"
    required: bool = False  # the column must be in the header (it identifies the sheet)
    nonempty: bool = False  # every row needs a value
    max_len: int | None = None
    aliases: tuple[str, ...] = ()
    note: str = ""  # what goes in it, for the README and --help

    def column(self) -> Column:
        options: dict[str, Any] = {"kind": self.kind, "required": self.required}
        options |= {"nonempty": self.nonempty, "max_len": self.max_len}
        return Column(self.key, (self.en, self.zh, *self.aliases), **options)


@dataclass(frozen=True, slots=True)
class Template:
    name: str  # as the CLI names it
    family: str  # the report family that imports it (import_batch.report_type)
    title: str
    fields: tuple[Field, ...]

    def header(self, lang: str = "en") -> list[str]:
        return [f.zh if lang == "zh" else f.en for f in self.fields]

    def example(self) -> list[str]:
        return [f.example for f in self.fields]


class UnknownTemplateError(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"no template named {name!r}; there are: {', '.join(TEMPLATES)}")


_SKU = Field("sku", "sku", "SKU", "HOSE-50-GRN", required=True, nonempty=True, max_len=64,
             aliases=("seller sku", "seller-sku", "msku", "merchant sku", "卖家SKU"))  # fmt: skip
_CURRENCY = Field("currency", "currency", "币种", "CNY", required=True, nonempty=True,
                  aliases=("货币",), note="ISO code (CNY, USD ...); RMB and 人民币 mean CNY")  # fmt: skip
_SUPPLIER = Field("supplier", "supplier", "供应商", "Ningbo Garden Tools Co.", required=True,
                  nonempty=True, max_len=120, aliases=("supplier name", "供应商名称"))  # fmt: skip

COSTS = Template("costs", "cost_sheet", "Product costs", (
    _SKU,
    Field("effective_from", "effective_from", "生效日期", "2026-11-01", kind="date",
          required=True, nonempty=True, aliases=("effective from", "effective date"),
          note="the day this cost applies from; earlier rows stay as history"),
    Field("unit_cost", "unit_cost", "采购单价", "42.50", kind="decimal", required=True,
          nonempty=True, aliases=("unit cost", "cost", "采购成本"), note="per unit, in currency"),
    _CURRENCY,
    Field("first_leg_freight_per_unit", "first_leg_freight_per_unit", "头程运费单价", "6.80",
          kind="decimal", aliases=("first leg freight per unit", "freight per unit", "头程单价"),
          note="shipping to the Amazon warehouse, per unit, in currency"),
    Field("duty_rate", "duty_rate", "关税税率", "7.5%", kind="percent",
          aliases=("duty rate", "duty", "关税"), note="25% or 0.25"),
    Field("lead_time_days", "lead_time_days", "补货周期（天）", "60", kind="int",
          aliases=("lead time days", "lead time", "交货周期（天）"),
          note="order to sellable at Amazon, in days; the stock checks use it"),
))  # fmt: skip

SUPPLIERS = Template("suppliers", "supplier_sheet", "Suppliers", (
    _SUPPLIER,
    Field("contact", "contact", "联系人", "Ms. Chen", max_len=120, aliases=("contact name",)),
    Field("email", "email", "邮箱", "sales@example.com", max_len=254,
          aliases=("e-mail", "电子邮箱")),
    Field("payment_terms", "payment_terms", "付款条件", "30% deposit, 70% before shipping",
          max_len=120, aliases=("payment terms", "账期", "付款方式")),
    Field("production_lead_time_days", "production_lead_time_days", "生产周期（天）", "35",
          kind="int", required=True, aliases=("production lead time days", "production days",
                                               "lead time days"),
          note="days from order to goods ready"),
    Field("moq", "moq", "最小起订量", "500", kind="int", required=True,
          aliases=("minimum order quantity", "起订量")),
    Field("case_pack", "case_pack", "装箱数", "20", kind="int", required=True,
          aliases=("case pack", "units per carton", "每箱数量")),
    Field("sku", "sku", "SKU", "HOSE-50-GRN", max_len=64, aliases=("seller sku", "msku")),
    Field("skus", "skus", "SKU列表", "", aliases=("sku list", "sku_list"),
          note="several SKUs in one cell, separated by ; , or spaces (instead of sku)"),
))  # fmt: skip

PURCHASE_ORDERS = Template("purchase-orders", "purchase_order_sheet", "Purchase orders", (
    Field("po_number", "po_number", "采购单号", "PO-2026-031", required=True, nonempty=True,
          max_len=64, aliases=("po number", "po no", "po", "采购订单号")),
    _SUPPLIER,
    _SKU,
    Field("quantity", "quantity", "数量", "1200", kind="int", required=True, nonempty=True,
          aliases=("qty", "采购数量")),
    Field("unit_cost", "unit_cost", "采购单价", "42.50", kind="decimal", required=True,
          aliases=("unit cost",), note="per unit, in currency"),
    _CURRENCY,
    Field("order_date", "order_date", "下单日期", "2026-11-05", kind="date",
          aliases=("order date",)),
    Field("expected_ship_date", "expected_ship_date", "预计发货日期", "2026-12-10", kind="date",
          aliases=("expected ship date", "ship date")),
    Field("expected_arrival", "expected_arrival", "预计到货日期", "2027-01-20", kind="date",
          aliases=("expected arrival", "expected arrival date", "eta"),
          note="when the goods should be sellable at Amazon"),
    Field("status", "status", "状态", "ordered", aliases=("po status",),
          note="draft, ordered, in_production, shipped, received or cancelled (or 草稿, "
          "已下单, 生产中, 已发货, 已到货, 已取消); empty means ordered"),
))  # fmt: skip

EXCHANGE_RATES = Template("exchange-rates", "exchange_rate_sheet", "Exchange rates", (
    Field("date", "date", "日期", "2026-11-26", kind="date", required=True, nonempty=True),
    Field("from_currency", "from_currency", "原币种", "USD", required=True, nonempty=True,
          aliases=("from currency", "from")),
    Field("to_currency", "to_currency", "目标币种", "CNY", required=True, nonempty=True,
          aliases=("to currency", "to")),
    Field("rate", "rate", "汇率", "7.1234", kind="decimal", required=True, nonempty=True,
          aliases=("exchange rate",), note="units of to_currency one from_currency buys"),
))  # fmt: skip

REVIEWS = Template("reviews", "review_sheet", "Product reviews", (
    Field("date", "date", "日期", "2026-11-20", kind="date", required=True, nonempty=True,
          aliases=("review date", "评论日期")),
    Field("asin", "asin", "ASIN", "B0CHILD001", kind="asin", required=True, nonempty=True),
    Field("rating", "rating", "评分", "2", required=True, nonempty=True,
          aliases=("stars", "星级"), note="1 to 5 stars"),
    Field("title", "title", "标题", "Leaks after a week", max_len=500,
          aliases=("review title", "评论标题")),
    Field("body", "body", "内容", "The connector started leaking after a week of use.",
          aliases=("review", "text", "评论内容")),
    Field("reviewer", "reviewer", "评论人", "J. Smith", max_len=200,
          aliases=("author", "reviewer name"), note="personal data: kept in its own column"),
    Field("verified", "verified", "已验证购买", "yes", kind="flag",
          aliases=("verified purchase", "vp"), note="yes or no"),
    Field("review_id", "review_id", "评论ID", "R2ABCDEF123456", required=True, nonempty=True,
          max_len=64, aliases=("review id", "id"), note="Amazon's review id (R...)"),
))  # fmt: skip

TEMPLATES: dict[str, Template] = {
    t.name: t for t in (COSTS, SUPPLIERS, PURCHASE_ORDERS, EXCHANGE_RATES, REVIEWS)
}


def get_template(name: str) -> Template:
    try:
        return TEMPLATES[name.strip().lower().replace("_", "-")]
    except KeyError:
        raise UnknownTemplateError(name) from None


def columns(template: Template) -> tuple[Column, ...]:
    return tuple(f.column() for f in template.fields)


def render(name: str, lang: str = "en") -> str:
    """The template as CSV text: the header row in ``lang`` and one example row."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    template = get_template(name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(template.header(lang))
    writer.writerow(template.example())
    return out.getvalue()


def write(name: str, path: Path, lang: str = "en") -> Path:
    """Write the template to ``path`` as UTF-8 with a byte-order mark, so that Excel shows
    Chinese headers correctly when it opens the file."""
    text = render(name, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8-sig", newline="")
    return path
