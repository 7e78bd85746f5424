"""Which words of a reply letter can name its topic (``archive.text_analysis.extract_keywords`` asks).

Every reply letter is written with the same words whatever it answers: the genre's own (a 建议 answered
by 答复 to a 代表), the offices that act, how any work is said to be done (加强…建设、管理), the courtesies,
and, on letters saved from web pages, the page's metadata and the letter's marker fields. None of them says
what a letter is about, and all of them are common enough to crowd the home page's topics. They are kept out
by the lists below, grouped by why each word is there, and by patterns for the families of such words (a
session's 四次会议, any office's name, a rate). Judged against hand-labelled letters by
``scripts/score_topics.py``; a word goes on a list because the genre uses it for anything, never because
one letter's keywords looked wrong.
"""

import re

from archive.parsing.vocabulary import (
    COURTESY_TITLES,
    DISCLOSURE_FIELDS,
    DISCLOSURE_LABELS,
    DISCLOSURE_QUESTIONS,
    MARKER_FIELDS,
    NOT_PUBLIC,
    RESULT_WORDS,
)
from archive.places import named

_NOT_TOPICS = {
    # The genre: a proposal (建议, 提案) of a delegate (代表, 委员) at a session (会议), answered and handled.
    "genre": "建议 提案 议案 答复 回复 复函 答复函 函复 办理 办复 代表 委员 委员会 代表团 代表组 提案人 人大代表 "
             "政协委员 政协提案 代表建议 委员提案 人大 政协 会议 届次 领衔 联名 附议 意见 意见建议 问题 情况 事项 "
             "收悉 主办 会办 协办 承办 交办 提出",
    # Who acts and whom a letter names: offices and people, not subjects (我局 会同 市政府 …).
    "offices": "我局 本局 我委 我厅 我办 贵会 贵委 你局 单位 部门 有关部门 相关部门 政府 市政府 区政府 县政府 "
               "省政府 人民政府 市委 区委 县委 党委 工委 常委会 督查 督查室 办公室 领导 人员 工作人员 会同 "
               "联系人 经办人 电话 联系电话 抄送 签发 市民 群众 国家",
    # How any work is said to be done, whatever its subject: 加强…建设, 完善…机制, 推进…工作.
    "work": "工作 建设 管理 发展 服务 推进 落实 加强 完善 优化 规范 提升 推动 开展 实施 研究 指导 监督 "
            "检查 督导 培育 培训 部署 宣传 调研 调查 评估 考核 试点 统筹 协调 合作 协同 利用 设置 活动 "
            "行动 动态 升级 营造 保障 整治 治理 改革 创新 引导 组织 支持 印发 通知 出台 安排 "
            "举措 措施 力度 机制 体系 制度 政策 方案 计划 规划 办法 标准 模式 方式 形式 渠道 项目 资金 "
            "专项资金 经费 投入 能力 水平 质量 效益 成效 效果 作用 责任 任务 目标 原则 理念 要求",
    # Extent, place and time words any letter uses: 全市, 市级, 重点, 部分, 年度.
    "extent": "全市 全区 全县 全省 全国 全面 全部 部分 重点 基本 综合 专项 有关 相关 主要 整体 总体 方面 范围 "
              "比例 程度 数量 规模 时间 年度 内容 条件 基础 实际 状况 现状 结果 领域 区域 城区 地区 当地 "
              "本地 市级 区级 县级 省级 层面 环节",
    # How well anything is done: 高质量发展, 规范化管理, 现代化.
    "quality": "高质量 现代化 规范化 标准化 专业化 常态化 制度化 精细化 精准化 多元化 系统化 一体化 社会化 市场化 "
               "长效 精准 有效",
    # Things every field has, too broad alone to name one: 设施, 机构, 平台 (体育设施, 养老机构 are topics).
    "things": "设施 机构 平台 中心 系统 功能 技术 资源 环境 信息 数据 网络 对象 主体 职责 流程 队伍 社会",
    # A letter's courtesies and turns of phrase: "感谢您对…的关心和支持", "高度重视", "力争".
    "courtesy": "关心 感谢 感谢您 高度重视 您好 积极争取 力争 接下来 下一步 今后 此复 特此函复 认真研究 "
                "认真落实 进一步 针对性",
    # A web page's metadata and buttons, and the parts jieba cuts a letter's marker fields into.
    "page": "分类 标识 分类标识 索引 索引号 录入 发布 发布日期 来源 信息来源 浏览 浏览次数 点击 打印 关闭 "
            "窗口 字号 公开 属性 类别 结果 日期 主题 主题分类 文号",
}
_WORDS = frozenset(
    word for words in _NOT_TOPICS.values() for word in words.split()
) | frozenset(
    # The marker fields and their values as the parser knows them (办理结果, 主动公开, 已解决, 同志 …).
    (*MARKER_FIELDS, *DISCLOSURE_FIELDS, *DISCLOSURE_LABELS, *DISCLOSURE_QUESTIONS, *NOT_PUBLIC, *COURTESY_TITLES,
     *(word for words in RESULT_WORDS.values() for word in words))
)
_NOT_TOPIC_PATTERN = re.compile(
    # Places and offices (资阳市, 教体局, 卫健委) say who answered, not what about; a district's name is
    # looked up (武侯区), since 小区, 港区 and 示范区 are topics.
    r"^(?:.{2,}[省市县镇]|.+(?:局|厅|委|办|署|支队|大队)|.{2,}部|我[市区县省局委])$"
    # A session: 四次会议, 十四届.
    r"|会议$|^[一二三四五六七八九十]+[届次]"
    # The letter speaking to its reader: 感谢您, 您们, 贵代表团.
    r"|^(?:感谢|您|贵)"
    # A rate or a count: 覆盖率, 使用率, 人次.
    r"|率$|^人次$"
)
# An office named in a sentence ("会同市住房和城乡建设局"): its name's words (住房, 城乡) are no topic either.
_OFFICE_NAME = re.compile(
    r"[省市区县州](?:[\u4e00-\u9fa5]{1,8}?和)?[\u4e00-\u9fa5]{1,8}?(?:局|厅|委员会|卫健委|支队|办公室)"
)


def _is_place(word: str) -> bool:
    """A place of the gazetteer, named in full (武侯区) or without its level (营口, 曲靖)."""
    return any(named(word + level) for level in ("", "市", "县", "区", "省"))


def _of_no_topic_words(word: str) -> bool:
    """A compound of two words that are no topic is none either: 长效机制, 服务体系, 管理机制."""
    return any(word[:cut] in _WORDS and word[cut:] in _WORDS for cut in range(2, len(word) - 1))


def can_be_topic(word: str) -> bool:
    """Whether a word may name a reply's topic: not one of the genre's, an office's or a place's words."""
    return not (word in _WORDS or _NOT_TOPIC_PATTERN.search(word) or _is_place(word) or _of_no_topic_words(word))


def without_office_names(text: str) -> str:
    """The text with the offices it names cut out (each becomes a line break, so no word joins across it)."""
    return _OFFICE_NAME.sub("\n", text)
