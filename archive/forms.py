"""Forms of the clerk's upload page."""

from django import forms

from archive.extract import SUPPORTED_EXTENSIONS
from archive.places import place_named


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


class UploadForm(forms.Form):
    files = MultipleFileField(label="答复函文件", required=False,
                              help_text="可一次选择多个文件，或一个装有多份答复函的 .zip 压缩包（每份单独保存）；"
                                        "可上传的格式见下表。")
    text = forms.CharField(label="或粘贴答复函全文", required=False, widget=forms.Textarea(attrs={"rows": 12}))
    place = forms.CharField(
        label="地区（可不填）", required=False, max_length=40,
        help_text="答复函的单位和会议都没有写明地区时使用，如“慈溪市”“广州市南沙区”。",
    )

    def clean_place(self):
        text = self.cleaned_data["place"].strip()
        if not text:
            return None
        try:
            return place_named(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("请选择至少一个文件，或粘贴答复函全文。")
        return cleaned
