namespace LoRaFuota.Storage.Model;

/// <summary>What a package is assigned to.</summary>
public enum AssignmentTarget
{
    /// <summary>A device group (profile): every device of the group without an assignment of its own.</summary>
    Group = 1,

    /// <summary>One device: it overrides its group's assignment.</summary>
    Device = 2,
}
