"""The project's own word lists, written for support email (LINT_RULES.md §3.3).

Phrases are plain lower-case text; a space matches any run of whitespace, so a phrase
still matches when the email is hard-wrapped in the middle of it.
"""

from __future__ import annotations

# --- SR006 / SR007: timeframes -------------------------------------------------------

#: Tier A (error): the house rule's own words and exact synonyms.
TIER_A = (
    "soon",
    "a.s.a.p.",
    "a.s.a.p",
    "shortly",
    "asap",
    "soonest",
    "as soon as possible",
    "as soon as feasible",
    "as soon as practicable",
    "as soon as practical",
    "as soon as humanly possible",
    "as soon as we can",
    "as soon as we're able",
    "as soon as we’re able",
    "as soon as we are able",
    "as soon as i can",
    "as soon as i'm able",
    "as soon as i’m able",
    "as soon as i am able",
    "at the earliest opportunity",
    "at the earliest possible opportunity",
)

#: "It is taking a bit longer than expected": how much longer? (Tier B, unless past.)
LONGER = (
    "a bit longer",
    "a little longer",
    "a little bit longer",
    "a while longer",
    "a bit more time",
    "a little more time",
    "a little bit more time",
    "some more time",
    "a few more days",
    "a few more hours",
    "a few more weeks",
    "a couple more days",
    "a couple of more days",
    "longer than expected",
    "longer than anticipated",
    "longer than planned",
)

#: Tier B (warning).
TIER_B = (
    "in due course",
    "in due time",
    "promptly",
    "momentarily",
    "presently",
    "before long",
    "eventually",
    "sooner or later",
    "in the near future",
    "in the not-too-distant future",
    "in the not too distant future",
    "at a later date",
    "at a later time",
    "at a later point",
    "at a later stage",
    "later",
    "later on",
    "at some point",
    "at some stage",
    "sometime",
    "some time",
    "for a while",
    "in a while",
    "in a little while",
    "in a bit",
    "after a while",
    "any day now",
    "any minute now",
    "any time now",
    "anytime now",
    "in a timely manner",
    "in a timely fashion",
    "timely response",
    "timely manner",
    "timely reply",
    "timely update",
    "timely resolution",
    "at your earliest convenience",
    "at our earliest convenience",
    "as quickly as possible",
    "as quickly as we can",
    "as fast as possible",
    "as fast as we can",
    "right away",
    "straight away",
    "straightaway",
    "without delay",
    "in a few minutes",
    "in a few hours",
    "in a few days",
    "in a few weeks",
    "in a couple of minutes",
    "in a couple of hours",
    "in a couple of days",
    "in a couple of weeks",
    "in a couple minutes",
    "in a couple hours",
    "in a couple days",
    "in a couple weeks",
    "in the next few days",
    "in the next few hours",
    "in the next few weeks",
    "in the next couple of days",
    "in the coming days",
    "in the coming weeks",
    "within a few days",
    "within a few business days",
    "within a few working days",
    "within a few hours",
    "within a few weeks",
    "within a couple of days",
    "several days",
    "several weeks",
    "several hours",
    "a few days",
    "a few weeks",
    "a couple of days",
    "a couple of weeks",
    "over the next few days",
    "over the next few weeks",
    "down the line",
    "down the road",
    "until further notice",
    "when it's ready",
    "when it’s ready",
    "when it is ready",
    "once it's ready",
    "once it’s ready",
    "once it is ready",
    "when possible",
    "whenever possible",
    "as and when",
    *LONGER,
)

#: Tier C (SR007, suggestion): bounded but imprecise. Clock times, weekdays and
#: unit-less ranges are matched by patterns in the rule.
TIER_C = (
    "this week",
    "next week",
    "early next week",
    "later next week",
    "later this week",
    "later today",
    "end of day",
    "end of the day",
    "end of business",
    "end of business day",
    "end of the business day",
    "end of day today",
    "eod",
    "cob",
    "close of business",
    "eow",
    "end of week",
    "end of the week",
    "by tomorrow",
    "overnight",
    "in the morning",
    "in the afternoon",
    "this afternoon",
    "this evening",
    "tonight",
    "tomorrow morning",
    "tomorrow afternoon",
)

