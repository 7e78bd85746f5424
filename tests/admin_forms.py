"""Posting the reply's review page as a clerk would: the form as shown, with some fields changed."""


def review_form(admin_client, reply):
    """The review page's fields as shown, and what the page says publishing will join (its hidden field)."""
    page = admin_client.get(f"/admin/archive/reply/{reply.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None and name != "original"}
    planned = page.context.get("planned_join")
    data.update({"sections-TOTAL_FORMS": "0", "sections-INITIAL_FORMS": "0",
                 "_planned_join": planned.pk if planned else ""})
    return data


def review_post(admin_client, reply, **extra):
    data = {**review_form(admin_client, reply), **extra}
    return admin_client.post(f"/admin/archive/reply/{reply.pk}/change/", data, follow=True)
