"""Texts of the web pages, in English and Chinese (templates use them through ``_()``)."""

from sellerops.core import i18n
from sellerops.daily.finding import MODULE_NAMES
from sellerops.reports.messages import KPI_NAMES

i18n.register_messages(
    {
        "web.app": {"en": "sellerops", "zh": "sellerops"},
        "web.lang.en": {"en": "English", "zh": "English"},
        "web.lang.zh": {"en": "中文", "zh": "中文"},
        "web.lang.label": {"en": "Language", "zh": "语言"},
        # sign-in
        "web.login.title": {"en": "Sign in", "zh": "登录"},
        "web.login.subtitle": {
            "en": "Your store's daily review, in your own database.",
            "zh": "每日复盘，数据在您自己的数据库中。",
        },
        "web.login.email": {"en": "Email", "zh": "邮箱"},
        "web.login.password": {"en": "Password", "zh": "密码"},
        "web.login.submit": {"en": "Sign in", "zh": "登录"},
        "web.login.failed": {
            "en": "Wrong email or password. After 5 failed attempts the account is locked "
            "for 15 minutes.",
            "zh": "邮箱或密码错误。连续失败 5 次后账户将锁定 15 分钟。",
        },
        "web.logout": {"en": "Sign out", "zh": "退出"},
        "web.finding.shared": {
            "en": "The same money as the finding above: counted once in the total",
            "zh": "与上一条属同一笔金额：合计中只计一次",
        },
        # navigation
        "web.nav.today": {"en": "Today", "zh": "今日"},
        "web.nav.account": {"en": "Account", "zh": "账户"},
        "web.nav.store": {"en": "Store", "zh": "店铺"},
        "web.nav.api_docs": {"en": "API", "zh": "API"},
        # today
        "web.today.title": {"en": "Today", "zh": "今日复盘"},
        "web.today.rerun": {"en": "Run the review again", "zh": "重新运行复盘"},
        "web.today.no_data": {
            "en": "Store {store} has no Business Report data yet: import reports first "
            "(sellerops import FILE...).",
            "zh": "店铺 {store} 还没有业务报告数据，请先导入报告（sellerops import 文件...）。",
        },
        "web.today.chart": {"en": "Last 4 weeks", "zh": "近 4 周"},
        "web.today.none_mine": {
            "en": "No findings are assigned to you.",
            "zh": "目前没有分配给您的事项。",
        },
        "web.today.findings": {"en": "Findings", "zh": "待处理事项"},
        "web.today.check_failed": {
            "en": "The check {name} failed: {error}",
            "zh": "检查项 {name} 运行失败：{error}",
        },
        "web.today.read_only": {
            "en": "You can read this store; changing findings needs the operator role.",
            "zh": "您对该店铺只有查看权限；处理事项需要运营角色。",
        },
        "web.no_stores": {
            "en": "You have no store yet. Ask an owner to grant you one.",
            "zh": "您还没有可访问的店铺，请联系所有者为您授权。",
        },
        # the same names as the reports' (HTML, PDF, XLSX): one KPI, one name
        **{
            f"web.kpi.{key}": KPI_NAMES[key]
            for key in ("sales", "units", "orders", "sessions", "conversion")
        },
        "web.kpi.vs_prev": {"en": "vs day before", "zh": "环比前一天"},
        "web.kpi.vs_week": {"en": "vs same weekday last week", "zh": "较上周同日"},
        "web.kpi.vs_prev_short": {"en": "vs prev. day", "zh": "较前日"},
        "web.kpi.vs_week_short": {"en": "vs last week", "zh": "较上周同日"},
        "web.kpi.none": {"en": "no data", "zh": "无数据"},
        "web.col.severity": {"en": "Severity", "zh": "级别"},
        "web.col.finding": {"en": "Finding", "zh": "事项"},
        "web.col.evidence": {"en": "Evidence", "zh": "依据"},
        "web.col.money": {"en": "At stake", "zh": "涉及金额"},
        "web.col.action": {"en": "Recommended action", "zh": "建议操作"},
        "web.col.status": {"en": "Status", "zh": "状态"},
        "web.act.ack": {"en": "Acknowledge", "zh": "确认"},
        "web.act.done": {"en": "Done", "zh": "完成"},
        "web.act.reopen": {"en": "Reopen", "zh": "重新打开"},
        "web.act.snooze": {"en": "Snooze", "zh": "推迟"},
        "web.act.snooze_until": {"en": "Snooze until", "zh": "推迟到"},
        "web.act.until": {"en": "until {day}", "zh": "至 {day}"},
        "web.act.bad_date": {
            "en": "Choose a later day to snooze until.",
            "zh": "请选择一个更晚的推迟日期。",
        },
        "web.assign.label": {"en": "Assign to", "zh": "分配给"},
        "web.assign.nobody": {"en": "Nobody", "zh": "未分配"},
        "web.assign.submit": {"en": "Assign", "zh": "分配"},
        "web.assign.to": {"en": "Assigned to {user}", "zh": "负责人：{user}"},
        "web.assign.mine": {"en": "Assigned to me", "zh": "分配给我的"},
        "web.assign.show_all": {"en": "Show all", "zh": "显示全部"},
        "web.assign.refused": {
            "en": "That user cannot be assigned findings of this store.",
            "zh": "该用户不能被分配本店铺的事项。",
        },
        # modules and evidence labels
        **{f"web.module.{key}": names for key, names in MODULE_NAMES.items()},
        **{
            f"web.entity.{key}": {"en": en, "zh": zh}
            for key, en, zh in (
                ("sku", "SKU", "SKU"),
                ("asin", "ASIN", "ASIN"),
                ("campaign", "Campaign", "广告活动"),
                ("ad_group", "Ad group", "广告组"),
                ("keyword", "Keyword", "关键词"),
                ("storage_type", "Storage type", "仓储类型"),
                ("currency", "Currency", "币种"),
            )
        },
        # account
        "web.account.title": {"en": "Account", "zh": "账户"},
        "web.account.profile": {"en": "Profile", "zh": "个人信息"},
        "web.account.name": {"en": "Name", "zh": "姓名"},
        "web.account.stores": {"en": "Your stores", "zh": "您的店铺"},
        "web.account.role": {"en": "Role", "zh": "角色"},
        "web.account.save": {"en": "Save", "zh": "保存"},
        "web.account.tokens": {"en": "API tokens", "zh": "API 令牌"},
        "web.account.tokens_help": {
            "en": "Send a token as 'Authorization: Bearer TOKEN' to /api/v1. It has your "
            "rights, limited to one store if you choose one.",
            "zh": "调用 /api/v1 时发送 'Authorization: Bearer 令牌'。令牌拥有您的权限，"
            "可限定为一个店铺。",
        },
        "web.account.token_name": {"en": "Token name", "zh": "令牌名称"},
        "web.account.token_store": {"en": "Store", "zh": "店铺"},
        "web.account.all_stores": {"en": "All my stores", "zh": "我的全部店铺"},
        "web.account.create_token": {"en": "Create token", "zh": "创建令牌"},
        "web.account.new_token": {
            "en": "Your new token. Copy it now: it will not be shown again.",
            "zh": "新令牌如下。请立即复制：它不会再次显示。",
        },
        "web.account.revoke": {"en": "Revoke", "zh": "撤销"},
        "web.account.created": {"en": "Created", "zh": "创建于"},
        "web.account.last_used": {"en": "Last used", "zh": "最近使用"},
        "web.account.never": {"en": "never", "zh": "从未"},
        "web.account.no_tokens": {"en": "No tokens yet.", "zh": "还没有令牌。"},
        "role.owner": {"en": "owner", "zh": "所有者"},
        "role.manager": {"en": "manager", "zh": "经理"},
        "role.operator": {"en": "operator", "zh": "运营"},
        "role.viewer": {"en": "viewer", "zh": "只读"},
        # errors
        "web.error.title": {"en": "Error {code}", "zh": "错误 {code}"},
        "web.error.404": {
            "en": "Not found, or not yours to see.",
            "zh": "页面不存在，或您无权查看。",
        },
        "web.error.403": {
            "en": "Your role does not allow this.",
            "zh": "您的角色无权执行此操作。",
        },
        "web.error.csrf": {
            "en": "The form expired. Reload the page and try again.",
            "zh": "表单已过期，请刷新页面后重试。",
        },
        "web.error.other": {"en": "Something went wrong.", "zh": "出错了。"},
        "web.error.back": {"en": "Back to Today", "zh": "返回今日"},
    }
)
