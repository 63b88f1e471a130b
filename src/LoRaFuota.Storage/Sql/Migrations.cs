namespace LoRaFuota.Storage.Sql;

/// <summary>The schema, one list of statements per version; a version once shipped is never edited, only followed.</summary>
internal static class Migrations
{
    /// <summary>Gets the newest schema version.</summary>
    public static int Latest => 3;

    /// <summary>The statements that take the schema from <paramref name="version"/> − 1 to <paramref name="version"/>.</summary>
    public static IReadOnlyList<string> For(int version, SqlDialect dialect) => version switch
    {
        1 =>
        [
            $"""
            CREATE TABLE packages (
                id TEXT PRIMARY KEY, title TEXT NOT NULL, version TEXT NOT NULL, type INTEGER NOT NULL,
                checksum_algorithm TEXT NOT NULL, checksum TEXT NOT NULL, sha256 TEXT NOT NULL, description TEXT,
                size INTEGER NOT NULL, created_at BIGINT NOT NULL, deleted_at BIGINT, content {dialect.BlobType} NOT NULL)
            """,
            // Title + version is unique among the packages not deleted; a deleted one that ended campaigns still name
            // keeps its row (without its bytes) for their history.
            "CREATE UNIQUE INDEX packages_title_version ON packages (title, version) WHERE deleted_at IS NULL",
            """
            CREATE TABLE campaigns (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, package_id TEXT NOT NULL REFERENCES packages (id),
                state INTEGER NOT NULL, cancel_requested INTEGER NOT NULL, parameters TEXT NOT NULL, snapshot TEXT NOT NULL,
                plan TEXT, revision BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, ended_at BIGINT,
                lease_owner TEXT, lease_token TEXT, lease_expires_at BIGINT)
            """,
            "CREATE INDEX campaigns_claim ON campaigns (state, lease_expires_at, created_at)",
            """
            CREATE TABLE campaign_devices (
                campaign_id TEXT NOT NULL REFERENCES campaigns (id), dev_eui TEXT NOT NULL, state INTEGER NOT NULL,
                failure_reason INTEGER NOT NULL, firmware_version TEXT, fragments_received INTEGER, updated_at BIGINT NOT NULL,
                PRIMARY KEY (campaign_id, dev_eui))
            """,
            $"""
            CREATE TABLE device_history (
                id {dialect.SerialKey}, campaign_id TEXT NOT NULL REFERENCES campaigns (id), dev_eui TEXT NOT NULL,
                state INTEGER NOT NULL, reason INTEGER NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX device_history_campaign ON device_history (campaign_id, id)",
            """
            CREATE TABLE fragment_deliveries (
                campaign_id TEXT NOT NULL REFERENCES campaigns (id), grp INTEGER NOT NULL, idx INTEGER NOT NULL,
                fcnt BIGINT, enqueued_at BIGINT NOT NULL, PRIMARY KEY (campaign_id, grp, idx))
            """,
        ],
        // 2: the network server's own reference to each multicast group a campaign created, for a resumed campaign.
        2 =>
        [
            """
            CREATE TABLE campaign_groups (
                campaign_id TEXT NOT NULL REFERENCES campaigns (id), grp INTEGER NOT NULL, transport_state TEXT NOT NULL,
                PRIMARY KEY (campaign_id, grp))
            """,
        ],
        // 3: the device registry (groups), package assignments (ThingsBoard's rules), and where a campaign came from.
        3 =>
        [
            """
            CREATE TABLE devices (
                dev_eui TEXT PRIMARY KEY, device_group TEXT, uplink_interval_s DOUBLE PRECISION, firmware_version TEXT,
                region TEXT, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX devices_group ON devices (device_group)",
            """
            CREATE TABLE assignments (
                target_kind INTEGER NOT NULL, target TEXT NOT NULL, package_id TEXT NOT NULL REFERENCES packages (id),
                parameters TEXT NOT NULL, assigned_at BIGINT NOT NULL, PRIMARY KEY (target_kind, target))
            """,
            "ALTER TABLE campaigns ADD COLUMN origin TEXT",
            "CREATE INDEX campaign_devices_device ON campaign_devices (dev_eui)",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, "No such schema version."),
    };
}
