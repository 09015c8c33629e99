"""Root conftest: pytester (which runs pytest inside the repo's own tests) must be enabled here."""

pytest_plugins = ["pytester"]
