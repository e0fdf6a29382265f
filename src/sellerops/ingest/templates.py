"""The operator-maintained sheets Amazon has no report for, as documented CSV templates.

Each template is a CSV file with a header row and one example row, marked as an example in
its first cell (``# example: HOSE-50-GRN``, ``# 示例：HOSE-50-GRN``): the importer skips such
rows and says how many it skipped, so a template imported as written plants no sample data.
Replacing the example with your own values (the mark goes with it) makes it a real row.
English headers are the reference; every column also has a Chinese header, and the importer accepts either (and
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
    example_zh: str | None = None  # the example as a Chinese sheet writes it, when it differs

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

    def example(self, lang: str = "en") -> list[str]:
        """The example row, its first cell marked (:data:`EXAMPLE_MARK`) so that it is never
        imported as data."""
        cells = [f.example_zh if lang == "zh" and f.example_zh is not None else f.example
                 for f in self.fields]  # fmt: skip
        cells[0] = EXAMPLE_MARK["zh" if lang == "zh" else "en"] + cells[0]
        return cells


#: How a template marks its example row (in the first cell); a row with a cell that starts
#: with a mark (any case, with or without the space) is an example, never data.
EXAMPLE_MARK = {"en": "# example: ", "zh": "# 示例："}
_MARK_STARTS = ("#example", "#示例")


def is_example(cells: list[str]) -> bool:
    """Whether a row is a template's example row (:data:`EXAMPLE_MARK`)."""
    for cell in cells:
        head = cell.lstrip()[:12]
        if head.startswith("#") and head.replace(" ", "").casefold().startswith(_MARK_STARTS):
            return True
    return False


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
    Field("lead_time_days", "lead_time_days", "交货周期（天）", "60", kind="int",
          aliases=("lead time days", "lead time", "补货周期（天）"),
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
    Field("status", "status", "状态", "ordered", aliases=("po status",), example_zh="已下单",
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
    Field("verified", "verified", "已验证购买", "yes", kind="flag", example_zh="是",
          aliases=("verified purchase", "vp"), note="yes or no (是 / 否)"),
    Field("review_id", "review_id", "评论ID", "R2ABCDEF123456", required=True, nonempty=True,
          max_len=64, aliases=("review id", "id"), note="Amazon's review id (R...)"),
))  # fmt: skip

_SHIPMENT_ID = Field("shipment_id", "shipment_id", "货件编号", "FBA17XK2M9QZ", required=True,
                     nonempty=True, max_len=64, aliases=("shipment id", "shipment", "货件号",
                                                         "货件ID"))  # fmt: skip

SHIPMENTS = Template("shipments", "inbound_shipment_sheet", "Inbound shipments", (
    _SHIPMENT_ID,
    Field("date", "date", "发货日期", "2026-10-08", kind="date", required=True, nonempty=True,
          aliases=("ship date", "shipped on", "日期"),
          note="the day the goods left; sales draw from shipments oldest first"),
    _SKU,
    Field("units", "units", "数量", "600", kind="int", required=True, nonempty=True,
          aliases=("quantity", "qty", "发货数量")),
    Field("unit_weight_kg", "unit_weight_kg", "单件重量（千克）", "1.35", kind="decimal",
          aliases=("unit weight kg", "unit weight", "单件重量"), note="kg per unit"),
    Field("unit_volume_m3", "unit_volume_m3", "单件体积（立方米）", "", kind="decimal",
          aliases=("unit volume m3", "unit volume cbm", "unit volume", "单件体积"),
          note="cubic metres per unit; or give the carton size below"),
    Field("carton_length_cm", "carton_length_cm", "箱长（厘米）", "60", kind="decimal",
          aliases=("carton length cm", "箱长")),
    Field("carton_width_cm", "carton_width_cm", "箱宽（厘米）", "40", kind="decimal",
          aliases=("carton width cm", "箱宽")),
    Field("carton_height_cm", "carton_height_cm", "箱高（厘米）", "35", kind="decimal",
          aliases=("carton height cm", "箱高")),
    Field("units_per_carton", "units_per_carton", "每箱数量", "20", kind="int",
          aliases=("units per carton", "case pack", "装箱数"),
          note="with the carton size (and carton weight), gives volume and weight per unit"),
    Field("carton_weight_kg", "carton_weight_kg", "箱重（千克）", "28", kind="decimal",
          aliases=("carton weight kg", "carton weight", "箱重")),
    Field("customs_value_per_unit", "customs_value_per_unit", "单件报关价值", "6.20",
          kind="decimal", aliases=("customs value per unit", "declared value", "申报价值"),
          note="declared value per unit: duties are split by it"),
))  # fmt: skip

