"""A refused form or query in the web app: the answer is 422 and the page names the problem."""

from __future__ import annotations


def refused(response, *problems: str) -> str:
    """The page of ``response``; fails unless it is a 422 that names each of ``problems``."""
    page = response.get_data(as_text=True)
    assert response.status_code == 422, f"{response.status_code}, not 422: {page[:400]}"
    missing = [problem for problem in problems if problem not in page]
    assert not missing, f"the refusal does not name {missing}"
    return page
