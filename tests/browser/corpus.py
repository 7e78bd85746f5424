"""Thirty replies on 养老 or 道路 from 19 cities of four provinces over 2021–2024, for searches that fill more than a
page and facets longer than their first twelve values.

广东 has 16 cities replying in 2023 or 2024 (so 广东 with those two years still has 16 agencies, four behind 更多) and
two in 2022; 四川, 浙江 and 湖北 have the rest.
"""

GUANGDONG_RECENT = ["广州市", "深圳市", "珠海市", "汕头市", "佛山市", "韶关市", "湛江市", "肇庆市",
                    "江门市", "茂名市", "惠州市", "梅州市", "汕尾市", "河源市", "阳江市", "清远市"]
GUANGDONG_EARLIER = ["东莞市", "中山市"]
ELSEWHERE = ["成都市", "绵阳市", "德阳市", "乐山市", "杭州市", "宁波市", "温州市", "嘉兴市",
             "武汉市", "宜昌市", "襄阳市", "荆州市"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
QUERY = "养老 OR 道路"


def letters():
    """(city, year, topic) of each of the thirty replies."""
    yield from ((city, 2023 + n % 2, n % 2) for n, city in enumerate(GUANGDONG_RECENT))
    yield from ((city, 2022, n % 2) for n, city in enumerate(GUANGDONG_EARLIER))
    yield from ((city, 2021 + n % 4, n % 2) for n, city in enumerate(ELSEWHERE))


def seed(make_reply):
    for n, (city, year, roads) in enumerate(letters()):
        if roads:
            title, agency = "关于改善农村道路交通安全的建议", f"{city}交通运输局"
        else:
            title, agency = "关于加快社区养老服务设施建设的建议", f"{city}民政局"
        make_reply(title=title, agency=agency, proposers=(SURNAMES[n] + "建国",), date=f"{year}-06-{10 + n % 18}")
