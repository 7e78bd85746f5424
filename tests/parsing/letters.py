"""Build short reply letters for rule tests: every part has a plain default, a test changes one."""

HEADING = ("对市政协五届四次会议第70号提案的答复",)
SALUTATION = "罗大成委员："
REFERENCE = "您提出的《关于加强学生心理健康教育的建议》收悉，现答复如下："
BODY = (
    "一、工作情况",
    "我局高度重视学生心理健康教育工作，成立了工作专班。",
    "二、下一步工作打算",
    "我局将继续完善心理健康教育体系。",
)
CLOSING = ("感谢您对教育工作的关心和支持！", "资阳市教育局", "2024年6月28日")


def make_letter(*, heading=HEADING, salutation=SALUTATION, reference=REFERENCE, body=BODY, closing=CLOSING) -> str:
    lines = [*heading, salutation, reference, *body, *closing]
    return "\n".join(line for line in lines if line is not None)


def messages(parsed) -> list[str]:
    """The warnings as the clerk reads them."""
    return [str(warning) for warning in parsed.warnings]
