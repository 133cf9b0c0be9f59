def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "faults: kills a real `pacesetter db_worker` with SIGKILL mid-job (PostgreSQL only; bounded, loopback)",
    )
