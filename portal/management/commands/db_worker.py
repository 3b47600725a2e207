"""`manage.py db_worker`: django-tasks-db's worker, which first gives back the tasks a killed worker
left running, and looks for them again every few minutes (portal.worker)."""

from django_tasks_db.management.commands import db_worker

from portal import worker


class Command(db_worker.Command):
    help = ("Run the background task worker; tasks a stopped worker left running are queued again "
            "when it starts and every few minutes.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # This machine and process: tells later whether the worker that took a task still runs.
        parser.set_defaults(worker_id=worker.worker_id())

    def handle(self, *args, **options):
        requeued, failed = worker.recover_abandoned_tasks()
        if requeued or failed:
            self.stdout.write(f"Tasks left running by a stopped worker: {requeued} queued again, {failed} given up.")
        worker.keep_recovering()
        return super().handle(*args, **options)
