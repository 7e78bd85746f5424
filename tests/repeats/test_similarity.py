"""Which letters are alike, and which groups they make: the pure functions, on letters from several places."""

from repeats.similarity import (
    PAIR_THRESHOLD,
    coherent_around_medoid,
    cosine,
    group,
    proposal_vector,
    similar_pairs,
)
from repeats.words import text_words, topic_words


def vector(title, text):
    return proposal_vector(topic_words(title), text_words([text]))


# The same boilerplate around two unrelated demands: only the demand may count.
BOILERPLATE = ("{who}代表：您提出的《{title}》收悉。我局高度重视，认真研究办理，现答复如下：{body}"
               "下一步，我局将进一步加强工作，不断完善长效机制。感谢您对我们工作的关心和支持。")
PSYCHOLOGY = ("关于加强中小学心理健康教育的建议",
              "全市中小学均建成心理辅导室，配备专兼职心理健康教师，每学期开展学生心理健康筛查。")
ROADS = ("关于加强农村公路养护管理的建议",
         "全县推行农村公路路长制，每年安排养护资金，建立专业养护队伍，路面坑槽限时修复。")


def letter(who, demand):
    title, body = demand
    return vector(title, BOILERPLATE.format(who=who, title=title, body=body))


def test_the_genres_boilerplate_does_not_make_unrelated_letters_alike():
    assert cosine(letter("朱蓉", PSYCHOLOGY), letter("朱蓉", ROADS)) < 0.05


def test_words_of_the_genre_places_and_offices_are_not_topic_words():
    words = topic_words("资阳市教体局关于进一步加强南沙区中小学心理健康教育工作的建议答复如下")

    assert "心理健康" in words and "心理健康教育" in words
    assert not {"资阳", "资阳市", "南沙", "教体局", "加强", "进一步", "一步", "建议", "工作", "答复"} & set(words)


def test_the_same_demand_in_other_words_and_another_city_is_alike():
    cixi = vector(*PSYCHOLOGY)
    ziyang = vector("构建学生心理健康长效机制的建议",
                    "罗大成委员：您提出的关于构建学生心理健康长效机制的提案收悉。市教体局开展心理普查全覆盖，"
                    "对筛查出的重点学生实行一生一策，组织班主任和心理教师参加心理危机干预培训。")

    assert cosine(cixi, ziyang) >= PAIR_THRESHOLD


def test_a_school_lunch_is_not_school_mental_health():
    lunch = vector("关于改善中小学生午餐质量的建议",
                   "市教体局对全市学校食堂和校外供餐企业开展专项检查，推行陪餐制度，按照学生营养膳食指南调整食谱。")

    assert cosine(vector(*PSYCHOLOGY), lunch) < PAIR_THRESHOLD


def test_the_pairs_found_are_those_whose_cosine_reaches_the_threshold():
    vectors = [vector(*PSYCHOLOGY), letter("王强", PSYCHOLOGY), vector(*ROADS), letter("李明", ROADS)]

    pairs = similar_pairs(vectors, threshold=0.1)

    assert [(int(i), int(j)) for i, j, _ in pairs] == [(0, 1), (2, 3)]
    for i, j, s in pairs:
        assert abs(s - cosine(vectors[int(i)], vectors[int(j)])) < 1e-9


def unit(**weights):
    norm = sum(x * x for x in weights.values()) ** 0.5
    return {word: x / norm for word, x in weights.items()}


def test_a_letter_touching_two_issues_does_not_chain_them_into_one_group():
    # Two issues, two letters each, and one letter about both: every link passes, yet A and B share nothing.
    vectors = [unit(p=1, a1=0.3), unit(p=1, a2=0.3), unit(p=0.6, q=0.6, x=0.3), unit(q=1, b1=0.3),
               unit(q=1, b2=0.3)]
    pairs = similar_pairs(vectors, threshold=0.45)
    assert set(pairs[:, :2].flatten()) == {0, 1, 2, 3, 4}  # one connected set

    groups = group(len(vectors), pairs, coherent_around_medoid(vectors), threshold=0.45)

    assert groups == [[0, 1], [3, 4]]


def test_a_group_whose_members_are_all_near_its_medoid_stays_whole():
    vectors = [unit(p=1, a=0.2), unit(p=1, b=0.2), unit(p=1, c=0.2), unit(p=1, a=0.1, c=0.1)]

    groups = group(len(vectors), similar_pairs(vectors), coherent_around_medoid(vectors))

    assert groups == [[0, 1, 2, 3]]
