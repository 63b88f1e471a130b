using System.Text.Json;
using LoRaFuota.Multicast;

namespace LoRaFuota.Cli.Json.Fields;

/// <summary>
/// McGroupStatusAns <c>items</c>: an array of <c>{"mc_group_id", "mc_addr"}</c>, written in ascending group order and
/// read in any order, each group at most once.
/// </summary>
internal sealed class GroupListField(string name, IntegerField groupId, WordField address) : JsonField<GroupList>(name)
{
    private readonly JsonObjectFields _itemFields = new([groupId.Name, address.Name]);

    public override void Write(Utf8JsonWriter writer, GroupList value)
    {
        writer.WriteStartArray(Name);
        for (int group = 0; group < McGroupAddresses.Count; group++)
        {
            if (((value.Mask >> group) & 1) != 0)
            {
                writer.WriteStartObject();
                groupId.Write(writer, group);
                address.Write(writer, value.Addresses[group]);
                writer.WriteEndObject();
            }
        }

        writer.WriteEndArray();
    }

    public override GroupList Read(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("an array of {\"mc_group_id\", \"mc_addr\"} objects");
        }

        int mask = 0;
        McGroupAddresses addresses = default;
        foreach (JsonElement item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw Invalid("an array of {\"mc_group_id\", \"mc_addr\"} objects");
            }

            _itemFields.RejectUnknown(item, Name);
            int group = (int)groupId.Read(JsonObjectFields.Required(item, groupId.Name, Name));
            if (((mask >> group) & 1) != 0)
            {
                throw new CliUsageException($"\"{Name}\" lists mc_group_id {group} twice.");
            }

            mask |= 1 << group;
            addresses[group] = (uint)address.Read(JsonObjectFields.Required(item, address.Name, Name));
        }

        return new GroupList(mask, addresses);
    }
}
