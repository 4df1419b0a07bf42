"""Run the fake Stripe for development: `python -m devtools.fake_stripe [--port 8420] ...`.

Listens on 127.0.0.1 (loopback only), delivers webhooks to the site, stops on SIGTERM or Ctrl-C.
"""

import argparse
import asyncio
import logging
import os
import signal
import socket
import sys

from aiohttp import web

from devtools.fake_stripe.server import bind_loopback, build_app

DEFAULT_WEBHOOK_URL = "http://127.0.0.1:8000/stripe/webhook/"
DEFAULT_WEBHOOK_SECRET = "whsec_local_development"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line; webhook URL and secret default from the environment."""
    parser = argparse.ArgumentParser(
        prog="python -m devtools.fake_stripe",
        description="Local fake of Stripe (localstripe + Checkout Sessions). TEST MODE only.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="a loopback address (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8420, help="0 picks a free port")
    parser.add_argument("--public-url", help="where browsers reach it (default http://HOST:PORT)")
    parser.add_argument(
        "--webhook-url",
        default=os.environ.get("FAKE_STRIPE_WEBHOOK_URL", DEFAULT_WEBHOOK_URL),
        help="where events are POSTed (env FAKE_STRIPE_WEBHOOK_URL; empty: nowhere)",
    )
    parser.add_argument(
        "--webhook-secret",
        default=os.environ.get("STRIPE_WEBHOOK_SECRET") or DEFAULT_WEBHOOK_SECRET,
        help="signing secret (env STRIPE_WEBHOOK_SECRET)",
    )
    parser.add_argument(
        "--no-auto-deliver",
        dest="auto_deliver",
        action="store_false",
        help="record events without delivering them (deliver via POST /_test/events/ID/deliver)",
    )
    return parser.parse_args(argv)


async def serve(args: argparse.Namespace, sock: socket.socket) -> None:
    """Serve on the bound `sock` until SIGTERM or SIGINT."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    host, port = sock.getsockname()[:2]
    address = f"[{host}]" if ":" in host else host
    base = f"http://{address}:{port}"
    app = build_app(
        public_url=args.public_url or base,
        webhook_url=args.webhook_url or None,
        webhook_secret=args.webhook_secret,
        auto_deliver=args.auto_deliver,
    )
    runner = web.AppRunner(app, shutdown_timeout=2.0)
    await runner.setup()
    try:
        await web.SockSite(runner, sock).start()
        target = args.webhook_url or "nowhere"
        sys.stdout.write(f"fake Stripe (TEST MODE) listening on {base}, webhooks to {target}\n")
        sys.stdout.flush()
        await stop.wait()
    finally:
        await runner.cleanup()


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    try:
        sock = bind_loopback(args.host, args.port)
    except ValueError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    except OSError as error:
        sys.stderr.write(f"cannot listen on {args.host}:{args.port}: {error}\n")
        return 1
    asyncio.run(serve(args, sock))
    return 0


if __name__ == "__main__":
    sys.exit(main())
