"""The page's words in English and Chinese: one table, looked up by key.

The explanation itself (factor labels, summary, controls) comes from the service in the subject's
language; this table holds only the page's own words.
"""

from __future__ import annotations

LANGUAGES = ("en", "zh")

TEXT: dict[str, tuple[str, str]] = {
    "app_name": ("Matchmaker portal", "配对门户"),
    "tagline": ("Recommended partners for the expo", "展会推荐合作伙伴"),
    "language": ("Language", "语言"),
    "switch_language": ("中文", "English"),
    "sign_out": ("Sign out", "退出"),
    "signed_in_as": ("Signed in as", "当前用户"),
    "sign_in_title": ("Demo sign-in", "演示登录"),
    "sign_in_note": (
        "This is a demo: pick a purchaser or exhibitor of the demo data. A real portal "
        "authenticates its users itself and passes the signed-in user's id to the service.",
        "这是演示：请选择演示数据中的一个采购商或展商。真实的门户自行验证用户身份，"
        "并把已登录用户的编号传给服务。",
    ),
    "purchaser": ("Purchaser", "采购商"),
    "exhibitor": ("Exhibitor", "展商"),
    "purchasers": ("Purchasers", "采购商"),
    "exhibitors": ("Exhibitors", "展商"),
    "or_type_id": ("or type a profile id", "或输入档案编号"),
    "profile_id": ("Profile id", "档案编号"),
    "sign_in": ("Sign in", "登录"),
    "choose": ("Choose…", "请选择…"),
    "pick_one": ("Pick one demo user, or type an id.", "请选择一个演示用户，或输入编号。"),
    "recommended_exhibitors": ("Recommended exhibitors", "推荐展商"),
    "recommended_purchasers": ("Recommended purchasers", "推荐采购商"),
    "my_matches": ("My matches", "我的推荐"),
    "my_data": ("My data", "我的数据"),
    "personalized_on": (
        "Personalized: ranked by how well each one matches your profile.",
        "个性化：按与您档案的匹配程度排序。",
    ),
    "personalized_off": (
        "Not personalized: nothing about you was used. The list is ordered by profile "
        "completeness, then name; the column shows completeness, not a match score.",
        "非个性化：未使用您的任何信息。列表按档案完整度、再按名称排序；该列显示完整度，而非匹配分数。",
    ),
    "turn_off_personalization": ("Turn personalization off", "关闭个性化推荐"),
    "turn_on_personalization": ("Turn personalization on", "开启个性化推荐"),
    "filters": ("Filters", "筛选"),
    "hall": ("Hall", "展馆"),
    "country": ("Country", "国家/地区"),
    "category": ("Category", "类别"),
    "meeting_language": ("Meeting language", "洽谈语言"),
    "apply": ("Apply", "应用"),
    "clear": ("Clear", "清除"),
    "rank": ("Rank", "排名"),
    "organization": ("Organisation", "机构"),
    "score": ("Score", "分数"),
    "completeness": ("Completeness", "完整度"),
    "why_this": ("Why this?", "为什么推荐？"),
    "not_relevant": ("Not relevant", "不相关"),
    "contact_card": ("Contact card", "名片"),
    "request_card": ("Request contact card", "索取名片"),
    "next_page": ("Next page", "下一页"),
    "first_page": ("First page", "第一页"),
    "no_items": ("No recommendations match these filters.", "没有符合筛选条件的推荐。"),
    "decision": ("Decision", "决策编号"),
    "declined": (
        "Marked as not relevant: it will not be recommended to you again.",
        "已标记为不相关：以后不会再向您推荐。",
    ),
    "not_recorded": (
        "Not recorded: you asked not to be tracked (do-not-track).",
        "未记录：您已选择不被追踪。",
    ),
    "preferences_saved": ("Your choices are saved; they apply from now on.", "您的选择已保存，立即生效。"),
    "why_title": ("Why this recommendation?", "为什么推荐这一项？"),
    "back_to_list": ("Back to my matches", "返回推荐列表"),
    "factor": ("Factor", "因素"),
    "direction": ("Direction", "方向"),
    "weight": ("Weight", "权重"),
    "similarity": ("Similarity", "相似度"),
    "contribution": ("Contribution", "贡献"),
    "evidence": ("Evidence", "依据"),
    "adjustments": ("Adjustments", "调整"),
    "total": ("Total (the score)", "合计（即分数）"),
    "subject_to_candidate": ("your needs → their offer", "您的需求 → 对方的供应"),
    "candidate_to_subject": ("their needs → your offer", "对方的需求 → 您的供应"),
    "data_used": ("Data used", "使用的数据"),
    "nothing_about_you": ("nothing about you", "未使用您的任何信息"),
    "filters_applied": ("Filters applied", "已应用的筛选"),
    "none": ("none", "无"),
    "controls": ("Your options", "您的选择"),
    "model": ("Model", "模型"),
    "weights_version": ("Weights", "权重版本"),
    "decided_at": ("Decided at", "决策时间"),
    "personalized": ("Personalized", "个性化"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "contest_title": ("Contest this recommendation", "对此推荐提出申诉"),
    "contest_help": (
        "A person reviews it. Say what is wrong; please do not include personal data.",
        "将由人工复核。请说明问题所在，请勿填写个人信息。",
    ),
    "reason": ("Reason", "理由"),
    "contest": ("Send for review", "提交复核"),
    "contest_sent": ("Your request for review was received.", "您的复核申请已收到。"),
    "ticket": ("Review ticket", "复核单号"),
    "status": ("Status", "状态"),
    "ticket_open": ("open: a person will review it", "待处理：将由人工复核"),
    "ticket_resolved": ("resolved", "已处理"),
    "card_title": ("Contact card", "名片"),
    "card_note": (
        "Filtered by the service: identity and passport numbers never leave it.",
        "已由服务过滤：身份证号和护照号绝不会外传。",
    ),
    "removed": ("Removed", "已移除"),
    "removed_from": ("removed from", "移除自"),
    "nothing_removed": ("Nothing had to be removed.", "无需移除任何内容。"),
    "field_name": ("Name", "姓名"),
    "field_title": ("Title", "职务"),
    "field_email": ("E-mail", "电子邮件"),
    "field_phone": ("Phone", "电话"),
    "field_mobile": ("Mobile", "手机"),
    "field_wechat": ("WeChat", "微信"),
    "field_website": ("Website", "网站"),
    "field_address": ("Address", "地址"),
    "field_notes": ("Notes", "备注"),
    "data_title": ("My data", "我的数据"),
    "privacy_choices": ("Privacy choices", "隐私选择"),
    "pref_personalized_recommendations": ("Personalized recommendations", "个性化推荐"),
    "pref_discoverable": ("Others may be recommended me", "允许被推荐给他人"),
    "pref_share_contact_card": ("Matched parties may receive my contact card", "允许向匹配方提供我的名片"),
    "pref_do_not_track": ("Do not track what I do", "不追踪我的行为"),
    "on": ("on", "开"),
    "off": ("off", "关"),
    "save": ("Save", "保存"),
    "export_title": ("Download a copy", "下载副本"),
    "export_help": (
        "Everything the service stores about you, as JSON (identity numbers masked).",
        "服务保存的关于您的全部数据，JSON 格式（证件号码已遮盖）。",
    ),
    "export": ("Download my data", "下载我的数据"),
    "correct_title": ("Correct my profile", "更正我的档案"),
    "correct_help": (
        "Your contact card is kept as stored. The service never gives back identity or passport "
        "numbers, and a correction replaces the whole card: enter them again to keep them; left "
        "empty, they are removed.",
        "您的名片信息保持不变。服务不会返回身份证号或护照号，而更正会替换整张名片："
        "如需保留请重新填写；留空则会删除。",
    ),
    "offering": ("What we offer", "我们提供"),
    "seeking": ("What we seek", "我们寻求"),
    "description": ("About us", "公司简介"),
    "categories": ("Categories (one a line)", "类别（每行一个）"),
    "target_markets": ("Target markets (ISO codes, comma-separated)", "目标市场（ISO 代码，逗号分隔）"),
    "languages": ("Languages (BCP-47 tags, comma-separated)", "语言（BCP-47 标签，逗号分隔）"),
    "id_number": ("ID number", "身份证号"),
    "passport_number": ("Passport number", "护照号"),
    "profile_saved": (
        "Your profile was corrected (version {version}).",
        "您的档案已更正（版本 {version}）。",
    ),
    "erase_title": ("Erase my data", "删除我的数据"),
    "erase_help": (
        "Removes your profile, contact card, choices and feedback; everyone who received your "
        "card is told. This cannot be undone.",
        "删除您的档案、名片、选择和反馈；所有收到过您名片的人都会收到通知。此操作无法撤销。",
    ),
    "erase_start": ("Erase my data…", "删除我的数据…"),
    "erase_confirm_label": (
        "I understand that my data is erased for good",
        "我了解我的数据将被永久删除",
    ),
    "erase": ("Erase for good", "永久删除"),
    "erase_needs_confirmation": ("Tick the box to confirm the erasure.", "请勾选确认框以确认删除。"),
    "erased_title": ("Your data was erased", "您的数据已删除"),
    "erased_at": ("Erased at", "删除时间"),
    "notified": ("Recipients of your card notified", "已通知的名片接收方"),
    "disclosures_title": ("Where contact cards went", "名片流向"),
    "disclosure_line": ("card of {owner} to {recipient}", "{owner} 的名片给了 {recipient}"),
    "no_disclosures": ("No contact card of or for you has left the service.", "尚无与您相关的名片外传记录。"),
    "cancel": ("Cancel", "取消"),
    "error_title": ("Something went wrong", "出现问题"),
    "error_reference": ("Reference", "参考编号"),
    "try_again": ("Try again", "重试"),
    "not_found_page": ("There is no such page.", "没有这个页面。"),
    "csrf_failed": (
        "This form has expired or did not come from this page. Reload the page and try again.",
        "表单已过期或并非来自本页面。请刷新页面后重试。",
    ),
    "sign_in_first": ("Sign in first.", "请先登录。"),
    "bad_id": (
        "A profile id is 1 to 64 letters, digits or . _ : -",
        "档案编号为 1 到 64 个字母、数字或 . _ : -",
    ),
    "unexpected": (
        "The page could not be shown because of an unexpected error.",
        "由于意外错误，无法显示此页面。",
    ),
    "api_UNAVAILABLE": (
        "The matchmaking service is not answering at {target}. It may still be starting "
        "(the first start embeds the demo data); try again in a minute.",
        "配对服务（{target}）没有响应，可能仍在启动中（首次启动需要处理演示数据），请稍后重试。",
    ),
    "api_UNAUTHENTICATED": (
        "The service does not know this portal's token: set MATCHMAKER_PORTAL_TOKEN to a portal token.",
        "服务不认识本门户的令牌：请把 MATCHMAKER_PORTAL_TOKEN 设为门户令牌。",
    ),
    "api_PERMISSION_DENIED": ("You may not do this for this user.", "您无权为此用户执行此操作。"),
    "api_NOT_FOUND": (
        "Not found: it may have been erased or have expired.",
        "未找到：可能已被删除或已过期。",
    ),
    "api_INVALID_ARGUMENT": ("Please check what you entered.", "请检查您填写的内容。"),
    "api_FAILED_PRECONDITION": ("The service cannot do this now.", "服务目前无法执行此操作。"),
    "api_DEADLINE_EXCEEDED": ("The service took too long to answer; try again.", "服务响应超时，请重试。"),
    "api_RESOURCE_EXHAUSTED": ("Too many requests; wait a moment and try again.", "请求过多，请稍候重试。"),
    "api_OTHER": ("The service could not complete this request.", "服务无法完成此请求。"),
}


def text(key: str, lang: str, **values: object) -> str:
    """The words for ``key`` in ``lang`` (English when the language is unknown), with values filled in."""
    english, chinese = TEXT[key]
    words = chinese if lang == "zh" else english
    return words.format(**values) if values else words


def language_for(tags: list[str] | tuple[str, ...]) -> str:
    """The page language for a user who speaks ``tags``: Chinese when they speak it, as the service does."""
    return "zh" if any(tag.lower().split("-")[0] == "zh" for tag in tags) else "en"
