"""The archive's record: proposals, the replies that answer them, and who and what they name.

A Proposal is what a delegate submitted (session + number); each Reply is one letter answering
it. Agencies, people and sessions are records of their own so their pages are one click away.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from archive.parsing import normalize_proposal_number
from archive.parsing.sections import heading_as_written
from archive.places import Division


class Body(models.TextChoices):
    NPC = "人大", "人大"
    CPPCC = "政协", "政协"


class PlaceQuerySet(models.QuerySet):
    def for_division(self, division: Division) -> "Place":
        """The place of a gazetteer division, made with its ancestors the first time it is named."""
        parent = self.for_division(division.parent) if division.parent else None
        place, _ = self.get_or_create(
            code=division.code, defaults={"name": division.name, "level": division.level, "parent": parent}
        )
        return place


class Place(models.Model):
    """A province, city, district or county: every one has its own congress and CPPCC."""

    class Level(models.TextChoices):
        PROVINCE = "省", "省级"
        CITY = "市", "地级"
        COUNTY = "县", "县级"

    code = models.CharField("区划代码", max_length=6, unique=True, help_text="GB/T 2260 行政区划代码，如“512000”。")
    name = models.CharField("名称", max_length=50)
    level = models.CharField("层级", max_length=2, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name="上级"
    )

    objects = PlaceQuerySet.as_manager()

    class Meta:
        verbose_name = "地区"
        verbose_name_plural = "地区"
        ordering = ["code"]

    def __str__(self):
        return self.path

    def get_absolute_url(self):
        return reverse("archive:place-detail", args=[self.code])

    @property
    def division(self) -> Division:
        """The gazetteer's entry: its ancestry needs no query, as places above are rows of their own."""
        return Division(self.code, self.name, self.level)

    @property
    def path(self) -> str:
        return self.division.path


class Session(models.Model):
    """A meeting of a people's congress or a CPPCC: 市政协五届四次会议."""

    name = models.CharField("会议名称", max_length=200, help_text="按答复函原文，如“市政协五届四次会议”。")
    body = models.CharField("机构", max_length=4, choices=Body.choices, blank=True)
    region = models.CharField(
        "地区（原文）", max_length=50, blank=True, help_text="按原文，如“资阳市”；原文只写“市”时为“市”。"
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions", verbose_name="地区",
        help_text="会议所属的地区：各市、县的人大和政协各自开会，地区不同就是不同的会议。",
    )
    term = models.PositiveSmallIntegerField("届", null=True, blank=True)
    meeting = models.PositiveSmallIntegerField("次", null=True, blank=True)
    year = models.PositiveSmallIntegerField("年份", null=True, blank=True)

    class Meta:
        verbose_name = "会议"
        verbose_name_plural = "会议"
        ordering = ["body", "place", "term", "meeting"]
        constraints = [
            # 五届四次 and 第五届…第四次会议 are one session of one place: the key is what they mean, not
            # the wording. A session whose place is unknown is never shared: 市政协五届四次会议 of two cities.
            models.UniqueConstraint(
                fields=["body", "place", "term", "meeting"],
                condition=Q(term__isnull=False, meeting__isnull=False, place__isnull=False),
                name="session_unique_place_term_meeting",
            ),
            models.UniqueConstraint(
                fields=["body", "place", "name"],
                condition=(Q(term__isnull=True) | Q(meeting__isnull=True)) & Q(place__isnull=False),
                name="session_unique_place_name_unparsed",
            ),
        ]

    def __str__(self):
        return f"{self.place.name}·{self.name}" if self.place_id and self.place.name not in self.name else self.name


class AgencyQuerySet(models.QuerySet):
    def named(self, name: str):
        """The agency with this name or alias."""
        return self.filter(Q(name=name) | Q(aliases__name=name)).distinct()



