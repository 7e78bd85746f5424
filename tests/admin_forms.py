"""Posting the reply's review page as a clerk would: the form as shown, with some fields changed."""


def review_post(admin_client, reply, **extra):
    page = admin_client.get(f"/admin/archive/reply/{reply.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None and name != "original"}
    data.update({"sections-TOTAL_FORMS": "0", "sections-INITIAL_FORMS": "0", "cc": "[]", "keywords": "[]"})
    data.update(extra)
    return admin_client.post(f"/admin/archive/reply/{reply.pk}/change/", data, follow=True)
