"""The Date Range (transaction) report's columns in every display language we know of.

Spellings are copied from report-formats.md §4c (a Chinese ERP's per-country config, the DE
list confirmed by four other parsers; the US 2017 and current headers verbatim). The
Chinese-interface spellings are NOT in that table: they are the ones Chinese sellers' tools
use and are unverified against a real file (report-formats.md §11 lists it as open).

Each language's spellings also say how that file writes numbers and dates (``Locale``):
German, French, Italian, Spanish and Dutch files use a decimal comma; every language but US
English, Japanese and Chinese writes ``01/02/2026`` day first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sellerops.ingest.headers import normalize_header


@dataclass(frozen=True, slots=True)
class Locale:
    code: str
    decimal_comma: bool
    day_first: bool


LOCALES: tuple[Locale, ...] = (
    Locale("en_US", False, False),
    Locale("en_GB", False, True),
    Locale("de", True, True),
    Locale("fr", True, True),
    Locale("it", True, True),
    Locale("es", True, True),
    Locale("es_MX", False, True),
    Locale("ja", False, False),
    Locale("zh", False, False),
    Locale("nl", True, True),
)

#: key -> spellings in the order of LOCALES[:8] (US, UK, DE, FR, IT, ES, MX, JP); "" = none.
_TABLE: dict[str, tuple[str, ...]] = {
    "posted": ("date/time", "date/time", "Datum/Uhrzeit", "date/heure", "Data/Ora:",
               "fecha y hora", "fecha/hora", "日付/時間"),
    "settlement_id": ("settlement id", "settlement id", "Abrechnungsnummer",
                      "numéro de versement", "Numero pagamento", "identificador de pago",
                      "Id. de liquidación", "決済番号"),
    "type": ("type", "type", "Typ", "type", "Tipo", "tipo", "tipo", "トランザクションの種類"),
    "order_id": ("order id", "order id", "Bestellnummer", "numéro de la commande",
                 "Numero ordine", "número de pedido", "Id. del pedido", "注文番号"),
    "sku": ("sku", "sku", "SKU", "sku", "SKU", "sku", "sku", "SKU"),
    "description": ("description", "description", "Beschreibung", "description",
                    "Descrizione", "descripción", "descripción", "説明"),
    "quantity": ("quantity", "quantity", "Menge", "quantité", "Quantità", "cantidad",
                 "cantidad", "数量"),
    "marketplace": ("marketplace", "marketplace", "Marketplace", "Marketplace", "Marketplace",
                    "web de Amazon", "marketplace", "Amazon 出品サービス"),
    "account_type": ("account type", "", "", "", "", "", "", ""),
    "fulfillment": ("fulfillment", "fulfilment", "Versand", "traitement", "Gestione",
                    "gestión logística", "cumplimiento", "フルフィルメント"),
    "order_city": ("order city", "order city", "Ort der Bestellung",
                   "ville d'où provient la commande", "Città di provenienza dell'ordine",
                   "ciudad de procedencia del pedido", "ciudad del pedido", "市町村"),
    "order_state": ("order state", "order state", "Bundesland",
                    "Région d'où provient la commande", "Provincia di provenienza dell'ordine",
                    "comunidad autónoma de procedencia del pedido", "estado del pedido",
                    "都道府県"),
    "order_postal": ("order postal", "order postal", "Postleitzahl",
                     "code postal de la commande", "CAP dell'ordine",
                     "código postal de procedencia del pedido", "código postal del pedido",
                     "郵便番号"),
    "tax_collection_model": ("tax collection model", "tax collection model",
                             "Steuererhebungsmodell", "Modèle de perception des taxes",
                             "modello di riscossione delle imposte",
                             "Formulario de recaudación de impuestos",
                             "modelo de recaudación de impuestos", "税金徴収型"),
    "product_sales": ("product sales", "product sales", "Umsätze", "ventes de produits",
                      "Vendite", "ventas de productos", "ventas de productos", "商品売上"),
    "product_sales_tax": ("product sales tax", "product sales tax", "Produktumsatzsteuer",
                          "Taxes sur la vente des produits",
                          "imposta sulle vendite dei prodotti", "product sales tax",
                          "impuesto de ventas de productos", "商品の売上税"),
    "shipping_credits": ("shipping credits", "postage credits",
                         "Gutschrift für Versandkosten", "crédits d'expédition",
                         "Accrediti per le spedizioni", "abonos de envío", "créditos de envío",
                         "配送料"),
    "shipping_credits_tax": ("shipping credits tax", "shipping credits tax",
                             "Steuer auf Versandgutschrift", "taxe sur les crédits d’expédition",
                             "imposta accrediti per le spedizioni",
                             "impuestos por abonos de envío", "impuesto de abono de envío",
                             "配送料の税金"),
    "gift_wrap_credits": ("gift wrap credits", "gift wrap credits",
                          "Gutschrift für Geschenkverpackung",
                          "crédits sur l'emballage cadeau", "Accrediti per confezioni regalo",
                          "abonos de envoltorio para regalo",
                          "créditos por envoltorio de regalo", "ギフト包装手数料"),
    "gift_wrap_credits_tax": ("giftwrap credits tax", "giftwrap credits tax",
                              "Steuer auf Geschenkverpackungsgutschriften",
                              "Taxes sur les crédits cadeaux",
                              "imposta sui crediti confezione regalo", "giftwrap credits tax",
                              "impuesto de créditos de envoltura", "ギフト包装クレジットの税金"),
    "amazon_points": ("", "", "", "", "", "", "", "Amazonポイントの費用"),
    "promotional_rebates": ("promotional rebates", "promotional rebates",
                            "Rabatte aus Werbeaktionen", "Rabais promotionnels",
                            "Sconti promozionali", "devoluciones promocionales",
                            "descuentos promocionales", "プロモーション割引額"),
    "promotional_rebates_tax": ("promotional rebates tax", "promotional rebates tax",
                                "Steuer auf Aktionsrabatte",
                                "Taxes sur les remises promotionnelles",
                                "imposta sugli sconti promozionali",
                                "impuestos de descuentos por promociones",
                                "impuesto de reembolsos promocionales",
                                "プロモーション割引の税金"),
    "marketplace_withheld_tax": ("marketplace withheld tax", "marketplace withheld tax",
                                 "Einbehaltene Steuer auf Marketplace",
                                 "Taxes retenues sur le site de vente",
                                 "trattenuta IVA del marketplace",
                                 "impuesto retenido en el sitio web",
                                 "impuesto de retenciones en la plataforma",
                                 "源泉徴収税を伴うマーケットプレイス"),
    "selling_fees": ("selling fees", "selling fees", "Verkaufsgebühren", "frais de vente",
                     "Commissioni di vendita", "tarifas de venta", "tarifas de venta", "手数料"),
    "fba_fees": ("fba fees", "fba fees", "Gebühren zu Versand durch Amazon",
                 "Frais Expédié par Amazon", "Costi del servizio Logistica di Amazon",
                 "tarifas de Logística de Amazon", "tarifas fba", "FBA 手数料"),
    "other_transaction_fees": ("other transaction fees", "other transaction fees",
                               "Andere Transaktionsgebühren", "autres frais de transaction",
                               "Altri costi relativi alle transazioni",
                               "tarifas de otras transacciones", "tarifas de otra transacción",
                               "トランザクションに関するその他の手数料"),
    "other": ("other", "other", "Andere", "autre", "Altro", "otro", "otro", "その他"),
    "total": ("total", "total", "Gesamt", "total", "totale", "total", "total", "合計"),
}  # fmt: skip

#: Chinese interface (unverified, see the module docstring) and Dutch (partial, §4c).
_MORE: dict[str, dict[str, tuple[str, ...]]] = {
    "zh": {
        "posted": ("日期/时间",), "settlement_id": ("结算编号", "结算号", "结算 ID"),
        "type": ("类型",), "order_id": ("订单编号", "订单号"), "sku": ("SKU",),
        "description": ("描述",), "quantity": ("数量",), "marketplace": ("市场", "商城"),
        "account_type": ("账户类型",), "fulfillment": ("配送", "配送方式"),
        "order_city": ("订单城市",), "order_state": ("订单州", "订单州/省"),
        "order_postal": ("订单邮编",), "tax_collection_model": ("税收模式", "税款征收模式"),
        "product_sales": ("商品销售", "商品销售额", "产品销售"),
        "product_sales_tax": ("商品销售税", "产品销售税"),
        "shipping_credits": ("运费积分", "运费抵扣"),
        "shipping_credits_tax": ("运费积分税", "运费抵扣税"),
        "gift_wrap_credits": ("礼品包装积分", "礼品包装抵扣"),
        "gift_wrap_credits_tax": ("礼品包装积分税", "礼品包装抵扣税"),
        "promotional_rebates": ("促销返点",), "promotional_rebates_tax": ("促销返点税",),
        "marketplace_withheld_tax": ("市场预扣税", "平台代扣代缴税款"),
        "selling_fees": ("销售佣金", "销售费用"), "fba_fees": ("亚马逊物流费用", "FBA 费用"),
        "other_transaction_fees": ("其他交易费用",), "other": ("其他",),
        "total": ("总计", "合计"),
    },
    "nl": {
        "posted": ("datum/tijd",), "settlement_id": ("schikkings-id",),
        "order_id": ("bestelnummer",), "quantity": ("aantal",),
        "product_sales": ("verkoop van producten",),
    },
    "en_US": {  # the 2017 layout, and columns of 2024+ US files
        "sales_tax_collected": ("sales tax collected",),
        "marketplace_facilitator_tax": ("Marketplace Facilitator Tax",),
        "regulatory_fee": ("Regulatory Fee",),
        "regulatory_fee_tax": ("Tax On Regulatory Fee",),
        "transaction_status": ("transaction status",),
        "release_date": ("transaction release date",),
    },
    "de": {
        "transaction_status": ("Transaktionsstatus",),
        "release_date": ("Freigabedatum der Transaktion",),
    },
}  # fmt: skip

#: The money columns, in the order that numbers a row's fee lines (``fee_line.line_no``).
AMOUNTS: tuple[str, ...] = (
    "product_sales", "product_sales_tax", "shipping_credits", "shipping_credits_tax",
    "gift_wrap_credits", "gift_wrap_credits_tax", "regulatory_fee", "regulatory_fee_tax",
    "amazon_points", "promotional_rebates", "promotional_rebates_tax", "sales_tax_collected",
    "marketplace_facilitator_tax", "marketplace_withheld_tax", "selling_fees", "fba_fees",
    "other_transaction_fees", "other",
)  # fmt: skip
#: Line number of what a row's money columns leave unexplained against its ``total``.
UNEXPLAINED_LINE = 99

#: Localized ``type`` values -> the English ones (report-formats.md §4c; Chinese unverified).
TYPES: dict[str, str] = {
    "bestellung": "Order", "commande": "Order", "ordine": "Order", "pedido": "Order",
    "注文": "Order", "订单": "Order", "erstattung": "Refund", "remboursement": "Refund",
    "rimborso": "Refund", "reembolso": "Refund", "返金": "Refund", "退款": "Refund",
    "übertrag": "Transfer", "转账": "Transfer", "servicegebühr": "Service Fee",
    "服务费": "Service Fee",
}  # fmt: skip


def spellings() -> dict[str, list[tuple[str, str]]]:
    """key -> [(locale code, spelling)] for every column."""
    found: dict[str, list[tuple[str, str]]] = {}
    for key, names in _TABLE.items():
        for locale, name in zip(LOCALES, names, strict=False):
            if name:
                found.setdefault(key, []).append((locale.code, name))
    for code, columns in _MORE.items():
        for key, names in columns.items():
            found.setdefault(key, []).extend((code, name) for name in names)
    return found


def header_locale(header: list[str]) -> Locale:
    """The language whose spellings explain most of the header (US English on a tie)."""
    by_locale: dict[str, set[str]] = {}
    for pairs in spellings().values():
        for code, name in pairs:
            by_locale.setdefault(code, set()).add(normalize_header(name))
    names = {normalize_header(h) for h in header}
    return max(LOCALES, key=lambda loc: len(names & by_locale.get(loc.code, set())))
