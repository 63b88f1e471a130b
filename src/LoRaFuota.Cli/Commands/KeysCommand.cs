using System.CommandLine;
using System.Text.Json;
using LoRaFuota.Cli.Json;
using LoRaFuota.Security;

namespace LoRaFuota.Cli.Commands;

/// <summary><c>lorafuota keys</c>: the TS005 multicast key hierarchy for one device and group.</summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context)
    {
        Option<string> genAppKey = CliOptions.Text("--gen-app-key", "The LoRaWAN 1.0.x GenAppKey (32 hex digits).");
        Option<string> appKey = CliOptions.Text("--app-key", "The LoRaWAN 1.1 AppKey (32 hex digits).");
        Option<string> rootKey = CliOptions.Text("--mc-root-key", "McRootKey itself (32 hex digits).");
        Option<string> mcAddr = CliOptions.Text("--mc-addr", "The multicast address, 8 hex digits most significant first.", required: true);
        Option<string> mcKey = CliOptions.Text("--mc-key", "The group key McKey (32 hex digits).");
        Option<string> mcKeyEncrypted = CliOptions.Text("--mc-key-encrypted", "McKey_encrypted from McGroupSetupReq (32 hex digits).");
        var command = new Command("keys", "Derive McRootKey, McKEKey, McKey(_encrypted), McAppSKey and McNwkSKey.")
        {
            genAppKey, appKey, rootKey, mcAddr, mcKey, mcKeyEncrypted,
        };
        command.SetAction(result =>
        {
            string? gen = result.GetValue(genAppKey), app = result.GetValue(appKey), root = result.GetValue(rootKey);
            if ((gen is null ? 0 : 1) + (app is null ? 0 : 1) + (root is null ? 0 : 1) != 1)
            {
                throw new CliUsageException("Give exactly one of --gen-app-key, --app-key or --mc-root-key.");
            }

            string? plain = result.GetValue(mcKey), encrypted = result.GetValue(mcKeyEncrypted);
            if ((plain is null) == (encrypted is null))
            {
                throw new CliUsageException("Give exactly one of --mc-key or --mc-key-encrypted.");
            }

            Key128 mcRootKey = gen is not null ? MulticastKeys.DeriveMcRootKeyFromGenAppKey(CliOptions.ParseKey(gen, "--gen-app-key"))
                : app is not null ? MulticastKeys.DeriveMcRootKeyFromAppKey(CliOptions.ParseKey(app, "--app-key"))
                : CliOptions.ParseKey(root, "--mc-root-key");
            uint address = CliOptions.ParseAddress(result.GetValue(mcAddr), "--mc-addr");
            Key128 keKey = MulticastKeys.DeriveMcKEKey(mcRootKey);
            Key128 groupKey = plain is not null
                ? CliOptions.ParseKey(plain, "--mc-key")
                : MulticastKeys.DecryptMcKey(keKey, CliOptions.ParseKey(encrypted, "--mc-key-encrypted"));

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("mc_root_key", mcRootKey.ToHexString());
                writer.WriteString("mc_ke_key", keKey.ToHexString());
                writer.WriteString("mc_addr", HexText.FromAddress(address));
                writer.WriteString("mc_key", groupKey.ToHexString());
                writer.WriteString("mc_key_encrypted", MulticastKeys.EncryptMcKey(keKey, groupKey).ToHexString());
                writer.WriteString("mc_app_s_key", MulticastKeys.DeriveMcAppSKey(groupKey, address).ToHexString());
                writer.WriteString("mc_nwk_s_key", MulticastKeys.DeriveMcNwkSKey(groupKey, address).ToHexString());
                writer.WriteEndObject();
            }

            context.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
            return 0;
        });
        return command;
    }
}
