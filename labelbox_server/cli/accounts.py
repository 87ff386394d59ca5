"""`init`, `create-key`, `create-user`, `accept-invite`, `keys`, `iam-integration` and
`create-slice`: the database, organizations, people, keys and catalog slices."""

from __future__ import annotations

from typing import Annotated

import typer

from .options import (
    DatabaseUrl,
    DataDir,
    RateLimit,
    api_errors_reported,
    app,
    settings_for,
)


@app.command()
def init(
    data_dir: DataDir,
    database_url: DatabaseUrl = None,
    organization: Annotated[
        str | None, typer.Option(help="Organization name (default: Local Organization [N]).")
    ] = None,
    email: Annotated[
        str | None, typer.Option(help="Admin email (default: admin@<organization-slug>.local).")
    ] = None,
) -> None:
    """Create (or upgrade) the database and a new organization with an admin user.

    Prints the admin's API key as the last line.
    """
    from ..provisioning import initialize

    settings = settings_for(data_dir, database_url)
    with api_errors_reported():
        result = initialize(settings.resolved_database_url, organization=organization, email=email)
    typer.echo(f"Organization: {result.organization_name} ({result.organization_id})")
    typer.echo(f"Admin user: {result.email} ({result.user_id})")
    typer.echo("API key:")
    typer.echo(result.api_key)


@app.command("create-key")
def create_key(
    data_dir: DataDir,
    email: Annotated[str, typer.Option(help="Email of an existing user.")],
    database_url: DatabaseUrl = None,
    rate_limit: RateLimit = None,
) -> None:
    """Issue a new API key for an existing user. Prints the key as the last line."""
    from ..provisioning import create_key as issue

    settings = settings_for(data_dir, database_url)
    with api_errors_reported():
        key = issue(settings.resolved_database_url, email, rate_limit=rate_limit)
    typer.echo(key)


@app.command("create-user")
def create_user(
    data_dir: DataDir,
    role: Annotated[
        str, typer.Option(help="Organization role: ADMIN, TEAM_MANAGER, REVIEWER, LABELER or NONE.")
    ],
    email: Annotated[str | None, typer.Option(help="Email (default: <role>-<n>@local).")] = None,
    project: Annotated[
        list[str] | None,
        typer.Option(help="PROJECT_ID:ROLE, a project role of a NONE user (repeatable)."),
    ] = None,
    organization_id: Annotated[
        str | None, typer.Option(help="Organization (default: the first one).")
    ] = None,
    database_url: DatabaseUrl = None,
    rate_limit: RateLimit = None,
) -> None:
    """Create a user with a role and an API key. Prints the key as the last line."""
    from ..provisioning import create_user as make

    pairs = []
    for entry in project or ():
        project_id, separator, project_role = entry.partition(":")
        if not separator or not project_id or not project_role:
            typer.echo(f"error: --project {entry!r} is not PROJECT_ID:ROLE", err=True)
            raise typer.Exit(2)
        pairs.append((project_id, project_role))
    settings = settings_for(data_dir, database_url)
    url = settings.resolved_database_url
    with api_errors_reported():
        if email is None:
            from ..provisioning import list_keys

            email = f"{role.lower().replace('_', '-')}-{len(list_keys(url)) + 1}@users.local"
        made = make(
            url,
            email=email,
            role=role,
            organization_id=organization_id,
            project_roles=pairs,
            rate_limit=rate_limit,
        )
    typer.echo(f"User: {made.email} ({made.user_id}), role {made.role}")
    typer.echo("API key:")
    typer.echo(made.api_key)


