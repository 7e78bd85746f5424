"""Letters with next steps from several places, and a fixed today for 已到期/未到期."""

from datetime import date

import pytest
from django.utils import timezone

TODAY = date(2025, 3, 1)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The pages judge 到期 on timezone.localdate(): fixed, so no test depends on when it runs."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    return TODAY


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Use as ``with committed(): reply.save()``: what runs when the save's transaction commits (the follow-ups
    are linked then, ``commitments.followups.refresh_around``) has run when the block ends."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def make_reply(make_reply, committed):
    """``make_reply`` (tests/conftest.py), each reply saved as in a transaction of its own that commits."""

    def make(**fields):
        with committed():
            return make_reply(**fields)

    return make


@pytest.fixture
def ziyang(make_reply):
    """A 资阳市 letter of 2024-06-28: one commitment past due on 2024-12-31, one due 2025-06-30, one undated."""
    return make_reply(
        agency="资阳市教育和体育局", title="关于加强学生心理健康教育的建议", proposers=("罗大成",), role="委员",
        session="市政协五届四次会议", number="0070", date="2024-06-28", result_class="A",
        next_steps="下一步，我局将重点做好以下工作：一是2024年底前实现心理健康教师全覆盖；"
                   "二是明年6月底前建成市心理辅导中心；三是加强家校协同育人。",
    )


@pytest.fixture
def cixi(make_reply):
    """A 慈溪市 letter of 2024-05-20: 下学期 (ends 2025-01-31, past due) and 用三年时间 (2027-05-20)."""
    return make_reply(
        agency="慈溪市教育局", title="关于改善中小学生午休条件的建议", proposers=("朱蓉",), role="代表",
        session="市十七届人大一次会议", number="0088", date="2024-05-20",
        next_steps="三、下一步工作计划\n接下来，我局将在总结试点经验的基础上逐步推进。\n（一）制定配置指引\n"
                   "下学期出台全市中小学午休设施配置指引。\n（二）推进试点\n计划用三年时间实现公办小学可躺式午休全覆盖。",
    )