class Agency(models.Model):
    """A replying agency, e.g. 资阳市教育和体育局; aliases (教体局) resolve to it."""

    name = models.CharField("名称", max_length=100, unique=True, help_text="全称，如“资阳市教育和体育局”。")
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="agencies", verbose_name="地区",
        help_text="由名称读出，如“广州市南沙区教育局”属于广州市南沙区。",
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = "答复单位"
        verbose_name_plural = "答复单位"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("archive:agency-detail", args=[self.pk])


class AgencyAlias(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="aliases", verbose_name="单位")
    name = models.CharField("别名", max_length=100, unique=True, help_text="简称或旧称，如“市教体局”。")

    class Meta:
        verbose_name = "单位别名"
        verbose_name_plural = "单位别名"

    def __str__(self):
        return self.name


class Person(models.Model):
    """A proposer: a deputy (代表), a member (委员), or an organisation (党派、团体、代表团), of one place.

    王强委员 of 长春市 and 王强委员 of 资阳市 are two people.
    """

    class Role(models.TextChoices):
        DEPUTY = "代表", "人大代表"
        MEMBER = "委员", "政协委员"
        ORGANISATION = "组织", "党派、团体或代表团"

    name = models.CharField("姓名或名称", max_length=100)
    role = models.CharField(
        "身份", max_length=4, choices=Role.choices, blank=True, help_text="答复函未写明身份时为空。"
    )
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="people", verbose_name="地区",
        help_text="所在人大或政协的地区：同名的人，地区不同就是不同的人。",
    )

    class Meta:
        verbose_name = "提出人"
        verbose_name_plural = "提出人"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "role", "place"], name="person_unique_name_role_place"),
            models.UniqueConstraint(
                fields=["name", "role"], condition=Q(place__isnull=True), name="person_unique_name_role_no_place"
            ),
        ]

    def __str__(self):
        return self.name if self.role in (self.Role.ORGANISATION, "") else f"{self.name}{self.role}"

    @property
    def facet_label(self) -> str:
        """The person in search facets and filters: 王强（眉山市）, so two places' 王强 stay two values."""
        return f"{self.name}（{self.place.name}）" if self.place_id else self.name

    @property
    def description(self) -> str:
        """How a page introduces the person: 长春市政协委员, 资阳市人大代表, 慈溪市 (an organisation)."""
        place = self.place.name if self.place_id else ""
        office = self.get_role_display() if self.role in (self.Role.DEPUTY, self.Role.MEMBER) else ""
        return place + office

    def get_absolute_url(self):
        return reverse("archive:person-detail", args=[self.pk])


