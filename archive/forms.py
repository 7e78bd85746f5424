"""Forms of the clerk's upload and review pages."""

from django import forms

from archive.extract import SUPPORTED_EXTENSIONS
from archive.models import Person, Reply
from archive.places import place_named
from archive.proposal_correction import ProposalFields, fields_of


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(sorted(SUPPORTED_EXTENSIONS))}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        # Each file is judged by the upload itself (an empty one gets its own message), so one bad
        # file never stops the others in the form.
        files = data if isinstance(data, (list, tuple)) else [data]
        return [item for item in files if item]


class PlaceField(forms.CharField):
    """A place typed by name ("慈溪市", "广州市南沙区"): the one gazetteer division it names, or None when empty."""

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=40, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return place_named(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None


def place_text(division) -> str:
    """A place as the clerk types it back: with the places above it (四川省资阳市), which names one place only."""
    return "".join(place.name for place in division.ancestry) if division else ""


class LinesField(forms.CharField):
    """Short texts typed one a line (抄送, 提出人), cleaned to their list; empty lines are dropped."""

    def __init__(self, *, max_lines: int, max_line_length: int, rows: int = 4, **kwargs):
        super().__init__(required=False, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)
        self.max_lines, self.max_line_length = max_lines, max_line_length

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, (list, tuple)) else value

    def to_python(self, value):
        text = super().to_python(value)
        if len(text) > self.max_lines * (self.max_line_length + 2):  # bounded before it is split
            raise forms.ValidationError(f"内容过长：最多 {self.max_lines} 行。")
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if len(value) > self.max_lines:
            raise forms.ValidationError(f"最多 {self.max_lines} 行，现有 {len(value)} 行。")
        for line in value:
            if len(line) > self.max_line_length:
                raise forms.ValidationError(f"每行最多 {self.max_line_length} 个字：“{line[:20]}…”过长。")


class ReplyForm(forms.ModelForm):
    """A reply in the admin: 抄送 typed one recipient a line, stored as the list it is."""

    cc = LinesField(label="抄送", max_lines=50, max_line_length=100, help_text="每行一个单位或个人。")

    class Meta:
        model = Reply
        fields = ["cc"]  # the admin's fieldsets name the others


class DraftReviewForm(ReplyForm):
    """A draft's review: its own proposal's fields on the page, saved with the reply (archive.proposal_correction)."""

    proposal_title = forms.CharField(label="建议提案标题", max_length=300, required=False,
                                     help_text="不带书名号。空着发布时会请您确认。")
    proposal_session = forms.CharField(label="会议", max_length=200, required=False,
                                       help_text="按原文，如“市政协五届四次会议”；届、次由名称读出。")
    proposal_number = forms.CharField(label="编号", max_length=30, required=False, help_text="按原文，如“0070”“D022”。")
    proposers = LinesField(label="提出人", max_lines=30, max_line_length=100, rows=3,
                           help_text="每行一位，领衔人在前。改正姓名会关联到档案中同地区、同身份的这个人。")
    proposer_role = forms.ChoiceField(label="提出人身份", required=False,
                                      choices=[("", "答复函未写明"), *Person.Role.choices])
    proposal_place = PlaceField(label="地区", help_text="提出建议提案的人大或政协所在地区，如“慈溪市”“广州市南沙区”："
                                                     "同名的人和会议，地区不同就是不同的。")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        shown = fields_of(self.instance.proposal)
        self.initial.update(proposal_title=shown.title, proposal_session=shown.session, proposal_number=shown.number,
                            proposers=list(shown.proposers), proposer_role=shown.role,
                            proposal_place=place_text(shown.place))

    def proposal_fields(self) -> ProposalFields:
        data = self.cleaned_data
        return ProposalFields(title=data["proposal_title"], session=data["proposal_session"],
                              number=data["proposal_number"], proposers=tuple(data["proposers"]),
                              role=data["proposer_role"], place=data["proposal_place"])


class UploadForm(forms.Form):
    files = MultipleFileField(label="答复函文件", required=False,
                              help_text="可一次选择多个文件，或一个装有多份答复函的 .zip 压缩包（每份单独保存）；"
                                        "可上传的格式见下表。")
    text = forms.CharField(label="或粘贴答复函全文", required=False, widget=forms.Textarea(attrs={"rows": 12}))
    place = PlaceField(label="地区（可不填）",
                       help_text="答复函的单位和会议都没有写明地区时使用，如“慈溪市”“广州市南沙区”。")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("请选择至少一个文件，或粘贴答复函全文。")
        return cleaned