#: Special messages for tier-B words that are often misread or vague in a particular way.
TIER_B_MESSAGES = {
    "presently": (
        "'{match}' is ambiguous ('now' or 'soon'); rephrase with 'now' or a specific time."
    ),
    "momentarily": (
        "'{match}' is ambiguous ('for a moment' or 'soon'); rephrase with a specific time."
    ),
    "promptly": "'{match}' is not a deadline: give one, e.g. 'by 5 pm ET on Friday 14 March'.",
    "right away": (
        "'{match}' does not tell the customer when they will hear back: say when, "
        "e.g. 'within 2 business hours'."
    ),
    "straight away": (
        "'{match}' does not tell the customer when they will hear back: say when, "
        "e.g. 'within 2 business hours'."
    ),
    **dict.fromkeys(
        LONGER,
        "'{match}' does not say how much longer: give the new date or time, e.g. "
        "'by 5 pm ET on Friday 14 March'.",
    ),
    "until further notice": (
        "'{match}' leaves the end open: say when you will review it, e.g. "
        "'until at least Friday 14 March; I will update you by then'."
    ),
}

#: Time-zone abbreviations: never shouting, and they complete a clock time (SR007).
TIME_ZONES = (
    "UTC", "GMT", "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST",
    "PDT", "AKST", "HST", "CET", "CEST", "EET", "EEST", "WET", "WEST", "BST", "IST", "MSK",
    "GST", "PKT", "ICT", "SGT", "HKT", "CST", "JST", "KST", "AEST", "AEDT", "ACST", "ACDT",
    "AWST", "NZST", "NZDT", "NZT", "SAST", "WAT", "EAT", "BRT", "ART", "Z",
)  # fmt: skip

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip

TIME_UNITS = (
    "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs",
    "day", "days", "week", "weeks", "month", "months", "year", "years",
)  # fmt: skip

NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "forty-eight", "twenty-four",
)  # fmt: skip

# --- SR009: topic shifts --------------------------------------------------------------

TOPIC_SHIFTS = (
    "also,",
    "additionally,",
    "in addition,",
    "separately,",
    "on another note",
    "on a separate note",
    "on a different note",
    "on an unrelated note",
    "unrelated to this",
    "regarding",
    "as for",
    "by the way",
    "one more thing",
    "another thing",
    "p.s.",
    "ps:",
)

# --- SR010: customer actions ----------------------------------------------------------

#: Verbs that start a step when a sentence or clause begins with them ("Restart the
#: service", "take the link and check the boxes").
ACTION_VERBS = (
    "sign", "log", "open", "go", "navigate", "click", "tap", "select", "choose", "enter",
    "update", "restart", "reboot", "reinstall", "clear", "remove", "delete", "add",
    "confirm", "check", "verify", "reply", "send", "attach", "upload", "download",
    "install", "enable", "disable", "reset", "visit", "contact", "call", "forward", "copy",
    "paste", "wait", "try", "run", "collect", "provide", "edit", "set", "type", "press",
    "stop", "start", "mount", "unmount", "apply", "share", "gather", "generate", "create",
    "ensure", "make", "review", "rerun", "configure", "uninstall", "upgrade",
    "downgrade", "back", "save", "close", "follow", "schedule", "monitor", "execute",
    "change", "move", "rename", "test", "reproduce", "capture", "compress", "take", "tick",
    "untick", "let", "keep", "use", "fill", "complete", "submit", "access", "turn",
    "switch", "plug", "unplug", "bring", "include", "remember", "ask", "tell", "print",
    "scan", "return", "book", "register", "refresh", "reconnect", "repeat", "replace",
    "rotate", "increase", "reduce", "cancel", "request", "answer", "respond", "email",
    "pay", "renew", "activate", "deactivate", "pick", "approve", "authorize", "authorise",
    "grant", "disconnect", "connect", "shut", "boot", "unlock", "lock", "exit", "quit",
    "launch", "read", "search", "fix", "correct", "list", "describe", "explain", "specify",
    "notify", "inform", "escalate", "retry", "resend", "resubmit", "restore", "patch",
    "flush", "purge", "drain", "kill", "terminate", "roll", "drag", "hold", "join",
    "assign", "export", "import", "archive", "extend", "resize", "attach", "sync",
    "register", "accept", "agree", "look", "double-check", "avoid", "leave",
    # what SR015's safe rewrites start from ("revert back" -> "reply", "utilize" -> "use")
    "revert", "utilize", "utilise", "reach", "touch", "circle", "invite", "mark", "pair",
)  # fmt: skip

