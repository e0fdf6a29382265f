"""Texts of the Advertising, Profit, Reports and store-settings pages, English and Chinese."""

from sellerops.core import i18n


def _pairs(prefix: str, rows: tuple[tuple[str, str, str], ...]) -> dict[str, dict[str, str]]:
    return {f"{prefix}.{key}": {"en": en, "zh": zh} for key, en, zh in rows}


i18n.register_messages(
    {
        "web.nav.ads": {"en": "Advertising", "zh": "广告"},
        "web.nav.profit": {"en": "Profit", "zh": "利润"},
        "web.nav.reports": {"en": "Reports", "zh": "报表"},
        # advertising
        "web.ads.title": {"en": "Advertising", "zh": "广告"},
        "web.ads.window": {
            "en": "{days} days to {day}",
            "zh": "截至 {day} 的 {days} 天",
        },
        "web.ads.days": {"en": "{days} days", "zh": "{days} 天"},
        "web.ads.behind": {
            "en": "The newest ad data is from {ads_day}, {days} days before {ref_day}: the "
            "figures and recommendations below leave those days out. Import newer "
            "Sponsored Products reports on Imports.",
            "zh": "最新的广告数据截至 {ads_day}，比 {ref_day} 早 {days} 天：以下数字和建议不含这几天。"
            "请在“导入”页面导入更新的广告报告。",
        },
        "web.ads.none": {
            "en": "No advertising data yet: import Sponsored Products reports (search term, "
            "campaign) or a bulk file on Imports.",
            "zh": "还没有广告数据：请在“导入”页面导入广告报告（搜索词、广告活动）或批量文件。",
        },
        "web.ads.recs": {"en": "Recommendations", "zh": "优化建议"},
        "web.ads.recs_day": {
            "en": "Optimizer run of {day}: {open} open, {approved} approved, {rejected} rejected",
            "zh": "{day} 的优化结果：待处理 {open} 条，已批准 {approved} 条，已拒绝 {rejected} 条",
        },
        "web.ads.recs_none": {
            "en": "No recommendations: the optimizer has not run yet, or found nothing to change.",
            "zh": "暂无建议：优化器尚未运行，或没有需要调整的内容。",
        },
        "web.ads.recs_filtered": {
            "en": "Nothing matches this filter.",
            "zh": "没有符合筛选条件的建议。",
        },
        "web.ads.recs_cut": {
            "en": "The {shown} with the biggest effect of {count}: filter by change to see the "
            "others; “Approve every open one” covers all of them.",
            "zh": "显示影响最大的 {shown} 条，共 {count} 条：按类型筛选可查看其余建议；"
            "“批准全部待处理”涵盖全部建议。",
        },
        "web.ads.run": {"en": "Run the optimizer", "zh": "运行优化器"},
        "web.ads.filter.all": {"en": "All changes", "zh": "全部类型"},
        "web.ads.show.open": {"en": "Open", "zh": "待处理"},
        "web.ads.show.all": {"en": "Every status", "zh": "全部状态"},
        "web.ads.pick": {"en": "Select this recommendation", "zh": "选择此建议"},
        "web.ads.pick_all": {"en": "Select all", "zh": "全选"},
        "web.ads.approve": {"en": "Approve", "zh": "批准"},
        "web.ads.reject": {"en": "Reject", "zh": "拒绝"},
        "web.ads.approve_selected": {"en": "Approve selected", "zh": "批准所选"},
        "web.ads.reject_selected": {"en": "Reject selected", "zh": "拒绝所选"},
        "web.ads.approve_all": {"en": "Approve every open one", "zh": "批准全部待处理"},
        "web.ads.approve_all_confirm": {
            "en": "Approve all {count} open recommendations (bids, budgets, pauses, negatives)? "
            "They go into the next bulk file.",
            "zh": "确定批准全部 {count} 条待处理建议（出价、预算、暂停、否定词）吗？它们会写入下一个批量文件。",
        },
        "web.ads.decided_by": {"en": "by {who}", "zh": "操作人 {who}"},
        "web.ads.read_only": {
            "en": "You can read this store; approving changes needs the operator role.",
            "zh": "您对该店铺只有查看权限；批准更改需要运营角色。",
        },
        "web.ads.failed": {
            "en": "Not changed: {detail}",
            "zh": "未更改：{detail}",
        },
        "web.ads.not_decided": {
            "en": "Nothing was changed: some of those recommendations were decided already or "
            "are not this store's.",
            "zh": "未做任何更改：其中部分建议已被处理，或不属于该店铺。",
        },
        "web.ads.per_day": {"en": "{amount}/day", "zh": "{amount}/天"},
        "web.ads.yes": {"en": "yes", "zh": "是"},
        "web.ads.no": {"en": "no", "zh": "否"},
        **_pairs("web.ads.status", (
            ("proposed", "open", "待处理"),
            ("approved", "approved", "已批准"),
            ("rejected", "rejected", "已拒绝"),
            ("exported", "in a bulk file", "已写入批量文件"),
            ("superseded", "superseded", "已被新建议取代"),
        )),
        **_pairs("web.ads.match", (
            ("broad", "broad", "广泛"),
            ("phrase", "phrase", "词组"),
            ("exact", "exact", "精准"),
            ("negative_exact", "negative exact", "否定精准"),
            ("negative_phrase", "negative phrase", "否定词组"),
            ("negative_product", "negative product", "否定商品"),
        )),
        **_pairs("web.ads.state", (
            ("enabled", "enabled", "启用"),
            ("paused", "paused", "暂停"),
            ("archived", "archived", "已归档"),
        )),
        **_pairs("web.ads.action", (
            ("approved", "approved", "批准"),
            ("rejected", "rejected", "拒绝"),
            ("exported", "wrote to a bulk file", "写入批量文件"),
            ("reverted", "reverted", "回滚"),
        )),
        **_pairs("web.ads.kpi", (
            ("spend", "Ad spend", "广告花费"),
            ("sales", "Ad sales", "广告销售额"),
            ("acos", "ACoS", "ACoS"),
            ("roas", "ROAS", "ROAS"),
            ("tacos", "TACoS", "TACoS"),
            ("wasted", "Spend on terms without orders", "无订单搜索词花费"),
        )),
        **_pairs("web.ads.col", (
            ("kind", "Change", "类型"),
            ("where", "Campaign / ad group", "广告活动 / 广告组"),
            ("target", "Target / term / SKU", "投放 / 搜索词 / SKU"),
            ("change", "Now → new", "当前 → 建议"),
            ("effect", "Effect/day", "每日影响"),
            ("why", "Why", "原因及依据"),
            ("status", "Status", "状态"),
            ("campaign", "Campaign", "广告活动"),
            ("type", "Type", "类型"),
            ("state", "State", "状态"),
            ("budget", "Daily budget", "每日预算"),
            ("impressions", "Impressions", "曝光量"),
            ("clicks", "Clicks", "点击量"),
            ("ctr", "CTR", "点击率"),
            ("cpc", "CPC", "单次点击成本"),
            ("spend", "Spend", "花费"),
            ("orders", "Orders", "订单"),
            ("sales", "Sales", "销售额"),
            ("cvr", "CVR", "转化率"),
            ("term", "Search term", "搜索词"),
            ("wasted", "No-order spend", "无订单花费"),
            ("ad_group", "Ad group", "广告组"),
            ("when", "When", "时间"),
            ("who", "Who", "操作人"),
            ("action", "Action", "操作"),
            ("rec", "Recommendation", "建议"),
            ("count", "Changes", "更改数"),
            ("files", "Files", "文件"),
        )),
        **_pairs("web.ads.ev", (
            ("clicks", "Clicks", "点击量"),
            ("orders", "Orders", "订单"),
            ("cvr_shrunk", "Conversion (shrunk)", "转化率（收缩估计）"),
            ("cpc", "CPC", "单次点击成本"),
            ("value_per_click", "Value per click", "单次点击价值"),
            ("mature_through", "Conversions complete to", "转化数据完整至"),
            ("spend", "Spend", "花费"),
            ("sales", "Sales", "销售额"),
            ("probability_reaching_target", "Chance of reaching target", "达到目标的概率"),
            ("needed_cvr", "Conversion needed", "所需转化率"),
            ("source_campaign", "Source campaign", "来源广告活动"),
            ("lifecycle", "Lifecycle", "生命周期"),
            ("buybox_lost", "Buy Box lost", "失去购买按钮"),
            ("price", "Price", "售价"),
            ("profit_before_ads", "Profit before ads per unit", "广告前单件利润"),
            ("fees_source", "Fees from", "费用依据"),
        )),
        **_pairs("web.ads.val", (
            ("lifecycle.launch", "launch", "新品期"),
            ("lifecycle.growth", "growth", "成长期"),
            ("lifecycle.mature", "mature", "成熟期"),
            ("lifecycle.decline", "decline", "衰退期"),
            ("fees_source.settlement", "settlements", "结算数据"),
            ("fees_source.assumed", "assumed (15 % referral, 15 % FBA)", "估算（佣金 15%，FBA 15%）"),
        )),
        "web.ads.campaigns": {"en": "Campaigns", "zh": "广告活动"},
        "web.ads.terms": {
            "en": "Search terms, top {count} by spend",
            "zh": "花费最高的 {count} 个搜索词",
        },
        "web.ads.no_terms": {"en": "No search term data in this window.", "zh": "该时间段没有搜索词数据。"},
        "web.ads.neg_proposed": {"en": "negation proposed", "zh": "已建议否定"},
        "web.ads.wasted_help": {
            "en": "No-order spend: spend of search terms without an attributed order in the "
            "window (the last 7–14 days may still convert).",
            "zh": "无订单花费：在该时间段内没有归因订单的搜索词的花费（最近 7–14 天的转化可能尚未完整）。",
        },
        "web.ads.exports": {"en": "Bulk files", "zh": "批量文件"},
        "web.ads.export_waiting": {
            "en": "{count} approved changes not in a bulk file yet.",
            "en_one": "1 approved change not in a bulk file yet.",
            "zh": "{count} 项已批准的更改尚未写入批量文件。",
        },
        "web.ads.export_nothing": {
            "en": "No approved change is waiting for a bulk file.",
            "zh": "没有等待写入批量文件的已批准更改。",
        },
        "web.ads.export": {"en": "Write the bulk file", "zh": "生成批量文件"},
        "web.ads.exported_notice": {
            "en": "Bulk file written with {count} changes. Download it and upload it in the "
            "Ads console under Bulk operations; keep the revert file to undo the changes.",
            "en_one": "Bulk file written with 1 change. Download it and upload it in the "
            "Ads console under Bulk operations; keep the revert file to undo the change.",
            "zh": "已生成包含 {count} 项更改的批量文件。请下载后在广告控制台“批量操作”中上传；"
            "保留回滚文件以便撤销更改。",
        },
        "web.ads.download_bulk": {"en": "Bulk file (XLSX)", "zh": "批量文件（XLSX）"},
        "web.ads.download_revert": {"en": "Revert file", "zh": "回滚文件"},
        "web.ads.no_exports": {"en": "No bulk file yet.", "zh": "还没有批量文件。"},
        "web.ads.log": {"en": "Change log", "zh": "变更记录"},
        "web.ads.no_log": {"en": "Nothing decided yet.", "zh": "还没有任何决定。"},
        # profit
        "web.profit.title": {"en": "Profit", "zh": "利润"},
        "web.profit.period": {"en": "Period", "zh": "周期"},
        "web.profit.end": {"en": "Ending", "zh": "截止日期"},
        "web.profit.show": {"en": "Show", "zh": "查看"},
        **_pairs("web.profit.periods", (
            ("day", "Day", "日"),
            ("week", "Week (7 days)", "周（7 天）"),
            ("month", "Month to date", "本月至今"),
            ("30d", "Last 30 days", "近 30 天"),
        )),
        "web.profit.range": {
            "en": "{start} – {end}, {currency}",
            "zh": "{start} – {end}，{currency}",
        },
        "web.profit.range_day": {"en": "{day}, {currency}", "zh": "{day}，{currency}"},
        "web.profit.estimated": {
            "en": "Days after {day} are not settled yet: their sales and fees are estimated from "
            "orders (marked *).",
            "zh": "{day} 之后的日期尚未结算：其销售额和费用根据订单估算（标 *）。",
        },
        "web.profit.all_estimated": {
            "en": "No settlement covers this period: sales and fees are estimated from orders "
            "(marked *).",
            "zh": "该周期没有结算数据：销售额和费用根据订单估算（标 *）。",
        },
        "web.profit.missing_costs": {
            "en": "No product cost for {count} SKU(s), so their profit leaves out the cost of "
            "goods: {skus}.",
            "zh": "{count} 个 SKU 没有产品成本，其利润未扣除采购成本：{skus}。",
        },
        "web.profit.add_costs": {"en": "Enter costs", "zh": "录入成本"},
        "web.profit.none": {
            "en": "Nothing sold or settled in this period.",
            "zh": "该周期没有销售或结算数据。",
        },
        "web.profit.chart": {"en": "Profit over time", "zh": "利润趋势"},
        "web.profit.total": {"en": "Total", "zh": "合计"},
        "web.profit.skus": {"en": "{count} SKUs", "zh": "{count} 个 SKU"},
        **_pairs("web.profit.col", (
            ("sku", "SKU", "SKU"),
            ("units", "Units", "销量"),
            ("sales", "Item sales", "商品销售额"),
            ("other_revenue", "Refunds, promotions, other", "退款、促销及其他"),
            ("amazon_fees", "Amazon fees", "亚马逊费用"),
            ("ads", "Advertising", "广告费"),
            ("landed", "Landed cost", "到岸成本"),
            ("profit", "Profit", "利润"),
            ("margin", "Margin", "利润率"),
            ("line", "P&L line", "利润表项目"),
            ("amount", "Amount", "金额"),
            ("estimated_part", "of which estimated", "其中估算"),
            ("day", "Day", "日期"),
            ("source", "Settlement", "结算编号"),
            ("type", "Type", "类型"),
            ("order", "Order", "订单号"),
            ("description", "Description", "说明"),
        )),
        "web.profit.ads_split": {
            "en": "Advertising partly estimated: spend no ad report ties to a SKU (Sponsored "
            "Brands / Display, ad groups whose products are not known, an account-level ad "
            "invoice) is split over the SKUs by their item sales.",
            "zh": "广告费部分为估算：广告报告无法对应到 SKU 的花费（品牌/展示广告、商品未知的广告组、"
            "账户级广告账单）按各 SKU 的商品销售额分摊。",
        },
        "web.profit.ads_split_mark": {"en": "‡", "zh": "‡"},
        "web.profit.ads_split_card": {
            "en": "of which {amount} estimated (split by sales)",
            "zh": "其中 {amount} 为估算（按销售额分摊）",
        },
        "web.profit.line.tax": {"en": "Tax (passed through)", "zh": "税费（代收代缴）"},
        "web.profit.line.transfer": {"en": "Transfer to bank", "zh": "转账至银行"},
        "web.profit.series.sales": {"en": "Item sales", "zh": "商品销售额"},
        "web.profit.series.profit": {"en": "Profit", "zh": "利润"},
        "web.profit.series.estimated": {"en": "Profit (estimated)", "zh": "利润（估算）"},
        "web.profit.back": {"en": "All SKUs", "zh": "全部 SKU"},
        "web.profit.sku_title": {"en": "Profit of {sku}", "zh": "{sku} 的利润"},
        "web.profit.lines": {"en": "P&L lines", "zh": "利润表"},
        "web.profit.fee_lines": {
            "en": "Settlement lines behind these numbers",
            "zh": "这些数字背后的结算明细",
        },
        "web.profit.fee_lines_cut": {
            "en": "Showing the first {shown} of {count} lines.",
            "zh": "显示前 {shown} 条，共 {count} 条。",
        },
        "web.profit.no_lines": {
            "en": "No settlement line for this SKU in the period (estimated from orders, or "
            "computed: landed cost, ads and allocated fees are not lines).",
            "zh": "该周期内此 SKU 没有结算明细（按订单估算；到岸成本、广告费及分摊费用为计算所得）。",
        },
        "web.profit.computed": {
            "en": "Landed cost comes from the costs sheet, ads from the ad reports, storage and "
            "other account-level fees are shared out by volume or units.",
            "zh": "到岸成本来自成本表，广告费来自广告报告，仓储费等账户级费用按体积或销量分摊。",
        },
        # reports
        "web.reports.title": {"en": "Reports", "zh": "报表"},
        "web.reports.explain": {
            "en": "KPIs against the previous period and the same period last year, the P&L, "
            "top movers and open problems, for managers to read and forward.",
            "zh": "关键指标与上一周期及去年同期对比、利润表、涨跌最大的商品和未解决问题，便于经理阅读和转发。",
        },
        "web.reports.kind": {"en": "Report", "zh": "报表类型"},
        "web.reports.day": {"en": "Last day covered", "zh": "截止日期"},
        "web.reports.format": {"en": "Format", "zh": "格式"},
        "web.reports.download": {"en": "Download", "zh": "下载"},
        "web.reports.no_data": {
            "en": "Store {store} has no Business Report data yet: import reports first.",
            "zh": "店铺 {store} 还没有业务报告数据，请先导入报告。",
        },
        **_pairs("web.reports.kinds", (
            ("daily", "Daily (one day)", "日报（单日）"),
            ("weekly", "Weekly (7 days to the day)", "周报（截至该日的 7 天）"),
            ("monthly", "Monthly (month to date)", "月报（本月至该日）"),
        )),
        **_pairs("web.reports.formats", (
            ("html", "HTML page", "HTML 网页"),
            ("xlsx", "Excel workbook (XLSX)", "Excel 工作簿（XLSX）"),
            ("pdf", "PDF (A4)", "PDF（A4）"),
        )),
        "web.reports.bad_day": {
            "en": "Choose a day as YYYY-MM-DD.",
            "zh": "请按 YYYY-MM-DD 格式选择日期。",
        },
        # store settings: costs and notification targets
        "web.store_settings.title": {"en": "Settings of {store}", "zh": "{store} 的设置"},
        "web.store_settings.link": {"en": "Costs and notifications", "zh": "成本与通知"},
        "web.costs.title": {"en": "Product costs", "zh": "产品成本"},
        "web.costs.explain": {
            "en": "Landed cost per unit from the costs sheet: cost of goods, first-leg freight "
            "and duty, each from its effective day on. Download the template, fill it in "
            "(English or Chinese headers), and upload it here or on Imports.",
            "zh": "来自成本表的单件到岸成本：采购成本、头程运费和关税，各自从生效日期起适用。"
            "下载模板并填写（中英文表头均可），然后在此处或“导入”页面上传。",
        },
        "web.costs.template": {"en": "Download the costs template (CSV)", "zh": "下载成本模板（CSV）"},
        "web.costs.upload": {"en": "Upload a filled-in costs sheet", "zh": "上传填好的成本表"},
        "web.costs.upload_button": {"en": "Upload", "zh": "上传"},
        "web.costs.none": {
            "en": "No costs yet: profit leaves out the cost of goods until you add them.",
            "zh": "还没有成本数据：在录入之前，利润不包含采购成本。",
        },
        # two counts, each with its own plural: "{rows}; {missing}" of the two messages below
        "web.costs.count": {"en": "{rows}; {missing}", "zh": "{rows}；{missing}"},
        "web.costs.count.rows": {
            "en": "{count} cost rows",
            "en_one": "1 cost row",
            "zh": "共 {count} 条成本记录",
        },
        "web.costs.count.missing": {
            "en": "{count} products in the catalog have no cost",
            "en_one": "1 product in the catalog has no cost",
            "zh": "目录中有 {count} 个商品没有成本",
        },
        **_pairs("web.costs.col", (
            ("sku", "SKU", "SKU"),
            ("effective_from", "From", "生效日期"),
            ("unit_cost", "Cost of goods", "采购单价"),
            ("freight", "First-leg freight", "头程运费单价"),
            ("duty", "Duty rate", "关税税率"),
            ("lead_time", "Lead time", "交货周期"),
        )),
        "web.notify.title": {"en": "Notification targets", "zh": "通知目标"},
        "web.notify.explain": {
            "en": "Targets are saved for notifications of the daily review; sellerops does not "
            "send notifications yet, so nothing is sent to them for now. Webhook URLs must use "
            "https; they carry a secret, so only their beginning and end are shown.",
            "zh": "这些目标会保存下来，用于每日复盘的通知；sellerops 目前尚不发送通知，"
            "因此暂时不会向它们发送任何内容。Webhook 地址必须使用 https；地址中含有密钥，"
            "因此只显示开头和结尾。",
        },
        "web.notify.none": {"en": "No target yet.", "zh": "还没有通知目标。"},
        "web.notify.add": {"en": "Add a target", "zh": "添加通知目标"},
        "web.notify.add_button": {"en": "Add", "zh": "添加"},
        "web.notify.name": {"en": "Name", "zh": "名称"},
        "web.notify.kind": {"en": "Kind", "zh": "类型"},
        "web.notify.address": {"en": "Email address or webhook URL", "zh": "邮箱地址或 Webhook 地址"},
        "web.notify.secret": {
            "en": "Signing secret (DingTalk, Feishu; optional)",
            "zh": "签名密钥（钉钉、飞书；可选）",
        },
        "web.notify.enabled": {"en": "Enabled", "zh": "已启用"},
        "web.notify.disabled": {"en": "Off", "zh": "已停用"},
        "web.notify.enable": {"en": "Turn on", "zh": "启用"},
        "web.notify.disable": {"en": "Turn off", "zh": "停用"},
        "web.notify.delete": {"en": "Delete", "zh": "删除"},
        "web.notify.has_secret": {"en": "signing secret set", "zh": "已设置签名密钥"},
        "web.notify.saved": {"en": "Saved.", "zh": "已保存。"},
        **_pairs("web.notify.kinds", (
            ("email", "Email", "邮件"),
            ("dingtalk", "DingTalk", "钉钉"),
            ("feishu", "Feishu / Lark", "飞书"),
            ("wecom", "WeCom", "企业微信"),
            ("slack", "Slack", "Slack"),
        )),
        **_pairs("web.notify.error", (
            ("kind", "Unknown kind of target.", "未知的通知类型。"),
            ("email", "That is not an email address.", "这不是有效的邮箱地址。"),
            ("https", "Webhook URLs must start with https://.", "Webhook 地址必须以 https:// 开头。"),
            ("host", "This webhook URL does not point at {host}.", "该 Webhook 地址不是 {host} 的地址。"),
            ("url", "That is not a valid URL.", "这不是有效的网址。"),
            ("name", "Give the target a name (up to 120 characters).", "请填写名称（最多 120 个字符）。"),
            ("secret", "The signing secret is too long.", "签名密钥过长。"),
        )),
    }
)  # fmt: skip