FREIGHT_INVOICES = Template("freight-invoices", "freight_invoice_sheet", "Freight invoices", (
    _SHIPMENT_ID,
    Field("invoice", "invoice", "发票号", "INV-88231", max_len=64,
          aliases=("invoice no", "invoice number", "账单号"),
          note="several invoices of one shipment add up; empty: one per shipment and status"),
    Field("date", "date", "日期", "2026-10-30", kind="date", required=True, nonempty=True,
          aliases=("invoice date", "账单日期"), note="amounts convert at this day's rate"),
    Field("amount", "amount", "运费金额", "5400.00", kind="decimal", required=True,
          nonempty=True, aliases=("freight", "freight amount", "运费"),
          note="first-leg freight of the whole shipment, in currency"),
    Field("duties", "duties", "关税及税费", "1250.00", kind="decimal",
          aliases=("duties and taxes", "duty", "关税"),
          note="duties and import taxes paid for the shipment, split by customs value"),
    _CURRENCY,
    Field("basis", "basis", "分摊方式", "volume", required=True, nonempty=True, example_zh="体积",
          aliases=("allocation basis", "split by", "分摊依据"),
          note="weight or volume (重量 / 体积): how the freight splits over the units"),
    Field("status", "status", "状态", "actual", aliases=("estimated or actual", "类型"),
          example_zh="实际",
          note="estimated or actual (预估 / 实际); actual invoices replace the estimate; "
          "empty means actual"),
))  # fmt: skip

_BULLETS = tuple(
    Field(f"bullet_{n}", f"bullet_{n}", f"五点描述{n}", example, required=n == 1,
          aliases=(f"bullet {n}", f"bullet point {n}", f"bullet_point_{n}", f"要点{n}",
                   f"卖点{n}", *(("bullet points", "bullets", "五点描述", "要点") if n == 1 else ())),
          note=("one bullet point per column; a cell with several lines is several bullets"
                if n == 1 else ""))
    for n, example in enumerate((
        "50 FT EXPANDABLE: stretches to 50 ft and shrinks back to 17 ft for storage",
        "LEAK-FREE BRASS FITTINGS: solid brass connectors with rubber washers",
        "8 SPRAY PATTERNS: nozzle with jet, shower, mist and five more settings",
        "LIGHTWEIGHT: 2.2 lb, easy to carry and hang",
        "WHAT YOU GET: hose, nozzle, hanger and storage bag",
    ), start=1)
)  # fmt: skip

LISTINGS = Template("listings", "listing_sheet", "Listing content", (
    _SKU,
    Field("marketplace", "marketplace", "站点", "US", aliases=("country", "marketplace id",
                                                              "国家"),
          note="US, DE, JP ... or a marketplace id; empty: the store's marketplace"),
    Field("asin", "asin", "ASIN", "B0CHILD001", kind="asin"),
    Field("title", "title", "标题", "Acme Expandable Garden Hose 50 ft with 8-Pattern Nozzle",
          required=True, aliases=("item name", "item_name", "product title", "商品标题",
                                  "产品标题"),
          note="the listing title as published"),
    *_BULLETS,
    Field("description", "description", "产品描述", "A hose that grows to 50 ft with water "
          "pressure and shrinks back when empty.", aliases=("product description",
                                                             "product_description", "描述")),
    Field("image_count", "image_count", "图片数量", "7", kind="int",
          aliases=("image count", "images", "图片数"), note="main image plus other images"),
    Field("aplus", "aplus", "A+页面", "yes", aliases=("a+", "a+ content", "has a+", "A+内容"),
          example_zh="是",
          note="yes or no (是 / 否): the listing has A+ content"),
    Field("product_type", "product_type", "产品类型", "HOSE", max_len=64,
          aliases=("product type", "item type", "品类"),
          note="Amazon's product type (SHIRT, SHOES ...): apparel and shoes need size, colour, "
          "department and material"),
    Field("storage_type", "storage_type", "存储类型", "", aliases=("storage type", "库容类型"),
          note="FBA storage type for capacity limits: standard, oversize, apparel or footwear "
          "(标准尺寸, 大件, 服装, 鞋靴); empty: apparel and shoe product types say it, else the "
          "size tier"),
    Field("missing_attributes", "missing_attributes", "缺失属性", "",
          aliases=("missing attributes", "缺少的属性"),
          note="key attributes the listing lacks, separated by ; or ,"),
    Field("suppressed", "suppressed", "被压制", "no", aliases=("search suppressed", "是否被压制"),
          example_zh="否",
          note="yes or no (是 / 否)"),
    Field("status", "status", "状态", "Active", max_len=120, aliases=("listing status",
                                                                       "商品状态")),
    Field("issues", "issues", "亚马逊提示问题", "", aliases=("amazon issues", "issue",
                                                          "问题", "issue description"),
          note="Amazon's messages about the listing, one per line"),
))  # fmt: skip

