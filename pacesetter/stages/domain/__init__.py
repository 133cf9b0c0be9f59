"""Writes of campaign stages: each one function with its transaction and audit entry."""
from .marking import mark_done, send_back
from .setup import (
           change_stage,
           change_task,
           copy_stages,
           create_stage,
           create_task,
           delete_task,
)

__all__ = ["change_stage", "change_task", "copy_stages", "create_stage", "create_task", "delete_task", "mark_done",
           "send_back"]