#: After "please": words that are not a step ("please note", "please find attached").
PLEASE_NOT = frozenset(
    """note find see be accept allow bear excuse forgive feel rest kindly disregard
    ignore know expect understand consider bare""".split()
)
#: Words a step's verb may be preceded by: "please also", "then just", "now".
STEP_ADVERBS = frozenset("please kindly also just now then first next finally simply".split())
#: Sentence openers that make the steps after them alternatives, not a sequence.
CONDITIONS = frozenset("if unless should otherwise whether".split())
#: "If possible," and the like soften a step; they do not make it an alternative.
SOFTENERS = (
    "if possible", "if you can", "where possible", "when possible", "if convenient",
    "when convenient", "if you have a moment", "when you have a moment", "when you get a chance",
    "if you haven't already", "if you have not already", "if not already done",
    "if you get a chance", "if you are able",
)  # fmt: skip
#: Sequencing words that start a step.
SEQUENCE_WORDS = ("first", "then", "next", "finally", "afterwards")

# --- SR012: hedging -------------------------------------------------------------------

HEDGES = (
    "i think",
    "i believe",
    "i feel like",
    "i feel that",
    "i feel",
    "i guess",
    "i suppose",
    "i assume",
    "it seems",
    "it appears",
    "seems to be",
    "appears to be",
    "maybe",
    "perhaps",
    "possibly",
    "probably",
    "hopefully",
    "in theory",
    "more or less",
    "sort of",
    "kind of",
    "somewhat",
    "to some extent",
    "to a certain degree",
    "to a certain extent",
    "so to speak",
    "i would argue that",
    "arguably",
    "presumably",
    "supposedly",
    "as far as i know",
    "afaik",
    "if i'm not mistaken",
    "if i’m not mistaken",
    "if i am not mistaken",
    "i'm not sure",
    "i’m not sure",
    "i am not sure",
    "i'm not 100% sure",
    "i’m not 100% sure",
    "i am not 100% sure",
    "we'll try to",
    "we’ll try to",
    "we will try to",
    "we'll try",
    "we’ll try",
    "we will try",
    "we will do our best",
    "we'll do our best",
    "we’ll do our best",
    "we'll see what we can do",
    "we’ll see what we can do",
    "we will see what we can do",
    "might be able to",
    "should be able to",
)

#: Hedges that are pure filler: the fix deletes them.
FILLER_HEDGES = frozenset(
    {
        "i think", "i believe", "i feel", "i feel like", "i feel that", "i guess", "i suppose",
        "so to speak", "more or less", "sort of", "kind of", "to some extent",
        "to a certain degree", "to a certain extent", "arguably", "i would argue that",
        "if i'm not mistaken", "if i’m not mistaken", "if i am not mistaken",
    }
)  # fmt: skip

#: Words before "kind of"/"sort of" that make it a noun ("what kind of device").
DETERMINERS = frozenset(
    {
        "what", "which", "this", "that", "these", "those", "the", "a", "an", "any", "some",
        "every", "each", "no", "same", "other", "another", "one", "its", "their", "your",
        "our", "my", "his", "her", "whatever", "different", "right", "wrong", "certain",
        "particular", "specific", "similar", "first", "only", "new", "kind", "sort",
    }
)  # fmt: skip

# --- SR013: intensifiers --------------------------------------------------------------

INTENSIFIERS = (
    "very", "really", "extremely", "truly", "quite", "fairly", "pretty", "totally",
    "completely", "absolutely", "actually", "basically", "literally", "definitely",
    "highly", "super", "incredibly", "awfully",
)  # fmt: skip

#: Adjectives after "so" that make it an intensifier ("so sorry").
SO_ADJECTIVES = (
    "sorry", "glad", "happy", "grateful", "thankful", "pleased", "excited", "sad",
    "disappointed", "frustrating", "frustrated", "annoying", "bad", "great", "good",
    "important", "urgent", "quick", "fast", "easy", "simple", "difficult", "hard",
    "confident", "appreciative", "unfortunate", "terrible", "awful", "amazing",
)  # fmt: skip

# --- SR014: condescension and blame ---------------------------------------------------

CONDESCENDING = (
    "simply",
    "obviously",
    "of course",
    "easily",
    "as i said",
    "as i mentioned",
    "as i have said",
    "as i've said",
    "as i have mentioned",
    "as i've mentioned",
    "as previously mentioned",
    "as previously stated",
    "as stated previously",
    "as mentioned previously",
    "as mentioned before",
    "per my last email",
    "per my previous email",
    "as per my last email",
    "as you should know",
    "as you should be aware",
    "you should have",
    "you failed to",
    "you forgot to",
    "your mistake",
    "your fault",
    "user error",
    "you need to understand",
    "i already told you",
    "i have already told you",
    "calm down",
)

# --- SR015: substitutions -------------------------------------------------------------