WAREHOUSE_STOCK = Template("warehouse-stock", "warehouse_stock_sheet",
                           "3PL / overseas warehouse stock", (
    _SKU,
    Field("units", "units", "库存数量", "800", kind="int", required=True, nonempty=True,
          aliases=("quantity", "qty", "on hand", "available", "数量", "可用库存"),
          note="units held at the warehouse on as_of"),
    Field("as_of", "as_of", "库存日期", "2026-11-26", kind="date", required=True, nonempty=True,
          aliases=("as of", "date", "stock date", "日期"),
          note="the day the count is from; the latest row of a SKU wins"),
    Field("warehouse", "warehouse", "仓库", "LA 3PL", max_len=120,
          aliases=("warehouse name", "3pl", "海外仓", "仓库名称"), note="empty: 3PL"),
    Field("transfer_days", "transfer_days", "转运天数", "12", kind="int",
          aliases=("transfer days", "days to fba", "转仓天数", "到FBA天数"),
          note="days from the warehouse to sellable at FBA; empty: keep the SKU's (10 if new)"),
))  # fmt: skip

FBA_CAPACITY = Template("fba-capacity", "fba_capacity_sheet", "FBA capacity limits", (
    Field("storage_type", "storage_type", "存储类型", "standard", required=True, nonempty=True,
          example_zh="标准尺寸",
          aliases=("storage type", "type", "库容类型"),
          note="standard, oversize, apparel or footwear (标准尺寸, 大件, 服装, 鞋靴)"),
    Field("month", "month", "月份", "2026-12", required=True, nonempty=True,
          aliases=("from month", "effective month", "生效月份"),
          note="the month the limit applies from (2026-12); it holds until a later row"),
    Field("limit_cuft", "limit_cuft", "库容上限（立方英尺）", "1500", kind="decimal",
          aliases=("limit cuft", "capacity limit", "cubic feet", "limit (cubic feet)",
                   "库容上限"), note="limit in cubic feet"),
    Field("limit_units", "limit_units", "库容上限（件）", "", kind="int",
          aliases=("limit units", "units limit", "件数上限"), note="limit in units"),
))  # fmt: skip

DEALS = Template("deals", "deal_sheet", "Deals and promotions", (
    _SKU,
    Field("kind", "kind", "促销类型", "lightning", required=True, nonempty=True, example_zh="秒杀",
          aliases=("deal type", "type", "promotion type", "类型"),
          note="lightning, best_deal, coupon or prime (秒杀, 最佳促销, 优惠券, Prime 专享折扣)"),
    Field("start_date", "start_date", "开始日期", "2026-12-05", kind="date", required=True,
          nonempty=True, aliases=("start date", "start", "开始"), note="marketplace day"),
    Field("end_date", "end_date", "结束日期", "2026-12-05", kind="date", required=True,
          nonempty=True, aliases=("end date", "end", "结束"), note="last day, inclusive"),
    Field("discount", "discount", "折扣", "20%", kind="percent", required=True, nonempty=True,
          aliases=("discount pct", "discount %", "折扣率"), note="share off the price: 20% or 0.2"),
    Field("fee", "fee", "费用", "", kind="decimal", aliases=("deal fee", "促销费用"),
          note="in the marketplace currency; empty: estimated from Amazon's published fees"),
    Field("expected_units", "expected_units", "预计销量", "", kind="int",
          aliases=("expected units", "预计件数"),
          note="units over the whole deal; empty: the SKU's baseline x the kind's usual lift"),
    Field("note", "note", "备注", "Black Friday week", max_len=500, aliases=("notes", "说明")),
))  # fmt: skip

_ALL = (COSTS, SUPPLIERS, PURCHASE_ORDERS, EXCHANGE_RATES, REVIEWS, SHIPMENTS, FREIGHT_INVOICES,
        LISTINGS, WAREHOUSE_STOCK, FBA_CAPACITY, DEALS)  # fmt: skip
TEMPLATES: dict[str, Template] = {t.name: t for t in _ALL}


def get_template(name: str) -> Template:
    try:
        return TEMPLATES[name.strip().lower().replace("_", "-")]
    except KeyError:
        raise UnknownTemplateError(name) from None


def columns(template: Template) -> tuple[Column, ...]:
    return tuple(f.column() for f in template.fields)


def render(name: str, lang: str = "en") -> str:
    """The template as CSV text: the header row in ``lang`` and the marked example row."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    template = get_template(name)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(template.header(lang))
    writer.writerow(template.example(lang))
    return out.getvalue()


def write(name: str, path: Path, lang: str = "en") -> Path:
    """Write the template to ``path`` as UTF-8 with a byte-order mark, so that Excel shows
    Chinese headers correctly when it opens the file."""
    text = render(name, lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8-sig", newline="")
    return path
