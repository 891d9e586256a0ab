"""`riso user add|remove|password|unlock|token|list`: accounts of a shared instance."""

from __future__ import annotations

import sys
from datetime import UTC, datetime

import typer

from riso.cli._util import Format, console, get_store, render
from riso.errors import BadRequest
from riso.services import accounts

__all__ = ["add_cli", "list_cli", "password_cli", "register", "remove_cli", "token_cli", "unlock_cli"]

user_app = typer.Typer(help="Accounts, roles and API tokens of a shared instance.", no_args_is_help=True)


def _read_password(from_stdin: bool, *, prompt: str = "Password (empty: token-only account)") -> str | None:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise BadRequest("no password on standard input", hint="Pipe the password: echo PASSWORD | riso user add …")
        return line
    if not sys.stdin.isatty():
        return None
    typed: str = typer.prompt(prompt, hide_input=True, default="", show_default=False)
    if typed:
        again: str = typer.prompt("Repeat the password", hide_input=True)
        if again != typed:
            raise BadRequest("the two passwords differ", hint="Run the command again.")
    return typed or None


@user_app.command("add")
def add_cli(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="User name."),
    role: str = typer.Option("viewer", "--role", help="admin (users, settings), editor (ingest, targets) or viewer."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Create an account (asks for a password on a terminal)."""
    account = accounts.add_user(get_store(ctx), name, role, _read_password(password_stdin))
    console.print(f"added {account.name} ({account.role})")


@user_app.command("remove")
def remove_cli(ctx: typer.Context, name: str = typer.Argument(..., help="User name.")) -> None:
    """Delete an account with its tokens and sessions."""
    accounts.remove_user(get_store(ctx), name)
    console.print(f"removed {name}")


@user_app.command("password")
def password_cli(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="User name."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Set a new password (asks on a terminal); ends the user's web sessions and lifts a lockout."""
    password = _read_password(password_stdin, prompt="New password")
    if not password:
        raise BadRequest("no new password given", hint="Type it at the prompt, or pipe it with --password-stdin.")
    accounts.set_password(get_store(ctx), name, password)
    console.print(f"password of {name} changed; its web sessions were ended")


@user_app.command("unlock")
def unlock_cli(ctx: typer.Context, name: str = typer.Argument(..., help="User name.")) -> None:
    """Lift the lockout after failed logins and forget them."""
    accounts.unlock_user(get_store(ctx), name)
    console.print(f"unlocked {name}")


@user_app.command("token")
def token_cli(
    ctx: typer.Context,
    name: str = typer.Argument(..., help="User name."),
    label: str = typer.Option(None, help="A note on what the token is for."),
    expires_days: float = typer.Option(None, "--expires-days", help="Days until the new token stops working."),
    revoke: str = typer.Option(None, "--revoke", help="Revoke this token (the token, or its id from --list)."),
    show: bool = typer.Option(False, "--list", help="List the user's tokens by id instead."),
    fmt: Format = typer.Option(Format.table, "--format", help="Output format of --list."),
) -> None:
    """Create an API token for scripts (shown once; send it as `Authorization: Bearer TOKEN`), list or revoke one."""
    store = get_store(ctx)
    if revoke is not None:
        accounts.revoke_token(store, name, revoke)
        console.print(f"revoked a token of {name}")
    elif show:
        rows = [
            {
                "id": t.id,
                "label": t.label,
                "created_at": t.created_at,
                "expires_at": None if t.expires_at is None else _when(t.expires_at),
            }
            for t in accounts.list_tokens(store, name)
        ]
        render(rows, fmt, columns=["id", "label", "created_at", "expires_at"])
    else:
        sys.stdout.write(accounts.issue_token(store, name, label=label, expires_days=expires_days) + "\n")


def _when(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=UTC).strftime("%Y-%m-%d %H:%M UTC")


@user_app.command("list")
def list_cli(ctx: typer.Context, fmt: Format = typer.Option(Format.table, "--format", help="Output format.")) -> None:
    """Every account with its role."""
    rows = [{"name": a.name, "role": a.role, "created_at": a.created_at} for a in accounts.list_users(get_store(ctx))]
    render(rows, fmt, columns=["name", "role", "created_at"])


def register(app: typer.Typer) -> None:
    """Add `riso user …` to the app."""
    app.add_typer(user_app, name="user")
