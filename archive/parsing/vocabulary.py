"""The words reply letters are written with, defined once; the parser's patterns are built from them.

How a result (办理结果) is written, and what it means
-----------------------------------------------------

A letter states its handling result either as a class letter or in words. ``result_label``
keeps the marker as written; ``result_class`` is the class letter; ``result_class_of(code,
label)`` gives the archive's normalised class.

Letters: ``A`` ``B`` ``C`` ``D`` alone near the top, ``【B】``, ``（A类）``, ``B类``, ``办理结果：A``,
``答复类别：C``, ``办理类别：【A】``. ``result_class`` is the letter as written.

Words (``办理结果：正在解决``, ``办理类型：解决采纳类``): ``result_class`` is the letter of the
four-class scheme the words belong to, and the words decide the normalised class:

| class | words | normalised |
|---|---|---|
| A | 解决采纳, 采纳解决, 已解决, 已经解决, 基本解决, 全部解决, 已采纳, 采纳 | 已解决 |
| B | 正在解决, 部分解决, 逐步解决, 部分采纳, 正在办理 | 正在解决 |
| C | 列入计划, 列入计划解决, 计划解决, 计划采纳, 列入规划 | 列入计划 |
| D | 留作参考, 参考采纳, 暂不能解决, 未解决, 难以解决, 不予采纳, 暂不采纳, 未采纳, 不采纳 | 留作参考 |

A bare letter, without words, maps A → 已解决, B → 正在解决, C → 留作参考, D → 留作参考: most
places use three classes, A/B/C, whose C is 留作参考 (the four-class scheme's C, 列入计划, is
told by its words). Anything else gives "".
"""

import re

# The roles of proposers as salutations write them after a name: 代表 (NPC deputy), 委员 (CPPCC member).
ROLE_BODY = {"代表": "人大", "委员": "政协"}
ROLE_WORDS = tuple(ROLE_BODY)
# The role written out with its body ("市人大代表王强", "王强（市政协委员）"): each ends in its role word.
BODY_ROLES = ("人大代表", "政协委员")
# Forms of address a salutation puts after a name instead of a role ("王强同志：", "林伟先生："):
# they say nothing about the body.
COURTESY_TITLES = ("同志", "先生", "女士", "老师")
# Offices of parties, committees and schools after a name ("王强副主委", "李明校长").
OFFICE_TITLES = (
    "主任", "副主任", "主席", "副主席", "主委", "副主委", "会长", "副会长", "院长", "校长", "局长", "教授", "秘书长",
)

# The democratic parties, whose proposals are 党派提案 ("民盟市委会：", "九三学社资阳市委员会：").
PARTIES = (
    "民革", "民盟", "民建", "民进", "农工", "致公", "九三学社", "台盟", "中国民主", "中国国民党革命委员会",
    "国民党革命委员会", "台湾民主自治同盟", "党派",
)
# People's organisations that propose as one ("市工商联：", "团市委：").
FEDERATIONS = (
    "工商联", "妇联", "共青团", "团省委", "团市委", "团区委", "团县委", "团州委", "团旗委",
    "总工会", "科协", "侨联", "台联", "青联",
)
# Delegations, whose proposals are 代表团建议 ("雁塔区代表团：").
DELEGATIONS = ("代表团", "代表组")
# Other groups: sectors (界别), groups, associations.
GROUPS = ("界别", "小组", "联合会", "学会", "协会", "商会")

# Result markers: the field names a result is given by ("办理结果：A"), and the short labels that
# name a result only when a class letter follows them ("类别：A").
RESULT_FIELDS = (
    "办理结果", "办理类别", "办理类型", "办复结果", "办复类别", "办复类型", "答复类别", "答复类型", "答复结果",
    "结果类别", "处理结果",
)
RESULT_LABELS = (*RESULT_FIELDS, "类别", "分类", "标注", "标识")
RESULT_WORDS = {
    "A": ("解决采纳", "采纳解决", "已解决", "已经解决", "基本解决", "全部解决", "已采纳", "采纳"),
    "B": ("正在解决", "部分解决", "逐步解决", "部分采纳", "正在办理"),
    "C": ("列入计划解决", "列入计划", "计划解决", "计划采纳", "列入规划"),
    # 参考采纳 takes the proposal as a reference only, which is what 留作参考 means: nothing is promised.
    # 未解决/难以解决 say the problem stays, as 暂不能解决 does.
    "D": ("留作参考", "参考采纳", "暂不能解决", "未解决", "难以解决", "不予采纳", "暂不采纳", "未采纳", "不采纳"),
}
# The archive's normalised classes.
RESULT_CLASS_OF_WORDS = {"A": "已解决", "B": "正在解决", "C": "列入计划", "D": "留作参考"}
# A bare letter: the common three-class scheme A/B/C, whose C is 留作参考.
RESULT_CLASS_OF_LETTER = {"A": "已解决", "B": "正在解决", "C": "留作参考", "D": "留作参考"}

# The five disclosure labels of docs/design.md.
DISCLOSURE_LABELS = ("不同意公开", "依申请公开", "不予公开", "同意公开", "主动公开")
# The field names a disclosure is given by ("公开方式：主动公开", "公开属性：…").
DISCLOSURE_FIELDS = (
    "公开方式", "公开属性", "公开类型", "公开类别", "公开选项", "信息公开选项", "公开情况", "公开意见", "公开形式",
)
# A question answered yes or no ("是否公开：是", "是否同意公开：同意").
DISCLOSURE_QUESTIONS = ("是否同意公开", "是否公开")
# The names of the marker fields a letter's heading or closing block holds, for the steps that only
# need to know a line is such a field (the closing block, a page's bars, a page break).
MARKER_FIELDS = (*RESULT_FIELDS, *DISCLOSURE_FIELDS, *DISCLOSURE_QUESTIONS)
# Values of a disclosure field that withhold the letter (公开方式：不公开): 不予公开.
NOT_PUBLIC = ("不公开", "不宜公开", "免予公开")

# The title of the part that holds the next steps: "三、下一步工作打算", "(三)下一步工作", "4、下一步打算",
# "下步工作措施", "今后工作安排". Not 工作安排 or 工作措施 alone: "二、主要工作措施" reports what was done, and read as
# the next steps it cost letters 013 and 039 of tests/data/letters their promises (commitments precision 92.4%).
NEXT_STEPS_TITLE = re.compile(r"下一?步|今后|下阶段|下一阶段|接下来|工作打算|工作计划")

# The verbs a letter announces its answer with: "现答复如下", "现将有关情况报告如下".
REPLY_VERBS = ("答复", "函复", "回复", "报告", "说明", "汇报", "函告")

# Punctuation that ends a paragraph: a sentence end, or a colon before a list, maybe inside a
# closing quote or bracket. Half-width text ends sentences with "." after a character (not
# inside a number).
PARAGRAPH_END = re.compile(r"[。！？；!?;：:…]\s*[”’\"」』）)]?$|(?<=[\u4e00-\u9fff”’」』）)])\.$")


def alternation(words) -> str:
    """A regex alternation of the words, the longest first so that 不同意公开 wins over 同意公开."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
