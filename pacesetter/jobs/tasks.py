"""The background worker's side of a job (django-tasks, database backend: the task row,
the job row and the job's data all live in the one database, so no broker is needed and a
crash can never leave a job done without its data, nor the other way round)."""
from django_tasks import task

from .runner import run_job


@task()
def run_job_task(job_id: int) -> None:
    run_job(job_id)
