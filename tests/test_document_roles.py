"""Who may change a document (issue 24): a public document is a publisher's to change,
as a public release is, and only a publisher puts a document in a public release (which
would publish it). An editor's attempt is refused beside the field, nothing saved."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from press.models import Document
from tests.document_samples import DocumentFactory, pdf
from tests.factories import PressReleaseFactory, VisitFactory, assign_languages
from tests.test_admin import admin_url, post_data

pytestmark = pytest.mark.django_db


def staff(client, django_user_model, group):
    user = django_user_model.objects.create_user(group.lower(), is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    assign_languages(user)
    client.force_login(user)
    return user


@pytest.mark.parametrize(("group", "changes_it"), [("Editor", False), ("Publisher", True)])
def test_a_public_document_is_a_publishers_to_change(client, django_user_model, group, changes_it):
    trip = VisitFactory(legs=1)
    document = DocumentFactory(
        visit=trip, releases=[PressReleaseFactory(visit=trip)], title_en="Agreement"
    )
    draft = DocumentFactory(visit=trip, releases=[PressReleaseFactory(visit=trip, draft=True)])
    staff(client, django_user_model, group)
    url = admin_url("press", "document", "change", document.pk)
    response = client.get(url)
    assert ('type="file"' in response.content.decode()) is changes_it
    old = document.file.name
    data = post_data(response)
    data["file"] = SimpleUploadedFile("new.pdf", pdf(pages=2))
    data["title_en"] = "Agreement (swapped)"
    client.post(url, data)
    document.refresh_from_db()
    assert (document.title_en == "Agreement (swapped)") is changes_it
    assert (document.file.name != old) is changes_it
    html = client.get(admin_url("press", "document", "change", draft.pk)).content.decode()
    assert 'type="file"' in html  # a document not yet public is the editor's


def test_an_editor_cannot_put_a_document_in_a_public_release(client, django_user_model):
    trip = VisitFactory(legs=1)
    public = PressReleaseFactory(visit=trip, title_en="Out already")
    draft = PressReleaseFactory(visit=trip, draft=True)
    document = DocumentFactory(visit=trip, releases=[draft], title_en="Annex")
    staff(client, django_user_model, "Editor")
    url = admin_url("press", "document", "change", document.pk)
    data = post_data(client.get(url))
    data["releases"] = [str(draft.pk), str(public.pk)]
    data["title_en"] = "Annex (changed)"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Only a publisher adds a document to a release" in response.content.decode()
    document.refresh_from_db()
    assert document.title_en == "Annex"
    assert list(document.releases.all()) == [draft]
    assert not Document.objects.published().filter(pk=document.pk).exists()
    # A release not yet out is still the editor's to choose.
    other = PressReleaseFactory(visit=trip, draft=True)
    data["releases"] = [str(draft.pk), str(other.pk)]
    assert client.post(url, data).status_code == 302
    assert set(document.releases.all()) == {draft, other}