#: phrase -> (replacement or None for a hint, safe)
SUBSTITUTIONS: dict[str, tuple[str | None, bool]] = {
    "please be advised that": ("", False),
    "please be advised": ("", False),
    "per your request": ("as you asked", True),
    "as per your request": ("as you asked", True),
    "thanking you in advance": ("thank you", True),
    "thanks in advance": ("thank you", False),
    "kindly": ("please", True),
    "do the needful": (None, False),
    "revert back": ("reply", True),
    "at this point in time": ("now", True),
    "in order to": ("to", True),
    "due to the fact that": ("because", True),
    "in the event that": ("if", True),
    "prior to": ("before", True),
    "utilize": ("use", True),
    "utilise": ("use", True),
    "utilizes": ("uses", True),
    "utilises": ("uses", True),
    "utilized": ("used", True),
    "utilised": ("used", True),
    "utilizing": ("using", True),
    "utilising": ("using", True),
    "utilization": ("use", False),
    "assist you with": ("help you with", True),
    "assist you in": ("help you", False),
    "we apologize for any inconvenience this may have caused": (
        "Sorry for the trouble with [X]",
        False,
    ),
    "we apologise for any inconvenience this may have caused": (
        "Sorry for the trouble with [X]",
        False,
    ),
    "we apologize for any inconvenience caused": ("Sorry for the trouble with [X]", False),
    "we apologise for any inconvenience caused": ("Sorry for the trouble with [X]", False),
    "we apologize for any inconvenience": ("Sorry for the trouble with [X]", False),
    "we apologise for any inconvenience": ("Sorry for the trouble with [X]", False),
    "apologies for any inconvenience": ("Sorry for the trouble with [X]", False),
    "don't hesitate to contact us": ("reply to this email", False),
    "don’t hesitate to contact us": ("reply to this email", False),
    "do not hesitate to contact us": ("reply to this email", False),
    "don't hesitate to contact me": ("reply to this email", False),
    "don’t hesitate to contact me": ("reply to this email", False),
    "do not hesitate to contact me": ("reply to this email", False),
    "don't hesitate to reach out": ("reply to this email", False),
    "don’t hesitate to reach out": ("reply to this email", False),
    "do not hesitate to reach out": ("reply to this email", False),
    "reach out to": ("contact", True),
    "reaching out to": ("contacting", True),
    "reached out to": ("contacted", True),
    "reach out": ("get in touch", False),
    "reaching out": ("writing", False),
    "touch base": ("check in", True),
    "circle back": ("follow up", True),
    "as per": ("per", False),
}

# --- SR016: repeated words that are fine ----------------------------------------------

REPEAT_OK = frozenset({"had", "that", "bye", "ha"})

# --- SR017: shouting ------------------------------------------------------------------

ACRONYMS = frozenset(
    {
        "API", "URL", "URI", "PDF", "FAQ", "ID", "VPN", "SSO", "2FA", "MFA", "CSV", "USD",
        "EUR", "GBP", "NZD", "AUD", "AM", "PM", "OK", "DNS", "SSL", "TLS", "HTTP", "HTTPS",
        "NFS", "RHEL", "HBA", "LVM", "CPU", "GPU", "RAM", "SR", "OCI", "OS", "IP", "TCP",
        "UDP", "SSH", "SFTP", "FTP", "NTP", "LDAP", "SQL", "VM", "KVM", "NIC", "SAN", "NAS",
        "RAID", "SCSI", "NVME", "NVMe", "SSD", "HDD", "BIOS", "UEFI", "UUID", "YUM", "DNF",
        "RPM", "GPG", "PID", "UID", "GID", "IST", "ETA", "SLA", "KB", "MB", "GB", "TB", "OEL",
        "OL", "UEK", "ASM", "RAC", "OCFS", "OCFS2", "ISCSI", "MTU", "LACP", "VLAN", "DHCP",
        "SNMP", "SMTP", "IMAP", "JSON", "XML", "YAML", "HTML", "CLI", "GUI", "SDK", "IAM",
        "ACL", "CVE", "ESXI", "OVM", "EOL", "ELS", "CRM", "ERP", "SAML", "OAUTH", "CIFS",
        "SMB", "IOPS", "NUMA", "IPMI", "ILOM", "IDRAC", "SELINUX", "FIPS", "PAM", "SSSD",
        "CRON", "TODO", "FIXME", "TBD", "TBC", "XXX", "ASAP", "FYI", "BTW", "IMO", "IMHO",
        "TBH", "EOD", "COB", "EOW", "AFAIK", "LOL", "OMG", "AWS", "GCP", "ZFS", "XFS", "EXT4",
        "BTRFS", "PCIE", "USB", "SATA", "SAS", "FC", "WWN", "WWPN", "LUN", "MPIO", "CHAP",
        "QA", "UAT", "PROD", "DEV", "CEO", "CTO", "CIO", "IT", "HR", "PO", "SOW", "NDA",
    }
    | set(TIME_ZONES)
)  # fmt: skip

