"""`guard serve` and `guard demo`."""

from __future__ import annotations

import click

from guard.cli.runtime import Runtime, pass_runtime


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
@pass_runtime
def serve(runtime: Runtime, host: str, port: int, threads: int) -> None:
    """Serve the web app with a production WSGI server (waitress)."""
    import logging

    from guard.web import create_app
    from guard.web.serving import make_server

    logging.basicConfig()  # as waitress.serve does: its warnings and errors reach stderr

    app = create_app(runtime.settings, engine=runtime.engine)
    clock = None
    if runtime.settings.scheduler.embedded:
        # Only when this is the single process: APScheduler keeps its jobs in memory.
        from guard import scheduler

        sender = scheduler.make_sender(runtime.engine, runtime.settings, runtime.now)
        clock = scheduler.build_scheduler(sender, blocking=False)
        clock.start()
        click.echo(f"scheduler embedded ({runtime.settings.publishing.mode} publishing)")
    click.echo(f"Pre-election guard on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        make_server(app, host=host, port=port, threads=threads, ident="pre-election-guard").run()
    finally:
        if clock is not None:
            clock.shutdown(wait=False)


@click.command()
@pass_runtime
def demo(runtime: Runtime) -> None:
    """Load the demo data: a by-election whose period is on now and next May's elections."""
    from guard.services.demo import load_demo

    with runtime.session() as session:
        lines = load_demo(session, runtime.settings, now=runtime.now())
    for line in lines:
        click.echo(line)