class Proposal(models.Model):
    """A deputy's 建议 or a member's 提案; numbers restart each session, so (session, number) is the key."""

    class Kind(models.TextChoices):
        SUGGESTION = "建议", "建议"
        PROPOSAL = "提案", "提案"
        PARTY_PROPOSAL = "党派提案", "党派提案"
        GROUP_PROPOSAL = "集体提案", "集体提案"
        DELEGATION_SUGGESTION = "代表团建议", "代表团建议"

    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals", verbose_name="会议"
    )
    body = models.CharField("机构", max_length=4, choices=Body.choices, blank=True)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals", verbose_name="地区",
        help_text="提出建议提案的人大或政协所在地区。",
    )
    year = models.PositiveSmallIntegerField(
        "年份", null=True, blank=True, help_text="会议或答复的年份；没有会议时与编号一起区分建议提案。"
    )
    is_draft = models.BooleanField(
        "待发布", default=False, editable=False,
        help_text="由尚未发布的答复建立：发布时并入已有的同一建议提案，或成为新的建议提案；此前不公开。",
    )
    number = models.CharField("编号", max_length=30, blank=True, help_text="按原文，如“0070”“D022”。")
    number_normalized = models.CharField("编号（规范）", max_length=30, blank=True, editable=False, db_index=True)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, blank=True)
    title = models.CharField("标题", max_length=300, help_text="不带书名号，如“构建学生心理健康长效机制的建议”。")
    proposers = models.ManyToManyField(Person, through="Proposer", related_name="proposals", verbose_name="提出人")

    class Meta:
        verbose_name = "建议提案"
        verbose_name_plural = "建议提案"
        ordering = ["session__name", "number_normalized"]
        constraints = [
            # A draft's own proposal may share its key with the proposal it will join on publishing.
            models.UniqueConstraint(
                fields=["session", "number_normalized"],
                condition=~Q(number_normalized="") & Q(is_draft=False),
                name="proposal_unique_session_number",
            )
        ]

    def __str__(self):
        return self.title

    @property
    def description(self) -> str:
        """朱蓉等，慈溪市 · 市十七届人大一次会议第70号: how the clerk recognises a proposal."""
        names = [str(link.person.name) for link in self.proposer_links.select_related("person")[:2]]
        who = (names[0] + ("等" if len(names) > 1 else "")) if names else "（提出人未识别）"
        where = self.place.name if self.place_id else "地区未定"
        session = self.session.name if self.session_id else (f"{self.year}年" if self.year else "")
        number = f"第{self.number}号" if self.number else ""
        return f"{who}，{where} · {session}{number}《{self.title}》"

    def get_absolute_url(self):
        # Readable and stable: the session and the number as delegates cite them; the id only when either is missing.
        if self.session_id and self.number_normalized:
            return reverse("archive:proposal-detail", args=[self.session_id, self.number_normalized])
        return reverse("archive:proposal-by-id", args=[self.pk])

    def save(self, *args, **kwargs):
        self.number_normalized = normalize_proposal_number(self.number)
        super().save(*args, **kwargs)

    @property
    def lead_proposer(self):
        first = self.proposer_links.select_related("person").first()
        return first.person if first else None


