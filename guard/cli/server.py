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

    from guard.cli.setup import prepare_database, setup_link
    from guard.web import create_app
    from guard.web.serving import make_server

    logging.basicConfig()  # as waitress.serve does: its warnings and errors reach stderr

    prepare_database(runtime)
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
    link = setup_link(runtime, _base_url(runtime, host, port))
    if link:
        click.echo(f"First run: nobody can sign in yet. Open this link once to set up:\n  {link}")
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


def _base_url(runtime: Runtime, host: str, port: int) -> str:
    """Where the clerk's browser reaches this server: [web] public_url once it is configured."""
    if "web.public_url" in runtime.settings.explicit:
        return runtime.settings.web.public_url
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    return f"http://{shown}:{port}"
