from django.urls import reverse


def test_it_works_for_everyone(client, db):
    response = client.get(reverse("accessibility"))
    assert response.status_code == 200
    assert 'lang="da"' in response.content.decode()