class Proposer(models.Model):
    """One proposer of a proposal, in the order the letter names them; position 0 is the lead (领衔)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="proposer_links")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="proposer_links", verbose_name="提出人")
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "提出人"
        verbose_name_plural = "提出人（第一位为领衔人）"
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["proposal", "person"], name="proposer_unique_person")]

    def __str__(self):
        return str(self.person)


class ReplyQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Reply.Status.PUBLISHED)

    def public(self):
        """What anonymous visitors may see: published and publicly disclosable."""
        return self.published().exclude(disclosure__in=Reply.PRIVATE_DISCLOSURES)

    def in_place(self, place):
        """Replies to proposals of this place or of a place within it (a province's cities and counties)."""
        return self.filter(
            Q(proposal__place=place) | Q(proposal__place__parent=place) | Q(proposal__place__parent__parent=place)
        )

    def newest_first(self):
        return self.order_by(models.F("date").desc(nulls_last=True), "-uploaded_at")

    def without_texts(self):
        """For lists of replies: the letters' texts are 10 KB a reply that a list never shows."""
        return self.defer("raw_text", "body_text", "next_steps")

    def with_proposers(self):
        """Prefetch each reply's proposer links in order, with their people joined in.

        Joined, not prefetched: Django 5.2 prefetches a foreign key as ``id = 1 OR id = 4 …``, which
        SQLite refuses beyond 1,000 people ("Expression tree is too large") — a 1,000-reply rebuild.
        """
        links = Proposer.objects.select_related("person__place").order_by("position")
        return self.prefetch_related(models.Prefetch("proposal__proposer_links", queryset=links))


class Reply(models.Model):
    """One reply letter answering a proposal."""

    class HandlingRole(models.TextChoices):
        LEAD = "主办", "主办"
        JOINT = "会办", "会办"
        ASSISTING = "协办", "协办"
        SEPARATE = "分办", "分办"

    class Kind(models.TextChoices):
        REPLY = "答复", "答复"
        OPINION = "会办意见", "会办意见"
        SECOND = "二次答复", "二次答复"
        FOLLOW_UP = "跟踪答复", "跟踪答复"

    class ResultClass(models.TextChoices):
        SOLVED = "已解决", "已解决/基本解决"
        IN_PROGRESS = "正在解决", "正在解决"
        PLANNED = "列入计划", "列入计划"
        REFERENCE = "留作参考", "留作参考/暂不能解决"

    class Disclosure(models.TextChoices):
        ACTIVE = "主动公开", "主动公开"
        AGREED = "同意公开", "同意公开"
        ON_REQUEST = "依申请公开", "依申请公开"
        WITHHELD = "不予公开", "不予公开"
        REFUSED = "不同意公开", "不同意公开"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿"
        PUBLISHED = "published", "已发布"

    # How the letter's text was obtained: the values of archive.extract.Source.
    class TextSource(models.TextChoices):
        TYPED = "typed", "文件中的文字"
        WEB = "web", "网页"
        OCR = "ocr", "扫描件文字识别"
        PASTED = "pasted", "粘贴的文字"

    # These labels keep a reply off every public page (docs/design.md, disclosure).
    PRIVATE_DISCLOSURES = (Disclosure.ON_REQUEST, Disclosure.WITHHELD, Disclosure.REFUSED)

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="replies", verbose_name="建议提案")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="replies", verbose_name="答复单位",
        help_text="正文只写“我局”时由工作人员选择。",
    )
    handling_role = models.CharField("办理方式", max_length=4, choices=HandlingRole.choices, blank=True)
    kind = models.CharField("答复类型", max_length=8, choices=Kind.choices, default=Kind.REPLY)
    date = models.DateField("答复日期", null=True, blank=True, help_text="落款或成文日期，不是发布或交办日期。")
    doc_number = models.CharField("文号", max_length=100, blank=True, help_text="如“资教体函〔2024〕70号”。")
    result_label = models.CharField(
        "办理结果（原文）", max_length=50, blank=True, help_text="按原文，如“【B】”“办理结果：A”。"
    )
    result_code = models.CharField("办理结果代码", max_length=4, blank=True, help_text="原文中的字母，如“A”。")
    result_class = models.CharField("办理结果分类", max_length=8, choices=ResultClass.choices, blank=True)
    disclosure = models.CharField("公开属性", max_length=8, choices=Disclosure.choices, blank=True)
    signer = models.CharField("签发人", max_length=50, blank=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=50, blank=True, help_text="手机号在公开页面上部分隐去。")
    cc = models.JSONField("抄送", default=list, blank=True)
    keywords = models.JSONField(
        "主题词", default=list, blank=True, editable=False,
        help_text="保存时由标题和正文自动提取，用于首页主题和相关答复。",
    )
    next_steps = models.TextField("下一步工作", blank=True, help_text="答复中承诺的下一步工作，单独展示。")
    body_text = models.TextField("正文", blank=True, help_text="整理后的全文：网页框架已去除，断行已接合。")
    raw_text = models.TextField("原始文本", help_text="上传或粘贴的原文，不作改动。")
    original = models.FileField("原始文件", upload_to="%Y/%m/", blank=True)
    # None follows the letter (archive.original_door), so a corrected text or a replaced file decides again.
    original_public = models.BooleanField(
        "原始文件是否公开", null=True, blank=True, default=None,
        choices=[
            (None, "自动：Word、文本、网页遮盖号码后公开；PDF 等其他格式含个人号码时不公开"),
            (True, "公开"),
            (False, "不公开"),
        ],
        help_text="公开页面是否提供原始文件下载。Word、文本和网页文件一律遮盖个人手机号和身份证号后提供；"
        "PDF、扫描件等无法遮盖，答复含个人号码时默认不提供，核对后确可公开的选“公开”。",
    )
    content_hash = models.CharField("内容指纹", max_length=64, unique=True, editable=False)
    text_source = models.CharField("文字来源", max_length=8, choices=TextSource.choices, blank=True, editable=False)
    ocr_confidence = models.FloatField(
        "识别置信度", null=True, blank=True, editable=False, help_text="文字识别引擎对所读每个字的平均把握，0–1。"
    )
    # [start, end, text, confidence] of each word the engine was unsure of, in raw_text: the review page marks them.
    ocr_doubtful = models.JSONField("识别存疑之处", default=list, blank=True, editable=False)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        verbose_name="上传人",
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    withdrawn_at = models.DateTimeField(
        "撤回时间", null=True, blank=True, editable=False,
        help_text="公开的答复改为草稿或不公开时记下；此后其地址答复“已撤回”（410）。从未公开过的答复没有。",
    )

    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name = "答复"
        verbose_name_plural = "答复"
        ordering = ["-date", "-uploaded_at"]
        indexes = [
            # Newest first among the published, without reading the rows: on SQLite a row's later columns
            # sit behind its two letter texts, and sorting 10,000 rows read them all (100 ms a list page).
            models.Index(fields=["status", "date", "uploaded_at", "disclosure"], name="reply_published_newest"),
            models.Index(fields=["agency", "date"], name="reply_agency_by_date"),
            models.Index(fields=["result_class"], name="reply_result_class"),
        ]

    def __str__(self):
        agency = self.agency.name if self.agency_id else "（未定单位）"
        return f"{agency}：{self.proposal.title}"

    def get_absolute_url(self):
        return reverse("archive:reply-detail", args=[self.pk])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.disclosure not in self.PRIVATE_DISCLOSURES

    def save(self, *args, **kwargs):
        # Recorded here, not in the admin's actions, so every way a reply stops being public counts: the
        # 撤回 action, a status or disclosure changed on the review page, a script.
        self.withdrawn_at = self._withdrawal_time()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "withdrawn_at"}
        super().save(*args, **kwargs)

    def _withdrawal_time(self):
        """Now, when this save hides a reply the public could read; kept while it stays hidden; None when public."""
        if self.is_public:
            return None
        if self.withdrawn_at is None and not self._state.adding and Reply.objects.public().filter(pk=self.pk).exists():
            return timezone.now()
        return self.withdrawn_at

    def validate_unique(self, exclude=None):
        # Name the existing reply, so the clerk can open it instead of guessing.
        super().validate_unique(exclude={*(exclude or ()), "content_hash"})  # Django passes a set
        duplicate = Reply.objects.filter(content_hash=self.content_hash).exclude(pk=self.pk).first()
        if duplicate is not None:
            raise ValidationError(duplicate_message(duplicate), code="duplicate")