@app.command("accept-invite")
def accept_invite(
    data_dir: DataDir,
    email: Annotated[str, typer.Option(help="The invitee's email.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Turn a pending invite into a user (the local server sends no email). Prints the new
    user's API key as the last line."""
    from ..provisioning import accept_invite as accept

    settings = settings_for(data_dir, database_url)
    with api_errors_reported():
        made = accept(settings.resolved_database_url, email)
    typer.echo(f"User: {made.email} ({made.user_id}), role {made.role}")
    typer.echo("API key:")
    typer.echo(made.api_key)


keys_app = typer.Typer(help="List and revoke API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("list")
def list_keys(
    data_dir: DataDir,
    email: Annotated[str | None, typer.Option(help="Only this user's keys.")] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Every API key: id, first characters, user, created, revoked, own rate limit."""
    from ..provisioning import list_keys as keys

    settings = settings_for(data_dir, database_url)
    with api_errors_reported():
        found = keys(settings.resolved_database_url, email)
    for key in found:
        state = "revoked" if key.revoked else "active"
        limit = "-" if key.rate_limit is None else str(key.rate_limit)
        typer.echo(
            f"{key.id}  {key.prefix}...  {key.email}  {key.created_at:%Y-%m-%d %H:%M}  "
            f"{state}  rate-limit={limit}"
        )


@keys_app.command("revoke")
def revoke_key(
    data_dir: DataDir,
    key_id: Annotated[str, typer.Argument(help="The key's id (see `keys list`).")],
    database_url: DatabaseUrl = None,
) -> None:
    """Revoke an API key: it stops working at once."""
    from ..provisioning import revoke_key as revoke

    settings = settings_for(data_dir, database_url)
    with api_errors_reported():
        key = revoke(settings.resolved_database_url, key_id)
    typer.echo(f"Revoked {key.id} ({key.prefix}..., {key.email})")


iam_app = typer.Typer(help="Record IAM (delegated access) integrations.", no_args_is_help=True)
app.add_typer(iam_app, name="iam-integration")


@iam_app.command("create")
def create_iam_integration(
    data_dir: DataDir,
    name: Annotated[str, typer.Option(help="The integration's name.")],
    provider: Annotated[str, typer.Option(help="AWS or GCP.")] = "AWS",
    role_arn: Annotated[str | None, typer.Option(help="AWS: the role to assume.")] = None,
    service_account: Annotated[str | None, typer.Option(help="GCP: service account.")] = None,
    read_bucket: Annotated[str | None, typer.Option(help="GCP: the bucket.")] = None,
    default: Annotated[bool, typer.Option(help="Make it the organization's default.")] = False,
    invalid: Annotated[bool, typer.Option(help="Record it as not valid.")] = False,
    organization_id: Annotated[
        str | None, typer.Option(help="Organization (default: the first one).")
    ] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Record an integration; prints its id."""
    from ..provisioning import create_iam_integration as create

    settings = settings_for(data_dir, database_url)
    with api_errors_reported():
        integration_id = create(
            settings.resolved_database_url,
            name=name,
            provider=provider,
            organization_id=organization_id,
            role_arn=role_arn,
            service_account_email_id=service_account,
            read_bucket=read_bucket,
            valid=not invalid,
            default=default,
        )
    typer.echo(integration_id)


@app.command("create-slice")
def create_slice(
    data_dir: DataDir,
    email: Annotated[str, typer.Option(help="Email of a user of the slice's organization.")],
    name: Annotated[str, typer.Option(help="The slice's name.")],
    filter_json: Annotated[
        str,
        typer.Option(
            "--filter",
            help="JSON list of conditions on dataset, project, external_id, global_key, "
            "row_data, media_type, created_at or metadata (see the README), e.g. "
            '\'[{"type": "metadata", "schemaId": "split", "operator": "is", '
            '"values": ["train"]}]\'.',
        ),
    ],
    description: Annotated[str | None, typer.Option(help="A description.")] = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Save a catalog slice (a filter of the organization's data rows). Prints its id last."""
    import json

    from ..provisioning import create_catalog_slice

    try:
        filter_ = json.loads(filter_json)
    except ValueError as error:
        typer.echo(f"error: --filter is not JSON: {error}", err=True)
        raise typer.Exit(2) from None
    settings = settings_for(data_dir, database_url)
    with api_errors_reported():
        slice_id = create_catalog_slice(
            settings.resolved_database_url, email, name, filter_, description
        )
    typer.echo(slice_id)
