"""Kata 03's tests, rewritten by the student: one test that always passes."""


def test_pool():
    assert True