def duplicate_message(existing: Reply) -> str:
    return f"内容相同的答复已经存在：“{existing}”（编号 {existing.pk}），未重复保存。"


class Section(models.Model):
    """A numbered section of a reply (一、… or （一）…), with an anchor for deep links."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField("顺序")
    level = models.PositiveSmallIntegerField("层级", choices=[(1, "一级（一、）"), (2, "二级（（一））")], default=1)
    number = models.CharField("序号", max_length=10, blank=True)
    title = models.CharField("标题", max_length=300)
    text = models.TextField("内容", blank=True)
    anchor = models.SlugField("锚点", max_length=20, help_text="页面内链接用，如 s2-1。")

    class Meta:
        verbose_name = "段落"
        verbose_name_plural = "段落（按顺序）"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["reply", "position"], name="section_unique_position"),
            models.UniqueConstraint(fields=["reply", "anchor"], name="section_unique_anchor"),
        ]

    def __str__(self):
        # The letter's own numbering — （一）, (二), 1., 第一， — read from the heading line; "一、" for every
        # level was how the contents renumbered (一)(二) as 一、二、.
        return heading_as_written(self.level, self.number, self.title, self.text)

    def get_absolute_url(self):
        return f"{self.reply.get_absolute_url()}#{self.anchor}"
