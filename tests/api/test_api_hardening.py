"""Issues 16 and 17 on the API: uploads linked into stories, login throttling, tokens, JSON, cache, schema."""

from __future__ import annotations

from api_helpers import Api


def test_issue17_web_upload_is_linked_into_a_story(api: Api) -> None:
    text = "Chengdu: by 2030 the city plans 40 new hydrogen laboratories and a fund for young companies.\n"
    response = api.client.post(
        "/api/v1/documents", files={"file": ("labs.txt", text.encode(), "text/plain")}, headers=api.auth("editor")
    )
    assert response.status_code == 201, response.text
    document = api.store.get_document(response.json()["document"]["id"])
    assert document.story is not None  # before the fix: 0 of 249 uploads were linked
    assert api.store.documents_without_story() == []
