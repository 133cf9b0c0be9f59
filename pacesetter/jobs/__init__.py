"""Background jobs: long work (imports, exports, reminders) run by `pacesetter db_worker`
with its progress on /jobs/, crash-safe and retryable. See runner.py for how."""
