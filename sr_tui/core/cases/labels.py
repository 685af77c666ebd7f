"""English and Chinese names for the case record's fields and values, with the seed's help.

Plain dicts keyed by language then by field name or enum value, so the case screen, the
CLI and the CSV export read the same words. The Chinese names are seed 001's own
(技术支持请求登记表, 技术支持解决过程记录表).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Lang = Literal["en", "zh"]
LANGS: tuple[Lang, ...] = ("en", "zh")

FIELD_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "number": "Request number",
        "title": "Subject",
        "requester": "Requester",
        "company": "Customer (company)",
        "contact": "Contact",
        "submitted_at": "Submitted",
        "urgency": "Urgency",
        "urgency_reason": "Reason for urgency",
        "scenario": "Scenario",
        "area": "Technical area",
        "priority": "Priority",
        "description": "Description",
        "attachments": "Attachments",
        "assignee": "Assignee",
        "accepted_at": "Accepted",
        "status": "Status",
        "close_reason": "Close reason",
        "keywords": "Keywords",
        "resolution": "Resolution",
        "root_cause": "Root cause",
        "knowledge": "Add to knowledge base",
    },
    "zh": {
        "number": "请求编号",
        "title": "请求主题",
        "requester": "请求人",
        "company": "客户名称",
        "contact": "联系方式",
        "submitted_at": "提交时间",
        "urgency": "紧急程度",
        "urgency_reason": "紧急原因",
        "scenario": "所属场景",
        "area": "技术领域",
        "priority": "优先级",
        "description": "问题描述",
        "attachments": "相关附件",
        "assignee": "受理人",
        "accepted_at": "受理时间",
        "status": "状态",
        "close_reason": "关闭原因",
        "keywords": "关键词",
        "resolution": "解决方案",
        "root_cause": "根本原因",
        "knowledge": "录入知识库",
    },
}

FIELD_HELP: dict[str, dict[str, str]] = {
    "en": {
        "number": "The ticket system's number (e.g. SR 3-41234567); left empty, sr-tui makes "
        "one: TS + date + serial, e.g. TS20261202001.",
        "title": "The problem in a few words, e.g. 'Cannot log in to the OA system'.",
        "requester": "Staff: employee ID and name. Customer: the contact person.",
        "company": "The customer's company (empty for internal requests).",
        "contact": "Phone, instant messaging or email; for work contact only.",
        "submitted_at": "When the request came in, to the minute (default: now).",
        "urgency": "Low: work goes on. Medium: some functions are limited. High: core "
        "business is down (give the reason).",
        "urgency_reason": "Why it is urgent, e.g. 'core business cannot be used'.",
        "scenario": "Internal staff, customer, cross-department, or urgent.",
        "area": "Software, hardware, network, data security, or another area of yours.",
        "priority": "The team's priority: high, medium or low.",
        "description": "Symptoms, when it started, who is affected, steps already tried.",
        "attachments": "Screenshots, logs, error codes (references to files; at most "
        "10 MB each by default).",
        "assignee": "The one engineer responsible for the case.",
        "accepted_at": "When the case was accepted (A1 sent, or the first call).",
        "status": "Where the case stands; closing needs a reason.",
        "close_reason": "Confirmed, no response, inactivity, or out of scope.",
        "keywords": "Tags for search, e.g. 'OA login', 'permissions'.",
        "resolution": "What fixed it, in words a colleague can reuse.",
        "root_cause": "Why it happened, if known.",
        "knowledge": "Put this problem and its solution in the knowledge base.",
    },
    "zh": {
        "number": "工单系统的编号(如 SR 3-41234567);留空则自动生成:TS+日期+流水号,"
        "如 TS20261202001。",
        "title": "简述问题类型,如“无法登录OA系统”。",
        "requester": "内部员工填写工号+姓名;客户填写联系人。",
        "company": "客户的公司名称(内部请求留空)。",
        "contact": "电话/企业通讯工具/邮箱(仅用于工作对接)。",
        "submitted_at": "精确到分钟(系统自动记录或手动填写)。",
        "urgency": "低:不影响工作推进;中:部分功能受限;高:核心业务中断(需说明原因)。",
        "urgency_reason": "紧急的原因,如“核心业务无法使用”。",
        "scenario": "内部员工、客户、跨部门或紧急。",
        "area": "按技术领域分类:软件应用、硬件设备、网络环境、数据安全等。",
        "priority": "团队的优先级:高/中/低。",
        "description": "详细说明故障现象、发生时间、影响范围、已尝试步骤。",
        "attachments": "截图、日志文件、错误代码等(文件引用;默认单个文件≤10MB)。",
        "assignee": "支持团队指定的唯一负责人。",
        "accepted_at": "确认受理的时间(发送 A1 或首次电话联系)。",
        "status": "工单当前状态;关闭需要说明原因。",
        "close_reason": "客户确认、无回复、无活动或超出支持范围。",
        "keywords": "标注关键词(如“OA登录”“权限配置”)便于检索。",
        "resolution": "解决方案,便于同事复用。",
        "root_cause": "问题根源(如已查明)。",
        "knowledge": "将典型问题及解决方案录入技术知识库。",
    },
}

STATUS_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "new": "New",
        "accepted": "Accepted",
        "in_progress": "In progress",
        "waiting_customer": "Waiting on customer",
        "waiting_development": "Waiting on development/vendor",
        "awaiting_confirmation": "Resolved, awaiting confirmation",
        "closed": "Closed",
    },
    "zh": {
        "new": "新建",
        "accepted": "已受理",
        "in_progress": "处理中",
        "waiting_customer": "等待客户",
        "waiting_development": "等待研发/供应商",
        "awaiting_confirmation": "已解决,待确认",
        "closed": "已关闭",
    },
}

CLOSE_REASON_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "confirmed": "Confirmed",
        "no_response": "No response",
        "inactivity": "Inactivity",
        "out_of_scope": "Out of scope",
    },
    "zh": {
        "confirmed": "客户确认",
        "no_response": "无回复",
        "inactivity": "无活动",
        "out_of_scope": "超出支持范围",
    },
}

LEVEL_LABELS: dict[str, dict[str, str]] = {  # urgency and priority
    "en": {"low": "Low", "medium": "Medium", "high": "High"},
    "zh": {"low": "低", "medium": "中", "high": "高"},
}

SCENARIO_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "internal": "Internal staff",
        "customer": "Customer",
        "cross-department": "Cross-department",
        "urgent": "Urgent",
    },
    "zh": {
        "internal": "内部员工",
        "customer": "客户",
        "cross-department": "跨部门",
        "urgent": "紧急",
    },
}

AREA_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "software": "Software",
        "hardware": "Hardware",
        "network": "Network",
        "data_security": "Data security",
    },
    "zh": {
        "software": "软件应用",
        "hardware": "硬件设备",
        "network": "网络环境",
        "data_security": "数据安全",
    },
}

STAGE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "initial_response": "Initial response",
        "diagnosis": "Diagnosis",
        "solution": "Solution",
        "verification": "Verification",
        "archive": "Archive",
    },
    "zh": {
        "initial_response": "初步响应",
        "diagnosis": "问题诊断",
        "solution": "解决方案实施",
        "verification": "结果验证",
        "archive": "闭环归档",
    },
}

KIND_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "email": "Email",
        "note": "Note",
        "call": "Phone call",
        "customer_replied": "Customer replied",
        "status": "Status",
        "attachment": "Attachment",
    },
    "zh": {
        "email": "邮件",
        "note": "备注",
        "call": "电话联系",
        "customer_replied": "客户已回复",
        "status": "状态变更",
        "attachment": "附件",
    },
}

CHANNEL_LABELS: dict[str, dict[str, str]] = {
    "en": {"copy": "copied", "eml": ".eml file", "mailto": "mail client", "logged": "logged"},
    "zh": {"copy": "复制", "eml": ".eml 文件", "mailto": "邮件客户端", "logged": "手动登记"},
}

#: The request record (技术支持请求登记表) as exported: column key, English, Chinese.
#: 请求主题 and 问题分类 come from the seed's steps 1–2, the rest from its table.
REQUEST_RECORD_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("number", "Request number", "请求编号"),
    ("title", "Subject", "请求主题"),
    ("requester", "Requester / customer", "请求人/客户名称"),
    ("contact", "Contact", "联系方式"),
    ("submitted_at", "Submitted", "提交时间"),
    ("urgency", "Urgency", "紧急程度"),
    ("scenario", "Scenario", "所属场景"),
    ("category", "Category", "问题分类"),
    ("description", "Description", "问题描述"),
    ("attachments", "Attachments", "相关附件"),
    ("assignee", "Assignee", "受理人"),
    ("accepted_at", "Accepted", "受理时间"),
)

#: The process record (技术支持解决过程记录表), in the seed's column order.
PROCESS_RECORD_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("case_number", "Case number", "工单编号"),
    ("stage", "Stage", "处理阶段"),
    ("author", "Owner", "负责人"),
    ("at", "Time", "时间节点"),
    ("action", "Action", "操作内容"),
    ("notes", "Notes", "备注"),
)


def label(table: Mapping[str, Mapping[str, str]], key: str, lang: str = "en") -> str:
    """`key` in `lang`, else in English, else the key itself (a user's own area)."""
    return table.get(lang, {}).get(key) or table["en"].get(key) or key


def headers(columns: tuple[tuple[str, str, str], ...], lang: str = "en") -> list[str]:
    return [zh if lang == "zh" else en for _, en, zh in columns]