#: Common English words that are shouting when written in capitals.
CAPS_WORDS = frozenset(
    {
        "PLEASE", "NEVER", "URGENT", "NOT", "DO", "DON'T", "DON’T", "STOP", "NOW", "HELP",
        "IMPORTANT", "WARNING", "NOTE", "ALL", "ANY", "MUST", "ALWAYS", "ONLY", "AGAIN",
        "YES", "THE", "AND", "YOU", "YOUR", "WILL", "CAN", "CANNOT", "CAN'T", "THIS", "THAT",
        "FOR", "ARE", "IS", "WE", "OUR", "ASAP", "IMMEDIATELY", "CRITICAL", "ATTENTION",
        "NO", "NOTHING", "EVERY", "DOWN", "OFF", "HAS", "HAVE", "BEEN", "WAS", "WERE", "BUT",
        "VERY", "REALLY", "FINAL", "LAST", "NEED", "READ", "CALL", "REPLY", "SEND", "WHY",
        "WHAT", "HOW", "WHEN", "STILL", "BEFORE", "AFTER", "TODAY", "REBOOT",
        "RESTART", "DELETE", "REMOVE", "WAIT", "FREE", "NEW", "HOT", "BIG", "GOT", "GET",
        "OUT", "WITH", "FROM", "THEM", "THEY", "HERE", "THERE", "SURE", "REQUIRED",
    }
)  # fmt: skip

#: Status words of status pages and ticket systems: never shouting, never a placeholder
#: ("[RESOLVED]", "Status: INVESTIGATING").
STATUS_WORDS = frozenset(
    {
        "RESOLVED", "INVESTIGATING", "IDENTIFIED", "MONITORING", "DEGRADED", "OPERATIONAL",
        "OUTAGE", "COMPLETED", "COMPLETE", "SCHEDULED", "ONGOING", "PENDING", "CLOSED", "OPEN",
        "CANCELLED", "CANCELED", "POSTPONED", "ACTIVE", "INACTIVE", "ENABLED", "DISABLED",
        "ONLINE", "OFFLINE", "PASSED", "FAILED", "SUCCESS", "ERROR", "WARN", "INFO", "DONE",
        "READY", "RUNNING", "STOPPED", "UPDATE", "UPDATED", "FINAL", "DRAFT", "NEW", "FIXED",
        "MAINTENANCE", "NOTICE", "PLANNED", "UNPLANNED", "PARTIAL", "MAJOR", "MINOR",
        "RESTORED", "MITIGATED", "DELAYED", "IMPACTED", "UNAFFECTED", "AFFECTED", "NONE",
        "HIGH", "MEDIUM", "LOW", "CRITICAL", "YES", "NO", "N/A", "UP", "DOWN", "WARNING",
        "IN PROGRESS", "ON HOLD", "ACTION REQUIRED", "NO ACTION REQUIRED", "ALL CLEAR",
    }
)  # fmt: skip
#: Status words that are never shouting, wherever they stand.
STATUS_ANYWHERE = frozenset(
    """RESOLVED INVESTIGATING IDENTIFIED MONITORING DEGRADED OPERATIONAL COMPLETED SCHEDULED
    ONGOING PENDING CANCELLED CANCELED POSTPONED ONLINE OFFLINE MITIGATED RESTORED""".split()
)

# --- SR020: chatspeak -----------------------------------------------------------------

#: word -> replacement (None: hint only). Matched case-insensitively.
CHATSPEAK: dict[str, str | None] = {
    "fyi": None,
    "btw": None,
    "imo": None,
    "imho": None,
    "tbh": None,
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "thnx": "thanks",
    "thanx": "thanks",
    "lol": None,
    "omg": None,
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "have to",
    "hey guys": "Hi,",
    "hi guys": "Hi,",
    "hello guys": "Hi,",
    "w/o": "without",
    "w/": "with",
    "b/c": "because",
    "cuz": "because",
    "coz": "because",
}

#: Matched only in lower case, as whole words (capitalised they are names: "Ty").
CHATSPEAK_LOWER: dict[str, str | None] = {
    "u": "you",
    "ur": "your",
    "ty": "thanks",
    "np": None,
}

#: Phrases inside which word-list findings are never reported (plus config `accept`).
DEFAULT_ACCEPT = (
    "as soon as they are available",
    "as soon as I receive them",
    "as soon as I hear from",
    "no later than",
    "what kind of",
    "very much appreciated",
    "very well",
    "clearly labelled",
    "clearly labeled",
)
